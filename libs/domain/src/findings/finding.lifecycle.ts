import { assertNever } from '../filing/filing.events';
import type { Finding, Severity } from '../rules/rule.types';

/**
 * A filing's findings as a stream (`findings-<county>-<unit>-<year>`): what the rules raised and when, and
 * what the bureau made of it. The rules run on every change of the filing; `reconcileFindings` turns
 * their output into events — raised, updated (same cell, other numbers), resolved (no longer raised, by
 * the change that fixed it), raised again — and a reviewer acknowledges or dismisses with a reason.
 */
export type FindingStatus = 'open' | 'acknowledged' | 'dismissed' | 'resolved';

export interface FindingFacts {
  ruleId: string;
  severity: Severity;
  table: string;
  paths: string[];
  expected: string | null;
  actual: string | null;
  message: string;
  messageEn: string;
}

export type FindingEvent =
  | { type: 'FindingRaised'; data: FindingFacts & { findingId: string; filingVersion: number } }
  | { type: 'FindingUpdated'; data: FindingFacts & { findingId: string; filingVersion: number } }
  | { type: 'FindingResolved'; data: { findingId: string; filingVersion: number } }
  | { type: 'FindingAcknowledged'; data: { findingId: string; reason: string } }
  | { type: 'FindingDismissed'; data: { findingId: string; reason: string } };

export type FindingReviewCommand = { type: 'AcknowledgeFinding' | 'DismissFinding'; findingId: string; reason: string };

export interface FindingState extends FindingFacts {
  findingId: string;
  status: FindingStatus;
  /** the filing version at which it was (last) raised, updated, resolved */
  raisedAt: number;
  updatedAt: number;
  resolvedAt: number | null;
  /** the reviewer's reason for the current acknowledged / dismissed status */
  review: { status: 'acknowledged' | 'dismissed'; reason: string } | null;
}

export type FindingsState = Map<string, FindingState>;

export class FindingError extends Error {
  constructor(
    readonly kind: 'InvalidInput' | 'NotFound' | 'Conflict',
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FindingError';
  }
}

/** What identifies a finding across recomputations: the rule, the table and the cells. */
export function findingKey(f: { ruleId: string; table: string; paths: string[] }): string {
  return `${f.ruleId}|${f.table}|${[...f.paths].sort().join('|')}`;
}

const facts = (f: Finding): FindingFacts => ({
  ruleId: f.ruleId,
  severity: f.severity,
  table: f.table,
  paths: f.paths,
  expected: f.expected,
  actual: f.actual,
  message: f.message,
  messageEn: f.messageEn,
});

const sameFacts = (a: FindingFacts, b: FindingFacts) =>
  a.severity === b.severity && a.expected === b.expected && a.actual === b.actual && a.message === b.message && a.messageEn === b.messageEn && a.paths.join('|') === b.paths.join('|');

export function evolveFindings(state: FindingsState, event: FindingEvent): FindingsState {
  const next = new Map(state);
  const d = event.data;
  const current = next.get(d.findingId);
  switch (event.type) {
    case 'FindingRaised': {
      const { findingId, filingVersion, ...f } = event.data;
      next.set(findingId, { ...f, findingId, status: 'open', raisedAt: filingVersion, updatedAt: filingVersion, resolvedAt: null, review: null });
      return next;
    }
    case 'FindingUpdated': {
      const { findingId, filingVersion, ...f } = event.data;
      if (current) next.set(findingId, { ...current, ...f, updatedAt: filingVersion });
      return next;
    }
    case 'FindingResolved':
      if (current) next.set(d.findingId, { ...current, status: 'resolved', resolvedAt: event.data.filingVersion, updatedAt: event.data.filingVersion });
      return next;
    case 'FindingAcknowledged':
      if (current) next.set(d.findingId, { ...current, status: 'acknowledged', review: { status: 'acknowledged', reason: event.data.reason } });
      return next;
    case 'FindingDismissed':
      if (current) next.set(d.findingId, { ...current, status: 'dismissed', review: { status: 'dismissed', reason: event.data.reason } });
      return next;
    default:
      return assertNever(event);
  }
}

export function foldFindings(events: Iterable<FindingEvent>, state: FindingsState = new Map()): FindingsState {
  let s = state;
  for (const e of events) s = evolveFindings(s, e);
  return s;
}

/**
 * Pure: the events that bring the stored findings in line with what the rules raise now (`fresh`, each
 * with its id) at `filingVersion`. A reviewed finding keeps its review while it is still raised; a
 * finding no longer raised is resolved; a resolved one raised again is raised anew (open).
 */
export function reconcileFindings(
  state: FindingsState,
  fresh: (Finding & { findingId: string })[],
  filingVersion: number,
  /** the rules this run covers: a finding of another rule (a job's S or A rule) is left as it is */
  covers: (ruleId: string) => boolean = () => true,
): FindingEvent[] {
  const events: FindingEvent[] = [];
  const seen = new Set<string>();
  for (const f of fresh) {
    if (seen.has(f.findingId)) continue;
    seen.add(f.findingId);
    const current = state.get(f.findingId);
    if (!current || current.status === 'resolved') events.push({ type: 'FindingRaised', data: { ...facts(f), findingId: f.findingId, filingVersion } });
    else if (!sameFacts(current, facts(f))) events.push({ type: 'FindingUpdated', data: { ...facts(f), findingId: f.findingId, filingVersion } });
  }
  for (const current of state.values()) {
    if (current.status !== 'resolved' && !seen.has(current.findingId) && covers(current.ruleId)) events.push({ type: 'FindingResolved', data: { findingId: current.findingId, filingVersion } });
  }
  return events;
}

/** Pure: a reviewer acknowledges (the unit will fix it, or it stands explained) or dismisses (a false alarm) an open finding, with a reason. */
export function decideFindingReview(command: FindingReviewCommand, state: FindingsState): FindingEvent[] {
  const reason = (command.reason ?? '').trim();
  if (!reason) throw new FindingError('InvalidInput', 'reason-required', '确认或驳回核验发现时必须填写理由', 'a reason is required', 'reason');
  const finding = state.get(command.findingId);
  if (!finding) throw new FindingError('NotFound', 'finding-not-found', `核验发现 ${command.findingId} 不存在`, `no finding ${command.findingId}`, 'findingId');
  if (finding.status === 'resolved') {
    throw new FindingError('Conflict', 'finding-resolved', `核验发现 ${command.findingId} 已因数据更正而解决，无需处理`, `finding ${command.findingId} is already resolved`, 'findingId');
  }
  switch (command.type) {
    case 'AcknowledgeFinding':
      if (finding.status === 'acknowledged' && finding.review?.reason === reason) return [];
      return [{ type: 'FindingAcknowledged', data: { findingId: command.findingId, reason } }];
    case 'DismissFinding':
      if (finding.status === 'dismissed' && finding.review?.reason === reason) return [];
      return [{ type: 'FindingDismissed', data: { findingId: command.findingId, reason } }];
    default:
      return assertNever(command.type);
  }
}

export const findingsStreamId = (countyCode: string, unitCode: string, year: number) => `findings-${countyCode}-${unitCode}-${year}`;
