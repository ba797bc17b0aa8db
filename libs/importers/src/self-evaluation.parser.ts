import { joinPath, parseFigurePath, sameValue, validateValue, valueKindOf } from '@app/domain';
import { BasicReader } from './basic-table';
import { BASIC, Collector, OVERALL, REPORT } from './collector';
import type { ProjectLine, ProjectTable, RawFigure, Segment, TableRef } from './collector';
import { readLayout } from './layout';
import type { RowItem, TextItem } from './layout';
import { budgetOwners, linkProjects, resolveAdjustments } from './projects';
import type { StatedAdjustment } from './quoted-figures';
import { ReportReader, sectionHeading } from './report';
import { SheetReader } from './sheet-table';
import { attachmentHeading, bareKey, isNote, rowText, signoffOf, tableTitle } from './text';
import type { Signoff, TableKind } from './text';
import type { ParsedFigure, ParsedSelfEvaluation } from './self-evaluation.types';

/**
 * The self-evaluation document's text layout (docs/import.md) → figures under PRODUCT.md's v1 paths,
 * projects, stated adjustments, and every line it could not place. Pure: no database, no framework;
 * never throws.
 */
export function parseSelfEvaluation(text: string): ParsedSelfEvaluation {
  try {
    return new DocumentParser(typeof text === 'string' ? text : String(text ?? '')).parse();
  } catch (error) {
    return {
      ...empty(),
      warnings: [{ line: null, message: `解析器内部错误，文档未读取：${error instanceof Error ? error.message : String(error)}` }],
    };
  }
}

/** False when not a single attachment or table was recognised: the text is not a self-evaluation. */
export function isSelfEvaluation(parsed: ParsedSelfEvaluation): boolean {
  return parsed.tablesFound.length > 0;
}

function empty(): ParsedSelfEvaluation {
  return { year: null, unitName: null, tablesFound: [], projects: [], figures: [], adjustments: [], notUnderstood: [], warnings: [], figuresRead: {} };
}

type SignoffField = 'preparer' | 'date' | 'phone' | 'head';
const SIGNOFF_LABELS: Record<SignoffField, string> = { preparer: '填表人', date: '填报日期', phone: '联系电话', head: '单位负责人签字' };
interface SignoffBuffer {
  line: number;
  fields: Partial<Record<SignoffField, { printed: string; line: number }>>;
}

type Context =
  | { kind: 'basic'; table: TableRef; head: Segment; reader: BasicReader; signoff: SignoffBuffer | null }
  | { kind: 'overall' | 'project'; table: TableRef; head: Segment; reader: SheetReader; signoff: SignoffBuffer | null }
  | { kind: 'report'; table: TableRef; reader: ReportReader };

/** Structural lines never continue a table cell. */
function isStructural(line: string): boolean {
  return attachmentHeading(line) !== null || tableTitle(line) !== null || signoffOf(line) !== null || isNote(line) || sectionHeading(line) !== null;
}

class DocumentParser {
  private readonly out = new Collector();
  private readonly lines: ProjectLine[] = [];
  private readonly projectTables: ProjectTable[] = [];
  private readonly basicAdjustments: { value: string; printed: string; line: number }[] = [];
  private readonly tables: TableRef[] = [];
  private readonly years: { year: number; line: number }[] = [];
  private ctx: Context | null = null;
  private overall: SheetReader | null = null;
  private report: ReportReader | null = null;
  private overallUnitName: string | null = null;

  constructor(private readonly text: string) {}

  parse(): ParsedSelfEvaluation {
    for (const item of readLayout(this.text, isStructural)) {
      try {
        if (item.kind === 'text') this.textLine(item);
        else this.row(item);
      } catch (error) {
        this.out.miss(item.line, item.kind === 'text' ? item.text : rowText(item.cells), `解析器内部错误：${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.leave();
    const stated: StatedAdjustment[] = this.report ? this.report.finish() : [];
    const projects = linkProjects(this.lines, this.projectTables, this.out);
    const adjustments = resolveAdjustments([...this.basicStated(), ...stated], budgetOwners(this.overall ? this.overall.overallBudget : null, this.projectTables), this.out);
    const figures = this.resolveFigures();
    const tablesFound = [...new Set(this.tables.map((t) => t.key()).filter((k): k is string => k !== null))];
    const figuresRead = Object.fromEntries(tablesFound.map((k) => [k, 0]));
    for (const f of figures) {
      const key = f.table.key();
      if (key !== null && f.figure.value !== null && key in figuresRead) figuresRead[key]++;
    }
    for (const t of this.projectTables) if (t.name === null) this.out.warn(t.line, '附件三缺少“项目支出名称”，该表的数字未读取');
    return {
      year: this.year(),
      unitName: this.overallUnitName ?? this.projectTables.find((t) => t.implementer)?.implementer ?? this.report?.unitName ?? null,
      tablesFound,
      projects,
      figures: figures.map((f) => f.figure),
      adjustments,
      notUnderstood: [...this.out.notUnderstood].sort((a, b) => a.line - b.line),
      warnings: this.out.warnings,
      figuresRead,
    };
  }

  private textLine(item: TextItem): void {
    const heading = attachmentHeading(item.text);
    if (heading) {
      this.enter(heading.kind, 'heading', item.line);
      if (heading.rest) this.textLine({ ...item, text: heading.rest });
      return;
    }
    const title = tableTitle(item.text);
    // inside the report, only a table's own title line ("2023年度…自评表") starts a table again
    if (this.ctx?.kind === 'report' && (!title || title.kind === 'report' || title.year === null)) return this.ctx.reader.text(item.text, item.line);
    if (title) {
      this.enter(title.kind, 'title', item.line);
      if (title.kind === 'report') return this.report?.text(item.text, item.line);
      if (title.year !== null) this.years.push({ year: title.year, line: item.line });
      return;
    }
    const signoff = signoffOf(item.text);
    if (signoff) return this.signoff(signoff, item.text, item.line);
    if (isNote(item.text)) return;
    if (sectionHeading(item.text)) {
      this.enter('report', 'row', item.line);
      return this.report?.text(item.text, item.line);
    }
    this.out.miss(item.line, item.text, this.ctx ? '表格之外无法识别的文字' : '不属于任何附件的文字');
  }

  private row(row: RowItem): void {
    if (this.ctx?.kind === 'report') return this.ctx.reader.row(row);
    const label = SheetReader.labelOf(row);
    const signoff = row.cells.filter((c) => c.text.trim() !== '').length === 1 ? signoffOf(label) : null;
    if (signoff) return this.signoff(signoff, label, row.line);
    const key = bareKey(label.split(/[:：]/u)[0]);
    if (key.startsWith('财政供养人员') && this.ctx?.kind !== 'basic') this.enter('basic', 'row', row.line);
    else if (/^预算部门.{0,4}名称$/u.test(key) && this.ctx?.kind !== 'overall') this.enter('overall', 'row', row.line);
    else if ((key === '项目支出名称' || key === '项目名称') && !(this.ctx?.kind === 'project' && this.ctx.reader.project?.name === null)) this.enter('project', 'row', row.line);
    if (!this.ctx) return this.out.miss(row.line, rowText(row.cells), '不属于任何附件的表格行');
    this.ctx.reader.row(row);
  }

  /** Starts reading a table, unless the one just announced (a heading, then its title) is still empty. */
  private enter(kind: TableKind, how: 'heading' | 'title' | 'row', line: number): void {
    const ctx = this.ctx;
    if (ctx && ctx.reader.rows === 0 && (ctx.kind === 'report' || ctx.signoff === null)) {
      if (ctx.kind === kind) return;
      // an announced table with nothing in it is not a table found
      this.out.warn(line, how === 'heading' ? `第 ${line} 行之前的附件没有内容` : `附件标题与其后的${how === 'title' ? '表名' : '表格'}不符，按${how === 'title' ? '表名' : '表格内容'}读取`);
      this.tables.splice(this.tables.indexOf(ctx.table), 1);
      if (ctx.kind === 'project') this.projectTables.splice(this.projectTables.indexOf(ctx.reader.project as ProjectTable), 1);
      if (ctx.kind === 'overall') this.overall = null;
      if (ctx.kind === 'report') this.report = null;
      this.ctx = null;
    }
    this.leave();
    if (kind !== 'project' && this.tables.some((t) => t.key() === kind)) this.out.warn(line, `文档中第二次出现${{ basic: '附件一', overall: '附件二', report: '附件四' }[kind]}，重复的单元格不读取`);
    if (kind === 'basic') {
      this.ctx = { kind, table: BASIC, head: 'basic', reader: new BasicReader(this.out, this.lines, this.basicAdjustments), signoff: null };
    } else if (kind === 'overall') {
      this.overall = new SheetReader(this.out, OVERALL, 'overall', null, (name) => (this.overallUnitName ??= name));
      this.ctx = { kind, table: OVERALL, head: 'overall', reader: this.overall, signoff: null };
    } else if (kind === 'project') {
      const head: Segment = () => (project.display === null ? null : `project:${project.display}`);
      const project: ProjectTable = { name: null, display: null, line, budget: { initial: null, full: null, executed: null }, implementer: null, key: head };
      this.projectTables.push(project);
      this.ctx = { kind, table: project, head, reader: new SheetReader(this.out, project, head, project, () => undefined), signoff: null };
    } else {
      this.report ??= new ReportReader(this.out, (year, at) => this.years.push({ year, line: at }));
      this.ctx = { kind, table: REPORT, reader: this.report };
    }
    this.tables.push(this.ctx.table);
  }

  /** Leaves the current table: its sign-off line(s) become its four signoff cells. */
  private leave(): void {
    const ctx = this.ctx;
    if (ctx && ctx.kind !== 'report' && ctx.signoff) {
      for (const field of ['preparer', 'date', 'phone', 'head'] as const) {
        const f = ctx.signoff.fields[field];
        this.out.cell(ctx.table, [ctx.head, 'signoff', field], f?.printed ?? null, f?.line ?? ctx.signoff.line);
      }
    }
    this.ctx = null;
  }

  private signoff(signoff: Signoff, text: string, line: number): void {
    const ctx = this.ctx;
    if (!ctx || ctx.kind === 'report') return this.out.miss(line, text, '签署行不属于任何表格');
    ctx.signoff ??= { line, fields: {} };
    for (const [field, printed] of Object.entries(signoff.fields) as [SignoffField, string][]) {
      if (ctx.signoff.fields[field]) this.out.miss(line, text, `签署栏“${SIGNOFF_LABELS[field]}”已在第 ${ctx.signoff.fields[field]?.line} 行填写`);
      else ctx.signoff.fields[field] = { printed, line };
    }
    if (signoff.repeated.length) this.out.miss(line, text, `签署行中重复的栏目：${signoff.repeated.join('、')}`);
  }

  private basicStated(): StatedAdjustment[] {
    return this.basicAdjustments.map((a) => ({
      direction: a.value.startsWith('-') ? 'decrease' : 'increase',
      printed: a.printed,
      amount: a.value.replace(/^[-+]/u, ''),
      reason: `附件一“部门基本支出预算调整”：${a.printed}`,
      line: a.line,
    }));
  }

  private year(): number | null {
    const [first, ...rest] = this.years;
    for (const other of rest) if (other.year !== first.year) this.out.warn(other.line, `标题中的年度 ${other.year} 与第 ${first.line} 行的 ${first.year} 不同，按 ${first.year} 读取`);
    return first?.year ?? null;
  }

  /** Paths for the cells read; a cell the domain would refuse (path or value) is reported, a repeated cell once. */
  private resolveFigures(): { table: TableRef; figure: ParsedFigure }[] {
    const result: { table: TableRef; figure: ParsedFigure }[] = [];
    const seen = new Map<string, RawFigure>();
    for (const raw of this.out.figures) {
      const segments = raw.segments.map((s) => (typeof s === 'function' ? s() : s));
      if (segments.some((s) => s === null)) {
        if (raw.value !== null) this.out.miss(raw.line, raw.printed, '所在的附件三没有项目名称，无法确定数据路径');
        continue;
      }
      const path = joinPath(segments as string[]);
      let value: string | null;
      try {
        const address = parseFigurePath(path);
        value = validateValue(path, valueKindOf(address), raw.value, address.kind === 'expense' && address.item === 'basicAdjustment');
      } catch (error) {
        this.out.miss(raw.line, raw.printed, error instanceof Error ? error.message : String(error));
        continue;
      }
      const before = seen.get(path);
      if (before) {
        if (!sameValue(before.value, value)) this.out.miss(raw.line, raw.printed, `与第 ${before.line} 行的同一单元格（${path}）重复且数值不同，未读取`);
        else this.out.warn(raw.line, `单元格 ${path} 与第 ${before.line} 行重复`);
        continue;
      }
      seen.set(path, raw);
      result.push({ table: raw.table, figure: { path, value, line: raw.line, printed: raw.printed } });
    }
    return result;
  }
}
