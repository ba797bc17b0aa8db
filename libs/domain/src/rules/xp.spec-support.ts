import type { FigureInput, FilingCommand } from '../filing/filing.commands';
import { decide } from '../filing/filing.decide';
import { computedOf, figuresOf } from '../filing/filing.figures';
import type { FilingState } from '../filing/filing.state';
import { fold } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { scoreComputed, scoreFiling } from '../scoring/score-filing';
import type { ScoringTemplate } from '../scoring/template.types';
import { P_RULES } from './p-rules';
import type { Finding, Rule, RuleInput } from './rule.types';
import { X_RULES } from './x-rules';

/** Spec support for the X and P rules (not exported by the lib): filings built through the decider only. */

export const OPEN: FilingCommand = { type: 'OpenFiling', countyCode: '430423', unitCode: 'xp-test', year: 2023 };

/** The state after `commands` on `state`, each command decided on the state the previous one left. */
export function after(state: FilingState, ...commands: FilingCommand[]): FilingState {
  let next = state;
  for (const command of commands) next = fold(decide(command, next), next);
  return next;
}

/** A filing opened and then changed by `commands`. */
export const filing = (...commands: FilingCommand[]): FilingState => after(fold([]), OPEN, ...commands);

export const record = (figures: Record<string, string | null>): FilingCommand => ({
  type: 'RecordFigures',
  figures: Object.entries(figures).map(([path, value]): FigureInput => ({ path, value })),
});
export const set = (path: string, value: string | null): FilingCommand => ({ type: 'SetFigure', path, value });
export const addProject = (projectId: string, name: string | null, lineName: string | null): FilingCommand => ({ type: 'AddProject', projectId, name, lineName });

/** What a rule reads, as the filing view builds it. */
export function inputOf(state: FilingState, template: ScoringTemplate = NATIONAL_DEFAULT_TEMPLATE): RuleInput {
  const score = scoreFiling(state, template);
  return { state, figures: figuresOf(state), computed: { ...computedOf(state), ...scoreComputed(score) }, score, template };
}

export const XP_RULES: Rule[] = [...X_RULES, ...P_RULES];

/** The findings of the X and P rules (or of the rules named) on a filing. */
export function findingsOf(state: FilingState, ids?: string[], template?: ScoringTemplate): Finding[] {
  const input = inputOf(state, template);
  return XP_RULES.filter((r) => !ids || ids.includes(r.id)).flatMap((r) => r.check(input));
}

/** The part of a finding the specs compare: rule, severity, table, the cell to look at, expected, actual. */
export const brief = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, table: f.table, path: f.paths[0], expected: f.expected, actual: f.actual });
export const briefs = (state: FilingState, ids?: string[]) => findingsOf(state, ids).map(brief);

/** Four cells of an indicator row. */
export function indicator(head: string, at: string, target: string, actual: string, weight: string, score: string): Record<string, string> {
  const base = `${head}.indicators.${at}`;
  return { [`${base}.target`]: target, [`${base}.actual`]: actual, [`${base}.weight`]: weight, [`${base}.score`]: score };
}

const groups = (head: string) => ({ [`${head}.groups.output.weight`]: '50', [`${head}.groups.benefit.weight`]: '30', [`${head}.groups.satisfaction.weight`]: '10' });

/**
 * A consistent full filing: two projects linked by name, 附件一 lines equal to their 附件三, 附件三 totals
 * equal to 项目支出, report figures equal to the tables, small adjustments, 执行率 above 90%, measurable
 * targets, one score below full in each table, controlled expenses within budget and close to last year,
 * staff within the establishment. No X or P rule raises anything on it.
 */
export const CLEAN_COMMANDS: FilingCommand[] = [
  addProject('pa', '站点建设', '站点建设'),
  addProject('pb', '网格员培训', '网格员培训'),
  record({
    // 附件一
    'basic.staffing.authorized': '10',
    'basic.staffing.actual': '9',
    'basic.staffing.controlRate': '90%',
    'basic.expense.threePublic.prevActual': '1.00',
    'basic.expense.threePublic.budget': '1.20',
    'basic.expense.threePublic.actual': '1.10',
    'basic.expense.reception.prevActual': '1.00',
    'basic.expense.reception.budget': '1.20',
    'basic.expense.reception.actual': '1.10',
    'basic.expense.projects.prevActual': '80.00',
    'basic.expense.projects.budget': '100.00',
    'basic.expense.projects.actual': '98.00',
    'basic.expense.project:站点建设.prevActual': '50.00',
    'basic.expense.project:站点建设.budget': '60.00',
    'basic.expense.project:站点建设.actual': '59.00',
    'basic.expense.project:网格员培训.prevActual': '30.00',
    'basic.expense.project:网格员培训.budget': '40.00',
    'basic.expense.project:网格员培训.actual': '39.00',
    'basic.expense.publicFunds.prevActual': '10.00',
    'basic.expense.publicFunds.budget': '12.00',
    'basic.expense.publicFunds.actual': '11.50',
    'basic.expense.office.prevActual': '5.00',
    'basic.expense.office.budget': '6.00',
    'basic.expense.office.actual': '5.80',
    'basic.expense.utilitiesTravel.prevActual': '3.00',
    'basic.expense.utilitiesTravel.budget': '4.00',
    'basic.expense.utilitiesTravel.actual': '3.90',
    'basic.expense.meetingsTraining.prevActual': '1.00',
    'basic.expense.meetingsTraining.budget': '1.50',
    'basic.expense.meetingsTraining.actual': '1.20',
    'basic.expense.procurement.prevActual': '——',
    'basic.expense.procurement.budget': '20.00',
    'basic.expense.procurement.actual': '19.00',
    'basic.signoff.preparer': '张三',
    'basic.signoff.date': '2024.3.1',
    // 附件二
    'overall.unitName': '某县网格化服务中心',
    'overall.budget.initial': '190.00',
    'overall.budget.full': '200.00',
    'overall.budget.executed': '196.00',
    'overall.budget.weight': '10',
    'overall.budget.rate': '98%',
    'overall.budget.score': '9.8',
    'overall.funds.generalPublic': '200.00',
    'overall.funds.basic': '100.00',
    'overall.funds.project': '100.00',
    'overall.goals.1.expected': '保障中心正常运转，完成全县网格化服务管理年度任务',
    'overall.goals.1.actual': '已完成',
    ...groups('overall'),
    ...indicator('overall', 'output.quantity.开展业务培训', '≥500人次', '520人次', '15', '15'),
    ...indicator('overall', 'output.quality.验收合格率', '100%', '100%', '15', '15'),
    ...indicator('overall', 'output.timeliness.完成及时率', '≥95%', '96%', '10', '10'),
    ...indicator('overall', 'output.cost.项目成本控制', '≤100万元', '98万元', '10', '10'),
    ...indicator('overall', 'benefit.social.群众知晓率', '≥90%', '88%', '30', '29'),
    ...indicator('overall', 'satisfaction.serviceTarget.服务对象满意度', '≥90%', '92%', '10', '10'),
    'overall.total.weight': '100',
    'overall.total.score': '98.8',
    // 附件三 站点建设
    'project:站点建设.implementer': '某县网格化服务中心',
    'project:站点建设.budget.initial': '55.00',
    'project:站点建设.budget.full': '60.00',
    'project:站点建设.budget.executed': '59.00',
    'project:站点建设.budget.weight': '10',
    'project:站点建设.budget.rate': '98.33%',
    'project:站点建设.budget.score': '9.83',
    'project:站点建设.goals.1.expected': '建成 3 个基层综治站点并投入使用',
    'project:站点建设.goals.1.actual': '建成 3 个，已投入使用',
    ...groups('project:站点建设'),
    ...indicator('project:站点建设', 'output.quantity.新建站点数量', '≥3个', '3个', '15', '15'),
    ...indicator('project:站点建设', 'output.quality.站点验收合格率', '100%', '100%', '15', '15'),
    ...indicator('project:站点建设', 'output.timeliness.建设完成时间', '按期完成，截止2023年12月', '按期完成', '10', '10'),
    ...indicator('project:站点建设', 'output.cost.建设成本', '≤60万元', '59万元', '10', '10'),
    ...indicator('project:站点建设', 'benefit.social.站点覆盖率', '≥80%', '85%', '30', '28'),
    ...indicator('project:站点建设', 'satisfaction.serviceTarget.群众满意度', '≥90%', '93%', '10', '10'),
    'project:站点建设.total.weight': '100',
    'project:站点建设.total.score': '97.83',
    // 附件三 网格员培训
    'project:网格员培训.implementer': '某县网格化服务中心',
    'project:网格员培训.budget.initial': '40.00',
    'project:网格员培训.budget.full': '40.00',
    'project:网格员培训.budget.executed': '39.00',
    'project:网格员培训.budget.weight': '10',
    'project:网格员培训.budget.rate': '97.5%',
    'project:网格员培训.budget.score': '9.75',
    'project:网格员培训.goals.1.expected': '全年开展网格员业务培训 12 场，提升网格员履职能力',
    'project:网格员培训.goals.1.actual': '开展 12 场',
    ...groups('project:网格员培训'),
    ...indicator('project:网格员培训', 'output.quantity.培训场次', '≥12场', '12场', '15', '15'),
    ...indicator('project:网格员培训', 'output.quality.培训合格率', '≥95%', '97%', '15', '15'),
    ...indicator('project:网格员培训', 'output.timeliness.培训完成及时率', '100%', '100%', '10', '10'),
    ...indicator('project:网格员培训', 'output.cost.人均培训成本', '≤500元', '480元', '10', '10'),
    ...indicator('project:网格员培训', 'benefit.social.参训人员履职能力提升比例', '≥80%', '82%', '30', '27'),
    ...indicator('project:网格员培训', 'satisfaction.serviceTarget.参训人员满意度', '≥90%', '91%', '10', '10'),
    'project:网格员培训.total.weight': '100',
    'project:网格员培训.total.score': '96.75',
    // 附件四
    'report.quoted.编制数': '10',
    'report.quoted.在职人数': '9',
    'report.quoted.一般公共预算拨款支出': '200.00',
    'report.quoted.基本支出预算数': '100.00',
    'report.quoted.项目支出年初预算': '95',
    'report.quoted.年中追加': '5',
    'report.quoted.项目支出全年预算': '100',
    'report.statedGrade': '优秀',
  }),
  { type: 'AdjustBudget', path: 'project:站点建设.budget.full', direction: 'increase', amount: '5', reason: '年中追加站点建设经费 5 万元', stated: true },
];

export const cleanFiling = (): FilingState => filing(...CLEAN_COMMANDS);
