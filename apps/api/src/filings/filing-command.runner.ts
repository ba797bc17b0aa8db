import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PoolClient } from 'pg';
import type { CommandContext, FilingRef } from '@app/application';
import { FilingCommandHandler, IdempotencyService } from '@app/application';
import type { FilingCommand } from '@app/domain';
import type { AuthUser } from '../auth/auth.decorators';
import { contextOf, etagOf, idempotencyOf, ifMatchVersion } from '../auth/access';
import { unitByCode, unitJson } from './filing-scope';

/** What a filing command answers (the CLI's `--json` of `set`, `submit`, …). */
export interface CommandResponse {
  unit: { code: string; name: string; county: string };
  year: number;
  version: number;
  status: string;
  appended: number;
  changes: { type: string; version: number; paths: string[] }[];
  [extra: string]: unknown;
}

/** One command request in flight: its transaction, the user's context and the `If-Match` version. */
export interface CommandScope {
  client: PoolClient;
  context: CommandContext;
  ifVersion: number | undefined;
}

/**
 * Runs the filing commands of one HTTP request: `If-Match` → the handler's `ifVersion` (412 when stale),
 * `Idempotency-Key` → the events and the stored response commit in one transaction (a replay returns
 * the first response with `Idempotent-Replayed: true`), and the new version as `ETag`.
 */
@Injectable()
export class FilingCommandRunner {
  constructor(
    private readonly filings: FilingCommandHandler,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** `work` runs in the request's transaction; its body is the response (status 200). */
  async respond(user: AuthUser, request: Request, response: Response, reason: string | null | undefined, work: (scope: CommandScope) => Promise<CommandResponse>): Promise<unknown> {
    const ifVersion = ifMatchVersion(request);
    const { key, requestHash } = idempotencyOf(request);
    const context = contextOf(user, request, reason);
    const stored = await this.idempotency.run(user.username, key, requestHash, async (client) => ({ status: 200, body: await work({ client, context, ifVersion }) }));
    if (stored.replayed) response.setHeader('Idempotent-Replayed', 'true');
    const version = (stored.body as { version?: unknown } | null)?.version;
    if (typeof version === 'number') response.setHeader('ETag', etagOf(version));
    response.status(stored.status);
    return stored.body;
  }

  /** Commands on one filing in the request's transaction, answered as the CLI's `--json` does. */
  async execute(scope: CommandScope, ref: FilingRef, commands: FilingCommand[], open: boolean): Promise<CommandResponse> {
    const unit = await unitByCode(scope.client, ref);
    const result = await this.filings.executeIn(scope.client, ref, commands, scope.context, { open, ifVersion: scope.ifVersion });
    return { unit: unitJson(unit), year: ref.year, version: result.version, status: result.state.status, appended: result.appended, changes: result.changes };
  }

  /** Runs `commands` as one request (the common case). */
  run(user: AuthUser, request: Request, response: Response, ref: FilingRef, commands: FilingCommand[], options: { open: boolean; reason?: string | null }): Promise<unknown> {
    return this.respond(user, request, response, options.reason, (scope) => this.execute(scope, ref, commands, options.open));
  }
}
