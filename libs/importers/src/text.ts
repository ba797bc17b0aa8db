import { isNumericValue, normaliseName, normaliseValue } from '@app/domain';

/**
 * Text helpers shared by the table readers: label keys (for matching printed labels against the
 * vocabulary), cell values, the lines that give the document its structure (附件 headings, titles,
 * sign-off lines, notes).
 */

/** A label as a key: width-folded (NFKC: `（３０分）` → `(30分)`), without whitespace, quotes or `、，,`. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s"'“”‘’「」、,，]/gu, '');
}

/** A label's key without leading numbering / 其中：, a trailing colon, and any parenthesised part. */
export function bareKey(text: string): string {
  return labelKey(normaliseName(text.normalize('NFKC')))
    .replace(/\([^()]*\)/gu, '')
    .replace(/^其中:?/u, '')
    .replace(/[:：]+$/u, '');
}

const FULL_WIDTH_NUMBERING = /^(\s*(?:其中\s*[:：]\s*)?)([０-９]+\s*[、，,]|[０-９]+\s*[．.](?![0-9０-９])|[（(]\s*[０-９]+\s*[)）])/u;

/**
 * A project or indicator name as the domain names it (`normaliseName`), also when its leading numbering
 * is printed in full-width digits ("１、业务经费" → "业务经费"; normaliseName only knows ASCII digits).
 */
export function nameOf(printed: string): string {
  return normaliseName(printed.replace(FULL_WIDTH_NUMBERING, (_, before: string, numbering: string) => before + foldDigits(numbering)));
}

const DASHES = /^[—–－─-]{2,}$|^—$/u;

/**
 * The stored value of a printed cell: `normaliseValue`, except that a number printed with stray inner
 * spaces (`557. 70`, `１００ ％`) is read without them, and a run of dashes (`—`, `--`, `－－`) is `——`.
 */
export function cellValue(printed: string | null | undefined): string | null {
  if (printed === null || printed === undefined) return null;
  const trimmed = printed.trim();
  if (trimmed === '') return null;
  const compact = trimmed.replace(/\s+/gu, '');
  const folded = normaliseValue(compact);
  if (isNumericValue(folded)) return folded;
  if (DASHES.test(compact)) return '——';
  return normaliseValue(trimmed);
}

/** Full-width digits folded, for reading numbers out of labels and text. */
export function foldDigits(text: string): string {
  return text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/gu, '.');
}

/** A number as printed in running text: digits (ASCII or full-width), thousands separators, decimals. */
export const NUMBER = '[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?';

export type TableKind = 'basic' | 'overall' | 'project' | 'report';

const ATTACHMENT_NUMBERS: Record<string, TableKind> = { 一: 'basic', '1': 'basic', 二: 'overall', '2': 'overall', 三: 'project', '3': 'project', 四: 'report', '4': 'report' };

/** `附件一`, `附件 2：…`, `附件二 2023年度…自评表` → the table it announces, and the rest of the line. */
export function attachmentHeading(text: string): { kind: TableKind; rest: string } | null {
  const m = /^附\s*件\s*([一二三四1-4１-４])(?![0-9０-９])(.*)$/u.exec(text.trim());
  if (!m) return null;
  const after = m[2].trim();
  const rest = after.replace(/^[:：]\s*/u, '');
  if (after !== '' && rest === after && tableTitle(rest) === null) return null;
  return { kind: ATTACHMENT_NUMBERS[foldDigits(m[1])], rest };
}

const TITLES: [RegExp, TableKind][] = [
  [/部门整体支出绩效评价基础数据表$/u, 'basic'],
  [/部门整体支出绩效自评表$/u, 'overall'],
  [/项目支出绩效自评表$/u, 'project'],
  [/(?:绩效)?自评报告$/u, 'report'],
];

/** A table's title ("2023年度部门整体支出绩效自评表") → its kind and the year it names. */
export function tableTitle(text: string): { kind: TableKind; year: number | null } | null {
  const compact = labelKey(text);
  if (compact.length > 80) return null;
  for (const [pattern, kind] of TITLES) {
    if (pattern.test(compact)) return { kind, year: yearOf(compact) };
  }
  return null;
}

/** The year a title names: `2023年度…` (or `2023年…`). */
export function yearOf(text: string): number | null {
  const m = /((?:19|20)\d{2})年度?/u.exec(foldDigits(text).replace(/\s+/gu, ''));
  return m ? Number(m[1]) : null;
}

/** The template's notes under a table ("说明：…", "注：…"): understood, not cells. */
export function isNote(text: string): boolean {
  return /^(?:说\s*明|注|备\s*注)\s*\d*\s*[:：]/u.test(text.trim());
}

const SIGNOFF_KEYS: [RegExp, 'preparer' | 'date' | 'phone' | 'head'][] = [
  [/^(?:填表人|填报人|填表人员)$/u, 'preparer'],
  [/^(?:填报日期|填表日期|填报时间)$/u, 'date'],
  [/^(?:联系电话|电话|联系方式)$/u, 'phone'],
  [/^(?:单位负责人签字|单位负责人|负责人签字|负责人)$/u, 'head'],
];
const SIGNOFF_LABEL = /(填表人员|填表人|填报人|填报日期|填表日期|填报时间|联系电话|联系方式|单位负责人签字|单位负责人|负责人签字)\s*[:：]/gu;

export interface Signoff {
  fields: Partial<Record<'preparer' | 'date' | 'phone' | 'head', string>>;
  /** labels printed twice on the line */
  repeated: string[];
}

/** A sign-off line ("填表人：符雅琼    填报日期：2024.6.18    联系电话：…    单位负责人签字：") → its fields, as printed. */
export function signoffOf(text: string): Signoff | null {
  const line = text.trim();
  const matches = [...line.matchAll(SIGNOFF_LABEL)];
  if (matches.length === 0) return null;
  if (!/^(?:填表人员|填表人|填报人|填报日期|填表日期|填报时间|联系电话|联系方式|单位负责人签字|单位负责人|负责人签字)/u.test(line)) return null;
  const result: Signoff = { fields: {}, repeated: [] };
  matches.forEach((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const stop = i + 1 < matches.length ? (matches[i + 1].index ?? line.length) : line.length;
    const field = SIGNOFF_KEYS.find(([k]) => k.test(m[1]))?.[1];
    if (!field) return;
    if (result.fields[field] !== undefined) result.repeated.push(m[1]);
    else result.fields[field] = line.slice(start, stop).trim();
  });
  return result;
}

/** Cells' texts of a row, for reporting it. */
export function rowText(cells: { text: string }[]): string {
  const text = cells.map((c) => c.text.replace(/\s*\n\s*/gu, ' ').trim()).join(' | ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
