import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cli, cliJson as json } from '../../../test/support/cli';

/**
 * Acceptance (issue 4): `perfledger score … --json` prints stated and suggested scores for every row of
 * 附件二 and both 附件三; a template is edited by an event (a new version), and a filing keeps the version
 * it was scored with until it is re-scored on request.
 */
jest.setTimeout(60_000);

const FIXTURE = join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt');
const UNIT = '衡山县社会治理和网格化信息中心';
let db: TestDatabase;
const saved = { ...process.env };


beforeAll(async () => {
  db = await createTestDatabase('cli_score');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await json('county', 'add', '430423', '衡山县');
  await json('round', 'open', '2023', '--deadline', '2024-06-30', '--template', 'national-default');
  await json('import', FIXTURE);
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger score (acceptance)', () => {
  it('prints stated and suggested scores for every row of 附件二 and both 附件三', async () => {
    const body = await json('score', UNIT, '2023');
    expect(body.templateVersion).toBe('national-default@1'); // the round's version, fixed at the import
    expect(body.tables.map((t: any) => t.table)).toEqual(['overall', 'project:业务经费', 'project:综治中心建设']);
    for (const t of body.tables) {
      expect(t.execution).toMatchObject({ stated: { weight: '10', score: '10' }, rate: '100.00%', suggested: '10.00' });
      expect(t.indicators).toHaveLength(9);
      for (const i of t.indicators) {
        expect(i.stated.weight).toMatch(/^\d+(\.\d+)?$/u);
        expect(i.stated.score).toMatch(/^\d+(\.\d+)?$/u);
        expect(i.suggested).toMatch(/^\d+\.\d{2}$/u);
      }
      expect(t.total.stated).toEqual({ weight: '100', score: t.table === 'project:综治中心建设' ? '97' : '98' });
    }
    const overall = body.tables[0];
    // 质量指标: target 100%, actual 98%, 分值 13 → 13 × 98% = 12.74 (the unit wrote 12)
    const quality = overall.indicators.find((i: any) => i.level2 === 'quality');
    expect([quality.stated.score, quality.suggested]).toEqual(['12', '12.74']);
    // the items the unit scored add up to 108, not the 98 it printed (the 效益 group holds 40 for its 30)
    expect(overall.total.statedItems).toEqual({ weight: '110.00', score: '108.00' });
    expect(overall.total.suggested).toBe('99.17');
    expect(overall.grade).toMatchObject({ statedWord: '良好', stated: '良', suggested: '优' });
  });

  it('scores under another template on request without recording it', async () => {
    const legacy = await json('score', UNIT, '2023', '--template', 'hunan-legacy-overall');
    expect(legacy.scoredWith).toBe('hunan-legacy-overall@1');
    expect(legacy.templateVersion).toBe('national-default@1');
    // the legacy index scores execution as 预算完成率 on 5 points
    expect(legacy.tables[0].execution.weight).toBe('5.00');
    expect(legacy.tables[0].total.suggested).not.toBe('99.17');
  });

  it('publishes an edited template as a new version; the filing keeps its version until re-scored', async () => {
    const shown = await json('template', 'show', 'national-default');
    const edited = structuredClone(shown.template);
    edited.trees.overall[0].weight = '20'; // 预算执行率 20 分
    edited.trees.overall[1].weight = '40'; // 产出 40 分
    const file = join(tmpdir(), `template-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(edited));
    expect(await json('template', 'publish', 'national-default', file, '--note', '执行率 20 分')).toEqual({ templateVersion: 'national-default@2', appended: 1 });
    expect(await json('template', 'publish', 'national-default', file)).toEqual({ templateVersion: 'national-default@2', appended: 0 });
    const broken = await cli('template', 'publish', 'national-default', FIXTURE, '--json');
    expect(broken.code).not.toBe(0);

    expect((await json('round', 'set', '2023', '--template', 'national-default')).round.templateVersion).toBe('national-default@2');
    const figures = await json('figures', UNIT, '2023');
    expect(figures.templateVersion).toBe('national-default@1');
    expect(figures.computed['overall.budget.score']).toBe('10.00');

    const rescored = await json('rescore', UNIT, '2023', '--template', 'national-default@2');
    expect(rescored).toMatchObject({ templateVersion: 'national-default@2', appended: 1 });
    const after = await json('figures', UNIT, '2023');
    expect(after.templateVersion).toBe('national-default@2');
    expect(after.computed['overall.budget.score']).toBe('20.00'); // 100% executed, now worth 20
    const listed = await json('templates');
    expect(listed.templates.map((t: any) => `${t.templateId}@${t.version}`)).toEqual(expect.arrayContaining(['national-default@1', 'national-default@2']));
  });
});
