import Decimal from 'decimal.js';

/**
 * Figure paths (PRODUCT.md, "Figure paths v1"): the contract between the forms, the API, the CLI and
 * the audit trail. Names of projects and indicators are normalised once, here, and everywhere the same.
 */

/** Leading numbering: 1、 3、 1. 1．(not 1.5) １、 一、 （一） (一) （1） (1) ① — with any spaces after it (ASCII or full-width digits). */
const LEADING_NUMBERING =
  /^(?:[\d０-９]+\s*[、，,]|[\d０-９]+\s*[.．](?![\d０-９])|[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*(?:[\d０-９]+|[一二三四五六七八九十百]+)\s*[）)]|[①-⑳])\s*/u;
const LEADING_OF_WHICH = /^其中\s*[:：]\s*/u;
const TRAILING_COLON = /\s*[:：]$/u;

/**
 * Normalise a printed project or indicator name: join lines, trim, drop leading numbering, a leading
 * 其中： and a trailing colon. Characters are otherwise kept as printed (no width folding).
 */
export function normaliseName(printed: string): string {
  let name = printed.replace(/\s*\r?\n\s*/gu, '').trim();
  name = name.replace(LEADING_OF_WHICH, '');
  name = name.replace(LEADING_NUMBERING, '');
  name = name.replace(LEADING_OF_WHICH, '');
  name = name.replace(TRAILING_COLON, '');
  return name.trim();
}

/** Rows of the template that carry no figures: `……`, and rows that say `每个专项一行`. */
export function isTemplateRowLabel(label: string): boolean {
  const text = label.replace(/\s+/gu, '');
  return /^(?:…|\.{3,}|⋯)+$/u.test(text) || text.includes('每个专项一行');
}

/** `\` escapes `.` and `\` inside a name. */
export function escapeSegment(name: string): string {
  if (!name.includes('.') && !name.includes('\\')) return name; // most names: no copy (the figure maps build ~300 paths)
  return name.replace(/\\/gu, '\\\\').replace(/\./gu, '\\.');
}

export function joinPath(segments: string[]): string {
  return segments.map(escapeSegment).join('.');
}

/** Split a path on unescaped dots and unescape each segment. Throws on a dangling backslash. */
export function splitPath(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') {
      const next = path[i + 1];
      if (next !== '\\' && next !== '.') throw new Error(`figure path ${path}: "\\" must escape "." or "\\" (at ${i})`);
      current += next;
      i++;
    } else if (c === '.') {
      segments.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  segments.push(current);
  return segments;
}

/** A second row with the same name under the same parent gets `#2`, a third `#3`. */
export function disambiguate(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  });
}

const FULL_WIDTH: Record<string, string> = { '％': '%', '．': '.', '－': '-', '＋': '+', '，': ',' };

/** A cell value as stored: null when empty, `——` kept, full-width digits and signs folded in numbers. */
export function normaliseValue(printed: string | null | undefined): string | null {
  if (printed === null || printed === undefined) return null;
  const text = printed.trim();
  if (text === '') return null;
  const folded = text.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[％．－＋，]/gu, (c) => FULL_WIDTH[c]);
  return NUMERIC.test(folded) ? folded : text;
}

const NUMERIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/u;

/** Whether a stored value is numeric (optionally a percentage). */
export function isNumericValue(value: string | null): value is string {
  return value !== null && NUMERIC.test(value);
}

/** "557.70" and "557.7" are the same value; "100%" and "100" are not; text compares as printed. */
export function sameValue(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (isNumericValue(a) && isNumericValue(b)) {
    if (a.endsWith('%') !== b.endsWith('%')) return false;
    return toDecimal(a).equals(toDecimal(b));
  }
  return a === b;
}

function toDecimal(value: string): Decimal {
  return new Decimal(value.replace(/[,%]/gu, ''));
}
