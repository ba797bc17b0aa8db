import type { FigureInput, FilingCommand } from '../filing/filing.commands';
import { computedOf, figuresOf } from '../filing/filing.figures';
import type { FilingState } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { scoreComputed, scoreFiling } from '../scoring/score-filing';
import type { ScoringTemplate } from '../scoring/template.types';
import { stateOf } from '../scoring/testing.spec-support';
import { C_RULES } from './c-rules';
import type { Finding, RuleInput } from './rule.types';
// the parsed expectation of the fixture (a JSON module: the domain imports no node modules, not even in spec support)
import HENGSHAN_EXPECTATION from '../../../../test/fixtures/hengshan-2023.expected.json';

/** Spec support of the group C rules (not exported by the lib): filings built through the decider. */

export { stateOf };

export const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });
export const record = (figures: Record<string, string | null>): FilingCommand => ({
  type: 'RecordFigures',
  figures: Object.entries(figures).map(([p, value]): FigureInput => ({ path: p, value })),
});

/** What the findings service gives a rule: stated figures, computed ones merged with the template's suggestions, the score. */
export function inputOf(state: FilingState, template: ScoringTemplate = NATIONAL_DEFAULT_TEMPLATE): RuleInput {
  const score = scoreFiling(state, template);
  return { state, figures: figuresOf(state), computed: { ...computedOf(state), ...scoreComputed(score) }, score, template };
}

/** The findings of every C rule (or of the one named). */
export function cFindings(state: FilingState, ruleId?: string, template?: ScoringTemplate): Finding[] {
  const input = inputOf(state, template);
  return C_RULES.filter((r) => ruleId === undefined || r.id === ruleId).flatMap((r) => r.check(input));
}

/** [ruleId, severity, table, first path, expected, actual] */
export const brief = (f: Finding) => [f.ruleId, f.severity, f.table, f.paths[0], f.expected, f.actual];

const QUALITY = 'overall.indicators.output.quality.验收合格率';
export const PATHS = {
  quality: QUALITY,
  training: 'overall.indicators.output.quantity.培训人次',
  cost: 'overall.indicators.output.cost.项目成本',
  safety: 'overall.indicators.benefit.social.群众安全感',
  satisfaction: 'overall.indicators.satisfaction.serviceTarget.服务对象满意度',
};

const row = (base: string, target: string, actual: string, weight: string, score: string, deviation: string | null = null) => ({
  [`${base}.target`]: target,
  [`${base}.actual`]: actual,
  [`${base}.weight`]: weight,
  [`${base}.score`]: score,
  [`${base}.deviation`]: deviation,
});
const signoff = (head: string) => ({ [`${head}.signoff.preparer`]: '张三', [`${head}.signoff.date`]: '2024.3.1', [`${head}.signoff.phone`]: '0734-1234567' });
const groups = (head: string) => ({ [`${head}.groups.output.weight`]: '50', [`${head}.groups.benefit.weight`]: '30', [`${head}.groups.satisfaction.weight`]: '10' });

/**
 * A good full filing: the four tables consistent, on which no C rule raises anything. 附件二 states 年初
 * 300 and 全年 320 (the document's figures: no adjustment recorded on it); 业务经费 (附件一 line
 * 业务工作经费, linked by its figures) is adjusted 60 → 80 by a command; 信息化建设 prints a 当年财政拨款
 * sub-row with its own 分值 and 得分 (never summed). One indicator misses its target and says why.
 */
export function cleanCommands(): FilingCommand[] {
  return [
    { type: 'AddProject', projectId: 'p1', name: '业务经费', lineName: null },
    { type: 'AddProject', projectId: 'p2', name: null, lineName: '业务工作经费' },
    { type: 'LinkProject', name: '业务经费', lineName: '业务工作经费', basis: 'figures' },
    { type: 'AddProject', projectId: 'p3', name: '信息化建设', lineName: '信息化建设' },
    record({
      // 附件一
      'basic.staffing.authorized': '20',
      'basic.staffing.actual': '18',
      'basic.staffing.controlRate': '90%',
      'basic.expense.threePublic.prevActual': '5',
      'basic.expense.threePublic.budget': '4',
      'basic.expense.threePublic.actual': '3.5',
      'basic.expense.vehicle.prevActual': '2.5',
      'basic.expense.vehicle.budget': '2',
      'basic.expense.vehicle.actual': '1.8',
      'basic.expense.vehiclePurchase.prevActual': '0',
      'basic.expense.vehiclePurchase.budget': '0',
      'basic.expense.vehiclePurchase.actual': '0',
      'basic.expense.vehicleOperation.prevActual': '2.5',
      'basic.expense.vehicleOperation.budget': '2',
      'basic.expense.vehicleOperation.actual': '1.8',
      'basic.expense.overseas.prevActual': '——',
      'basic.expense.reception.prevActual': '2.5',
      'basic.expense.reception.budget': '2',
      'basic.expense.reception.actual': '1.7',
      'basic.expense.projects.prevActual': '80',
      'basic.expense.projects.budget': '120',
      'basic.expense.projects.actual': '118',
      'basic.expense.project:业务工作经费.prevActual': '50',
      'basic.expense.project:业务工作经费.budget': '80',
      'basic.expense.project:业务工作经费.actual': '79',
      'basic.expense.project:信息化建设.prevActual': '30',
      'basic.expense.project:信息化建设.budget': '40',
      'basic.expense.project:信息化建设.actual': '39',
      'basic.expense.publicFunds.prevActual': '30',
      'basic.expense.publicFunds.budget': '32',
      'basic.expense.publicFunds.actual': '31',
      'basic.expense.office.prevActual': '10',
      'basic.expense.office.budget': '11',
      'basic.expense.office.actual': '10.5',
      'basic.expense.utilitiesTravel.prevActual': '8',
      'basic.expense.utilitiesTravel.budget': '9',
      'basic.expense.utilitiesTravel.actual': '9',
      'basic.expense.meetingsTraining.prevActual': '2',
      'basic.expense.meetingsTraining.budget': '2',
      'basic.expense.meetingsTraining.actual': '1.5',
      'basic.expense.procurement.budget': '50',
      'basic.expense.procurement.actual': '48',
      'basic.buildings.approvedArea': '1000',
      'basic.buildings.actualArea': '950',
      'basic.buildings.areaControlRate': '95%',
      'basic.buildings.budgetInvestment': '500',
      'basic.buildings.actualInvestment': '480',
      'basic.buildings.investmentControlRate': '96%',
      'basic.savingsMeasures': '严格执行公务接待和会议费管理办法',
      ...signoff('basic'),
      // 附件二
      'overall.unitName': '某县网格化服务中心',
      'overall.budget.initial': '300',
      'overall.budget.full': '320',
      'overall.budget.executed': '316.8',
      'overall.budget.weight': '10',
      'overall.budget.rate': '99%',
      'overall.budget.score': '9.9',
      'overall.funds.generalPublic': '300',
      'overall.funds.govFund': '20',
      'overall.funds.basic': '200',
      'overall.funds.project': '120',
      'overall.goals.1.expected': '保障单位正常运转，完成网格化服务管理任务',
      'overall.goals.1.actual': '单位正常运转，网格化服务管理任务全部完成',
      ...groups('overall'),
      ...row(PATHS.training, '≥200人次', '230人次', '20', '20'),
      ...row(QUALITY, '100%', '98%', '10', '9.8', '两台设备验收延后至次年一月，已督促供应商整改'),
      ...row('overall.indicators.output.timeliness.完成时效', '按期完成，截止2023年12月', '按期完成', '10', '10'),
      ...row(PATHS.cost, '≤120万元', '118万元', '10', '10'),
      ...row(PATHS.safety, '≥95%', '96%', '15', '15'),
      ...row('overall.indicators.benefit.sustainable.长效机制', '建立', '建立', '15', '15'),
      ...row(PATHS.satisfaction, '≥90%', '95%', '10', '10'),
      'overall.total.weight': '100',
      'overall.total.score': '99.7',
      ...signoff('overall'),
      // 附件三 业务经费: 年初 60, adjusted below to 80
      'project:业务经费.department': '县委政法委',
      'project:业务经费.implementer': '某县网格化服务中心',
      'project:业务经费.budget.initial': '60',
      'project:业务经费.budget.full': '60',
      'project:业务经费.budget.executed': '79',
      'project:业务经费.budget.weight': '10',
      'project:业务经费.budget.rate': '98.75%',
      'project:业务经费.budget.score': '9.88',
      'project:业务经费.funds.currentYear.initial': '60',
      'project:业务经费.funds.currentYear.executed': '79',
      ...groups('project:业务经费'),
      ...row('project:业务经费.indicators.output.quantity.督查次数', '≥4次', '4次', '25', '25'),
      ...row('project:业务经费.indicators.output.timeliness.完成时效', '按期完成', '按期完成', '25', '25'),
      ...row('project:业务经费.indicators.benefit.social.群众安全感', '≥95%', '97%', '30', '30'),
      ...row('project:业务经费.indicators.satisfaction.serviceTarget.服务对象满意度', '≥90%', '92%', '10', '10'),
      'project:业务经费.total.weight': '100',
      'project:业务经费.total.score': '99.88',
      ...signoff('project:业务经费'),
      // 附件三 信息化建设: the 当年财政拨款 sub-row repeats 分值 / 执行率 / 得分
      'project:信息化建设.department': '县委政法委',
      'project:信息化建设.implementer': '某县网格化服务中心',
      'project:信息化建设.budget.initial': '40',
      'project:信息化建设.budget.full': '40',
      'project:信息化建设.budget.executed': '39',
      'project:信息化建设.budget.weight': '10',
      'project:信息化建设.budget.rate': '97.5%',
      'project:信息化建设.budget.score': '9.75',
      'project:信息化建设.funds.currentYear.initial': '40',
      'project:信息化建设.funds.currentYear.full': '40',
      'project:信息化建设.funds.currentYear.executed': '39',
      'project:信息化建设.funds.currentYear.weight': '10',
      'project:信息化建设.funds.currentYear.rate': '97.5%',
      'project:信息化建设.funds.currentYear.score': '9.75',
      ...groups('project:信息化建设'),
      ...row('project:信息化建设.indicators.output.quantity.系统上线数', '≥3个', '3个', '30', '30'),
      ...row('project:信息化建设.indicators.output.cost.建设成本', '≤40万元', '39万元', '20', '20'),
      ...row('project:信息化建设.indicators.benefit.social.事件处置效率', '≥90%', '93%', '30', '30'),
      ...row('project:信息化建设.indicators.satisfaction.serviceTarget.使用人员满意度', '≥90%', '94%', '10', '10'),
      'project:信息化建设.total.weight': '100',
      'project:信息化建设.total.score': '99.75',
      ...signoff('project:信息化建设'),
      // 附件四
      'report.cover.unitName': '某县网格化服务中心',
      'report.cover.date': '2024年3月1日',
      'report.sections.basicInfo.text': '某县网格化服务中心负责全县网格化服务管理工作。',
      'report.sections.resultsApplication.text': '自评等级为“优秀”。',
      'report.statedGrade': '优秀',
    }),
    // 业务经费 追加 20 by a command: 全年 60 → 80 (its 当年财政拨款 sub-row likewise)
    { type: 'AdjustBudget', path: 'project:业务经费.budget.full', direction: 'increase', amount: '20', reason: '年中追加', documentNumber: '某财预〔2023〕12号' },
    { type: 'AdjustBudget', path: 'project:业务经费.funds.currentYear.full', direction: 'increase', amount: '20', reason: '年中追加', documentNumber: '某财预〔2023〕12号' },
  ];
}

/** The clean filing, then `more` commands. */
export const clean = (...more: FilingCommand[]): FilingState => stateOf(...cleanCommands(), ...more);

interface Expectation {
  projects: { name: string | null; lineName: string | null; link: 'name' | 'figures' | null }[];
  adjustments: { path: string; direction: 'increase' | 'decrease'; amount: string; reason: string }[];
  figures: Record<string, string | null>;
}

/**
 * The fixture (test/fixtures/hengshan-2023-self-evaluation.txt) built through commands from its parsed
 * expectation, as the importer records it: projects (a linked pair as two AddProject and a LinkProject
 * with its basis), every figure, then each adjustment the report states.
 */
export function hengshanCommands(): FilingCommand[] {
  const expectation = HENGSHAN_EXPECTATION as unknown as Expectation;
  const commands: FilingCommand[] = [];
  expectation.projects.forEach((p, n) => {
    if (p.name !== null && p.lineName !== null) {
      commands.push({ type: 'AddProject', projectId: `t${n + 1}`, name: p.name, lineName: null });
      commands.push({ type: 'AddProject', projectId: `l${n + 1}`, name: null, lineName: p.lineName });
      commands.push({ type: 'LinkProject', name: p.name, lineName: p.lineName, basis: p.link ?? 'name' });
    } else {
      commands.push({ type: 'AddProject', projectId: `p${n + 1}`, name: p.name, lineName: p.lineName });
    }
  });
  commands.push(record(expectation.figures));
  for (const a of expectation.adjustments) commands.push({ type: 'AdjustBudget', path: a.path, direction: a.direction, amount: a.amount, reason: a.reason, stated: true });
  return commands;
}

export const hengshan = (...more: FilingCommand[]): FilingState => stateOf(...hengshanCommands(), ...more);
