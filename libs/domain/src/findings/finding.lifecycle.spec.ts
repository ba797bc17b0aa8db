import type { Finding } from '../rules/rule.types';
import type { FindingEvent } from './finding.lifecycle';
import { decideFindingReview, FindingError, findingKey, foldFindings, reconcileFindings } from './finding.lifecycle';

const c01 = (actual: string): Finding & { findingId: string } => ({
  findingId: 'f1',
  ruleId: 'C01',
  severity: 'error',
  table: 'overall',
  paths: ['overall.total.score'],
  expected: '108.00',
  actual,
  message: `总分应为 108，表中填报为 ${actual}`,
  messageEn: `total should be 108, stated ${actual}`,
});
const c03: Finding & { findingId: string } = { ...c01('98'), findingId: 'f2', ruleId: 'C03', paths: ['overall.groups.benefit.weight'], expected: '40.00', actual: '30' };

function play(...steps: [(Finding & { findingId: string })[], number][]): FindingEvent[] {
  const events: FindingEvent[] = [];
  for (const [fresh, version] of steps) events.push(...reconcileFindings(foldFindings(events), fresh, version));
  return events;
}

describe('findings lifecycle', () => {
  it('raises, updates when the numbers change, resolves when the rule no longer fires, raises again', () => {
    const events = play([[c01('98'), c03], 10], [[c01('98'), c03], 11], [[c01('99'), c03], 12], [[c03], 13], [[c01('97'), c03], 14]);
    expect(events.map((e) => [e.type, e.data.findingId, 'filingVersion' in e.data ? e.data.filingVersion : null])).toEqual([
      ['FindingRaised', 'f1', 10],
      ['FindingRaised', 'f2', 10],
      ['FindingUpdated', 'f1', 12],
      ['FindingResolved', 'f1', 13],
      ['FindingRaised', 'f1', 14],
    ]);
    const state = foldFindings(events);
    expect(state.get('f1')).toMatchObject({ status: 'open', actual: '97', raisedAt: 14 });
    expect(state.get('f2')).toMatchObject({ status: 'open', raisedAt: 10 });
  });

  it('keeps a review while the finding is still raised, and drops it once resolved', () => {
    const raised = play([[c01('98')], 1]);
    const acked = [...raised, ...decideFindingReview({ type: 'AcknowledgeFinding', findingId: 'f1', reason: '单位已说明，将在下年度改正' }, foldFindings(raised))];
    const updated = [...acked, ...reconcileFindings(foldFindings(acked), [c01('99')], 2)];
    expect(foldFindings(updated).get('f1')).toMatchObject({ status: 'acknowledged', actual: '99', review: { reason: '单位已说明，将在下年度改正' } });
    const resolved = [...updated, ...reconcileFindings(foldFindings(updated), [], 3)];
    expect(foldFindings(resolved).get('f1')).toMatchObject({ status: 'resolved', resolvedAt: 3 });
  });

  it('dismisses with a reason; refuses without one, an unknown id, and a resolved finding', () => {
    const raised = play([[c01('98')], 1]);
    expect(decideFindingReview({ type: 'DismissFinding', findingId: 'f1', reason: '表中总分为上级核定数' }, foldFindings(raised))).toEqual([
      { type: 'FindingDismissed', data: { findingId: 'f1', reason: '表中总分为上级核定数' } },
    ]);
    const refuse = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(FindingError);
        return (e as FindingError).code;
      }
      throw new Error('expected a refusal');
    };
    expect(refuse(() => decideFindingReview({ type: 'DismissFinding', findingId: 'f1', reason: '  ' }, foldFindings(raised)))).toBe('reason-required');
    expect(refuse(() => decideFindingReview({ type: 'AcknowledgeFinding', findingId: 'nope', reason: 'x' }, foldFindings(raised)))).toBe('finding-not-found');
    const resolved = [...raised, ...reconcileFindings(foldFindings(raised), [], 2)];
    expect(refuse(() => decideFindingReview({ type: 'AcknowledgeFinding', findingId: 'f1', reason: 'x' }, foldFindings(resolved)))).toBe('finding-resolved');
  });

  it("leaves the findings of rules a run does not cover (a job's S or A rule) as they are", () => {
    const a01 = { ...c01('98'), findingId: 'f9', ruleId: 'A01' };
    const raised = reconcileFindings(new Map(), [c01('98'), a01], 1);
    const perFiling = (ruleId: string) => ruleId.startsWith('C');
    // the per-filing run sees only C01: A01 is not resolved by it; C01 is when it stops firing
    expect(reconcileFindings(foldFindings(raised), [], 2, perFiling).map((e) => [e.type, e.data.findingId])).toEqual([['FindingResolved', 'f1']]);
  });

  it('identifies a finding by rule, table and cells, not by its numbers or the order of its paths', () => {
    expect(findingKey({ ruleId: 'C01', table: 'overall', paths: ['b', 'a'] })).toBe(findingKey({ ruleId: 'C01', table: 'overall', paths: ['a', 'b'] }));
    expect(findingKey({ ruleId: 'C01', table: 'overall', paths: ['a'] })).not.toBe(findingKey({ ruleId: 'C02', table: 'overall', paths: ['a'] }));
  });
});
