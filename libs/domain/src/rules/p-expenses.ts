import { Dec } from '../filing/filing.figures';
import type { ExpenseItem } from '../filing/filing.types';
import { EXPENSE_LABELS } from '../filing/filing.view';
import type { Finding, RuleInput } from './rule.types';
import { amount, finding, path, percent, plain, statedAt, statedOrComputed, threshold, tolerance } from './xp-common';

/** P06, P07, P08: 附件一's controlled expenses and staffing. */

interface ExpenseNode {
  item: ExpenseItem;
  children: ExpenseNode[];
}

/** 三公经费 and 公用经费 with their 其中 lines, as 附件一 prints them. */
const CONTROLLED: ExpenseNode[] = [
  {
    item: 'threePublic',
    children: [
      { item: 'vehicle', children: [{ item: 'vehiclePurchase', children: [] }, { item: 'vehicleOperation', children: [] }] },
      { item: 'overseas', children: [] },
      { item: 'reception', children: [] },
    ],
  },
  { item: 'publicFunds', children: [{ item: 'office', children: [] }, { item: 'utilitiesTravel', children: [] }, { item: 'meetingsTraining', children: [] }] },
];

const flatten = (nodes: ExpenseNode[]): ExpenseItem[] => nodes.flatMap((n) => [n.item, ...flatten(n.children)]);
const CONTROLLED_ITEMS = flatten(CONTROLLED);

const EN: Partial<Record<ExpenseItem, string>> = {
  threePublic: 'three public expenses (三公经费)',
  vehicle: 'official vehicles',
  vehiclePurchase: 'vehicle purchase',
  vehicleOperation: 'vehicle operation',
  overseas: 'travel abroad',
  reception: 'official reception',
  publicFunds: 'public funds (公用经费)',
  office: 'office costs',
  utilitiesTravel: 'water, power and travel',
  meetingsTraining: 'meetings and training',
};

/** 三公经费 and 公务用车 are sums by definition: the stated figure, else the computed one; the others as stated. */
const expense = (input: RuleInput, item: ExpenseItem, column: 'prevActual' | 'budget' | 'actual'): Dec | null =>
  item === 'threePublic' || item === 'vehicle' ? statedOrComputed(input, path('basic', 'expense', item, column)) : statedAt(input, path('basic', 'expense', item, column));

const isOver = (input: RuleInput, item: ExpenseItem) => {
  const budget = expense(input, item, 'budget');
  const actual = expense(input, item, 'actual');
  return budget !== null && actual !== null && actual.gt(budget);
};

/**
 * P06: a controlled expense spent more than its budget (本年决算数 > 本年预算数): 三公经费, 公用经费 and
 * their 其中 lines — a line is reported once: when a line overspends its 其中 lines are named in its
 * finding, not raised again — and the 楼堂馆所 project (实际投资 > 预算投资). An excess within the
 * rounding tolerance is `info`.
 */
export function checkP06(input: RuleInput): Finding[] {
  const out: Finding[] = [];
  const tol = tolerance(input, 1);
  const visit = (node: ExpenseNode, parents: ExpenseItem[]) => {
    if (!isOver(input, node.item)) {
      node.children.forEach((c) => visit(c, [...parents, node.item]));
      return;
    }
    const budget = expense(input, node.item, 'budget') as Dec;
    const actual = expense(input, node.item, 'actual') as Dec;
    const excess = actual.minus(budget);
    const rounding = excess.lte(tol);
    const within = flatten(node.children).filter((c) => isOver(input, c));
    const label = EXPENSE_LABELS[node.item];
    const ratio = budget.isZero() ? '' : `（超支 ${percent(excess.dividedBy(budget).times(100))}%）`;
    const detail = within.length ? `，其中${within.map((c) => `“${EXPENSE_LABELS[c]}”`).join('、')}超出预算` : '';
    out.push(
      finding(
        'P06',
        rounding ? 'info' : 'warning',
        'basic',
        [path('basic', 'expense', node.item, 'actual'), path('basic', 'expense', node.item, 'budget')],
        amount(budget),
        amount(actual),
        `附件一“${label}”本年决算数 ${amount(actual)} 万元，超过本年预算数 ${amount(budget)} 万元，多支出 ${amount(excess)} 万元${ratio}${detail}${rounding ? '，属尾数差异' : ''}。三公经费、公用经费及其明细属于严控支出，不得超预算：请核实支出数据，说明超支原因及是否履行了预算调整程序。`,
        `附件一 ${EN[node.item] ?? node.item}: actual ${amount(actual)} exceeds the budget ${amount(budget)} by ${amount(excess)}${within.length ? ` (over within: ${within.map((c) => EN[c] ?? c).join(', ')})` : ''}${rounding ? ' (rounding)' : ''}. A controlled expense must stay within its budget: check the figures and explain the overspend.`,
      ),
    );
  };
  CONTROLLED.forEach((n) => visit(n, []));

  const budgetInvestment = statedAt(input, 'basic.buildings.budgetInvestment');
  const actualInvestment = statedAt(input, 'basic.buildings.actualInvestment');
  if (budgetInvestment !== null && actualInvestment !== null && actualInvestment.gt(budgetInvestment)) {
    const excess = actualInvestment.minus(budgetInvestment);
    const rounding = excess.lte(tol);
    out.push(
      finding(
        'P06',
        rounding ? 'info' : 'warning',
        'basic',
        ['basic.buildings.actualInvestment', 'basic.buildings.budgetInvestment'],
        amount(budgetInvestment),
        amount(actualInvestment),
        `附件一楼堂馆所实际投资 ${amount(actualInvestment)} 万元，超过预算投资 ${amount(budgetInvestment)} 万元，超概算 ${amount(excess)} 万元${rounding ? '，属尾数差异' : ''}。楼堂馆所投资不得超概算：请核实投资数据，说明超概算的原因及审批情况。`,
        `附件一 buildings: the actual investment ${amount(actualInvestment)} exceeds the budgeted ${amount(budgetInvestment)} by ${amount(excess)}${rounding ? ' (rounding)' : ''}. Explain the overrun and its approval.`,
      ),
    );
  }
  return out;
}

/**
 * P07: year over year, 本年决算数 against 上年决算数, of every controlled-expense line (三公经费, 公用经费
 * and their 其中 lines) beyond ±P07YearOverYear %; skipped when 上年 is empty, `——` or 0, or 本年 is
 * empty. One `info` per line.
 */
export function checkP07(input: RuleInput): Finding[] {
  const limit = threshold(input, 'P07YearOverYear');
  const out: Finding[] = [];
  for (const item of CONTROLLED_ITEMS) {
    const prev = expense(input, item, 'prevActual');
    const actual = expense(input, item, 'actual');
    if (prev === null || prev.isZero() || prev.isNegative() || actual === null) continue;
    const change = actual.minus(prev).dividedBy(prev).times(100);
    if (!change.abs().gt(limit)) continue;
    const up = change.isPositive();
    const bound = up ? prev.times(limit.plus(100)).dividedBy(100) : prev.times(new Dec(100).minus(limit)).dividedBy(100);
    const label = EXPENSE_LABELS[item];
    out.push(
      finding(
        'P07',
        'info',
        'basic',
        [path('basic', 'expense', item, 'actual'), path('basic', 'expense', item, 'prevActual')],
        amount(bound),
        amount(actual),
        `附件一“${label}”本年决算数 ${amount(actual)} 万元，上年决算数 ${amount(prev)} 万元，${up ? '增长' : '下降'} ${percent(change.abs())}%，变动超过 ±${plain(limit)}%。三公经费、公用经费及其明细属于严控支出，请核实数据，并在自评报告中说明大幅变动的原因。`,
        `附件一 ${EN[item] ?? item}: ${amount(actual)} this year against ${amount(prev)} last year, ${up ? '+' : '−'}${percent(change.abs())}% (beyond ±${plain(limit)}%). Explain the change in the report.`,
      ),
    );
  }
  return out;
}

/** P08: 实际在职人数 above 编制数. */
export function checkP08(input: RuleInput): Finding[] {
  const authorized = statedAt(input, 'basic.staffing.authorized');
  const actual = statedAt(input, 'basic.staffing.actual');
  if (authorized === null || actual === null || !actual.gt(authorized)) return [];
  return [
    finding(
      'P08',
      'warning',
      'basic',
      ['basic.staffing.actual', 'basic.staffing.authorized'],
      plain(authorized),
      plain(actual),
      `附件一实际在职人数 ${plain(actual)} 人，超过编制数 ${plain(authorized)} 人（超编 ${plain(actual.minus(authorized))} 人）。请核实人数，说明超编原因及消化计划。`,
      `附件一: ${plain(actual)} staff in post exceed the authorised establishment of ${plain(authorized)} (by ${plain(actual.minus(authorized))}). Check the figures and explain.`,
    ),
  ];
}
