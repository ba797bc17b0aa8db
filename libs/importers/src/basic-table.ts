import { isNumericValue, isTemplateRowLabel, splitOccurrence } from '@app/domain';
import type { BuildingField, ExpenseColumn, ExpenseItem, StaffingField } from '@app/domain';
import { BASIC } from './collector';
import type { Collector, ProjectLine } from './collector';
import type { RowItem } from './layout';
import { allEmpty, cellText, firstFilled, rightAligned, valuesAfter } from './rows';
import { bareKey, cellValue, nameOf, rowText } from './text';

/**
 * 附件一 部门整体支出绩效评价基础数据表 → `basic.*` (docs/import.md, "附件一"). Rows are matched by their
 * label (after numbering, 其中：, parentheses and punctuation are dropped) against the lists below; the
 * rows after 项目支出 that are not an item of the form are project lines.
 */

const aliases = <T extends string>(table: Record<T, string[]>): Map<string, T> =>
  new Map(Object.entries<string[]>(table).flatMap(([field, names]) => names.map((n) => [bareKey(n), field as T] as const)));

const EXPENSE_ITEMS = aliases<ExpenseItem>({
  threePublic: ['三公经费', '三公经费合计'],
  vehicle: ['公务用车购置和维护经费', '公务用车购置及运行维护经费', '公务用车购置和运行维护经费', '公务用车购置及运行费', '公务用车购置和运行维护费'],
  vehiclePurchase: ['公车购置', '公务用车购置', '公车购置费', '公务用车购置费'],
  vehicleOperation: ['公车运行维护', '公务用车运行维护', '公车运行维护费', '公务用车运行维护费'],
  overseas: ['出国经费', '因公出国（境）经费', '因公出国（境）费', '出国（境）经费'],
  reception: ['公务接待', '公务接待费', '公务接待经费'],
  projects: ['项目支出'],
  publicFunds: ['公用经费'],
  office: ['办公经费', '办公费'],
  utilitiesTravel: ['水费、电费、差旅费', '水电费、差旅费'],
  meetingsTraining: ['会议费、培训费'],
  procurement: ['政府采购金额', '政府采购'],
  basicAdjustment: ['部门基本支出预算调整', '基本支出预算调整'],
});

const STAFFING = aliases<StaffingField>({
  authorized: ['编制数', '核定编制数', '编制人数', '编制'],
  actual: ['实际在职人数', '在职人数', '实有人数', '实际在职人员'],
  controlRate: ['控制率', '编制控制率'],
});
const BUILDINGS = aliases<BuildingField>({
  approvedArea: ['批复规模'],
  actualArea: ['实际规模'],
  areaControlRate: ['规模控制率'],
  budgetInvestment: ['预算投资'],
  actualInvestment: ['实际投资'],
  investmentControlRate: ['投资概算控制率', '投资控制率'],
});

const withoutYear = (key: string): string => key.replace(/^\d{4}年度?/u, '');

/** The three money columns from their headings: 预算 → budget; 决算 of the latest year → actual, earlier → prevActual. */
export function expenseColumns(labels: string[]): (ExpenseColumn | null)[] {
  const keys = labels.map((l) => bareKey(l));
  const yearIn = (k: string): number | null => {
    const m = /^(\d{4})年/u.exec(k);
    return m ? Number(m[1]) : null;
  };
  const finals = keys.flatMap((k, i) => (k.includes('决算') ? [i] : []));
  const years = finals.map((i) => yearIn(keys[i]));
  return keys.map((k, i) => {
    if (k.includes('预算')) return 'budget';
    if (!k.includes('决算')) return null;
    if (/上年|上一年/u.test(k)) return 'prevActual';
    if (/本年|当年/u.test(k)) return 'actual';
    if (finals.length > 1 && years.every((y) => y !== null)) return yearIn(k) === Math.max(...(years as number[])) ? 'actual' : 'prevActual';
    return finals.length > 1 && finals[0] === i ? 'prevActual' : 'actual';
  });
}

type Pending = { kind: 'staffing'; fields: (StaffingField | null)[]; line: number } | { kind: 'buildings'; fields: (BuildingField | null)[]; line: number };

export class BasicReader {
  rows = 0;
  private columns: (ExpenseColumn | null)[] = ['prevActual', 'budget', 'actual'];
  private pending: Pending | null = null;
  private inProjects = false;

  constructor(
    private readonly out: Collector,
    private readonly lines: ProjectLine[],
    private readonly basicAdjustments: { value: string; printed: string; line: number }[],
  ) {}

  row(row: RowItem): void {
    this.rows++;
    const { cells } = row;
    if (allEmpty(cells) && !this.pending) return;
    const first = firstFilled(cells);
    const label = first >= 0 ? cellText(cells[first]) : '';
    const key = bareKey(label);
    if (key.startsWith('财政供养人员') || key.startsWith('经费控制情况') || key.startsWith('楼堂馆所')) return this.header(row, key);
    if (this.pending && !this.isItemLabel(key)) return this.values(row, this.pending);
    this.noValues();
    if (first !== 0) return this.out.miss(row.line, rowText(cells), '附件一的行应以项目名称开头');
    if (key.startsWith('厉行节约')) {
      const text = cells.slice(1).map((c) => c.text.trim()).filter(Boolean).join('\n');
      this.out.cell(BASIC, ['basic', 'savingsMeasures'], text, cells[1]?.line ?? row.line);
      return;
    }
    this.expense(row, label, key);
  }

  private isItemLabel(key: string): boolean {
    return EXPENSE_ITEMS.has(key) || key.startsWith('厉行节约');
  }

  /** A 编制 / 楼堂馆所 header followed by no row of values. */
  private noValues(): void {
    if (this.pending) this.out.warn(this.pending.line, `附件一第 ${this.pending.line} 行的表头下没有数值行`);
    this.pending = null;
  }

  private header(row: RowItem, key: string): void {
    this.noValues();
    const labels = row.cells.slice(1).map((c) => c.text);
    if (key.startsWith('经费控制情况')) {
      const columns = expenseColumns(labels);
      if (columns.length === 3 && new Set(columns).size === 3 && !columns.includes(null)) this.columns = columns;
      else this.out.warn(row.line, `附件一经费控制情况的列名“${labels.join('、')}”无法识别，按“上年决算数、本年预算数、本年决算数”读取`);
      return;
    }
    const table = key.startsWith('财政供养人员') ? STAFFING : BUILDINGS;
    const fields = labels.map((l) => table.get(withoutYear(bareKey(l))) ?? null);
    labels.forEach((l, i) => {
      if (fields[i] === null && l.trim() !== '') this.out.miss(row.cells[i + 1].line, l.trim(), '附件一表头中无法识别的列');
    });
    this.pending = key.startsWith('财政供养人员')
      ? { kind: 'staffing', fields: fields as (StaffingField | null)[], line: row.line }
      : { kind: 'buildings', fields: fields as (BuildingField | null)[], line: row.line };
  }

  private values(row: RowItem, pending: Pending): void {
    this.pending = null;
    const values = rightAligned(row.cells, pending.fields.length);
    if (!values) return this.out.miss(row.line, rowText(row.cells), `单元格数与第 ${pending.line} 行的表头（${pending.fields.length} 列）不符`);
    pending.fields.forEach((field, i) => {
      if (field === null) {
        if (values[i].text.trim() !== '') this.out.miss(values[i].line, values[i].text.trim(), '该列的表头无法识别');
        return;
      }
      const group = pending.kind === 'staffing' ? 'staffing' : 'buildings';
      this.out.cell(BASIC, ['basic', group, field], values[i].text, values[i].line);
    });
  }

  private expense(row: RowItem, label: string, key: string): void {
    if (isTemplateRowLabel(label)) {
      if (row.cells.slice(1).some((c) => c.text.trim() !== '')) this.out.miss(row.line, rowText(row.cells), '模板行（“……”或“每个专项一行”）中填有数字');
      return;
    }
    const values = valuesAfter(row.cells, 0, 3);
    if (!values) return this.out.miss(row.line, rowText(row.cells), '附件一经费行应为名称加三列数字');
    const item = EXPENSE_ITEMS.get(key);
    // After 项目支出, every row that is not an item of the form is a project line.
    if (this.inProjects && item === undefined) return this.projectLine(row, label, values);
    this.inProjects = item === 'projects';
    if (!item) return this.out.miss(row.line, rowText(row.cells), '附件一中无法识别的行');
    this.columns.forEach((column, i) => {
      if (column) this.out.cell(BASIC, ['basic', 'expense', item, column], values[i].text, values[i].line);
    });
    if (item === 'basicAdjustment') {
      const stated = (['budget', 'actual'] as const).map((c) => values[this.columns.indexOf(c)]).find((c) => c !== undefined && isNumericValue(cellValue(c.text)));
      if (stated) this.basicAdjustments.push({ value: cellValue(stated.text) as string, printed: stated.text.trim(), line: stated.line });
    }
  }

  private projectLine(row: RowItem, label: string, values: RowItem['cells']): void {
    const lineName = nameOf(label);
    if (lineName === '') return this.out.miss(row.line, rowText(row.cells), '项目支出行没有名称');
    if (splitOccurrence(lineName).occurrence !== 1) return this.out.miss(row.line, rowText(row.cells), `项目名称“${lineName}”以“#数字”结尾，与同名项目的编号混淆`);
    const byColumn = (c: ExpenseColumn) => (this.columns.indexOf(c) >= 0 ? cellValue(values[this.columns.indexOf(c)].text) : null);
    const line: ProjectLine = { lineName, display: null, line: row.line, budget: byColumn('budget'), actual: byColumn('actual') };
    this.lines.push(line);
    this.columns.forEach((column, i) => {
      if (column) this.out.cell(BASIC, ['basic', 'expense', () => (line.display === null ? null : `project:${line.display}`), column], values[i].text, values[i].line);
    });
  }
}
