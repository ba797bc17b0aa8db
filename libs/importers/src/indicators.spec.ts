import { DEFAULT_COLUMNS, indicatorColumns, isIndicatorHeader, level1Heading, level2Of } from './indicators';
import type { Cell } from './layout';

const cells = (...texts: string[]): Cell[] => texts.map((text, i) => ({ text, line: i + 1, lines: [{ text, line: i + 1 }] }));

describe('一级 headings and the weight they declare', () => {
  it.each([
    ['产出指标\n(50 分)', 'output', '50'],
    ['效益指标\n（30 分）', 'benefit', '30'],
    ['满意度指标\n（10 分）', 'satisfaction', '10'],
    ['产出指标(50分)', 'output', '50'],
    ['产出指标（５０分）', 'output', '５０'],
    ['效益指标 (27.5 分)', 'benefit', '27.5'],
    ['效益指标30分', 'benefit', '30'],
    ['产出指标', 'output', null],
    ['产出', 'output', null],
    ['满意度指标(10)', 'satisfaction', '10'],
    ['投入指标（20 分）', null, '20'],
    ['过程指标', null, null],
  ])('%p → %p, weight %p', (text, level1, weight) => {
    expect(level1Heading(text)).toEqual({ level1, weight });
  });
});

describe('二级 labels by their meaning', () => {
  it.each([
    ['数量指标', 'quantity'],
    ['质量指标', 'quality'],
    ['时效指标', 'timeliness'],
    ['成本指标', 'cost'],
    ['经济效益指标', 'economic'],
    ['社会效益指标', 'social'],
    ['生态效益指标', 'ecological'],
    ['生态效益\n指标', 'ecological'],
    ['可持续影响指标', 'sustainable'],
    ['可持续\n影响指标', 'sustainable'],
    ['服务对象满意度指标', 'serviceTarget'],
    ['服务对\n象满意度指标', 'serviceTarget'],
    ['服务对象满意度', 'serviceTarget'],
    ['1.数量指标', 'quantity'],
    ['数量指标（20 分）', 'quantity'],
    [' 质量 ', 'quality'],
    ['效益指标', null],
    ['满意度指标之外', null],
    ['', null],
  ])('%p → %p', (text, level2) => {
    expect(level2Of(text)).toBe(level2);
  });
});

describe('the 绩效指标 column header', () => {
  it('is recognised with labels broken across lines, each column given its role', () => {
    const header = cells('绩效指标', '一级指标', '二级指\n标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '自评得分', '偏差原因分析\n及改进措施');
    expect(isIndicatorHeader(header)).toBe(true);
    expect(indicatorColumns(header)).toEqual([...DEFAULT_COLUMNS]);
  });

  it('a column it does not know has no role', () => {
    expect(indicatorColumns(cells('一级指标', '二级指标', '三级指标', '指标解释', '分值'))).toEqual(['l1', 'l2', 'name', null, 'weight']);
  });

  it.each([[cells('年度总体目标', '预期目标', '实际完成情况')], [cells('', '产出指标', '数量指标', '管理制度日趋完善')]])('%#: not a header', (row) => {
    expect(isIndicatorHeader(row)).toBe(false);
  });
});
