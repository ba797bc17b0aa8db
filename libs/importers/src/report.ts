import { REPORT_SECTIONS, SECTION_TITLES, sameValue } from '@app/domain';
import type { ReportSection } from '@app/domain';
import { REPORT } from './collector';
import type { Collector } from './collector';
import type { RowItem } from './layout';
import { quotedFigures, statedAdjustments, statedGrade } from './quoted-figures';
import type { StatedAdjustment, TextLine } from './quoted-figures';
import { bareKey, foldDigits, tableTitle, yearOf } from './text';

/**
 * 附件四 自评报告 → `report.*` (docs/import.md, "附件四"): the cover (unit name, date), the sections by
 * title (numbered or not), the grade section 九 states, and the figures the text quotes.
 */

const SECTION_ALIASES: Record<ReportSection, string[]> = {
  basicInfo: ['部门基本情况', '单位基本情况', '部门（单位）基本情况', '基本情况'],
  generalPublicBudget: ['一般公共预算支出情况'],
  govFundBudget: ['政府性基金预算支出情况'],
  stateCapitalBudget: ['国有资本经营预算支出情况'],
  socialInsuranceBudget: ['社会保险基金预算支出情况'],
  performance: ['部门整体支出绩效情况', '整体支出绩效情况', '部门整体支出绩效目标完成情况'],
  problems: ['存在的问题及原因分析', '存在的问题和原因分析', '存在问题及原因分析', '存在的主要问题及原因分析'],
  improvements: ['下一步改进措施', '改进措施', '下一步改进意见'],
  resultsApplication: ['绩效自评结果拟应用和公开情况', '自评结果拟应用和公开情况', '结果应用和公开情况', '绩效自评结果应用和公开情况', '自评结果应用和公开情况'],
  other: ['其他需要说明的情况', '其他需说明的情况', '其他说明'],
};
const SECTION_BY_KEY = new Map<string, ReportSection>(
  REPORT_SECTIONS.flatMap((id) => [SECTION_TITLES[id], ...SECTION_ALIASES[id]].map((t) => [bareKey(t), id] as const)),
);

/** A report heading ("九、部门整体支出绩效自评结果拟应用和公开情况", "部门整体支出绩效情况") → its section, and text printed after a colon. */
export function sectionHeading(text: string): { section: ReportSection; rest: string } | null {
  const t = text.trim();
  if (t.length > 60) return null;
  const m = /^([^:：]*)(?:[:：]\s*([\s\S]*))?$/u.exec(t);
  if (!m) return null;
  const section = SECTION_BY_KEY.get(bareKey(m[1]));
  return section ? { section, rest: (m[2] ?? '').trim() } : null;
}

const COVER_UNIT = /^(?:部门[（(]单位[）)]名称|预算部门[（(]单位[）)]名称|单位名称|部门名称)\s*[:：]\s*(.*)$/u;
const SEAL = /[（(]\s*盖\s*章\s*[）)]|盖\s*章/gu;
const DATE = /^[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?$/u;

export class ReportReader {
  rows = 0;
  /** the unit named by the cover, else the title ("2023年度<unit>部门整体支出绩效自评报告") */
  unitName: string | null = null;
  private titleUnit: string | null = null;
  private readonly sections = new Map<ReportSection, { line: number; lines: TextLine[] }>();
  private current: ReportSection | null = null;
  private coverUnit: { printed: string; line: number } | null = null;
  private coverDate: { printed: string; line: number } | null = null;

  constructor(
    private readonly out: Collector,
    private readonly onYear: (year: number, line: number) => void,
  ) {}

  row(row: RowItem): void {
    for (const cell of row.cells) for (const l of cell.lines) if (l.text.trim()) this.text(l.text, l.line);
  }

  text(raw: string, line: number): void {
    this.rows++;
    const text = raw.trim();
    if (text === '') return;
    const heading = sectionHeading(text);
    if (heading) {
      if (this.sections.has(heading.section)) this.out.warn(line, `报告的“${SECTION_TITLES[heading.section]}”部分出现了两次，两处文字合并`);
      else this.sections.set(heading.section, { line, lines: [] });
      this.current = heading.section;
      if (heading.rest) this.sections.get(heading.section)?.lines.push({ text: heading.rest, line, section: heading.section });
      return;
    }
    if (this.current) {
      this.sections.get(this.current)?.lines.push({ text, line, section: this.current });
      return;
    }
    this.cover(text, line);
  }

  private cover(text: string, line: number): void {
    const title = tableTitle(text);
    const year = yearOf(text);
    if (year !== null && (title || /^[0-9０-９]{4}\s*年度/u.test(text))) this.onYear(year, line);
    if (title?.kind === 'report' || /^[0-9０-９]{4}\s*年度/u.test(text)) {
      const unit = foldDigits(text)
        .replace(/^\d{4}\s*年度?\s*/u, '')
        .replace(/(?:部门整体支出|整体支出)?(?:绩效)?自评报告$/u, '')
        .trim();
      if (unit && this.titleUnit === null) this.titleUnit = unit;
      return;
    }
    if (/^[（(]?此页为封面[）)]?$/u.test(text)) return;
    const unit = COVER_UNIT.exec(text);
    if (unit && !this.coverUnit) {
      this.coverUnit = { printed: unit[1].replace(SEAL, '').trim(), line };
      return;
    }
    if (DATE.test(text) && !this.coverDate) {
      this.coverDate = { printed: text, line };
      return;
    }
    this.out.miss(line, text, '报告封面中无法识别的文字');
  }

  /** Emits the report's cells and returns the adjustments its text states. */
  finish(): StatedAdjustment[] {
    if (this.coverUnit) this.out.cell(REPORT, ['report', 'cover', 'unitName'], this.coverUnit.printed, this.coverUnit.line);
    if (this.coverDate) this.out.cell(REPORT, ['report', 'cover', 'date'], this.coverDate.printed, this.coverDate.line);
    this.unitName = (this.coverUnit?.printed || null) ?? this.titleUnit;
    const all: TextLine[] = [];
    for (const id of REPORT_SECTIONS) {
      const section = this.sections.get(id);
      if (!section) continue;
      all.push(...section.lines);
      this.out.cell(REPORT, ['report', 'sections', id, 'text'], section.lines.map((l) => l.text).join('\n'), section.lines[0]?.line ?? section.line);
    }
    this.grade();
    this.quotes(all.sort((a, b) => a.line - b.line));
    return statedAdjustments(all);
  }

  private grade(): void {
    const section = this.sections.get('resultsApplication');
    if (!section) return;
    const { grade, words } = statedGrade(section.lines.map((l) => l.text).join('\n'));
    const at = section.lines.find((l) => grade !== null && l.text.includes(grade))?.line ?? section.line;
    if (grade === null) this.out.warn(at, words.length > 1 ? `第九部分出现多个等级词（${words.join('、')}），未读取自评等级` : '第九部分没有写明自评等级');
    this.out.cell(REPORT, ['report', 'statedGrade'], grade, at);
  }

  private quotes(lines: TextLine[]): void {
    const values = new Map<string, string[]>();
    for (const q of quotedFigures(lines)) {
      const seen = values.get(q.label) ?? [];
      if (seen.some((v) => sameValue(v, q.value))) continue;
      seen.push(q.value);
      values.set(q.label, seen);
      this.out.cell(REPORT, ['report', 'quoted', seen.length === 1 ? q.label : `${q.label}#${seen.length}`], q.printed, q.line);
    }
  }
}
