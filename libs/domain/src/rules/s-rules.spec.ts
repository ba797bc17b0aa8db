import { Dec } from '../filing/filing.figures';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { scoreFiling } from '../scoring/score-filing';
import { median, medianAbsoluteDeviation, robustSample } from './robust-stats';
import type { CountyFilingInput, CountyFinding } from './s-rules';
import { COUNTY_RULES, checkCounty, countyTemplate, executionRateOf, indicatorSetOf, selfScoreGapOf } from './s-rules';
import { after, county, ownIndicators, set, unitFiling } from './sa.spec-support';

/** S01–S03 on a county of 12 units built through commands: a clean county, one outlier, corrected, edge cases. */

const brief = (f: CountyFinding) => ({ unitCode: f.unitCode, ruleId: f.ruleId, severity: f.severity, table: f.table, path: f.paths[0], expected: f.expected, actual: f.actual });
const only = (id: string, filings: CountyFilingInput[], template?: typeof NATIONAL_DEFAULT_TEMPLATE) =>
  checkCounty({ filings, template }, COUNTY_RULES.filter((r) => r.id === id)).map(brief);

const clean = county();

describe('robust statistics', () => {
  const d = (...xs: (number | string)[]) => xs.map((x) => new Dec(x));

  it('median and MAD', () => {
    expect(median(d(3, 1, 2)).toString()).toBe('2');
    expect(median(d(4, 1, 3, 2)).toString()).toBe('2.5');
    expect(medianAbsoluteDeviation(d(1, 2, 3, 4, 100)).toString()).toBe('1');
    expect(() => median([])).toThrow();
  });

  it('robust z = 0.6745 × (x − median) / MAD; null below the minimum size or for MAD 0', () => {
    const sample = robustSample(d(1, 2, 3, 4, 100).map((value, item) => ({ item, value })), 5);
    expect(sample?.median.toString()).toBe('3');
    expect(sample?.items[4].z.toString()).toBe('65.4265');
    expect(robustSample(d(1, 2, 3, 4, 100).map((value, item) => ({ item, value })), 6)).toBeNull();
    expect(robustSample(d(5, 5, 5, 1, 9).map((value, item) => ({ item, value })), 5)).toBeNull();
  });
});

describe('S rules', () => {
  it('are S01–S03 in catalogue order, with the catalogue severities', () => {
    expect(COUNTY_RULES.map((r) => [r.id, r.group, r.defaultSeverity])).toEqual([
      ['S01', 'S', 'warning'],
      ['S02', 'S', 'info'],
      ['S03', 'S', 'info'],
    ]);
  });

  it('the builder gives each unit the gap and execution rate it asks for', () => {
    expect(selfScoreGapOf(clean[0])).toMatchObject({ gap: new Dec('0.2'), scaled: false });
    expect(selfScoreGapOf(clean[0])?.suggested.toString()).toBe('89.8');
    expect(executionRateOf(clean[7])?.rate.toString()).toBe('95');
  });

  it('raise nothing on a clean county of 12 units', () => {
    expect(checkCounty({ filings: clean })).toEqual([]);
  });

  it('raise nothing on no filings', () => {
    expect(checkCounty({ filings: [] })).toEqual([]);
  });

  it('read their thresholds from the round template, else from the template most filings use', () => {
    const strict = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    strict.version = 2;
    expect(countyTemplate({ filings: clean, template: strict })).toBe(strict);
    expect(countyTemplate({ filings: clean })).toBe(clean[0].template);
    expect(countyTemplate({ filings: [] })).toBeNull();
  });
});

describe('S01 self score against computed score', () => {
  const outlier = county((n, o) => (n === 11 ? { ...o, gap: '10' } : o));

  it('a unit whose self score is 10 points above the computed one (the others within 2): warning on that unit only', () => {
    // gaps −0.5 … 1.5 and 10: median 0.55, MAD 0.4, z = 0.6745 × 9.45 / 0.4 = 15.9
    expect(only('S01', outlier)).toEqual([{ unitCode: 'u12', ruleId: 'S01', severity: 'warning', table: 'county', path: 'overall.total.score', expected: '0.55', actual: '10.00' }]);
    const [f] = checkCounty({ filings: outlier }, COUNTY_RULES.slice(0, 1));
    expect(f.paths).toEqual(['overall.total.score']);
    expect(f.message).toBe(
      '单位“第12局”（单位编码 u12）附件二自评总分 99.72 分，平台按评分模板计算的得分为 89.72 分，自评比计算得分高 10 分；全县 12 个单位“自评总分 − 计算得分”的中位数为 0.55 分（中位数绝对偏差 0.4 分），该单位的稳健 Z 值为 15.9，超出 ±3，明显高于全县水平。请核实各项自评得分的依据，按评分标准逐项重新评分，或在自评报告中说明理由。',
    );
    expect(f.messageEn).toContain('robust z 15.9');
  });

  it('corrected (the unit rescores itself to the computed score): gone', () => {
    const corrected = outlier.map((f) => (f.unit.code === 'u12' ? rescored(f, '89.72') : f));
    expect(only('S01', corrected)).toEqual([]);
  });

  it('a self score far below the computed one: info (both tails)', () => {
    const low = county((n, o) => (n === 3 ? { ...o, gap: '-8' } : o));
    expect(only('S01', low)).toEqual([{ unitCode: 'u04', ruleId: 'S01', severity: 'info', table: 'county', path: 'overall.total.score', expected: '0.45', actual: '-8.00' }]);
    expect(checkCounty({ filings: low })[0].message).toContain('自评比计算得分低 8 分');
  });

  it('fewer than 8 filings: silent; 8: fires', () => {
    const seven = county((n, o) => (n === 6 ? { ...o, gap: '10' } : o), 7);
    expect(only('S01', seven)).toEqual([]);
    const eight = county((n, o) => (n === 7 ? { ...o, gap: '10' } : o), 8);
    expect(only('S01', eight).map((f) => f.unitCode)).toEqual(['u08']);
  });

  it('units without a stated 总分 leave the sample: 12 filings but 7 stated totals → silent', () => {
    const sparse = outlier.map((f, n) => (n < 5 ? rescored(f, null) : f));
    expect(sparse.filter((f) => selfScoreGapOf(f) !== null)).toHaveLength(7);
    expect(only('S01', sparse)).toEqual([]);
  });

  it('MAD 0 (more than half the units state exactly the computed score): silent, outlier or not', () => {
    const flat = county((n, o) => ({ ...o, gap: n === 11 ? '10' : n < 7 ? '0' : o.gap }));
    expect(only('S01', flat)).toEqual([]);
  });

  it('reads S01RobustZ and statisticsMinFilings from the template', () => {
    const loose = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    loose.parameters.anomalies.S01RobustZ = '20';
    expect(only('S01', outlier, loose)).toEqual([]);
    const large = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    large.parameters.anomalies.statisticsMinFilings = '13';
    expect(only('S01', outlier, large)).toEqual([]);
    const tight = structuredClone(NATIONAL_DEFAULT_TEMPLATE);
    tight.parameters.anomalies.S01RobustZ = '1.5';
    // z(1.5) = 1.60, z(−0.5) = −1.77, z(10) = 15.9
    expect(only('S01', outlier, tight).map((f) => [f.unitCode, f.severity])).toEqual([
      ['u03', 'info'],
      ['u09', 'warning'],
      ['u12', 'warning'],
    ]);
  });

  it('compares on a 100-point scale when the printed 总分 分值 is another', () => {
    const f = unitFiling('u99', '第99局', { gap: '0' });
    const halved = { ...f, state: after(f.state, set('overall.total.weight', '50'), set('overall.total.score', '44.9')) };
    const scored = { ...halved, score: rescore(halved) };
    expect(selfScoreGapOf(scored)).toMatchObject({ stated: new Dec('89.8'), gap: new Dec(0), scaled: true });
  });
});

describe('S02 execution rate', () => {
  const outlier = county((n, o) => (n === 4 ? { ...o, executed: '60' } : o));

  it('a unit that spent 60% where the county spent 95–99.5%: info on that unit', () => {
    // median 97.1, MAD 0.9, z = 0.6745 × (60 − 97.1) / 0.9 = −27.8
    expect(only('S02', outlier)).toEqual([{ unitCode: 'u05', ruleId: 'S02', severity: 'info', table: 'county', path: 'overall.budget.rate', expected: '97.10', actual: '60.00' }]);
    const f = checkCounty({ filings: outlier }).find((x) => x.ruleId === 'S02')!;
    expect(f.paths).toEqual(['overall.budget.rate', 'overall.budget.executed', 'overall.budget.full']);
    expect(f.message).toContain('单位“第5局”（单位编码 u05）预算执行率为 60%（全年执行数 60.00 万元 ÷ 全年预算数 100.00 万元）；全县 12 个单位执行率的中位数为 97.1%（中位数绝对偏差 0.9 个百分点）');
    expect(f.message).toContain('稳健 Z 值为 −27.8，超出 ±3，明显低于全县水平');
  });

  it('corrected spending: gone', () => {
    const corrected = outlier.map((f) => (f.unit.code === 'u05' ? refigured(f, set('overall.budget.executed', '97.8')) : f));
    expect(only('S02', corrected)).toEqual([]);
  });

  it('a rate far above the county (spending beyond the budget) fires too', () => {
    const high = county((n, o) => (n === 0 ? { ...o, executed: '130' } : o));
    expect(only('S02', high).map((f) => [f.unitCode, f.actual])).toEqual([['u01', '130.00']]);
    expect(checkCounty({ filings: high }).find((f) => f.ruleId === 'S02')!.message).toContain('明显高于全县水平');
  });

  it('MAD 0 (most units at 100%): silent even for a unit at 60%', () => {
    const flat = county((n, o) => ({ ...o, executed: n === 4 ? '60' : n < 8 ? '100' : o.executed }));
    expect(only('S02', flat)).toEqual([]);
  });

  it('fewer than 8 filings: silent', () => {
    expect(only('S02', county((n, o) => (n === 4 ? { ...o, executed: '60' } : o), 7))).toEqual([]);
  });

  it('a 0 budget or no spending recorded leaves the sample; a stated rate with % counts when the figures are missing', () => {
    const f = unitFiling('u98', '第98局');
    expect(executionRateOf(refigured(f, set('overall.budget.full', '0')))).toBeNull();
    expect(executionRateOf(refigured(f, set('overall.budget.executed', null)))).toBeNull();
    expect(executionRateOf(refigured(f, set('overall.budget.executed', null), set('overall.budget.rate', '91%')))?.rate.toString()).toBe('91');
  });
});

describe('S03 indicator set copied from another unit', () => {
  const copied = county((n, o) => (n === 11 ? { ...o, indicators: ownIndicators('第3局') } : o));

  it('a unit with another unit\'s five indicators: info on both units, each naming the other', () => {
    const found = checkCounty({ filings: copied }, COUNTY_RULES.slice(2));
    expect(found.map(brief)).toEqual([
      { unitCode: 'u03', ruleId: 'S03', severity: 'info', table: 'county', path: 'overall.indicators.output.quantity.第3局业务办理量.target', expected: '0.8', actual: '1.00' },
      { unitCode: 'u12', ruleId: 'S03', severity: 'info', table: 'county', path: 'overall.indicators.output.quantity.第3局业务办理量.target', expected: '0.8', actual: '1.00' },
    ]);
    expect(found[1].paths).toHaveLength(5);
    expect(found[1].message).toContain('单位“第12局”（单位编码 u12）的绩效指标（共 5 项，按一级指标、二级指标和指标名称比较）与本县“第3局”（单位编码 u03，相同 5 项，相似度 1.00）的指标高度相似');
    expect(found[0].message).toContain('与本县“第12局”（单位编码 u12，相同 5 项');
  });

  it('corrected (the copy renames one indicator to its own: 4 of 6, 0.67): gone', () => {
    const u12 = copied[11];
    const own = refigured(u12, { type: 'RemoveIndicator', path: 'overall.indicators.benefit.social.第3局社会效益' }, set('overall.indicators.benefit.social.第12局社会效益.target', '≥90%'));
    expect(only('S03', copied.map((f) => (f.unit.code === 'u12' ? own : f)))).toEqual([]);
  });

  it('three units sharing a set: each unit gets one finding naming the two others', () => {
    const three = county((n, o) => (n === 5 || n === 9 ? { ...o, indicators: ownIndicators('第3局') } : o));
    const found = checkCounty({ filings: three }, COUNTY_RULES.slice(2));
    expect(found.map((f) => f.unitCode)).toEqual(['u03', 'u06', 'u10']);
    expect(found[0].message).toContain('“第6局”（单位编码 u06，相同 5 项，相似度 1.00）、“第10局”（单位编码 u10，相同 5 项，相似度 1.00）');
  });

  it('at the threshold: 8 of 10 shared indicators (8 / 12 = 0.67) is silent, 9 of 10 (9 / 11 = 0.82) fires', () => {
    const ten = (tag: string) => [...ownIndicators('共同'), ...ownIndicators(tag)];
    const base = ten('甲');
    const nine = [...base.slice(0, 9), '乙群众满意度'];
    const eight = [...base.slice(0, 8), '乙社会效益', '乙群众满意度'];
    const withSet = (indicators: string[]) => county((n, o) => (n === 0 ? { ...o, indicators: base } : n === 1 ? { ...o, indicators } : o));
    expect(only('S03', withSet(nine)).map((f) => [f.unitCode, f.actual])).toEqual([
      ['u01', '0.82'],
      ['u02', '0.82'],
    ]);
    expect(only('S03', withSet(eight))).toEqual([]);
  });

  it('sets of fewer than P04MinIndicators (4) indicators are not compared', () => {
    const small = county((n, o) => (n === 0 || n === 1 ? { ...o, indicators: ownIndicators('共同').slice(0, 3) } : o));
    expect(only('S03', small)).toEqual([]);
  });

  it('counts the indicators of every table: a 附件三 copied from another unit\'s 附件二 counts', () => {
    const u12 = copied[11];
    expect(indicatorSetOf(u12.state).keys.size).toBe(5);
    const withProject = refigured(
      unitFiling('u12', '第12局'),
      { type: 'AddProject', projectId: 'p1', name: '专项', lineName: null },
      set('project:专项.indicators.output.quantity.第3局业务办理量.target', '≥1个'),
    );
    expect(indicatorSetOf(withProject.state).keys.size).toBe(6);
    expect(indicatorSetOf(withProject.state).pathOf.get('output\u0000quantity\u0000第3局业务办理量')).toBe('project:专项.indicators.output.quantity.第3局业务办理量.target');
  });

  it('fewer than 8 filings: silent; 8: fires', () => {
    expect(only('S03', [...copied.slice(2, 8), copied[11]])).toEqual([]);
    expect(only('S03', [...copied.slice(2, 9), copied[11]]).map((f) => f.unitCode)).toEqual(['u03', 'u12']);
  });
});

const rescore = (f: CountyFilingInput) => scoreFiling(f.state, f.template);
function rescored(f: CountyFilingInput, total: string | null): CountyFilingInput {
  return refigured(f, set('overall.total.score', total));
}
function refigured(f: CountyFilingInput, ...commands: Parameters<typeof after>[1][]): CountyFilingInput {
  const state = after(f.state, ...commands);
  const next = { ...f, state };
  return { ...next, score: rescore(next) };
}
