import { LEVEL2_BY_LEVEL1, isTemplateRowLabel, splitOccurrence, withOccurrence } from '@app/domain';
import type { IndicatorField, Level1, Level2 } from '@app/domain';
import type { Collector, Segment, TableRef } from './collector';
import type { Cell, RowItem } from './layout';
import { aligned, allEmpty, cellText, firstFilled, isEmptyCell } from './rows';
import { bareKey, labelKey, nameOf, rowText } from './text';

/**
 * The 绩效指标 block of 附件二 and 附件三 → `<sheet>.groups.<l1>.weight` and
 * `<sheet>.indicators.<l1>.<l2>.<name>.*` (docs/import.md, "Indicators"). 一级 and 二级 cells left empty
 * inherit from the rows above; a 一级 heading may declare the group's weight ("效益指标\n（30 分）").
 */

export type Role = 'label' | 'l1' | 'l2' | 'name' | IndicatorField | null;

/** 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 自评得分 | 偏差原因分析及改进措施 */
export const DEFAULT_COLUMNS: readonly Role[] = ['label', 'l1', 'l2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'];

const ROLES: [Exclude<Role, null>, string[]][] = [
  ['label', ['绩效指标']],
  ['l1', ['一级指标']],
  ['l2', ['二级指标']],
  ['name', ['三级指标', '指标名称', '三级指标名称']],
  ['target', ['年度指标值', '指标值', '年度目标值', '目标值', '预期指标值']],
  ['actual', ['实际完成值', '实际值', '完成值', '全年实际值', '实际完成情况']],
  ['weight', ['分值', '权重']],
  ['score', ['自评得分', '得分']],
  ['deviation', ['偏差原因分析及改进措施', '偏差原因分析', '偏差原因', '未完成原因分析']],
];
const ROLE_BY_KEY = new Map(ROLES.flatMap(([role, names]) => names.map((n) => [bareKey(n), role] as const)));

/** Whether a row is the block's column header (绩效指标 一级指标 二级指\n标 …). */
export function isIndicatorHeader(cells: Cell[]): boolean {
  const keys = cells.map((c) => bareKey(c.text));
  return keys.includes('一级指标') || keys.includes('三级指标');
}

/** The role of each column of the header; null where a label is not known. */
export function indicatorColumns(cells: Cell[]): Role[] {
  return cells.map((c) => ROLE_BY_KEY.get(bareKey(c.text)) ?? (c.text.trim() === '' ? 'label' : null));
}

const LEVEL1: Record<string, Level1> = { 产出: 'output', 效益: 'benefit', 满意度: 'satisfaction' };
const LEVEL2: Record<string, Level2> = {
  数量: 'quantity',
  质量: 'quality',
  时效: 'timeliness',
  成本: 'cost',
  经济效益: 'economic',
  社会效益: 'social',
  生态效益: 'ecological',
  可持续影响: 'sustainable',
  可持续: 'sustainable',
  服务对象满意度: 'serviceTarget',
  满意度: 'serviceTarget',
  社会公众或服务对象满意度: 'serviceTarget',
};

const WEIGHT_IN_PARENS = /[（(]\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分?\s*[)）]/u;
const WEIGHT_TRAILING = /([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*分\s*$/u;

/** A 一级 heading: "产出指标\n(50 分)" → output, weight "50" (as printed); "效益指标" → benefit, no weight. */
export function level1Heading(text: string): { level1: Level1 | null; weight: string | null } {
  const m = WEIGHT_IN_PARENS.exec(text) ?? WEIGHT_TRAILING.exec(text);
  const name = m ? text.replace(m[0], '') : text;
  const key = bareKey(name).replace(/指标$/u, '');
  return { level1: Object.hasOwn(LEVEL1, key) ? LEVEL1[key] : null, weight: m ? m[1] : null };
}

/** A 二级 label by its meaning: "服务对\n象满意度指标" → serviceTarget; null when not one of the nine. */
export function level2Of(text: string): Level2 | null {
  const key = bareKey(text.replace(WEIGHT_IN_PARENS, '')).replace(WEIGHT_TRAILING, '').replace(/指标$/u, '');
  return Object.hasOwn(LEVEL2, key) ? LEVEL2[key] : null;
}

const FIELDS: IndicatorField[] = ['target', 'actual', 'weight', 'score', 'deviation'];

export class IndicatorReader {
  private columns: readonly Role[] = DEFAULT_COLUMNS;
  /** undefined: no heading yet; null: a heading that is not understood (its rows are not placed) */
  private level1: Level1 | null | undefined = undefined;
  private level2: Level2 | null | undefined = undefined;
  private readonly groups = new Map<Level1, number>();
  private readonly names = new Map<string, number>();

  constructor(
    private readonly out: Collector,
    private readonly table: TableRef,
    private readonly head: Segment,
  ) {}

  header(row: RowItem): void {
    const columns = indicatorColumns(row.cells);
    if (!columns.includes('name') || !columns.includes('l1') || !columns.includes('l2')) {
      this.out.warn(row.line, `绩效指标的表头“${rowText(row.cells)}”无法识别，按“一级、二级、三级指标、年度指标值、实际完成值、分值、自评得分、偏差原因”读取`);
      return;
    }
    row.cells.forEach((c, i) => {
      if (columns[i] === null) this.out.miss(c.line, c.text.trim(), '绩效指标表头中无法识别的列');
    });
    this.columns = columns;
  }

  /** The 总分 row: its 分值 and 自评得分 (aligned with the header, or the two cells after 总分). */
  total(row: RowItem): void {
    const at = firstFilled(row.cells);
    let weight: Cell | undefined;
    let score: Cell | undefined;
    if (row.cells.length === this.columns.length && this.columns.includes('weight')) {
      weight = row.cells[this.columns.indexOf('weight')];
      score = row.cells[this.columns.indexOf('score')];
      const others = row.cells.filter((c, i) => i !== at && c !== weight && c !== score && !isEmptyCell(c));
      if (others.length) return this.out.miss(row.line, rowText(row.cells), '总分行中有无法归属的数值');
    } else {
      const rest = row.cells.slice(at + 1);
      if (rest.slice(2).some((c) => !isEmptyCell(c))) return this.out.miss(row.line, rowText(row.cells), '总分行应为“总分、分值、自评得分”');
      [weight, score] = rest;
    }
    this.out.cell(this.table, [this.head, 'total', 'weight'], weight?.text, weight?.line ?? row.line);
    this.out.cell(this.table, [this.head, 'total', 'score'], score?.text, score?.line ?? row.line);
  }

  row(row: RowItem): void {
    const cells = aligned(row.cells, this.columns.length);
    if (!cells) {
      if (allEmpty(row.cells)) return;
      return this.out.miss(row.line, rowText(row.cells), `单元格数（${row.cells.length}）与绩效指标表头（${this.columns.length} 列）不符`);
    }
    const byRole = (role: Role) => cells[this.columns.indexOf(role)] as Cell | undefined;
    cells.forEach((c, i) => {
      const role = this.columns[i];
      if (!isEmptyCell(c) && (role === null || (role === 'label' && labelKey(c.text) !== '绩效指标'))) this.out.miss(c.line, c.text.trim(), '绩效指标行中无法归属的单元格');
    });
    const l1Cell = byRole('l1');
    if (!isEmptyCell(l1Cell)) this.heading(l1Cell as Cell);
    const l2Cell = byRole('l2');
    if (!isEmptyCell(l2Cell)) this.level2Cell(l2Cell as Cell);
    const name = nameOf(cellText(byRole('name')));
    const values = FIELDS.map((f) => byRole(f));
    const filled = values.some((c) => !isEmptyCell(c));
    if (name === '' || isTemplateRowLabel(name)) {
      if (filled) this.out.miss(row.line, rowText(row.cells), name === '' ? '指标名称为空，却填有数值' : '模板行中填有数值');
      return;
    }
    if (!this.level1 || !this.level2) return this.out.miss(row.line, rowText(row.cells), '无法确定该指标的一级或二级指标');
    if (splitOccurrence(name).occurrence !== 1) return this.out.miss(row.line, rowText(row.cells), `指标名称“${name}”以“#数字”结尾，与同名指标的编号混淆`);
    const key = `${this.level1}\u0000${this.level2}\u0000${name}`;
    const n = (this.names.get(key) ?? 0) + 1;
    this.names.set(key, n);
    const at = [this.head, 'indicators', this.level1, this.level2, withOccurrence(name, n)];
    FIELDS.forEach((field, i) => {
      if (this.columns.includes(field)) this.out.cell(this.table, [...at, field], values[i]?.text, values[i]?.line ?? row.line);
    });
  }

  private heading(cell: Cell): void {
    const { level1, weight } = level1Heading(cell.text);
    this.level1 = level1;
    this.level2 = undefined;
    if (!level1) return this.out.miss(cell.line, cell.text.trim(), '无法识别的一级指标（应为产出、效益或满意度指标）');
    const seen = this.groups.get(level1);
    if (seen !== undefined) {
      this.out.warn(cell.line, `一级指标“${cellText(cell)}”在第 ${seen} 行已出现，其下的指标继续计入该组`);
      if (weight !== null) this.out.miss(cell.line, cell.text.trim(), '重复的一级指标标题中的分值');
      return;
    }
    this.groups.set(level1, cell.line);
    const weightLine = cell.lines.find((l) => weight !== null && l.text.includes(weight))?.line ?? cell.line;
    this.out.cell(this.table, [this.head, 'groups', level1, 'weight'], weight, weightLine);
  }

  private level2Cell(cell: Cell): void {
    const level2 = level2Of(cell.text);
    if (WEIGHT_IN_PARENS.test(cell.text) || WEIGHT_TRAILING.test(cell.text)) this.out.warn(cell.line, `二级指标“${cellText(cell)}”中的分值没有对应的数据路径，未读取`);
    if (this.level1 === undefined) {
      this.level2 = null;
      return this.out.miss(cell.line, cell.text.trim(), '二级指标之前没有一级指标');
    }
    if (this.level1 === null) {
      this.level2 = null;
      return;
    }
    if (level2 === null || !(LEVEL2_BY_LEVEL1[this.level1] as readonly string[]).includes(level2)) {
      this.level2 = null;
      return this.out.miss(cell.line, cell.text.trim(), level2 === null ? '无法识别的二级指标' : `二级指标“${cellText(cell)}”不属于当前的一级指标`);
    }
    this.level2 = level2;
  }
}
