import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Actor, EventMetadata, EventSource } from '@app/event-store';

/** Who sends a command, why, and how: it becomes every resulting event's metadata. */
export interface CommandContext {
  actor: Actor;
  reason?: string | null;
  source: EventSource;
  correlationId?: string;
  causationId?: string | null;
}

export function metadataOf(context: CommandContext, correlationId: string): EventMetadata {
  const reason = context.reason?.trim();
  return {
    actor: context.actor,
    reason: reason ? reason : null,
    source: context.source,
    correlationId,
    causationId: context.causationId ?? null,
  };
}

export function newCorrelationId(context: CommandContext): string {
  return context.correlationId ?? randomUUID();
}

/** Until users exist, the command line acts as `cli:<os user>`. */
export function cliContext(reason?: string | null): CommandContext {
  let user = 'unknown';
  try {
    user = userInfo().username || user;
  } catch {
    // no passwd entry (some containers): keep "unknown"
  }
  return { actor: { userId: `cli:${user}`, role: 'cli' }, reason: reason ?? null, source: 'cli' };
}
