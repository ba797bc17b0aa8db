import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@app/event-store';

/** A test event with full metadata; `n` lets read models sum something that doubles would change. */
export function testEvent(type = 'TestHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data: { n: 1, ...data },
    metadata: {
      actor: { userId: 'test-user', role: 'system' },
      reason: 'test',
      source: 'system',
      correlationId: randomUUID(),
    },
  };
}

export function testEvents(count: number, type = 'TestHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => testEvent(type, { i }));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
