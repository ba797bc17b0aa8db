import { readFileSync } from 'fs';
import { join } from 'path';
import { parseFigurePath, tableOfPath } from '@app/domain';
import { isSelfEvaluation, parseSelfEvaluation } from './self-evaluation.parser';
import type { ParsedSelfEvaluation } from './self-evaluation.types';

const FIXTURES = join(__dirname, '../../../test/fixtures');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

interface Expectation {
  year: number | null;
  unitName: string | null;
  tablesFound: string[];
  projects: ParsedSelfEvaluation['projects'];
  adjustments: ParsedSelfEvaluation['adjustments'];
  quoted: Record<string, string>;
  notUnderstood: { line: number; text: string }[];
  warnings?: ParsedSelfEvaluation['warnings'];
  figuresRead?: Record<string, number>;
  figures: Record<string, string | null>;
}

const valueOf = (r: ParsedSelfEvaluation, path: string) => r.figures.find((f) => f.path === path)?.value;

describe.each([
  ['the Hengshan document (public data)', 'hengshan-2023-self-evaluation.txt', 'hengshan-2023.expected.json'],
  ['a variant: four attachments, three projects, numbering and a dot in names', 'anping-2024-self-evaluation.txt', 'anping-2024.expected.json'],
  ['a variant: no 附件一, CRLF, full-width digits', 'qinghe-2022-self-evaluation.txt', 'qinghe-2022.expected.json'],
])('%s', (_title, document, expectation) => {
  const text = read(document);
  const expected = JSON.parse(read(expectation)) as Expectation;
  const result = parseSelfEvaluation(text);
  const lines = text.split(/\r\n|\r|\n/u);

  it('reads every cell of the expectation file, with its value, and no other', () => {
    const figures = Object.fromEntries(result.figures.map((f) => [f.path, f.value]));
    expect(result.figures).toHaveLength(Object.keys(figures).length); // no path twice
    expect(figures).toEqual(expected.figures);
  });

  it('reads year, unit, tables, projects, adjustments and quoted figures as expected', () => {
    expect(result.year).toBe(expected.year);
    expect(result.unitName).toBe(expected.unitName);
    expect(result.tablesFound).toEqual(expected.tablesFound);
    expect(result.projects).toEqual(expected.projects);
    expect(result.adjustments).toEqual(expected.adjustments);
    const quoted = Object.fromEntries(result.figures.filter((f) => f.path.startsWith('report.quoted.')).map((f) => [f.path.slice('report.quoted.'.length), f.value]));
    expect(quoted).toEqual(expected.quoted);
  });

  it('reports exactly the lines it does not understand', () => {
    expect(result.notUnderstood.map(({ line, text: t }) => ({ line, text: t }))).toEqual(expected.notUnderstood);
    for (const n of result.notUnderstood) expect(n.why).not.toBe('');
    if (expected.warnings) expect(result.warnings).toEqual(expected.warnings);
  });

  it('counts the figures read per table', () => {
    const counts = Object.fromEntries(expected.tablesFound.map((t) => [t, 0]));
    for (const [path, value] of Object.entries(expected.figures)) if (value !== null) counts[tableOfPath(path)]++;
    expect(result.figuresRead).toEqual(counts);
    if (expected.figuresRead) expect(result.figuresRead).toEqual(expected.figuresRead);
  });

  it('gives every figure a path the domain accepts, and the line it is printed on', () => {
    for (const f of result.figures) {
      expect(() => parseFigurePath(f.path)).not.toThrow();
      if (f.printed !== '') expect([f.path, lines[f.line - 1]]).toEqual([f.path, expect.stringContaining(f.printed.split('\n')[0])]);
    }
    expect(isSelfEvaluation(result)).toBe(true);
  });
});

it('the qinghe variant really is CRLF with full-width digits, and has no 附件一 (guards against a checkout that rewrites it)', () => {
  const text = read('qinghe-2022-self-evaluation.txt');
  expect(text.split('\r\n').length).toBe(text.split('\n').length);
  expect(text).toMatch(/[０-９]/u);
  expect(text).not.toMatch(/附件一/u);
});

describe('the Hengshan document: the acceptance values', () => {
  const result = parseSelfEvaluation(read('hengshan-2023-self-evaluation.txt'));

  it.each([
    ['overall.budget.full', '557.70'],
    ['overall.funds.generalPublic', '208.37'],
    ['project:业务经费.budget.initial', '3.5'],
    ['basic.staffing.controlRate', '70%'],
    ['overall.groups.benefit.weight', '30'],
    ['report.statedGrade', '良好'],
    ['project:业务经费.funds.currentYear.full', '109.77'],
    ['basic.expense.vehiclePurchase.budget', null],
    ['basic.expense.procurement.prevActual', '——'],
    ['overall.total.score', '98'],
    ['report.quoted.编制数', '10'],
    ['report.quoted.在职人数', '7'],
    ['report.quoted.年中追加', '106.27'],
    ['report.sections.resultsApplication.text', '良好。'],
    ['report.sections.performance.text', expect.stringContaining('（五）认真完成')],
    ['basic.signoff.preparer', '符雅琼'],
    ['overall.signoff.date', '2024.6.18'],
    ['project:综治中心建设.signoff.phone', '18373413635'],
  ])('%s is %p', (path, value) => {
    expect(valueOf(result, path)).toEqual(value);
  });

  it('links 业务工作经费 ↔ 业务经费 by figures (with a warning naming both), 综治中心建设 by name; 运行维护经费 is a line with no table', () => {
    expect(result.projects).toEqual([
      { name: '业务经费', lineName: '业务工作经费', link: 'figures' },
      { name: null, lineName: '运行维护经费', link: null },
      { name: '综治中心建设', lineName: '综治中心建设', link: 'name' },
    ]);
    expect(result.warnings.some((w) => w.message.includes('业务工作经费') && w.message.includes('业务经费'))).toBe(true);
  });

  it('reads the goal block as one cell per column, and skips template rows', () => {
    expect(valueOf(result, 'overall.goals.1.expected')?.split('\n')).toHaveLength(5);
    expect(valueOf(result, 'overall.goals.2.expected')).toBeUndefined();
    expect(result.figures.some((f) => f.path.includes('.economic.'))).toBe(false);
    expect(result.figures.some((f) => f.path.includes('省级专项资金') || f.path.includes('……'))).toBe(false);
  });

  it('attaches 年中追加 106.27 to the 全年预算数 whose 全年 − 年初 it is', () => {
    expect(result.adjustments).toEqual([
      { path: 'project:业务经费.budget.full', direction: 'increase', amount: '106.27', reason: '2023 年本部门项目年初预算3.5万元，年中追加106.27万元，全年预算数109.77万元。', line: 777 },
    ]);
  });
});

describe('layout variations of the Hengshan document', () => {
  const text = read('hengshan-2023-self-evaluation.txt');
  const base = parseSelfEvaluation(text);
  const values = (r: ParsedSelfEvaluation) => Object.fromEntries(r.figures.map((f) => [f.path, f.value]));
  const without = (r: ParsedSelfEvaluation) => ({ ...r, figures: r.figures.map(({ path, value }) => ({ path, value })) });

  it('CRLF and CR line ends read the same', () => {
    expect(without(parseSelfEvaluation(text.replace(/\n/gu, '\r\n')))).toEqual(without(base));
    expect(values(parseSelfEvaluation(text.replace(/\n/gu, '\r')))).toEqual(values(base));
  });

  it('full-width digits, ％ and ． read as the same values', () => {
    const wide = text.replace(/[0-9]/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/%/gu, '％');
    const result = parseSelfEvaluation(wide);
    expect(result.notUnderstood).toEqual([]);
    const numeric = (v: string | null) => v !== null && /^\d+(?:\.\d+)?%?$/u.test(v); // a date (2024.6.18) is text, kept as printed
    for (const [path, value] of Object.entries(values(base))) {
      if (numeric(value)) expect([path, values(result)[path]]).toEqual([path, value]);
    }
    expect(result.year).toBe(2023);
    expect(values(result)['overall.groups.benefit.weight']).toBe('30');
  });

  it('stray spaces around cells and an extra empty row change nothing', () => {
    const spaced = text
      .split('\n')
      .map((l) => (l.startsWith('\t') && l.length > 1 ? `\t  ${l.slice(1)}  ` : l))
      .join('\n')
      .replace('\t管理制度日趋完善\n\t100%', '\t管理制度日趋完善\n\t100%')
      .replace('\n\t总分\n', '\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\t\n\n\t总分\n');
    const result = parseSelfEvaluation(spaced);
    expect(values(result)).toEqual(values(base));
    expect(result.notUnderstood).toEqual([]);
  });

  it('a document holding only some tables reads those (here 附件三 业务经费 and 附件四)', () => {
    const lines = text.split('\n');
    const only = [...lines.slice(318, 509), ...lines.slice(722)].join('\n');
    const result = parseSelfEvaluation(only);
    expect(result.tablesFound).toEqual(['project:业务经费', 'report']);
    expect(result.projects).toEqual([{ name: '业务经费', lineName: null, link: null }]);
    expect(result.notUnderstood).toEqual([]);
    expect(result.unitName).toBe('衡山县社会治理和网格化信息中心');
    expect(result.adjustments.map((a) => a.path)).toEqual(['project:业务经费.budget.full']);
    const expected = Object.entries(values(base)).filter(([p]) => p.startsWith('project:业务经费.') || (p.startsWith('report.') && !p.startsWith('report.quoted')));
    for (const [path, value] of expected) expect([path, values(result)[path]]).toEqual([path, value]);
  });

  it('a missing 附件 heading: the tables are still found by their titles and first rows', () => {
    const result = parseSelfEvaluation(text.replace(/^附件[一二三四]\n/gmu, ''));
    expect(result.tablesFound).toEqual(base.tablesFound);
    expect(values(result)).toEqual(values(base));
    const bare = parseSelfEvaluation(text.replace(/^附件[一二三四]\n/gmu, '').replace(/^2023年度.*(?:表)$/gmu, ''));
    expect(bare.tablesFound).toEqual(base.tablesFound);
    expect(bare.year).toBe(2023); // from the report's title
  });

  it('a missing attachment (附件二 dropped) leaves the others intact', () => {
    const lines = text.split('\n');
    const result = parseSelfEvaluation([...lines.slice(0, 133), ...lines.slice(318)].join('\n'));
    expect(result.tablesFound).toEqual(['basic', 'project:业务经费', 'project:综治中心建设', 'report']);
    expect(result.notUnderstood).toEqual([]);
    expect(result.unitName).toBe('衡山县社会治理和网格化信息中心'); // from 附件三 实施单位
  });
});

describe('not a self-evaluation', () => {
  it.each([[''], ['hello'], ['\t\t\n\n\t'], ['一份普通的通知。\n\n请各单位于月底前报送。']])('%p: nothing recognised, nothing thrown', (text) => {
    const result = parseSelfEvaluation(text);
    expect(isSelfEvaluation(result)).toBe(false);
    expect(result.figures).toEqual([]);
    expect(result.year).toBeNull();
  });

  it('an input that is not a string is read as text, never thrown on', () => {
    expect(() => parseSelfEvaluation(undefined as unknown as string)).not.toThrow();
    expect(isSelfEvaluation(parseSelfEvaluation(42 as unknown as string))).toBe(false);
  });

  it('text outside any attachment is reported, not dropped', () => {
    const result = parseSelfEvaluation('一份普通的通知。\n\t某个单元格');
    expect(result.notUnderstood.map((n) => n.line)).toEqual([1, 2]);
  });
});
