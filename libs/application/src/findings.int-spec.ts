import type { Rule } from '@app/domain';
import { findingsStreamId, numericOf } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { listFindings } from '@app/projections';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import type { CommandContext } from './command-context';
import { FilingCommandHandler } from './filing.service';
import { FindingsService } from './findings.service';
import { UnitCommandHandler } from './unit.service';

/**
 * The findings lifecycle against the real PostgreSQL: raised in the transaction of the change that
 * causes it, updated, resolved by the change that fixes it (its history names that change), reviewed
 * with a reason, and read as of a past version. The rule here is a small real rule written for the test
 * (spending above the full-year budget), so the lifecycle is tested apart from the catalogue's rules.
 */
const overspent: Rule = {
  id: 'T01',
  group: 'P',
  title: '执行数超过全年预算数',
  defaultSeverity: 'warning',
  check: ({ figures }) => {
    const full = numericOf(figures['overall.budget.full'] ?? null);
    const executed = numericOf(figures['overall.budget.executed'] ?? null);
    if (!full || !executed || executed.lte(full)) return [];
    return [
      {
        ruleId: 'T01',
        severity: 'warning',
        table: 'overall',
        paths: ['overall.budget.executed', 'overall.budget.full'],
        expected: full.toFixed(2),
        actual: executed.toFixed(2),
        message: `全年执行数 ${executed.toFixed(2)} 超过全年预算数 ${full.toFixed(2)}`,
        messageEn: `spending ${executed.toFixed(2)} exceeds the budget ${full.toFixed(2)}`,
      },
    ];
  },
};

const COUNTY = '430423';
const filer: CommandContext = { actor: { userId: 'filer-1', role: 'unit_filer' }, source: 'ui', reason: '录入' };
const reviewer: CommandContext = { actor: { userId: 'reviewer-1', role: 'bureau_reviewer' }, source: 'api' };
const ref = { countyCode: COUNTY, unitCode: 'a1', year: 2023 };

let db: TestDatabase;
let store: PostgresEventStore;
let filings: FilingCommandHandler;
let findings: FindingsService;

beforeAll(async () => {
  db = await createTestDatabase('findings');
  store = new PostgresEventStore(db.app);
  filings = new FilingCommandHandler(db.app, store, [overspent]);
  findings = new FindingsService(db.app, store, [overspent]);
  const units = new UnitCommandHandler(db.app, store);
  await units.registerCounty(COUNTY, '衡山县', filer);
  await units.registerUnit({ countyCode: COUNTY, code: 'a1', name: '甲单位' }, filer);
});
afterAll(async () => {
  await db.drop();
});

describe('findings', () => {
  it('are raised in the transaction of the change that causes them, updated, and resolved by the change that fixes them', async () => {
    await filings.execute(ref, { type: 'RecordFigures', figures: [{ path: 'overall.budget.full', value: '100' }, { path: 'overall.budget.executed', value: '120' }] }, filer, { open: true });
    const [raised] = await listFindings(db.app, COUNTY, 'a1', 2023);
    expect(raised).toMatchObject({ ruleId: 'T01', status: 'open', expected: '100.00', actual: '120.00', table: 'overall', paths: ['overall.budget.executed', 'overall.budget.full'] });
    expect(raised.id).toMatch(/^[0-9a-f]{16}$/u);

    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.executed', value: '130' }, filer);
    expect((await listFindings(db.app, COUNTY, 'a1', 2023))[0]).toMatchObject({ id: raised.id, actual: '130.00', status: 'open' });

    const fix = await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.executed', value: '95' }, filer);
    expect(await listFindings(db.app, COUNTY, 'a1', 2023)).toEqual([]);
    expect((await listFindings(db.app, COUNTY, 'a1', 2023, true))[0]).toMatchObject({ id: raised.id, status: 'resolved' });

    const { events } = await findings.history(db.app, raised.id);
    expect(events.map((e) => e.type)).toEqual(['FindingRaised', 'FindingUpdated', 'FindingResolved']);
    const resolved = events[2];
    expect(resolved.data).toMatchObject({ filingVersion: fix.version });
    expect(resolved.metadata).toMatchObject({ actor: { userId: 'system:rules' }, source: 'system' });
    // the change that fixed it: the causation is the SpendingRecorded of that command
    const filingEvents = await store.readStream(`filing-${COUNTY}-a1-2023`);
    expect(filingEvents.find((e) => e.eventId === resolved.metadata.causationId)).toMatchObject({ type: 'SpendingRecorded', version: fix.version });
  });

  it('are reviewed with a reason (who, when, why), and keep the review while still raised', async () => {
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.executed', value: '150' }, filer);
    const [again] = await listFindings(db.app, COUNTY, 'a1', 2023);
    expect(again.status).toBe('open'); // raised again after it was resolved
    const refused = await findings.review({ type: 'DismissFinding', findingId: again.id, reason: ' ' }, reviewer).catch((e) => e);
    expect(refused).toMatchObject({ code: 'reason-required' });
    const dismissed = await findings.review({ type: 'DismissFinding', findingId: again.id, reason: '超支部分为上年结转资金，已核实' }, reviewer);
    expect(dismissed).toMatchObject({ status: 'dismissed', reviewReason: '超支部分为上年结转资金，已核实' });
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.executed', value: '151' }, filer);
    expect((await listFindings(db.app, COUNTY, 'a1', 2023))[0]).toMatchObject({ status: 'dismissed', actual: '151.00' });
    const { events } = await findings.history(db.app, again.id);
    const review = events.find((e) => e.type === 'FindingDismissed')!;
    expect(review.metadata.actor).toEqual(reviewer.actor);
  });

  it('read as of a past filing version or moment', async () => {
    const stream = await store.readStream(findingsStreamId(COUNTY, 'a1', 2023));
    // versions: 1 opened, 2 full 100, 3 executed 120 (raised), 4 → 130, 5 → 95 (resolved), 6 → 150 (raised again), 7 → 151 (after the dismissal)
    const at = async (version: number) => [...(await findings.asOf(db.app, ref, { version })).values()].map((f) => [f.status, f.actual]);
    expect(await at(3)).toEqual([['open', '120.00']]);
    expect(await at(4)).toEqual([['open', '130.00']]);
    expect(await at(5)).toEqual([['resolved', '130.00']]);
    expect(await at(6)).toEqual([['dismissed', '150.00']]); // dismissed before the next change (version 7)
    expect(await at(7)).toEqual([['dismissed', '151.00']]);
    const firstResolved = stream.find((e) => e.type === 'FindingResolved')!;
    const atThatMoment = await findings.asOf(db.app, ref, { time: firstResolved.recordedAt });
    expect([...atThatMoment.values()][0].status).toBe('resolved');
  });
});

describe('findings rebuild', () => {
  it('rewrites the findings read model from the findings streams', async () => {
    const { rebuildReadModels } = await import('@app/projections');
    const before = await db.owner.query(`SELECT finding_id, status, actual, review_reason FROM perfledger.findings ORDER BY finding_id`);
    await db.owner.query(`UPDATE perfledger.findings SET status = 'open', actual = 'stale', version = 0`);
    const counts = await rebuildReadModels(db.app, store);
    expect(counts.findings).toBe(before.rows.length);
    const after = await db.owner.query(`SELECT finding_id, status, actual, review_reason FROM perfledger.findings ORDER BY finding_id`);
    expect(after.rows).toEqual(before.rows);
  });
});
