import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cliJson as json } from '../../../test/support/cli';

/**
 * `perfledger scan`: the county (S) and history (A) rules over a county's filings, their findings on the
 * same lifecycle; a scan again changes nothing, and the per-filing run leaves their findings alone.
 */
jest.setTimeout(120_000);

let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_scan');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await json('demo', '--units', '10', '--seed', '3', '--year', '2024');
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger scan', () => {
  it('raises A02 for an adjustment typed without a reason or document, once, and keeps it through later edits', async () => {
    const { units } = await json('units');
    const unit = units[0].unit.code;
    const before = (await json('figures', unit, '2024')).figures['overall.budget.full'];
    await json('set', unit, '2024', 'overall.budget.full', (Number(before) + 1).toFixed(2)); // no --reason, no --document
    const first = await json('scan', '--year', '2024');
    expect(first.scans).toEqual([expect.objectContaining({ countyCode: '430423', year: 2024, filings: 10 })]);
    expect(first.filings).toBe(10);
    expect(first.changes).toBeGreaterThan(0);
    const a02 = (await json('findings', unit, '2024')).findings.filter((f: any) => f.ruleId === 'A02');
    expect(a02).toHaveLength(1);
    expect(a02[0]).toMatchObject({ severity: 'warning', paths: expect.arrayContaining(['overall.budget.full']) });
    // a second scan changes nothing
    expect((await json('scan', '--year', '2024')).changes).toBe(0);
    // a later edit runs the per-filing rules only: the A02 finding stays open
    await json('set', unit, '2024', 'basic.savingsMeasures', '严格执行过紧日子要求', '--reason', '补充');
    expect((await json('findings', unit, '2024')).findings.filter((f: any) => f.ruleId === 'A02')).toEqual([expect.objectContaining({ id: a02[0].id, status: 'open' })]);
  });

  it('scans every year of the county without --year, and leaves a stored summary that is current', async () => {
    const all = await json('scan');
    expect(all.scans.map((r: any) => `${r.countyCode}/${r.year}`)).toEqual(['430423/2024']);
    const summary = await json('summary', '430423', '2024');
    expect(summary).toMatchObject({ source: 'stored', units: 10 });
    // a change after the scan makes the stored summary stale: the command computes it afresh
    const { units } = await json('units');
    await json('set', units[1].unit.code, '2024', 'basic.savingsMeasures', '压减一般性支出', '--reason', '补充');
    expect((await json('summary', '430423', '2024')).source).toBe('computed');
  });
});
