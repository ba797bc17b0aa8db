import { QUOTED_LABELS } from '@app/domain';
import type { ReportSection } from '@app/domain';
import { NUMBER, cellValue } from './text';

/**
 * Figures the narrative report quotes (`report.quoted.<label>`), grade words and the adjustments it
 * states (docs/import.md, "Quoted figures"). The lexicon's labels are the domain's (`QUOTED_LABELS`);
 * the printed phrases that name them are this importer's aliases below.
 */

type Unit = 'money' | 'people';

interface Alias {
  label: string;
  phrases: string[];
  unit: Unit;
  /** the phrase is not this label when the text right before it ends with one of these ("行政编制数 0 名") */
  notAfter?: string[];
  /** only in this section */
  section?: ReportSection;
  /** only at the start of a clause (after 。；，： or the line's start) */
  clauseStart?: boolean;
  /** only when the sentence mentions this word before the phrase */
  sentenceMentions?: string;
}

export const QUOTED_ALIASES: readonly Alias[] = [
  { label: '一般公共预算拨款支出', phrases: ['一般公共预算拨款支出', '一般公共预算财政拨款支出'], unit: 'money' },
  { label: '基本支出预算数', phrases: ['基本支出预算数', '基本支出预算'], unit: 'money' },
  { label: '项目支出年初预算', phrases: ['项目支出年初预算数', '项目支出年初预算', '项目年初预算数', '项目年初预算'], unit: 'money' },
  { label: '年中追加', phrases: ['年中追加预算', '年中追加'], unit: 'money' },
  { label: '项目支出全年预算', phrases: ['项目支出全年预算数', '项目支出全年预算', '项目全年预算数', '项目全年预算'], unit: 'money' },
  { label: '项目支出全年预算', phrases: ['全年预算数', '全年预算'], unit: 'money', sentenceMentions: '项目' },
  { label: '政府性基金预算财政拨款收入', phrases: ['政府性基金预算财政拨款收入', '政府性基金预算拨款收入', '政府性基金财政拨款收入'], unit: 'money' },
  { label: '政府性基金支出', phrases: ['政府性基金预算支出', '政府性基金支出'], unit: 'money' },
  { label: '政府性基金支出', phrases: ['支出'], unit: 'money', section: 'govFundBudget', clauseStart: true },
  { label: '社会保险基金支出预算', phrases: ['社会保险基金支出预算', '社会保险基金预算支出'], unit: 'money' },
  { label: '编制数', phrases: ['编制数合计', '核定编制数', '核定编制', '编制总数', '全额拨款事业编制', '编制数'], unit: 'people', notAfter: ['行政', '事业', '工勤人员', '工勤', '参公', '参照公务员法管理'] },
  { label: '在职人数', phrases: ['在职在岗在编职工', '在职在编人员', '实有在职人员', '实际在职人数', '在职人员', '在职人数', '在职职工'], unit: 'people' },
];

const UNITS: Record<Unit, string> = { money: '万元', people: '名|人' };
const BETWEEN = '\\s*(?:为|是|共计|共|合计|达到|达|约|：|:)?\\s*';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

export interface TextLine {
  text: string;
  line: number;
  section: ReportSection;
}

export interface Quote {
  label: string;
  printed: string;
  value: string;
  line: number;
}

/** Where the sentence of `text` around `index` starts and ends (sentences end after 。！？；). */
function sentenceBounds(text: string, index: number): [number, number] {
  let start = 0;
  for (const m of text.matchAll(/[。！？!?；;]/gu)) {
    const end = (m.index ?? 0) + 1;
    if (end > index) return [start, end];
    start = end;
  }
  return [start, text.length];
}

/** The sentence of `text` around `index`, trimmed. */
export function sentenceAt(text: string, index: number): string {
  const [start, end] = sentenceBounds(text, index);
  return text.slice(start, end).trim();
}

function accepted(alias: Alias, line: TextLine, start: number): boolean {
  const before = line.text.slice(0, start);
  if (alias.section && line.section !== alias.section) return false;
  if (alias.notAfter?.some((w) => before.endsWith(w))) return false;
  if (alias.clauseStart && !/(?:^|[。；;，,：:])\s*$/u.test(before)) return false;
  if (alias.sentenceMentions) {
    const [sentenceStart] = sentenceBounds(line.text, start);
    if (!line.text.slice(sentenceStart, start).includes(alias.sentenceMentions)) return false;
  }
  return true;
}

/** Every lexicon figure the lines quote, in order (a phrase inside a longer one counts once, as the longer). */
const PATTERNS = QUOTED_ALIASES.filter((a) => QUOTED_LABELS.some((q) => q.label === a.label)).flatMap((alias) =>
  alias.phrases.map((phrase) => ({ alias, phrase, pattern: new RegExp(`${escape(phrase)}${BETWEEN}(${NUMBER})\\s*(?:${UNITS[alias.unit]})`, 'gu') })),
);

export function quotedFigures(lines: TextLine[]): Quote[] {
  const quotes: Quote[] = [];
  for (const line of lines) {
    const found: { start: number; end: number; quote: Quote }[] = [];
    for (const { alias, phrase, pattern } of PATTERNS) {
      if (!line.text.includes(phrase)) continue;
      for (const m of line.text.matchAll(pattern)) {
        const start = m.index ?? 0;
        if (!accepted(alias, line, start)) continue;
        found.push({ start, end: start + phrase.length, quote: { label: alias.label, printed: m[1], value: cellValue(m[1]) ?? m[1], line: line.line } });
      }
    }
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let reached = -1;
    for (const f of found) {
      if (f.start < reached) continue;
      quotes.push(f.quote);
      reached = f.end;
    }
  }
  return quotes;
}

export interface StatedAdjustment {
  direction: 'increase' | 'decrease';
  printed: string;
  amount: string;
  reason: string;
  line: number;
}

const ADJUSTMENT = new RegExp(`(年中追加|追加|调增|调减|核减)(?:预算|资金|经费)?\\s*(?:为|了)?\\s*(${NUMBER})\\s*万元`, 'gu');

/** Amounts the report quotes as 追加 / 调增 (increase) or 调减 / 核减 (decrease), with their sentence. */
export function statedAdjustments(lines: TextLine[]): StatedAdjustment[] {
  const found: StatedAdjustment[] = [];
  for (const line of lines) {
    for (const m of line.text.matchAll(ADJUSTMENT)) {
      const amount = cellValue(m[2]) ?? m[2];
      if (!/[1-9]/u.test(amount)) continue;
      found.push({ direction: /追加|调增/u.test(m[1]) ? 'increase' : 'decrease', printed: m[2], amount, reason: sentenceAt(line.text, m.index ?? 0), line: line.line });
    }
  }
  return found;
}

const GRADE_WORD = /不合格|优秀|良好|中等|合格|较差/gu;
const GRADE_STATED = /(?:等级|等次|结果|评价|评定)\s*(?:评定为|确定为|为|是|[:：])\s*[“"「『]?\s*(不合格|优秀|良好|中等|合格|较差|[优良中差](?![\u4e00-\u9fff]))/u;

/**
 * The grade section 九 states: `等级为“X”` (or 等次 / 结果 / 评定 … 为 X), else the section's one grade
 * word (a section that is only "良。" counts). `words` lists the distinct words when there are several
 * (then no grade is read).
 */
export function statedGrade(text: string): { grade: string | null; words: string[] } {
  const stated = GRADE_STATED.exec(text);
  if (stated) return { grade: stated[1], words: [stated[1]] };
  const words = [...new Set([...text.matchAll(GRADE_WORD)].map((m) => m[0]))];
  if (words.length === 1) return { grade: words[0], words };
  if (words.length > 1) return { grade: null, words };
  const bare = text.replace(/[\s“”"。．.！!]/gu, '');
  return /^[优良中差]$/u.test(bare) ? { grade: bare, words: [bare] } : { grade: null, words: [] };
}
