import { readFileSync } from 'fs';
import { join } from 'path';
import type { FilingCommand } from '../filing/filing.commands';
import { parseFigurePath } from '../filing/filing.paths';
import { addProject, brief, filing, findingsOf, record } from './xp.spec-support';

/**
 * The X and P rules on the real document (test/fixtures/hengshan-2023-self-evaluation.txt, 衡山县社会治理和
 * 网格化信息中心, 2023), built through commands from its parsed expectation as the importer records it:
 * AddProject per project (a linked pair as two AddProject and a LinkProject with its basis), RecordFigures
 * with every figure, AdjustBudget {stated} per adjustment the report states.
 */

interface Expectation {
  projects: { name: string | null; lineName: string | null; link: 'name' | 'figures' | null }[];
  adjustments: { path: string; direction: 'increase' | 'decrease'; amount: string; reason: string }[];
  figures: Record<string, string | null>;
}

const expectation = JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/hengshan-2023.expected.json'), 'utf8')) as Expectation;

function hengshanCommands(): FilingCommand[] {
  const commands: FilingCommand[] = [];
  let n = 0;
  for (const p of expectation.projects) {
    if (p.name !== null && p.lineName !== null) {
      commands.push(addProject(`p${++n}`, p.name, null), addProject(`p${++n}`, null, p.lineName));
      commands.push({ type: 'LinkProject', name: p.name, lineName: p.lineName, basis: p.link ?? 'name' });
    } else {
      commands.push(addProject(`p${++n}`, p.name, p.lineName));
    }
  }
  commands.push(record(expectation.figures));
  for (const a of expectation.adjustments) commands.push({ type: 'AdjustBudget', path: a.path, direction: a.direction, amount: a.amount, reason: a.reason, stated: true });
  return commands;
}

const HENGSHAN = filing(...hengshanCommands());
const findings = findingsOf(HENGSHAN);
const of = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map(brief);

/** The six 附件二/附件三 indicators whose target is a bare 100% on a name that is no rate (收益群众满意度 is one). */
const VAGUE = [
  'output.quantity.管理制度日趋完善',
  'output.quality.较好履行了工作职责，按期按质按量完成相关工作任务',
  'benefit.social.维护社会治安',
  'benefit.social.促进网格化管理',
  'benefit.ecological.绿色低碳环保',
  'benefit.sustainable.综合影响力',
];

describe('X and P rules on the Hengshan 2023 document', () => {
  it('the filing is the document: three projects, two linked, the stated 追加 recorded', () => {
    expect(HENGSHAN.projects.map((p) => [p.name, p.lineName])).toEqual([
      ['业务经费', '业务工作经费'],
      [null, '运行维护经费'],
      ['综治中心建设', '综治中心建设'],
    ]);
    expect(HENGSHAN.projects[0].sheet.budget.total?.adjustments.map((a) => [a.direction, a.amount])).toEqual([['increase', '106.27']]);
  });

  it('raises exactly these findings', () => {
    expect(findings.map(brief)).toEqual([
      // 附件一 prints the project as 业务工作经费, 附件三 as 业务经费; 109.77 / 109.77 on both sides
      { ruleId: 'X01', severity: 'info', table: 'basic', path: 'basic.expense.project:业务工作经费.budget', expected: '业务经费', actual: '业务工作经费' },
      // 附件二 年初 81.51 → 全年 557.70: 476.19 is 584.21% of 年初
      { ruleId: 'P01', severity: 'warning', table: 'overall', path: 'overall.budget.full', expected: '16.30', actual: '476.19' },
      // 业务经费 年初 3.5 → 全年 109.77 (the report: 年中追加106.27万元)
      { ruleId: 'P01', severity: 'warning', table: 'project:业务经费', path: 'project:业务经费.budget.full', expected: '0.70', actual: '106.27' },
      // 综治中心建设 年初 0 → 全年 349.32 (section 七: 专项建设经费未在本单位年初预算中体现)
      { ruleId: 'P01', severity: 'warning', table: 'project:综治中心建设', path: 'project:综治中心建设.budget.full', expected: '0.00', actual: '349.32' },
      // the construction project repeats 业务经费's goal and its nine indicators word for word
      { ruleId: 'P04', severity: 'info', table: 'project:综治中心建设', path: 'project:综治中心建设.goals.1.expected', expected: '0.8', actual: '1.00' },
      // 100% on 管理制度日趋完善, 维护社会治安, …: a percentage of nothing, in each of the three tables
      ...['overall', 'project:业务经费', 'project:综治中心建设'].flatMap((table) =>
        VAGUE.map((at) => ({ ruleId: 'P05', severity: 'info', table, path: `${table}.indicators.${at}.target`, expected: null, actual: null })),
      ),
      // 公用经费 5.86 → 19.67 (+235.67%); 其中 水费、电费、差旅费 0.24 → 4.44 (+1750%)
      { ruleId: 'P07', severity: 'info', table: 'basic', path: 'basic.expense.publicFunds.actual', expected: '11.72', actual: '19.67' },
      { ruleId: 'P07', severity: 'info', table: 'basic', path: 'basic.expense.utilitiesTravel.actual', expected: '0.48', actual: '4.44' },
    ]);
  });

  it('X01: the two names noted; 运行维护经费 (a 附件一 line with a 2022 决算数 only) is no finding', () => {
    expect(of('X01')).toHaveLength(1);
    const [x01] = findingsOf(HENGSHAN, ['X01']);
    expect(x01.paths).toEqual(['basic.expense.project:业务工作经费.budget', 'basic.expense.project:业务工作经费.actual', 'project:业务经费.budget.full', 'project:业务经费.budget.executed']);
    expect(x01.message).toBe('附件一项目支出“业务工作经费”与附件三项目表“业务经费”名称不同；附件一本年预算数、决算数（109.77、109.77 万元）与附件三全年预算数、全年执行数相同，视为同一项目。建议两表使用同一项目名称。');
    expect(findings.some((f) => f.paths.some((p) => p.includes('运行维护经费')))).toBe(false);
  });

  it('X02 is silent: 109.77 + 349.32 = 459.09 = 附件二 项目支出 and = 附件一 项目支出 决算数', () => {
    expect(of('X02')).toEqual([]);
  });

  it('X03 is silent: section 二’s 项目支出 figures are 业务经费’s (the 一般公共预算 project), the others equal the tables', () => {
    // 项目支出年初预算 3.5 = 3.5 + 0; 年中追加 106.27 and 项目支出全年预算 109.77 are 业务经费 alone (all projects: 455.59, 459.09);
    // 一般公共预算拨款支出 208.37, 基本支出预算数 98.61, 政府性基金 349.32 twice, 编制数 10, 在职人数 7 equal their cells
    expect(of('X03')).toEqual([]);
  });

  it('X04, P02, P03, P06, P08 are silent', () => {
    expect(of('X04')).toEqual([]); // 政府采购 349.32 ≤ 全年执行数 557.70 and ≤ 全年预算数 557.70
    expect(of('P02')).toEqual([]); // 100% in every table
    expect(of('P03')).toEqual([]); // 质量指标 12 of 13 in every table
    expect(of('P06')).toEqual([]); // 三公 0 ≤ 0.6; 公用经费 19.67 = 19.67 and each 其中 line = its budget; no 楼堂馆所
    expect(of('P08')).toEqual([]); // 在职 7 ≤ 编制 10
  });

  it('P07 skips what has no prior year: 三公经费 (2022: 0), 公务接待 and 会议费、培训费 (2022 empty); 办公经费 −12.46% is within ±100%', () => {
    expect(of('P07').map((f) => f.path)).toEqual(['basic.expense.publicFunds.actual', 'basic.expense.utilitiesTravel.actual']);
  });

  it('P05 leaves 收益群众满意度 100% (a satisfaction), 完成时效 (a deadline) and 项目投资金额 (an amount) alone', () => {
    const paths = of('P05').map((f) => f.path);
    for (const name of ['收益群众满意度', '完成时效', '项目投资金额']) expect(paths.some((p) => p.includes(name))).toBe(false);
  });

  it('every finding names valid figure paths and says what to do in Chinese and English', () => {
    for (const f of findings) {
      expect(f.paths.length).toBeGreaterThan(0);
      for (const p of f.paths) expect(() => parseFigurePath(p)).not.toThrow();
      expect(f.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(f.messageEn).not.toBe('');
    }
    // one finding per problem: no two share rule, table and cells
    const keys = findings.map((f) => `${f.ruleId}|${f.table}|${[...f.paths].sort().join('|')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
