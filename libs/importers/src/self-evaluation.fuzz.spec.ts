import { readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import { parseFigurePath, tableOfPath } from '@app/domain';
import { parseSelfEvaluation } from './self-evaluation.parser';
import type { ParsedSelfEvaluation } from './self-evaluation.types';

/**
 * The parser never throws and always returns a well-formed result, whatever is done to the document:
 * lines dropped, duplicated, swapped, junk inserted, digits changed, CRLF, full-width digits.
 */
const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures', name), 'utf8').split(/\r?\n/u);
/** The real document, and the variant with three projects, as the documents to mutate. */
const DOCUMENTS = [fixture('hengshan-2023-self-evaluation.txt'), fixture('anping-2024-self-evaluation.txt')];

/** Lines that look like parts of the document, to insert where they do not belong. */
const JUNK = [
  '',
  '\t',
  '\t\t',
  '附件一',
  '附件三',
  '附件四',
  '附件9',
  '\t项目支出名称',
  '\t总分',
  '\t绩效指标',
  '\t一级指标',
  '\t年度总体目标',
  '\t年度资金总额',
  '\t其中：当年财政拨款',
  '\t产出指标',
  '（30 分）',
  '(５０分)',
  '\t服务对',
  '象满意度指标',
  '\t……',
  '\t100%',
  '\t——',
  '\t-',
  '\t#2',
  '\t名称#3',
  '\t按收入性质分：１２３．４',
  '\t其中： 一般公共预算：',
  '填表人：    填报日期：',
  '填表人：甲 填表人：乙',
  '说明：',
  '九、部门整体支出绩效自评结果拟应用和公开情况',
  '等级为“优秀”，良好，合格',
  '年中追加106.27万元',
  '调减３．５万元',
  '编制数合计 99 名',
  '2023年度项目支出绩效自评表',
  '2099年度部门整体支出绩效自评表',
  '部门（单位）名称：（盖章）',
  '\\.\\\\..',
  '\u0000\uFEFF\u3000',
];

type Mutation =
  | { kind: 'drop' | 'duplicate' | 'digits' | 'fullWidth'; at: number; seed: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'insert'; at: number; junk: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'duplicate' as const, 'digits' as const, 'fullWidth' as const), at: fc.nat(), seed: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 })) }),
);

function apply(lines: string[], m: Mutation): string[] {
  const out = [...lines];
  const at = lines.length === 0 ? 0 : m.at % lines.length;
  switch (m.kind) {
    case 'drop':
      out.splice(at, 1);
      break;
    case 'duplicate':
      out.splice(at, 0, lines[at] ?? '');
      break;
    case 'swap': {
      const other = lines.length === 0 ? 0 : m.other % lines.length;
      [out[at], out[other]] = [out[other], out[at]];
      break;
    }
    case 'insert':
      out.splice(at, 0, m.junk);
      break;
    case 'digits':
      out[at] = (out[at] ?? '').replace(/\d/gu, (d) => String((Number(d) + m.seed) % 10));
      break;
    case 'fullWidth':
      out[at] = (out[at] ?? '').replace(/[0-9%.]/gu, (c) => (c === '%' ? '％' : c === '.' ? '．' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
      break;
  }
  return out;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Plain checks (not `expect`, thousands of times per run would be slow). */
function wellFormed(result: ParsedSelfEvaluation, lineCount: number): void {
  check(result.year === null || Number.isInteger(result.year), `year ${result.year}`);
  check(result.unitName === null || typeof result.unitName === 'string', 'unitName');
  const paths = new Set<string>();
  const tables = new Set(result.tablesFound);
  const read: Record<string, number> = {};
  for (const f of result.figures) {
    parseFigurePath(f.path); // throws on a path the domain refuses
    check(!paths.has(f.path), `${f.path} twice`);
    paths.add(f.path);
    check(f.value === null || typeof f.value === 'string', `${f.path} value`);
    check(typeof f.printed === 'string', `${f.path} printed`);
    check(Number.isInteger(f.line) && f.line >= 1 && f.line <= lineCount, `${f.path} line ${f.line}`);
    const table = tableOfPath(f.path);
    check(tables.has(table), `${f.path}: table ${table} not in tablesFound`);
    if (f.value !== null) read[table] = (read[table] ?? 0) + 1;
  }
  for (const n of result.notUnderstood) {
    check(Number.isInteger(n.line) && n.line >= 1 && n.line <= lineCount, `notUnderstood line ${n.line}`);
    check(!/内部错误/u.test(n.why), n.why);
  }
  for (const w of result.warnings) check(!/内部错误/u.test(w.message), w.message);
  check(JSON.stringify(Object.keys(result.figuresRead).sort()) === JSON.stringify([...tables].sort()), 'figuresRead keys');
  for (const [table, n] of Object.entries(result.figuresRead)) check(n === (read[table] ?? 0), `figuresRead ${table}`);
  for (const p of result.projects) {
    check(p.name !== null || p.lineName !== null, 'a project with neither name');
    check(p.link === null || (p.name !== null && p.lineName !== null), 'a link without both names');
  }
  for (const a of result.adjustments) {
    check(/\.budget\.full$/u.test(a.path) && paths.has(a.path), `adjustment ${a.path}`);
    check(/^\d+(?:\.\d+)?$/u.test(a.amount), `adjustment amount ${a.amount}`);
  }
}

describe('parseSelfEvaluation on a mutated fixture (fast-check)', () => {
  it('never throws and always returns a well-formed result whose paths parse', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DOCUMENTS), fc.array(mutation, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (document, mutations, crlf, wide) => {
        let lines = mutations.reduce(apply, document);
        if (wide) lines = lines.map((l) => l.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
        const text = lines.join(crlf ? '\r\n' : '\n');
        const result = parseSelfEvaluation(text);
        wellFormed(result, Math.max(1, text.split(/\r\n|\r|\n/u).length));
      }),
      { numRuns: 1200 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 20 })), { maxLength: 60 }), (lines) => {
        const text = lines.join('\n');
        wellFormed(parseSelfEvaluation(text), Math.max(1, text.split(/\r\n|\r|\n/u).length));
      }),
      { numRuns: 800 },
    );
  });
});
