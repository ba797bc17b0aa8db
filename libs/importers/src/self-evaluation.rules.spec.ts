import { expenseColumns } from './basic-table';
import { sectionHeading } from './report';
import { parseSelfEvaluation } from './self-evaluation.parser';
import type { ParsedSelfEvaluation } from './self-evaluation.types';
import { fundCell } from './sheet-table';

/**
 * The reading rules on small documents built for them (docs/import.md): each part is a text line
 * (string) or a table row (array of cells; a cell's "\n" continues it on an unindented line).
 */
function doc(...parts: (string | string[])[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `${p.map((c) => `\t${c}`).join('\n')}\n`)).join('\n');
}
/** 1-based line of the first line of `text` that starts with `start` (after its tab). */
const lineOf = (text: string, start: string, from = 1) => text.split('\n').findIndex((l, i) => i + 1 >= from && l.replace(/^\t/u, '').startsWith(start)) + 1;
const figures = (r: ParsedSelfEvaluation) => Object.fromEntries(r.figures.map((f) => [f.path, f.value]));
const whys = (r: ParsedSelfEvaluation) => r.notUnderstood.map((n) => [n.line, n.why]);

const INDICATOR_HEADER = ['绩效指标', '一级指标', '二级指\n标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '自评得分', '偏差原因分析\n及改进措施'];
const overall = (...rows: (string | string[])[]) => doc('附件二', '2023年度部门整体支出绩效自评表', ['预算部门、单位名称', '某单位'], ...rows);

describe('附件一 column headings and 附件二 funds cells', () => {
  it.each([
    [['2022 年决算数', '2023 年预算数', '2023 年决算数'], ['prevActual', 'budget', 'actual']],
    [['上年决算数', '本年预算数', '本年决算数'], ['prevActual', 'budget', 'actual']],
    [['2023 年预算数', '2023 年决算数', '2022 年决算数'], ['budget', 'actual', 'prevActual']],
    [['决算数', '预算数', '决算数'], ['prevActual', 'budget', 'actual']],
    [['2022 年决算数', '2023 年预算数', '执行数'], ['actual', 'budget', null]],
  ])('%p → %p', (labels, columns) => {
    expect(expenseColumns(labels)).toEqual(columns);
  });

  it.each([
    ['其中： 一般公共预算：208.37', { category: 'generalPublic', printed: '208.37' }],
    ['其中：基本支出：98.61', { category: 'basic', printed: '98.61' }],
    ['政府性基金拨款：349.32', { category: 'govFund', printed: '349.32' }],
    ['按收入性质分：', { category: 'sourceTotal', printed: '' }],
    ['按支出性质分：2030.12', { category: 'natureTotal', printed: '2030.12' }],
    ['纳入专户管理的非税收入拨款：', { category: 'specialAccount', printed: '' }],
    ['其他资金：——', { category: 'other', printed: '——' }],
    ['项目支出 459.09', { category: 'project', printed: '459.09' }],
    ['一般公共预算：２０８．３７', { category: 'generalPublic', printed: '２０８．３７' }],
    ['年度资金总额', null],
    ['其中：当年财政拨款', null],
  ])('fundCell(%p)', (text, expected) => {
    expect(fundCell(text)).toEqual(expected);
  });

  it.each([
    ['一、部门基本情况', 'basicInfo', ''],
    ['部门整体支出绩效情况', 'performance', ''],
    ['六、部门整体支出绩效情况', 'performance', ''],
    ['三、政府性基金预算支出情况 ', 'govFundBudget', ''],
    ['九、部门整体支出绩效自评结果拟应用和公开情况', 'resultsApplication', ''],
    ['（九）绩效自评结果拟应用和公开情况：良好。', 'resultsApplication', '良好。'],
    ['其他需要说明的情况', 'other', ''],
    ['十、其他需要说明的情况', 'other', ''],
    ['八.下一步改进措施', 'improvements', ''],
  ])('sectionHeading(%p) → %p', (text, section, rest) => {
    expect(sectionHeading(text)).toEqual({ section, rest });
  });

  it.each([['（一）基本支出情况'], ['2023年，某中心在县委的领导下，认真履行职责，部门整体支出绩效情况良好。'], ['良好。']])('%p is no section heading', (text) => {
    expect(sectionHeading(text)).toBeNull();
  });
});

describe('indicator rows', () => {
  it('empty 一级/二级 cells inherit from the rows above; duplicates under one 二级 get #2; a template row is skipped', () => {
    const r = parseSelfEvaluation(
      overall(
        INDICATOR_HEADER,
        ['', '产出指标\n（50 分）', '数量指标', '甲', '1', '1', '10', '10', ''],
        ['', '', '', '甲', '2', '2', '10', '9', '差一点'],
        ['', '', '质量指标', '乙', '100%', '98%', '30', '29', ''],
        ['', '效益指标\n(30 分)', '经济效益指标', '', '', '', '', '', ''],
        ['', '', '社会效益指标', '丙', '好', '好', '30', '30', ''],
        ['总分', '100', '98', ''],
      ),
    );
    expect(r.notUnderstood).toEqual([]);
    expect(figures(r)).toMatchObject({
      'overall.groups.output.weight': '50',
      'overall.indicators.output.quantity.甲.weight': '10',
      'overall.indicators.output.quantity.甲#2.score': '9',
      'overall.indicators.output.quantity.甲#2.deviation': '差一点',
      'overall.indicators.output.quality.乙.actual': '98%',
      'overall.groups.benefit.weight': '30',
      'overall.indicators.benefit.social.丙.target': '好',
      'overall.total.weight': '100',
      'overall.total.score': '98',
    });
    expect(Object.keys(figures(r)).some((p) => p.includes('economic'))).toBe(false);
  });

  it('an unnamed row holding a value is not understood, never given a name', () => {
    const text = overall(INDICATOR_HEADER, ['', '产出指标', '数量指标', '甲', '1', '1', '10', '10', ''], ['', '', '', '', '', '', '5', '', '']);
    const r = parseSelfEvaluation(text);
    expect(whys(r)).toEqual([[lineOf(text, '', lineOf(text, '甲') + 7), '指标名称为空，却填有数值']]);
    expect(r.figures.filter((f) => f.path.includes('indicators'))).toHaveLength(5);
  });

  it('a 二级 label under the wrong 一级, an unknown 一级, and a row before any 一级 are not understood', () => {
    const r = parseSelfEvaluation(
      overall(
        INDICATOR_HEADER,
        ['', '', '数量指标', '无一级', '1', '1', '1', '1', ''],
        ['', '产出指标(50分)', '社会效益指标', '错层', '1', '1', '1', '1', ''],
        ['', '', '数量指标', '对', '1', '1', '1', '1', ''],
        ['', '投入指标(20分)', '预算执行', '投入', '1', '1', '1', '1', ''],
      ),
    );
    expect(r.notUnderstood.map((n) => n.text)).toEqual([
      ' |  | 数量指标 | 无一级 | 1 | 1 | 1 | 1 | ',
      '数量指标',
      ' | 产出指标(50分) | 社会效益指标 | 错层 | 1 | 1 | 1 | 1 | ',
      '社会效益指标',
      ' | 投入指标(20分) | 预算执行 | 投入 | 1 | 1 | 1 | 1 | ',
      '投入指标(20分)',
    ]);
    expect(Object.keys(figures(r)).filter((p) => p.includes('indicators') || p.includes('groups'))).toEqual([
      'overall.groups.output.weight',
      'overall.indicators.output.quantity.对.target',
      'overall.indicators.output.quantity.对.actual',
      'overall.indicators.output.quantity.对.weight',
      'overall.indicators.output.quantity.对.score',
      'overall.indicators.output.quantity.对.deviation',
    ]);
  });

  it('a row with fewer cells than the header is not understood (never shifted into the wrong columns)', () => {
    const text = overall(INDICATOR_HEADER, ['', '产出指标', '数量指标', '甲', '1', '1', '10', '10']);
    expect(whys(parseSelfEvaluation(text))).toEqual([[lineOf(text, '产出指标') - 1, '单元格数（8）与绩效指标表头（9 列）不符']]);
  });

  it('a value the cell cannot hold is not understood (a weight printed with its unit)', () => {
    const text = overall(INDICATOR_HEADER, ['', '产出指标', '数量指标', '甲', '1', '1', '10分', '10', '']);
    const r = parseSelfEvaluation(text);
    expect(r.notUnderstood).toEqual([{ line: lineOf(text, '10分'), text: '10分', why: expect.stringContaining('overall.indicators.output.quantity.甲.weight') }]);
    expect(figures(r)['overall.indicators.output.quantity.甲.score']).toBe('10');
  });

  it('an indicator name with a dot is escaped in its path', () => {
    const r = parseSelfEvaluation(overall(INDICATOR_HEADER, ['', '产出指标', '质量指标', '覆盖率99.5%', '99.5%', '99.6%', '10', '10', '']));
    expect(figures(r)['overall.indicators.output.quality.覆盖率99\\.5%.actual']).toBe('99.6%');
  });
});

describe('goals', () => {
  it('empty goal rows before a filled one keep their row number; a goal cell may span lines', () => {
    const r = parseSelfEvaluation(overall(['年度总体目标', '预期目标', '实际完成情况'], ['', '', ''], ['', '1.甲；\n\n2.乙。', '完成']));
    expect(figures(r)).toMatchObject({ 'overall.goals.1.expected': null, 'overall.goals.1.actual': null, 'overall.goals.2.expected': '1.甲；\n2.乙。', 'overall.goals.2.actual': '完成' });
  });
});

describe('附件三 projects', () => {
  const project = (name: string, full: string, executed: string) =>
    doc(
      '附件三',
      '2023年度项目支出绩效自评表',
      ['项目支出名称', name],
      ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '自评得分'],
      ['', '年度资金总额', '1', full, executed, '10', '100%', '10'],
    );
  const basic = (...lines: [string, string, string][]) =>
    doc(
      '附件一',
      ['经费控制情况（万元）', '2022 年决算数', '2023 年预算数', '2023 年决算数'],
      ['项目支出：', '', '', ''],
      ...lines.map(([n, b, a]) => [n, '', b, a]),
      ['公用经费', '', '', ''],
    );

  it('two tables of one name are `name` and `name#2`; each is linked to a line of that name in order', () => {
    const r = parseSelfEvaluation(basic(['1、甲', '5', '5'], ['2、甲', '6', '6']) + project('甲', '5', '5') + project('甲', '6', '6'));
    expect(r.projects).toEqual([
      { name: '甲', lineName: '甲', link: 'name' },
      { name: '甲', lineName: '甲', link: 'name' },
    ]);
    expect(r.tablesFound).toEqual(['basic', 'project:甲', 'project:甲#2']);
    expect(figures(r)).toMatchObject({ 'project:甲.budget.full': '5', 'project:甲#2.budget.full': '6', 'basic.expense.project:甲.budget': '5', 'basic.expense.project:甲#2.budget': '6' });
  });

  it('a line and a table with equal figures but several candidates are not linked (a warning says why)', () => {
    const r = parseSelfEvaluation(basic(['甲', '5', '5'], ['乙', '5', '5']) + project('丙', '5', '5'));
    expect(r.projects.map((p) => p.link)).toEqual([null, null, null]);
    expect(r.warnings.map((w) => w.message)).toContain('附件三“丙”的全年预算数和全年执行数与附件一的多行相同（“甲”、“乙”），未关联');
  });

  it('a table with no line is listed with lineName null; a table with no name is reported and read nowhere', () => {
    const r = parseSelfEvaluation(project('甲', '5', '5') + project('', '6', '6'));
    expect(r.projects).toEqual([{ name: '甲', lineName: null, link: null }]);
    expect(r.tablesFound).toEqual(['project:甲']);
    expect(r.notUnderstood.length).toBeGreaterThan(0);
    expect(r.warnings.map((w) => w.message)).toContain('附件三缺少“项目支出名称”，该表的数字未读取');
  });

  it('a 部门基本支出预算调整 that is negative is a decrease on the 全年预算数 it explains', () => {
    const text =
      doc('附件一', ['经费控制情况（万元）', '2022 年决算数', '2023 年预算数', '2023 年决算数'], ['部门基本支出预算调整', '——', '-2.5', '-2.5']) +
      overall(['年度预算申请（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '自评得分'], ['', '年度资金总额', '10', '7.5', '7', '10', '93%', '9']);
    const r = parseSelfEvaluation(text);
    expect(r.adjustments).toEqual([{ path: 'overall.budget.full', direction: 'decrease', amount: '2.5', reason: '附件一“部门基本支出预算调整”：-2.5', line: lineOf(text, '-2.5') }]);
    expect(figures(r)['basic.expense.basicAdjustment.budget']).toBe('-2.5');
  });

  it('template rows of 附件一 carry nothing, unless a number was typed into them', () => {
    const text = basic(['甲', '1', '1']).replace('\t公用经费', '\t3、省级专项资金（每个专项一行）\n\t\n\t\n\t9\n\n\t……\n\t\n\t\n\t\n\n\t公用经费');
    const r = parseSelfEvaluation(text);
    expect(whys(r)).toEqual([[lineOf(text, '3、省级专项资金'), '模板行（“……”或“每个专项一行”）中填有数字']]);
    expect(r.projects).toEqual([{ name: null, lineName: '甲', link: null }]);
  });
});

describe('the report', () => {
  const report = (...lines: string[]) => doc('附件四', '2023年度某单位部门整体支出绩效自评报告', '部门（单位）名称：（盖章）', '2024年6月18日', ...lines);

  it('a label quoted twice with the same value is one figure; with another value it is #2', () => {
    const r = parseSelfEvaluation(report('一、部门基本情况', '编制数合计 10 名。核定编制 10 名。', '另有核定编制数 12 名。'));
    expect(Object.entries(figures(r)).filter(([p]) => p.startsWith('report.quoted'))).toEqual([
      ['report.quoted.编制数', '10'],
      ['report.quoted.编制数#2', '12'],
    ]);
  });

  it('the grade is read from section 九 only; several grade words there give no grade and a warning', () => {
    const r = parseSelfEvaluation(report('七、存在的问题及原因分析', '整体良好。', '九、部门整体支出绩效自评结果拟应用和公开情况', '良好，个别指标合格。'));
    expect(figures(r)['report.statedGrade']).toBeNull();
    expect(r.warnings.map((w) => w.message)).toContain('第九部分出现多个等级词（良好、合格），未读取自评等级');
    expect(figures(parseSelfEvaluation(report('七、存在的问题及原因分析', '整体良好。')))).not.toHaveProperty(['report.statedGrade']);
  });

  it('the cover: a seal mark only is an empty unit name; the unit is then named by the title', () => {
    const r = parseSelfEvaluation(report('一、部门基本情况', '无。'));
    expect(figures(r)).toMatchObject({ 'report.cover.unitName': null, 'report.cover.date': '2024年6月18日', 'report.sections.basicInfo.text': '无。' });
    expect(r.unitName).toBe('某单位');
    expect(r.year).toBe(2023);
  });

  it('an adjustment that explains no 全年预算数 is not recorded; a warning says so', () => {
    const r = parseSelfEvaluation(report('二、一般公共预算支出情况', '年中追加5万元。'));
    expect(r.adjustments).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toContain('追加 5 万元与任何一张表的“全年预算数 − 年初预算数”都不相等，未记为预算调整');
  });

  it('cover text it does not know is reported', () => {
    const r = parseSelfEvaluation(report('某某印章', '一、部门基本情况', '无。'));
    expect(r.notUnderstood).toEqual([{ line: 5, text: '某某印章', why: '报告封面中无法识别的文字' }]);
  });
});

describe('sign-off lines', () => {
  it('a sign-off split over two lines fills one table’s four cells; a field given twice is reported', () => {
    const text = overall(['总分', '100', '98', ''], '填表人：甲    填报日期：2024.1.2', '联系电话：123    单位负责人签字：乙', '填表人：丙');
    const r = parseSelfEvaluation(text);
    expect(figures(r)).toMatchObject({ 'overall.signoff.preparer': '甲', 'overall.signoff.date': '2024.1.2', 'overall.signoff.phone': '123', 'overall.signoff.head': '乙' });
    expect(whys(r)).toEqual([[lineOf(text, '填表人：丙'), `签署栏“填表人”已在第 ${lineOf(text, '填表人：甲')} 行填写`]]);
  });

  it('a sign-off line outside any table is reported', () => {
    expect(whys(parseSelfEvaluation('填表人：甲'))).toEqual([[1, '签署行不属于任何表格']]);
  });
});
