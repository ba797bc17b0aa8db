import { QUOTED_LABELS } from '@app/domain';
import type { ReportSection } from '@app/domain';
import { QUOTED_ALIASES, quotedFigures, sentenceAt, statedAdjustments, statedGrade } from './quoted-figures';

const line = (text: string, section: ReportSection = 'basicInfo') => ({ text, line: 1, section });
const quotes = (text: string, section?: ReportSection) => quotedFigures([line(text, section)]).map((q) => [q.label, q.value]);

describe('quoted figures: lexicon labels by their printed phrases', () => {
  it('every alias names a label of the domain lexicon', () => {
    const labels = new Set(QUOTED_LABELS.map((q) => q.label));
    for (const alias of QUOTED_ALIASES) expect(labels.has(alias.label)).toBe(true);
  });

  it.each<[string, ReportSection, [string, string][]]>([
    ['2023 年本部门一般公共预算拨款支出 208.37万元（含上级财政补助 0.00 万元）', 'generalPublicBudget', [['一般公共预算拨款支出', '208.37']]],
    ['2023 年本部门基本支出预算数 98.61 万元，主要是…', 'generalPublicBudget', [['基本支出预算数', '98.61']]],
    [
      '2023 年本部门项目年初预算3.5万元，年中追加106.27万元，全年预算数109.77万元。预算支出109.77万元，预算执行率100%。',
      'generalPublicBudget',
      [
        ['项目支出年初预算', '3.5'],
        ['年中追加', '106.27'],
        ['项目支出全年预算', '109.77'],
      ],
    ],
    ['全年预算数557.70万元。', 'generalPublicBudget', []],
    [
      '2023 年度政府性基金预算财政拨款收入349.32万元；年初结转和结余 0.00 万元；支出 349.32万元，其中:基本支出 0.00 万元，项目支出 349.32 万元；',
      'govFundBudget',
      [
        ['政府性基金预算财政拨款收入', '349.32'],
        ['政府性基金支出', '349.32'],
      ],
    ],
    ['年初预算为 349.32万元，支出决算为 349.32万元。', 'govFundBudget', []],
    ['支出 349.32万元', 'generalPublicBudget', []],
    ['2023 年本部门社会保险基金支出预算 7.43万元', 'socialInsuranceBudget', [['社会保险基金支出预算', '7.43']]],
    ['有全额拨款事业编制 10 名，设主任 1 名，副主任 2 名，股室负责人：5 名。', 'basicInfo', [['编制数', '10']]],
    [
      '编制数合计 10 名，行政编制数 0 名，事业编制数 10 名,工勤人员编制数 0 名。现有在职在岗在编职工 7 人，离退休 0 人，临聘人员 7 人。',
      'basicInfo',
      [
        ['编制数', '10'],
        ['在职人数', '7'],
      ],
    ],
    ['核定编制数 44 名，在职人员 41 人', 'basicInfo', [['编制数', '44'], ['在职人数', '41']]],
    ['编制数合计 ２８ 名，现有在职人数 ２６ 人。', 'basicInfo', [['编制数', '28'], ['在职人数', '26']]],
    ['年中追加１０６．２７万元', 'generalPublicBudget', [['年中追加', '106.27']]],
    ['编制数 10 万元', 'basicInfo', []],
    ['一般公共预算拨款支出 208.37 名', 'basicInfo', []],
  ])('%p', (text, section, expected) => {
    expect(quotes(text, section)).toEqual(expected);
  });
});

describe('adjustments the report states', () => {
  it.each([
    ['项目年初预算3.5万元，年中追加106.27万元，全年预算数109.77万元。', [['increase', '106.27', '项目年初预算3.5万元，年中追加106.27万元，全年预算数109.77万元。']]],
    ['年中追加100.00万元，调减10.00万元。另追加 7.77 万元用于应急。', [['increase', '100.00'], ['decrease', '10.00'], ['increase', '7.77']]],
    ['追加预算困难，导致产生公用支出挤占项目经费的情况。', []],
    ['调增资金50万元', [['increase', '50']]],
    ['核减经费 ３．５ 万元', [['decrease', '3.5']]],
    ['追加0.00万元', []],
  ])('%p', (text, expected) => {
    const found = statedAdjustments([line(text)]).map((a) => [a.direction, a.amount, a.reason]);
    expect(found.map((f, i) => f.slice(0, expected[i]?.length ?? 3))).toEqual(expected);
  });

  it.each([
    ['甲。乙，丙。丁', 0, '甲。'],
    ['甲。乙，丙。丁', 1, '甲。'],
    ['甲。乙，丙。丁', 3, '乙，丙。'],
    ['甲。乙，丙。丁', 6, '丁'],
    ['  只有一句  ', 4, '只有一句'],
  ])('sentenceAt(%p, %p) = %p', (text, index, sentence) => {
    expect(sentenceAt(text, index)).toBe(sentence);
  });
});

describe('the grade section 九 states', () => {
  it.each([
    ['良好。', '良好'],
    ['经综合评价，整体支出绩效自评得分92.6分，等级为“优秀”，结果将在部门网站公开。', '优秀'],
    ['等级为"合格"', '合格'],
    ['等级：良', '良'],
    ['自评结果为良。', '良'],
    ['评价结果为中等，拟公开。', '中等'],
    ['结果为优秀等次', '优秀'],
    ['优', '优'],
    [' 差。', '差'],
    ['自评等级为不合格。', '不合格'],
    ['拟在门户网站公开。', null],
    ['结果为中心工作服务', null],
    ['自评结果良好，部分指标不合格。', null],
  ])('%p → %p', (text, grade) => {
    expect(statedGrade(text).grade).toBe(grade);
  });

  it('several grade words and no 等级为: none is read, the words are named', () => {
    expect(statedGrade('自评结果良好，部分指标不合格。')).toEqual({ grade: null, words: ['良好', '不合格'] });
  });
});
