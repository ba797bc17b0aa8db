import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { cli } from '../../../test/support/cli';

/**
 * Acceptance: every figure path of PRODUCT.md's v1 table can be set with `perfledger set` and read
 * back with `perfledger figures … --json`, decimals as strings, computed figures in the fixed formats.
 * The CLI runs in-process against a real PostgreSQL database, exactly as `npx perfledger` would.
 */

jest.setTimeout(60_000);

let db: TestDatabase;
const saved = { ...process.env };


async function json(...args: string[]): Promise<any> {
  const result = await cli(...args, '--json');
  expect(result.stdout.trim().split('\n')).toHaveLength(1); // exactly one JSON line
  return { code: result.code, body: JSON.parse(result.stdout) };
}

beforeAll(async () => {
  db = await createTestDatabase('cli_figures');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  delete process.env.MIGRATION_DATABASE_URL;
  expect((await cli('county', 'add', '430423', '衡山县')).code).toBe(0);
  expect((await cli('unit', 'add', 'hszx', '衡山县社会治理和网格化信息中心', '--kind', '事业')).code).toBe(0);
  expect((await cli('project', 'add', 'hszx', '2023', '业务经费', '--line', '业务工作经费')).code).toBe(0);
  expect((await cli('project', 'add', 'hszx', '2023', '运行维护经费', '--line-only')).code).toBe(0);
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

const P = 'project:业务经费';
/** [path, value typed, value read back] — one of every path shape in PRODUCT.md's table. */
const CELLS: [string, string][] = [
  ['basic.staffing.authorized', '10'],
  ['basic.staffing.actual', '7'],
  ['basic.staffing.controlRate', '70%'],
  ...['threePublic', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'overseas', 'reception', 'projects', 'publicFunds', 'office', 'utilitiesTravel', 'meetingsTraining', 'procurement', 'basicAdjustment'].flatMap(
    (item, i): [string, string][] => [
      [`basic.expense.${item}.prevActual`, `${i}.10`],
      [`basic.expense.${item}.budget`, `${i}.20`],
      [`basic.expense.${item}.actual`, '——'],
    ],
  ),
  ['basic.expense.project:业务工作经费.prevActual', '137.39'],
  ['basic.expense.project:业务工作经费.budget', '109.77'],
  ['basic.expense.project:业务工作经费.actual', '109.77'],
  ['basic.expense.project:运行维护经费.prevActual', '33.82'],
  ['basic.buildings.approvedArea', '1200'],
  ['basic.buildings.actualArea', '1100'],
  ['basic.buildings.areaControlRate', '91.67%'],
  ['basic.buildings.budgetInvestment', '300'],
  ['basic.buildings.actualInvestment', '310'],
  ['basic.buildings.investmentControlRate', '103.33%'],
  ['basic.savingsMeasures', '严格执行八项规定'],
  ...['preparer', 'date', 'phone', 'head'].map((f): [string, string] => [`basic.signoff.${f}`, `附件一${f}`]),
  ['overall.unitName', '衡山县社会治理和网格化信息中心'],
  ['overall.budget.initial', '81.51'],
  ['overall.budget.full', '557.70'],
  ['overall.budget.executed', '557.70'],
  ['overall.budget.weight', '10'],
  ['overall.budget.rate', '100%'],
  ['overall.budget.score', '10'],
  ...['generalPublic', 'govFund', 'specialAccount', 'other', 'basic', 'project', 'sourceTotal', 'natureTotal'].map((c, i): [string, string] => [`overall.funds.${c}`, `${100 + i}.5`]),
  ['overall.goals.1.expected', '1.常态化开展县域社会治理现代化各项工作；\n2.保障人员及单位运行经费'],
  ['overall.goals.1.actual', '1.有效开展县域社会治理现代化各项工作'],
  ['overall.groups.output.weight', '50'],
  ['overall.groups.benefit.weight', '30'],
  ['overall.groups.satisfaction.weight', '10'],
  ...(
    [
      ['output', 'quantity'],
      ['output', 'quality'],
      ['output', 'timeliness'],
      ['output', 'cost'],
      ['benefit', 'economic'],
      ['benefit', 'social'],
      ['benefit', 'ecological'],
      ['benefit', 'sustainable'],
      ['satisfaction', 'serviceTarget'],
    ] as const
  ).flatMap(([l1, l2]): [string, string][] => [
    [`overall.indicators.${l1}.${l2}.指标${l2}.target`, '≥95%'],
    [`overall.indicators.${l1}.${l2}.指标${l2}.actual`, '98%'],
    [`overall.indicators.${l1}.${l2}.指标${l2}.weight`, '5.5'],
    [`overall.indicators.${l1}.${l2}.指标${l2}.score`, '5.25'],
    [`overall.indicators.${l1}.${l2}.指标${l2}.deviation`, '按期完成'],
  ]),
  ['overall.total.weight', '100'],
  ['overall.total.score', '98'],
  ...['preparer', 'date', 'phone', 'head'].map((f): [string, string] => [`overall.signoff.${f}`, `附件二${f}`]),
  [`${P}.department`, '中共衡山县委政法委员会'],
  [`${P}.implementer`, '衡山县社会治理和网格化信息中心'],
  ...['initial', 'full', 'executed', 'weight', 'rate', 'score'].map((f): [string, string] => [`${P}.budget.${f}`, f === 'rate' ? '100%' : '3.5']),
  ...['currentYear', 'carryOver', 'other'].flatMap((row) =>
    ['initial', 'full', 'executed', 'weight', 'rate', 'score'].map((f): [string, string] => [`${P}.funds.${row}.${f}`, f === 'rate' ? '100%' : '1.25']),
  ),
  [`${P}.goals.1.expected`, '完善全县网格化管理工作'],
  [`${P}.goals.1.actual`, '100%'],
  [`${P}.groups.output.weight`, '50'],
  [`${P}.indicators.output.quantity.管理制度日趋完善.target`, '100%'],
  [`${P}.indicators.output.quantity.管理制度日趋完善.actual`, '100%'],
  [`${P}.indicators.output.quantity.管理制度日趋完善.weight`, '12'],
  [`${P}.indicators.output.quantity.管理制度日趋完善.score`, '12'],
  [`${P}.indicators.output.quantity.管理制度日趋完善.deviation`, '无'],
  [`${P}.total.weight`, '100'],
  [`${P}.total.score`, '98'],
  ...['preparer', 'date', 'phone', 'head'].map((f): [string, string] => [`${P}.signoff.${f}`, `附件三${f}`]),
  ['report.cover.unitName', '衡山县社会治理和网格化信息中心'],
  ['report.cover.date', '2024年6月18日'],
  ...['basicInfo', 'generalPublicBudget', 'govFundBudget', 'stateCapitalBudget', 'socialInsuranceBudget', 'performance', 'problems', 'improvements', 'resultsApplication', 'other'].map(
    (id): [string, string] => [`report.sections.${id}.text`, `第${id}节`],
  ),
  ['report.statedGrade', '良好'],
  ['report.quoted.一般公共预算拨款支出', '208.37'],
  ['report.quoted.年中追加', '106.27'],
  ['report.quoted.年中追加#2', '0.5'],
];

describe('perfledger set / figures (acceptance)', () => {
  it('sets every figure path of PRODUCT.md and reads each back, decimals as strings', async () => {
    for (const [path, value] of CELLS) {
      const result = await cli('set', 'hszx', '2023', path, value, '--reason', '验收测试');
      if (result.code !== 0) throw new Error(`set ${path} ${value} failed: ${result.stderr}`);
    }
    const { code, body } = await json('figures', 'hszx', '2023');
    expect(code).toBe(0);
    expect(body.unit).toEqual({ code: 'hszx', name: '衡山县社会治理和网格化信息中心', county: '430423' });
    expect(body.year).toBe(2023);
    expect(typeof body.version).toBe('number');
    for (const [path, value] of CELLS) expect([path, body.figures[path]]).toEqual([path, value]);
    expect(Object.values(body.figures).every((v) => typeof v === 'string')).toBe(true);
  });

  it('computes the derived figures in the fixed formats', async () => {
    const { body } = await json('figures', '衡山县社会治理和网格化信息中心', '2023');
    const c = body.computed;
    expect(c['overall.budget.rate']).toBe('100.00%');
    expect(c['basic.staffing.controlRate']).toBe('70.00%');
    expect(c['basic.buildings.areaControlRate']).toBe('91.67%');
    expect(c['basic.buildings.investmentControlRate']).toBe('103.33%');
    // weights are the stated ones summed: 10 (execution) + 9 indicators × 5.5 = 59.5
    expect(c['overall.total.weight']).toBe('59.50');
    expect(c['overall.groups.output.weight']).toBe('22.00');
    // scores are the template's suggestion (the shipped national default: no round is open): every
    // target ≥95% is met by 98% and 557.70 of 557.70 is executed, so every row earns its template weight
    expect(c['overall.budget.score']).toBe('10.00');
    expect(c['overall.groups.benefit.score']).toBe('30.00');
    expect(c['overall.total.score']).toBe('100.00');
    expect(c['overall.total.grade']).toBe('优');
    expect(body.templateVersion).toBeNull();
    expect(c['overall.funds.sourceTotal']).toBe('408.00'); // 100.5 + 101.5 + 102.5 + 103.5
    expect(c['overall.funds.natureTotal']).toBe('210.00'); // 104.5 + 105.5
    expect(c['basic.expense.projects.budget']).toBe('109.77');
    for (const [path, v] of Object.entries(c) as [string, string][]) expect([path, v]).toEqual([path, expect.stringMatching(path.endsWith('.grade') ? /^[优良中差]$/u : /^(-?\d+\.\d{2}%?|n\/a)$/u)]);
  });

  it('turns a 全年预算数 edit into an adjustment with its document, and a changed score into a correction', async () => {
    const adjust = await json('set', 'hszx', '2023', 'overall.budget.full', '600', '--document', '衡财预〔2023〕12号', '--date', '2023-06-01', '--reason', '年中追加');
    expect(adjust.code).toBe(0);
    expect(adjust.body.changes).toEqual([{ type: 'BudgetAdjusted', version: expect.any(Number), paths: ['overall.budget.full'] }]);
    const correct = await json('set', 'hszx', '2023', `${P}.indicators.output.quantity.管理制度日趋完善.score`, '11', '--reason', '复核');
    expect(correct.body.changes.map((c: any) => c.type)).toEqual(['SelfScoreCorrected']);
    const { body } = await json('figures', 'hszx', '2023');
    expect(body.figures['overall.budget.full']).toBe('600');
    expect(body.computed['overall.budget.rate']).toBe('92.95%');
    // 年初 81.51, then two edits recorded as adjustments (+476.19 to 557.70, +42.30 to 600)
    expect(body.computed['overall.budget.full']).toBe('600.00');
  });

  it('refuses bad input with the path and the rule, a non-zero exit and nothing written', async () => {
    const before = (await json('figures', 'hszx', '2023')).body.version;
    const cases: [string[], string][] = [
      [['set', 'hszx', '2023', 'overall.budget.nonsense', '1'], 'unknown-figure-path'],
      [['set', 'hszx', '2023', 'overall.budget.initial', '12%'], 'invalid-figure-value'],
      [['set', 'hszx', '2023', 'overall.indicators.output.social.x.target', '1'], 'unknown-figure-path'],
      [['set', 'hszx', '2023', 'project:不存在.budget.initial', '1'], 'project-not-found'],
      [['set', 'hszx', '2023', 'report.quoted.随便写的', '1'], 'unknown-figure-path'],
      [['set', 'nobody', '2023', 'overall.budget.initial', '1'], 'unit-not-found'],
      [['set', 'hszx', '23', 'overall.budget.initial', '1'], 'invalid-year'],
    ];
    for (const [args, code] of cases) {
      const result = await cli(...args, '--json');
      expect([args.join(' '), result.code]).not.toEqual([args.join(' '), 0]);
      const error = JSON.parse(result.stdout).error;
      expect([args.join(' '), error.code]).toEqual([args.join(' '), code]);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/u);
    }
    expect((await json('figures', 'hszx', '2023')).body.version).toBe(before);
  });

  it('locks a submitted filing, and returning it reopens it', async () => {
    expect((await cli('submit', 'hszx', '2023')).code).toBe(0);
    const refused = await cli('set', 'hszx', '2023', 'overall.budget.initial', '1');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('已送审');
    const returned = await json('return', 'hszx', '2023', '--comment', 'overall.budget.initial=与批复不符', '--comment', '请补充偏差原因');
    expect(returned.body.status).toBe('draft');
    expect((await cli('set', 'hszx', '2023', 'overall.budget.initial', '1')).code).toBe(0);
  });
});
