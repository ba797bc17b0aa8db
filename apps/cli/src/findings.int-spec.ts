import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cli, cliJson as json } from '../../../test/support/cli';

/**
 * Acceptance (issue 6): `perfledger import <fixture>` then `perfledger findings … --json` lists findings of
 * groups C, X and P with their tables, paths, expected and actual values and Chinese messages; correcting
 * a figure with `perfledger set` resolves the findings it caused, visible in their history.
 */
jest.setTimeout(60_000);

const FIXTURE = join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt');
const UNIT = '衡山县社会治理和网格化信息中心';
let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_findings');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await json('county', 'add', '430423', '衡山县');
  await json('import', FIXTURE);
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger findings (acceptance)', () => {
  it('lists C, X and P findings of the imported fixture with tables, paths, expected, actual and Chinese messages', async () => {
    const body = await json('findings', UNIT, '2023');
    expect(body.unit).toEqual({ code: expect.any(String), name: UNIT, county: '430423' });
    const groups = new Set(body.findings.map((f: any) => f.ruleId[0]));
    expect([...groups].sort()).toEqual(['C', 'P', 'X']);
    for (const f of body.findings) {
      expect(f).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{16}$/u),
        ruleId: expect.stringMatching(/^[CXP]\d{2}$/u),
        severity: expect.stringMatching(/^(error|warning|info)$/u),
        table: expect.stringMatching(/^(basic|overall|report|project:.+)$/u),
        paths: expect.any(Array),
        expected: f.expected === null ? null : expect.any(String),
        actual: f.actual === null ? null : expect.any(String),
        message: expect.stringMatching(/[\u4e00-\u9fff]/u),
        messageEn: expect.any(String),
        status: 'open',
        reviewReason: null,
      });
      expect(f.paths.length).toBeGreaterThan(0);
    }
    const c01 = body.findings.find((f: any) => f.ruleId === 'C01' && f.table === 'overall');
    expect(c01).toMatchObject({ severity: 'error', paths: expect.arrayContaining(['overall.total.score']), expected: '108.00', actual: '98.00' });
    expect(c01.message).toContain('108');
    // the checks that pass on the document stay silent
    for (const silent of ['C04', 'C05', 'C06', 'C08', 'C10', 'C12', 'X02', 'X04', 'P02', 'P08']) {
      expect([silent, body.findings.filter((f: any) => f.ruleId === silent)]).toEqual([silent, []]);
    }
  });

  it('resolves the finding a corrected figure caused, and its history names the change', async () => {
    const before = await json('findings', UNIT, '2023');
    const c01 = before.findings.find((f: any) => f.ruleId === 'C01' && f.table === 'overall');
    const set = await json('set', UNIT, '2023', 'overall.total.score', '108', '--reason', '按各项得分合计更正总分');
    const after = await json('findings', UNIT, '2023');
    expect(after.findings.find((f: any) => f.id === c01.id)).toBeUndefined();
    const all = await json('findings', UNIT, '2023', '--all');
    expect(all.findings.find((f: any) => f.id === c01.id)).toMatchObject({ status: 'resolved' });
    const history = await json('finding', 'history', c01.id);
    expect(history.changes.map((c: any) => c.type)).toEqual(['FindingRaised', 'FindingResolved']);
    expect(history.changes[1]).toMatchObject({ filingVersion: set.version, actor: 'system:rules' });
    // as of the version before the correction, it was still open
    const asOf = await json('findings', UNIT, '2023', '--as-of', String(set.version - 1));
    expect(asOf.findings.find((f: any) => f.id === c01.id)).toMatchObject({ status: 'open' });
  });

  it('a reviewer acknowledges or dismisses a finding with a reason; a reason is required', async () => {
    const { findings } = await json('findings', UNIT, '2023');
    const c16 = findings.find((f: any) => f.ruleId === 'C16');
    const noReason = await cli('finding', 'dismiss', c16.id, '--json');
    expect(noReason.code).not.toBe(0);
    const dismissed = await json('finding', 'dismiss', c16.id, '--reason', '主管部门即本单位，表中留空');
    expect(dismissed.finding).toMatchObject({ status: 'dismissed', reviewReason: '主管部门即本单位，表中留空' });
    const history = await json('finding', 'history', c16.id);
    expect(history.changes.at(-1)).toMatchObject({ type: 'FindingDismissed', reason: '主管部门即本单位，表中留空', actor: expect.stringMatching(/^cli:/u) });
    const unknown = await cli('finding', 'ack', 'ffffffffffffffff', '--reason', 'x', '--json');
    expect(JSON.parse(unknown.stdout).error.code).toBe('finding-not-found');
  });
});
