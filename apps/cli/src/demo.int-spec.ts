import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cliJson as json } from '../../../test/support/cli';
import { run } from './main';

/**
 * `perfledger demo`: a synthetic county imported end to end through the same path as a real file; every
 * injected anomaly is then a finding in the read model, and the clean units have none.
 */
jest.setTimeout(120_000);

let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_demo');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger demo', () => {
  it('imports a synthetic county whose injected anomalies are exactly the findings raised', async () => {
    const demo = await json('demo', '--units', '12', '--seed', '7', '--year', '2024');
    expect(demo.units).toHaveLength(12);
    expect(demo.anomalies.length).toBeGreaterThan(0);
    const expected = new Set(demo.anomalies.map((a: any) => `${a.unit.code}|${a.ruleId}|${a.table}|${a.path}`));
    const raised = new Set<string>();
    for (const unit of demo.units) {
      const { findings } = await json('findings', unit.code, '2024');
      for (const f of findings) raised.add(`${unit.code}|${f.ruleId}|${f.table}|${f.paths[0]}`);
    }
    expect([...raised].sort()).toEqual([...expected].sort());
    const summary = await json('summary', '430423', '2024');
    expect(summary.units).toBe(12);
    expect(summary.filings.draft).toBe(12);
    // the same seed gives the same county: a second run imports nothing new
    const again = await json('demo', '--units', '12', '--seed', '7', '--year', '2024');
    expect(again.eventsAppended).toBe(0);
  });

  it('refuses a bad option with the option named', async () => {
    let stdout = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => ((stdout += String(chunk)), true));
    try {
      expect(await run(['node', 'perfledger', 'demo', '--units', '0', '--json'])).not.toBe(0);
    } finally {
      out.mockRestore();
    }
    expect(JSON.parse(stdout).error.message).toContain('--units');
  });
});
