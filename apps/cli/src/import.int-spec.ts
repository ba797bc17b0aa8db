import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cli } from '../../../test/support/cli';

/** Acceptance: `perfledger import <fixture> --json`, then `figures … --json` and `score … --json`, as a user runs them. */
jest.setTimeout(60_000);

const FIXTURE = join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt');
let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_import');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  expect((await cli('county', 'add', '430423', '衡山县')).code).toBe(0);
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger import (acceptance)', () => {
  it('imports the fixture and the figures read back as printed', async () => {
    const imported = await cli('import', FIXTURE, '--json');
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(imported.stdout);
    expect(report).toMatchObject({ year: 2023, created: true, unit: { name: '衡山县社会治理和网格化信息中心', county: '430423' }, notUnderstood: [] });
    expect(report.eventsAppended).toBeGreaterThan(200);

    const figures = await cli('figures', '衡山县社会治理和网格化信息中心', '2023', '--json');
    const body = JSON.parse(figures.stdout);
    expect(body.figures).toMatchObject({
      'overall.budget.full': '557.70',
      'overall.funds.generalPublic': '208.37',
      'project:业务经费.budget.initial': '3.5',
      'basic.staffing.controlRate': '70%',
      'overall.groups.benefit.weight': '30',
      'report.statedGrade': '良好',
    });
    // 附件一's 业务工作经费 is 附件三's 业务经费 (equal 全年预算数 and 全年执行数); 运行维护经费 has no table
    expect(body.figures['basic.expense.project:业务工作经费.budget']).toBe('109.77');
    expect(body.figures['basic.expense.project:运行维护经费.prevActual']).toBe('33.82');
    expect(body.computed['overall.budget.rate']).toBe('100.00%');
  });

  it('a second import appends nothing', async () => {
    const again = JSON.parse((await cli('import', FIXTURE, '--json')).stdout);
    expect(again).toMatchObject({ created: false, eventsAppended: 0 });
  });

  it('exits non-zero with {error, report} on a file that is not a self-evaluation', async () => {
    const file = join(tmpdir(), `not-a-filing-${process.pid}.txt`);
    writeFileSync(file, '通知\n\n请各单位于六月底前报送。\n');
    const result = await cli('import', file, '--json');
    expect(result.code).not.toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.error.code).toBe('import-not-a-self-evaluation');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/u);
    expect(body.report).toMatchObject({ eventsAppended: 0, tablesFound: [] });
    const missing = await cli('import', join(tmpdir(), 'no-such-file.txt'), '--json');
    expect(missing.code).not.toBe(0);
    expect(JSON.parse(missing.stdout).error.code).toBe('import-file-unreadable');
  });
});
