import type { Level2 } from '../filing/filing.types';

/**
 * Printed targets and actuals (年度指标值 / 实际完成值) parsed for scoring (PRODUCT.md "Targets come as
 * printed"; anomaly-rules.md "Meeting a target"). The printed text is always kept. What cannot be read
 * without guessing is `needsReview`, with the reason.
 */

export type Operator = '>=' | '<=' | '=' | '>' | '<';

/** `≥50个` → {operator '>=', number '50', unit '个'}; `implied` when no operator was printed. */
export interface NumericTarget {
  kind: 'numeric';
  operator: Operator;
  number: string;
  unit: string;
  implied: boolean;
  printed: string;
}
export interface QualitativeTarget {
  kind: 'qualitative';
  text: string;
  printed: string;
}
/** `——` (and `—`, `-`, `/`): not applicable — never empty, never 0. */
export interface NotApplicable {
  kind: 'notApplicable';
  printed: string;
}
export interface NeedsReview {
  kind: 'needsReview';
  printed: string;
  why: string;
}
export type ParsedTarget = NumericTarget | QualitativeTarget | NotApplicable | NeedsReview;

export interface NumericActual {
  kind: 'numeric';
  number: string;
  unit: string;
  printed: string;
}
export type Tier = 'achieved' | 'partial' | 'missed';
export interface QualitativeActual {
  kind: 'qualitative';
  text: string;
  /** when the text is a 定性 tier word (达成 / 部分达成 / 未达成 …) */
  tier: Tier | null;
  printed: string;
}
export type ParsedActual = NumericActual | QualitativeActual | NotApplicable | NeedsReview;

/** Measure words a number may carry. Anything else after a number is not guessed at. */
export const TARGET_UNITS: readonly string[] = [
  '%', '‰', '万元', '亿元', '千元', '元', '万人次', '人次', '万人', '人', '个工作日', '工作日', '个月', '月', '年', '周',
  '天', '日', '小时', '分钟', '分', '个', '项', '件', '次', '起', '家', '户', '所', '座', '台', '套', '辆', '册', '本',
  '份', '篇', '场', '期', '批', '条', '处', '株', '棵', '头', '只', '名', '位', '床', '张', '间', '栋', '吨', '公斤',
  '千克', '亩', '公顷', '平方米', '㎡', '立方米', '公里', 'km', '米', '千瓦', '万', '类', '宗', '笔', '单',
];

/** 定性 tier words in an actual (anomaly-rules.md: 达成/达到预期 meet a qualitative target). */
export const TIER_WORDS: Readonly<Record<string, Tier>> = {
  达成: 'achieved',
  已达成: 'achieved',
  全部达成: 'achieved',
  达到预期: 'achieved',
  已达到预期: 'achieved',
  部分达成: 'partial',
  基本达成: 'partial',
  部分达到预期: 'partial',
  基本达到预期: 'partial',
  未达成: 'missed',
  未达到预期: 'missed',
};

const NOT_APPLICABLE = /^(?:[—–―─-]+|[/／])$/u;
const NUMBER = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** `90%-95%`, `90～95%`, `3至5个`: two numbers joined by a dash or 至/到. */
const RANGE = /\d[^\d]{0,4}?[-~～—–至到]\d/u;

/** Operator words and symbols before the number, longest first. `控制在` is `≤` ("控制在90万元以内"). */
const PREFIXES: [string, Operator][] = [
  ['大于或等于', '>='], ['大于等于', '>='], ['小于或等于', '<='], ['小于等于', '<='],
  ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['不高于', '<='], ['不超过', '<='], ['不多于', '<='], ['不大于', '<='],
  ['控制在', '<='], ['至少', '>='], ['达到', '>='], ['至多', '<='], ['最多', '<='],
  ['大于', '>'], ['高于', '>'], ['超过', '>'], ['多于', '>'], ['小于', '<'], ['低于', '<'], ['少于', '<'], ['等于', '='],
  ['>=', '>='], ['=>', '>='], ['<=', '<='], ['=<', '<='], ['==', '='], ['>', '>'], ['<', '<'], ['=', '='],
];
/** Words after the number: 以上 and 以下 include the number (Chinese usage). */
const SUFFIXES: [string, Operator][] = [['及以上', '>='], ['以上', '>='], ['及以下', '<='], ['以下', '<='], ['以内', '<=']];

const FOLD: Record<string, string> = { '％': '%', '．': '.', '－': '-', '＋': '+', '＞': '>', '＜': '<', '＝': '=', '，': ',' };
const SYMBOLS: Record<string, string> = { '≥': '>=', '≧': '>=', '⩾': '>=', '≤': '<=', '≦': '<=', '⩽': '<=' };

/** Full-width digits and signs folded, the ≥ family spelled `>=`, spaces removed: the form the grammar reads. */
function fold(text: string): string {
  return text
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[％．－＋＞＜＝]/gu, (c) => FOLD[c])
    .replace(/[≥≧⩾≤≦⩽]/gu, (c) => SYMBOLS[c])
    .replace(/\s+/gu, '');
}

function isUnit(text: string): boolean {
  if (text === '') return true;
  const parts = text.split(/[/／]/u);
  return parts.length <= 2 && parts.every((p) => TARGET_UNITS.includes(p));
}

type Split = { operator: Operator | null; number: string; unit: string } | { why: string } | null;

/**
 * `[prefix] number [unit] [suffix]` on folded text; null when the text does not start like a number at
 * all (then it may be qualitative); `{why}` when it does but cannot be read.
 */
function splitNumeric(folded: string): Split {
  let rest = folded;
  let prefix: Operator | null = null;
  for (const [word, op] of PREFIXES) {
    if (rest.startsWith(word)) {
      prefix = op;
      rest = rest.slice(word.length);
      break;
    }
  }
  const m = new RegExp(`^(${NUMBER})(.*)$`, 'u').exec(rest);
  if (!m) {
    // 达到预期, 达到标准: words, not a comparison; 不低于上年: a comparison with no number
    if (prefix === null || /^[<>=]/u.test(folded) || folded.startsWith('达到')) return null;
    return { why: `比较词后没有数字（“${folded}”）` };
  }
  const number = m[1].replace(/,/gu, '').replace(/^\+/u, '');
  let tail = m[2];
  let suffix: Operator | null = null;
  for (const [word, op] of SUFFIXES) {
    if (tail.endsWith(word)) {
      suffix = op;
      tail = tail.slice(0, -word.length);
      break;
    }
  }
  if (RANGE.test(folded)) return { why: `“${folded}”是一个区间，不是单一数值` };
  if (!isUnit(tail)) return { why: `数字后的“${tail}”不是计量单位` };
  if (prefix !== null && suffix !== null && prefix !== suffix) {
    return { why: `数字前后的比较方向不一致（“${folded}”）` };
  }
  return { operator: prefix ?? suffix, number, unit: tail };
}

/** The operator an indicator means when none is printed: `cost` indicators are `≤`, all others `≥`. */
export function defaultOperator(level2?: Level2): Operator {
  return level2 === 'cost' ? '<=' : '>=';
}

/**
 * A printed 年度指标值. `level2` decides the implied operator of a bare number (anomaly-rules.md: with
 * no operator, `cost` indicators are `≤`, all others `≥`) — except a bare 0 ("0起", "0"), which is `=`:
 * `≥ 0` would be met by anything, and `= 0` is the rule for zero targets.
 */
export function parseTarget(printed: string | null, context: { level2?: Level2 } = {}): ParsedTarget {
  const original = printed ?? '';
  const text = original.trim();
  if (text === '') return { kind: 'needsReview', printed: original, why: '未填年度指标值' };
  if (NOT_APPLICABLE.test(text)) return { kind: 'notApplicable', printed: original };
  const folded = fold(text);
  const split = splitNumeric(folded);
  if (split !== null) {
    if ('why' in split) return { kind: 'needsReview', printed: original, why: split.why };
    const implied = split.operator === null;
    const operator = split.operator ?? (/^-?0+(?:\.0+)?$/u.test(split.number) ? '=' : defaultOperator(context.level2));
    return { kind: 'numeric', operator, number: split.number, unit: split.unit, implied, printed: original };
  }
  const why = textualProblem(folded);
  if (why !== null) return { kind: 'needsReview', printed: original, why };
  return { kind: 'qualitative', text, printed: original };
}

/** Text that has numbers in it and reads like a comparison is not qualitative: it is not guessed at. */
function textualProblem(folded: string): string | null {
  if (/^[\d+\-.]/u.test(folded)) return `“${folded}”以数字开头，但不是带单位的数值`;
  if (/\d\s*[%‰]/u.test(folded)) return `文字中夹带百分比（“${folded}”），无法自动比较`;
  if (/^[<>=]/u.test(folded)) return `比较符号后没有数字（“${folded}”）`;
  if (folded === '无') return '填写为“无”，没有可比较的数值';
  return null;
}

/** A printed 实际完成值: a number with its unit, a text (a 定性 tier word, or as printed), `——`, or review. */
export function parseActual(printed: string | null): ParsedActual {
  const original = printed ?? '';
  const text = original.trim();
  if (text === '') return { kind: 'needsReview', printed: original, why: '未填实际完成值' };
  if (NOT_APPLICABLE.test(text)) return { kind: 'notApplicable', printed: original };
  const folded = fold(text);
  const split = splitNumeric(folded);
  if (split !== null) {
    if ('why' in split) return { kind: 'needsReview', printed: original, why: split.why };
    if (split.operator !== null) return { kind: 'needsReview', printed: original, why: `实际完成值应填具体数值，而非比较（“${folded}”）` };
    return { kind: 'numeric', number: split.number, unit: split.unit, printed: original };
  }
  const why = textualProblem(folded);
  if (why !== null) return { kind: 'needsReview', printed: original, why };
  const word = text.replace(/[。．.！!]$/u, '');
  return { kind: 'qualitative', text, tier: Object.hasOwn(TIER_WORDS, word) ? TIER_WORDS[word] : null, printed: original };
}

/** The part of a qualitative target before the first `，`/`,` ("按期完成，截止2023年12月" → "按期完成"). */
export function criterionOf(text: string): string {
  return text.split(/[，,]/u)[0].trim();
}

/**
 * Which 定性 tier a qualitative actual reaches against a qualitative target: achieved when it equals the
 * target or the target's criterion (the part before the first comma), else the tier its word names;
 * null when neither (the indicator needs review).
 */
export function qualitativeTier(target: QualitativeTarget, actual: QualitativeActual): Tier | null {
  const a = actual.text.trim();
  if (a === target.text.trim() || a === criterionOf(target.text)) return 'achieved';
  return actual.tier;
}
