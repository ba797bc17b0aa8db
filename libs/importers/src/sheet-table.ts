import { MAX_GOAL_ROWS, splitOccurrence } from '@app/domain';
import type { BudgetField, FundCategory } from '@app/domain';
import type { Collector, ProjectTable, Segment, TableRef } from './collector';
import { IndicatorReader, isIndicatorHeader } from './indicators';
import type { Cell, RowItem } from './layout';
import { allEmpty, cellText, firstFilled, isEmptyCell, valuesAfter } from './rows';
import { NUMBER, bareKey, cellValue, nameOf, rowText } from './text';

/**
 * 附件二 部门整体支出绩效自评表 (`overall.*`) and 附件三 项目支出绩效自评表 (`project:<name>.*`): the header
 * cells, the budget rows, 附件二's funds by source and nature, the goal block, then the indicators
 * (indicators.ts) and the 总分 row (docs/import.md, "附件二 and 附件三").
 */

const keyed = <T extends string>(table: Record<T, string[]>): Map<string, T> =>
  new Map(Object.entries<string[]>(table).flatMap(([field, names]) => names.map((n) => [bareKey(n), field as T] as const)));

type HeaderField = 'name' | 'department' | 'implementer' | 'unitName';
const HEADER = keyed<HeaderField>({
  name: ['项目支出名称', '项目名称'],
  department: ['主管部门', '主管部门及代码'],
  implementer: ['实施单位'],
  unitName: ['预算部门、单位名称', '预算部门（单位）名称', '部门（单位）名称', '预算单位名称', '单位名称', '部门名称'],
});

const BUDGET_FIELDS = keyed<BudgetField>({
  initial: ['年初预算数'],
  full: ['全年预算数'],
  executed: ['全年执行数'],
  weight: ['分值'],
  rate: ['执行率'],
  score: ['自评得分', '得分'],
});
const DEFAULT_BUDGET: BudgetField[] = ['initial', 'full', 'executed', 'weight', 'rate', 'score'];

type BudgetRow = 'total' | 'currentYear' | 'carryOver' | 'other';
const BUDGET_ROWS = keyed<BudgetRow>({
  total: ['年度资金总额', '资金总额', '年度资金总额（万元）'],
  currentYear: ['当年财政拨款', '财政拨款', '本年财政拨款'],
  carryOver: ['上年结转资金', '上年结转', '上年结余结转资金'],
  other: ['其他资金'],
});

const FUNDS = keyed<FundCategory>({
  sourceTotal: ['按收入性质分'],
  natureTotal: ['按支出性质分'],
  generalPublic: ['一般公共预算', '一般公共预算拨款', '一般公共预算财政拨款'],
  govFund: ['政府性基金拨款', '政府性基金', '政府性基金预算拨款'],
  specialAccount: ['纳入专户管理的非税收入拨款', '纳入专户管理的非税收入', '专户管理的非税收入拨款'],
  other: ['其他资金'],
  basic: ['基本支出'],
  project: ['项目支出'],
});

/** A 附件二 funds cell: "其中： 一般公共预算：208.37" → generalPublic, "208.37"; "按收入性质分：" → sourceTotal, "". */
export function fundCell(text: string): { category: FundCategory; printed: string } | null {
  const t = text.trim().replace(/^其中\s*[:：]\s*/u, '');
  const colon = /^([^:：]*?)\s*[:：]\s*([\s\S]*)$/u.exec(t);
  const trailing = new RegExp(`^(.*?)\\s*([-+－＋]?${NUMBER}\\s*[%％]?)$`, 'u').exec(t);
  const [label, printed] = colon ? [colon[1], colon[2]] : trailing ? [trailing[1], trailing[2]] : [t, ''];
  const category = FUNDS.get(bareKey(label));
  return category ? { category, printed: printed.trim() } : null;
}

type Phase = 'top' | 'goals' | 'indicators' | 'done';

export class SheetReader {
  rows = 0;
  private phase: Phase = 'top';
  private budgetFields: BudgetField[] = DEFAULT_BUDGET;
  private goal = 0;
  private readonly indicators: IndicatorReader;
  /** 附件二's 年初 / 全年 / 执行 as read (a 附件三's are kept on its ProjectTable) */
  readonly overallBudget: { initial: string | null; full: string | null; executed: string | null } = { initial: null, full: null, executed: null };

  constructor(
    private readonly out: Collector,
    private readonly table: TableRef,
    private readonly head: Segment,
    /** the 附件三 being read, or null for 附件二 */
    readonly project: ProjectTable | null,
    private readonly onUnitName: (name: string | null) => void,
  ) {
    this.indicators = new IndicatorReader(out, table, head);
  }

  row(row: RowItem): void {
    this.rows++;
    const { cells } = row;
    const first = firstFilled(cells);
    const key = first >= 0 ? bareKey(cells[first].text) : '';
    if (this.phase === 'indicators' || this.phase === 'done') {
      if (key === '总分' || key === '总计') return this.total(row);
      if (isIndicatorHeader(cells)) return this.indicators.header(row);
      if (this.phase === 'done') return allEmpty(cells) ? undefined : this.out.miss(row.line, rowText(cells), '总分行之后无法识别的行');
      return this.indicators.row(row);
    }
    if (isIndicatorHeader(cells)) {
      this.phase = 'indicators';
      return this.indicators.header(row);
    }
    if (key === '总分' || key === '总计') return this.total(row);
    if (this.phase === 'goals') {
      if (cells.length < 6) return this.goalRow(row);
      return allEmpty(cells) ? undefined : this.withoutHeader(row);
    }
    if (first < 0) return;
    if (HEADER.has(bareKey(cells[first].text.split(/[:：]/u)[0]))) return this.header(row);
    if (cells.filter((c) => BUDGET_FIELDS.has(bareKey(c.text))).length >= 3) return this.budgetHeader(row);
    if (BUDGET_ROWS.has(key) && cells.length - first - 1 >= this.budgetFields.length) return this.budgetRow(row, first, BUDGET_ROWS.get(key) as BudgetRow);
    if (key.startsWith('年度总体目标')) {
      this.phase = 'goals';
      return;
    }
    if (!this.project && cells.some((c) => fundCell(c.text) !== null)) return this.funds(row);
    if (cells.length >= 6) return this.withoutHeader(row);
    this.out.miss(row.line, rowText(cells), `${this.project ? '附件三' : '附件二'}中无法识别的行`);
  }

  /** Indicator rows with no 绩效指标 header row before them: read with the default columns. */
  private withoutHeader(row: RowItem): void {
    this.out.warn(row.line, '缺少“绩效指标”表头，按默认的列读取指标');
    this.phase = 'indicators';
    this.indicators.row(row);
  }

  private total(row: RowItem): void {
    this.phase = 'done';
    this.indicators.total(row);
  }

  private header(row: RowItem): void {
    const { cells } = row;
    for (let i = 0; i < cells.length; i++) {
      const text = cells[i].text.trim();
      if (text === '') continue;
      const colon = text.search(/[:：]/u);
      const field = HEADER.get(bareKey(colon >= 0 ? text.slice(0, colon) : text));
      if (!field) {
        this.out.miss(cells[i].line, text, '表头中无法识别的单元格');
        continue;
      }
      let value: Cell | undefined;
      let printed = colon >= 0 ? text.slice(colon + 1).trim() : '';
      if (printed === '' && i + 1 < cells.length && !HEADER.has(bareKey(cells[i + 1].text.split(/[:：]/u)[0]))) {
        value = cells[++i];
        printed = value.text.trim();
      }
      this.headerField(field, printed, value?.line ?? cells[i].line, text);
    }
  }

  private headerField(field: HeaderField, printed: string, line: number, text: string): void {
    const project = this.project;
    if (field === 'unitName' && !project) {
      this.out.cell(this.table, ['overall', 'unitName'], printed, line);
      this.onUnitName(cellValue(printed));
      return;
    }
    if (!project || field === 'unitName') return this.out.miss(line, text, project ? '附件三没有“单位名称”一栏' : '附件二没有该栏（主管部门、实施单位、项目名称属于附件三）');
    if (field === 'name') {
      const name = nameOf(printed);
      if (project.name !== null) return this.out.miss(line, text, `项目表已命名为“${project.name}”`);
      if (name === '') return this.out.warn(line, '项目支出名称为空');
      if (splitOccurrence(name).occurrence !== 1) return this.out.miss(line, text, `项目名称“${name}”以“#数字”结尾，与同名项目的编号混淆`);
      project.name = name;
      project.line = line;
      return;
    }
    const figure = this.out.cell(this.table, [this.head, field], printed, line);
    if (field === 'implementer') project.implementer = figure.value;
  }

  private budgetHeader(row: RowItem): void {
    const fields = row.cells.map((c) => BUDGET_FIELDS.get(bareKey(c.text)) ?? null).filter((f): f is BudgetField => f !== null);
    if (new Set(fields).size !== fields.length) return this.out.warn(row.line, `项目资金的列名重复：“${rowText(row.cells)}”，按默认的列读取`);
    this.budgetFields = fields;
  }

  private budgetRow(row: RowItem, first: number, budgetRow: BudgetRow): void {
    const values = valuesAfter(row.cells, first, this.budgetFields.length);
    if (!values) return this.out.miss(row.line, rowText(row.cells), `资金行应为名称加 ${this.budgetFields.length} 列数值`);
    if (budgetRow !== 'total' && !this.project) return this.out.miss(row.line, rowText(row.cells), '附件二没有按资金来源分列的资金行');
    this.budgetFields.forEach((field, i) => {
      const segments = budgetRow === 'total' ? [this.head, 'budget', field] : [this.head, 'funds', budgetRow, field];
      const figure = this.out.cell(this.table, segments, values[i].text, values[i].line);
      if (budgetRow === 'total' && this.project && (field === 'initial' || field === 'full' || field === 'executed')) this.project.budget[field] = figure.value;
    });
    if (budgetRow === 'total' && !this.project) {
      for (const field of ['initial', 'full', 'executed'] as const) this.overallBudget[field] = cellValue(values[this.budgetFields.indexOf(field)]?.text);
    }
  }

  private funds(row: RowItem): void {
    const { cells } = row;
    for (let i = 0; i < cells.length; i++) {
      if (isEmptyCell(cells[i])) continue;
      const fund = fundCell(cells[i].text);
      if (!fund) {
        this.out.miss(cells[i].line, cells[i].text.trim(), '资金构成中无法识别的单元格');
        continue;
      }
      let { printed } = fund;
      let line = cells[i].line;
      const next = cells[i + 1];
      if (printed === '' && next && !isEmptyCell(next) && fundCell(next.text) === null && /^[-+]?[\d.,]+%?$/u.test(cellValue(next.text) ?? '')) {
        printed = next.text.trim();
        line = next.line;
        i++;
      }
      this.out.cell(this.table, ['overall', 'funds', fund.category], printed, line);
    }
  }

  private goalRow(row: RowItem): void {
    const { cells } = row;
    let pair: Cell[] | null = null;
    if (cells.length === 2) pair = cells;
    else if (cells.length === 3 && (isEmptyCell(cells[0]) || bareKey(cells[0].text).startsWith('年度总体目标'))) pair = cells.slice(1);
    if (!pair) return this.out.miss(row.line, rowText(cells), '年度总体目标的行应为“预期目标、实际完成情况”两格');
    this.goal++;
    if (this.goal > MAX_GOAL_ROWS) return this.out.miss(row.line, rowText(cells), `年度总体目标超过 ${MAX_GOAL_ROWS} 行`);
    this.out.cell(this.table, [this.head, 'goals', String(this.goal), 'expected'], pair[0].text, pair[0].line);
    this.out.cell(this.table, [this.head, 'goals', String(this.goal), 'actual'], pair[1].text, pair[1].line);
  }

  /** The label of the row, for the parser's table detection. */
  static labelOf(row: RowItem): string {
    const first = firstFilled(row.cells);
    return first >= 0 ? cellText(row.cells[first]) : '';
  }
}
