import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cliJson as json } from '../../../test/support/cli';

/** `perfledger summary <county> <year> --json`: the county view computed from the filing views and findings. */
jest.setTimeout(60_000);

const FIXTURE = join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt');
let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_summary');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await json('county', 'add', '430423', '衡山县');
  await json('unit', 'add', 'jyj', '衡山县教育局');
  await json('import', FIXTURE);
  await json('set', 'jyj', '2023', 'overall.budget.full', '100');
  await json('set', 'jyj', '2023', 'overall.budget.executed', '80');
  await json('unit', 'add', 'wjj', '衡山县卫生健康局'); // no filing
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger summary', () => {
  it('summarises the county: units, filings by state, budget, scores, grades, findings and the ranking', async () => {
    const s = await json('summary', '衡山县', '2023');
    expect(s.county).toEqual({ code: '430423', name: '衡山县' });
    expect(s.units).toBe(3);
    expect(s.filings).toEqual({ none: 1, draft: 2, submitted: 0, accepted: 0, published: 0 });
    expect(s.budget).toEqual({ full: '657.70', executed: '637.70', rate: '96.96%' }); // 557.70 + 100; 557.70 + 80
    expect(s.grades.stated).toEqual({ 优: 0, 良: 1, 中: 0, 差: 0 });
    expect(s.findings.bySeverity.error).toBe(9);
    expect(s.findings.byRule.P02).toBe(1); // 教育局: 80% executed
    const hengshan = s.ranking.find((r: any) => r.unit.name === '衡山县社会治理和网格化信息中心');
    expect(hengshan).toMatchObject({ selfScore: '98.00', computedScore: '99.17', gap: '-1.17', openErrors: 9 });
    expect(s.ranking.map((r: any) => r.unit.code)).toContain('jyj');
    expect(await json('summary', '430423', '2023')).toEqual(s);
  });
});
