import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { RoundCommand, RoundEvent, RoundState, TemplateEvent } from '@app/domain';
import { RoundError, decideRound, decideTemplate, evolveRound, evolveTemplate, initialRoundState, initialTemplateState, parseTemplateRef, roundStreamId, templateStreamId } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import { domainEvent, findCounty, findTemplate, writeRound, writeTemplateVersion } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { metadataOf, newCorrelationId } from './command-context';
import { validateYear } from './filing.service';
import { inTransaction } from './transaction';

/** What the scoring module provides: the template validator and the templates shipped with the code. */
export interface TemplateCatalogue {
  validate(definition: unknown): string[];
  builtins: Record<string, { name: string; definition: unknown }>;
}

/** A template file's definition as stored: everything but `id` and `version`, which the stream gives. */
export function definitionOf(template: unknown): unknown {
  if (!template || typeof template !== 'object' || Array.isArray(template)) return template;
  const { id, version, ...definition } = template as Record<string, unknown>;
  void id;
  void version;
  return definition;
}

function toAppError(error: unknown): unknown {
  return error instanceof RoundError ? new AppError(error.kind, error.code, error.message, { field: error.field, messageEn: error.messageEn, cause: error }) : error;
}

/**
 * Templates and rounds: load → fold → decide → append, with their read models in the same transaction.
 * A template shipped with the code is published as version 1 (source `system`) the first time a round
 * or a filing names it, so every version a filing is scored with is an event in the log.
 */
export class TemplateRoundHandler {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly catalogue: TemplateCatalogue,
  ) {}

  async publishTemplate(templateId: string, name: string, definition: unknown, note: string | null, context: CommandContext): Promise<{ templateId: string; version: number; appended: number }> {
    return inTransaction(this.pool, (client) => this.publishIn(client, templateId, name, definitionOf(definition), note, context));
  }

  private async publishIn(client: PoolClient, templateId: string, name: string, definition: unknown, note: string | null, context: CommandContext) {
    const streamId = templateStreamId(templateId);
    const stored = /^[a-z0-9][a-z0-9-]{0,62}$/u.test(templateId) ? await this.store.readStream(streamId, { client }) : [];
    const state = stored.reduce((s, e) => evolveTemplate(s, domainEvent<TemplateEvent>(e)), initialTemplateState());
    let events: TemplateEvent[];
    try {
      events = decideTemplate({ type: 'PublishTemplate', templateId, name, definition, note }, state, (d) => this.catalogue.validate(d));
    } catch (error) {
      throw toAppError(error);
    }
    if (events.length === 0) return { templateId, version: state.versions.length, appended: 0 };
    const metadata = metadataOf(context, newCorrelationId(context));
    const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), {
      expectedVersion: stored.length === 0 ? 'no-stream' : stored.length,
      client,
    });
    for (const e of events) await writeTemplateVersion(client, e.data, result.recordedAt);
    return { templateId, version: events[0].data.version, appended: events.length };
  }

  /**
   * The version a reference names (`id@n`, or `id` for the latest), publishing a shipped template as
   * version 1 when it is named for the first time. Refuses an unknown template or version.
   */
  async resolveTemplate(client: PoolClient, ref: string, context: CommandContext): Promise<{ templateId: string; version: number }> {
    let parsed: { templateId: string; version: number | null };
    try {
      parsed = parseTemplateRef(ref);
    } catch (error) {
      throw toAppError(error);
    }
    let row = await findTemplate(client, parsed.templateId, parsed.version);
    const builtin = this.catalogue.builtins[parsed.templateId];
    if (!row && builtin && !(await findTemplate(client, parsed.templateId, null))) {
      await this.publishIn(client, parsed.templateId, builtin.name, builtin.definition, '随系统发布的模板 (shipped with PerfLedger)', { ...context, source: 'system' });
      row = await findTemplate(client, parsed.templateId, parsed.version);
    }
    if (!row) {
      throw new AppError('NotFound', 'template-not-found', `模板 ${ref} 不存在（perfledger templates 可列出全部模板）`, { field: 'template', messageEn: `no template ${ref}` });
    }
    return { templateId: row.templateId, version: row.version };
  }

  async openRound(countyCode: string, year: number, deadline: string, template: string, context: CommandContext): Promise<RoundState> {
    validateYear(year);
    return inTransaction(this.pool, async (client) => {
      if (!(await findCounty(client, countyCode))) {
        throw new AppError('NotFound', 'county-not-found', `行政区划 ${countyCode} 尚未登记，请先执行 perfledger county add`, { field: 'county' });
      }
      const t = await this.resolveTemplate(client, template, context);
      return this.roundCommand(client, countyCode, year, { type: 'OpenRound', countyCode, year, deadline, templateId: t.templateId, templateVersion: t.version }, context);
    });
  }

  async changeRoundTemplate(countyCode: string, year: number, template: string, context: CommandContext): Promise<RoundState> {
    return inTransaction(this.pool, async (client) => {
      const t = await this.resolveTemplate(client, template, context);
      return this.roundCommand(client, countyCode, year, { type: 'ChangeRoundTemplate', templateId: t.templateId, templateVersion: t.version }, context);
    });
  }

  async changeRoundDeadline(countyCode: string, year: number, deadline: string, context: CommandContext): Promise<RoundState> {
    return inTransaction(this.pool, (client) => this.roundCommand(client, countyCode, year, { type: 'ChangeRoundDeadline', deadline }, context));
  }

  /** Template and/or deadline in one transaction: both change or neither does. */
  async changeRound(countyCode: string, year: number, changes: { template?: string; deadline?: string }, context: CommandContext): Promise<RoundState> {
    return inTransaction(this.pool, async (client) => {
      let state: RoundState | null = null;
      if (changes.template) {
        const t = await this.resolveTemplate(client, changes.template, context);
        state = await this.roundCommand(client, countyCode, year, { type: 'ChangeRoundTemplate', templateId: t.templateId, templateVersion: t.version }, context);
      }
      if (changes.deadline) state = await this.roundCommand(client, countyCode, year, { type: 'ChangeRoundDeadline', deadline: changes.deadline }, context);
      if (!state) throw new AppError('InvalidInput', 'nothing-to-change', '请指定要修改的评分模板或截止日期', { field: 'template' });
      return state;
    });
  }

  private async roundCommand(client: PoolClient, countyCode: string, year: number, command: RoundCommand, context: CommandContext): Promise<RoundState> {
    const streamId = roundStreamId(countyCode, year);
    const stored = await this.store.readStream(streamId, { client });
    const state = stored.reduce((s, e) => evolveRound(s, domainEvent<RoundEvent>(e)), initialRoundState());
    let events: RoundEvent[];
    try {
      events = decideRound(command, state);
    } catch (error) {
      throw toAppError(error);
    }
    if (events.length === 0) return state;
    const next = events.reduce(evolveRound, state);
    const metadata = metadataOf(context, newCorrelationId(context));
    const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), {
      expectedVersion: stored.length === 0 ? 'no-stream' : stored.length,
      client,
    });
    await writeRound(client, next, result.nextVersion);
    return next;
  }
}
