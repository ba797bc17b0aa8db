import type { ParsedActual, ParsedTarget } from '../index';
import { criterionOf, parseActual, parseTarget, qualitativeTier } from '../index';

/**
 * Printed targets (年度指标值) and actuals (实际完成值): the fixture's, and variants seen in county filings.
 * anomaly-rules.md "Meeting a target": with no operator, `cost` indicators are `≤`, all others `≥`.
 */

const num = (operator: string, number: string, unit: string, implied = false) => ({ kind: 'numeric', operator, number, unit, implied });
const text = (t: string) => ({ kind: 'qualitative', text: t });
const na = { kind: 'notApplicable' };
const review = (why: RegExp) => ({ kind: 'needsReview', why: expect.stringMatching(why) });

describe('parseTarget', () => {
  it.each<[string, object]>([
    // the fixture
    ['100%', num('>=', '100', '%', true)],
    ['按期完成，截止2023年12月', text('按期完成，截止2023年12月')],
    ['557.7', num('>=', '557.7', '', true)],
    ['109.77', num('>=', '109.77', '', true)],
    // operators as symbols, half- and full-width
    ['≥50个', num('>=', '50', '个')],
    ['≤90万元', num('<=', '90', '万元')],
    ['＝100%', num('=', '100', '%')],
    ['＞＝95%', num('>=', '95', '%')],
    ['>=95%', num('>=', '95', '%')],
    ['=>95%', num('>=', '95', '%')],
    ['<=0.5万元', num('<=', '0.5', '万元')],
    ['＜5%', num('<', '5', '%')],
    ['>0', num('>', '0', '')],
    ['=0', num('=', '0', '')],
    ['==100%', num('=', '100', '%')],
    ['≧98%', num('>=', '98', '%')],
    ['≦3天', num('<=', '3', '天')],
    ['≥ 95 %', num('>=', '95', '%')],
    ['≥１００％', num('>=', '100', '%')],
    ['≥1,200人次', num('>=', '1200', '人次')],
    ['≥+3项', num('>=', '3', '项')],
    ['≤-5%', num('<=', '-5', '%')],
    // operators as words
    ['不低于95%', num('>=', '95', '%')],
    ['不少于12次', num('>=', '12', '次')],
    ['不高于100万元', num('<=', '100', '万元')],
    ['不超过30个工作日', num('<=', '30', '个工作日')],
    ['至少2场', num('>=', '2', '场')],
    ['大于等于90%', num('>=', '90', '%')],
    ['小于或等于5起', num('<=', '5', '起')],
    ['高于80分', num('>', '80', '分')],
    ['低于1%', num('<', '1', '%')],
    ['等于0起', num('=', '0', '起')],
    ['达到95%', num('>=', '95', '%')],
    ['控制在90万元以内', num('<=', '90', '万元')],
    ['95%以上', num('>=', '95', '%')],
    ['95%及以上', num('>=', '95', '%')],
    ['3天以内', num('<=', '3', '天')],
    ['5次以下', num('<=', '5', '次')],
    ['2次/年', num('>=', '2', '次/年', true)],
    ['0起', num('=', '0', '起', true)], // a bare 0 is = 0, not the vacuous ≥ 0
    ['0', num('=', '0', '', true)],
    ['12个月', num('>=', '12', '个月', true)],
    // qualitative
    ['达成', text('达成')],
    ['完成', text('完成')],
    ['按期完成', text('按期完成')],
    ['达到预期', text('达到预期')],
    ['有效提升', text('有效提升')],
    ['无重大安全事故', text('无重大安全事故')],
    ['2023年底前完成', review(/不是计量单位/)],
    // not applicable
    ['——', na],
    ['—', na],
    ['-', na],
    ['/', na],
    // never guessed
    ['', review(/未填年度指标值/)],
    ['   ', review(/未填年度指标值/)],
    ['无', review(/“无”，没有可比较的数值/)],
    ['90%-95%', review(/区间/)],
    ['90～95%', review(/区间/)],
    ['3至5个', review(/区间/)],
    ['100%完成', review(/不是计量单位/)],
    ['≥95%（含）', review(/不是计量单位/)],
    ['≥上年', review(/^比较符号后没有数字（“>=上年”）$/)],
    ['不低于上年', review(/比较词后没有数字/)],
    ['较上年提高5%', review(/文字中夹带百分比/)],
    ['完成率100%', review(/文字中夹带百分比/)],
    ['≥95%以下', review(/比较方向不一致/)],
    ['1/3', review(/不是计量单位/)],
    ['50斤', review(/不是计量单位/)],
  ])('%s', (printed, expected) => {
    expect(parseTarget(printed)).toEqual({ ...expected, printed });
  });

  it('a bare number is ≤ on a 成本 indicator, ≥ elsewhere; a printed operator wins', () => {
    expect(parseTarget('557.7', { level2: 'cost' })).toMatchObject(num('<=', '557.7', '', true));
    expect(parseTarget('100%', { level2: 'quality' })).toMatchObject(num('>=', '100', '%', true));
    expect(parseTarget('≥557.7', { level2: 'cost' })).toMatchObject(num('>=', '557.7', ''));
  });

  it('keeps the printed text as printed, and an empty cell as ""', () => {
    expect(parseTarget(' ≥ 95 % ')).toMatchObject({ printed: ' ≥ 95 % ', number: '95' });
    expect(parseTarget(null)).toEqual({ kind: 'needsReview', printed: '', why: '未填年度指标值' });
    expect(parseTarget('557.70')).toMatchObject({ number: '557.70' });
  });
});

describe('parseActual', () => {
  it.each<[string, object]>([
    ['100%', { kind: 'numeric', number: '100', unit: '%' }],
    ['98%', { kind: 'numeric', number: '98', unit: '%' }],
    ['９８％', { kind: 'numeric', number: '98', unit: '%' }],
    ['557.7', { kind: 'numeric', number: '557.7', unit: '' }],
    ['48个', { kind: 'numeric', number: '48', unit: '个' }],
    ['1,234.5万元', { kind: 'numeric', number: '1234.5', unit: '万元' }],
    ['按期完成', { kind: 'qualitative', text: '按期完成', tier: null }],
    ['达成', { kind: 'qualitative', text: '达成', tier: 'achieved' }],
    ['达到预期。', { kind: 'qualitative', text: '达到预期。', tier: 'achieved' }],
    ['部分达成', { kind: 'qualitative', text: '部分达成', tier: 'partial' }],
    ['基本达成', { kind: 'qualitative', text: '基本达成', tier: 'partial' }],
    ['未达成', { kind: 'qualitative', text: '未达成', tier: 'missed' }],
    ['——', { kind: 'notApplicable' }],
    ['', { kind: 'needsReview', why: '未填实际完成值' }],
    ['≥95%', { kind: 'needsReview', why: expect.stringMatching(/而非比较/) }],
    ['95%以上', { kind: 'needsReview', why: expect.stringMatching(/而非比较/) }],
    ['完成率98%', { kind: 'needsReview', why: expect.stringMatching(/文字中夹带百分比/) }],
    ['98%左右', { kind: 'needsReview', why: expect.stringMatching(/不是计量单位/) }],
  ])('%s', (printed, expected) => {
    expect(parseActual(printed)).toEqual({ ...expected, printed } as ParsedActual);
  });
});

describe('meeting a qualitative target', () => {
  const tier = (target: string, actual: string) => qualitativeTier(parseTarget(target) as Extract<ParsedTarget, { kind: 'qualitative' }>, parseActual(actual) as Extract<ParsedActual, { kind: 'qualitative' }>);

  it.each([
    ['按期完成，截止2023年12月', '按期完成', 'achieved'],
    ['按期完成，截止2023年12月', '按期完成，截止2023年12月', 'achieved'],
    ['按期完成,截止12月', '按期完成', 'achieved'],
    ['有效提升', '达到预期', 'achieved'],
    ['有效提升', '部分达成', 'partial'],
    ['有效提升', '未达成', 'missed'],
    ['按期完成，截止2023年12月', '延期完成', null],
    ['按期完成', '截止2023年12月', null],
  ])('%s / %s → %s', (target, actual, expected) => {
    expect(tier(target, actual)).toBe(expected);
  });

  it('the criterion is the text before the first comma', () => {
    expect(criterionOf('按期完成，截止2023年12月')).toBe('按期完成');
    expect(criterionOf('达成')).toBe('达成');
  });
});
