import {
  disambiguate,
  isTemplateRowLabel,
  joinPath,
  normaliseName,
  normaliseValue,
  sameValue,
  splitPath,
} from './figure-path';

describe('normaliseName (PRODUCT.md "Names in paths")', () => {
  it.each([
    ['1、业务工作经费', '业务工作经费'],
    ['     3、综治中心建设', '综治中心建设'],
    ['1.管理制度日趋完善', '管理制度日趋完善'],
    ['1．办公经费', '办公经费'],
    ['（一）部门基本情况', '部门基本情况'],
    ['(二)职能职责', '职能职责'],
    ['一、部门基本情况', '部门基本情况'],
    ['其中：公车购置', '公车购置'],
    ['１、业务经费', '业务经费'],
    ['（２）办公经费', '办公经费'],
    ['其中:当年财政拨款', '当年财政拨款'],
    ['项目支出：', '项目支出'],
    ['二级指\n标', '二级指标'],
    ['  数量指标  ', '数量指标'],
  ])('%j → %j', (printed, name) => {
    expect(normaliseName(printed)).toBe(name);
  });

  it('keeps what is not numbering, and does not fold widths', () => {
    expect(normaliseName('1.5万元以下采购')).toBe('1.5万元以下采购');
    expect(normaliseName('2023年度目标')).toBe('2023年度目标');
    expect(normaliseName('ＡＢＣ（全角）')).toBe('ＡＢＣ（全角）');
    expect(normaliseName('满意度：服务对象')).toBe('满意度：服务对象');
  });
});

describe('template rows', () => {
  it('recognises rows that carry no figures', () => {
    expect(isTemplateRowLabel('……')).toBe(true);
    expect(isTemplateRowLabel('3、省级专项资金（每个专项一行）')).toBe(true);
    expect(isTemplateRowLabel('业务经费')).toBe(false);
  });
});

describe('paths', () => {
  it('escapes "." and "\\" inside names and splits them back', () => {
    const segments = ['project:业务.经费', 'indicators', 'output', 'quantity', 'a\\b', 'selfScore'];
    const path = joinPath(segments);
    expect(path).toBe('project:业务\\.经费.indicators.output.quantity.a\\\\b.selfScore');
    expect(splitPath(path)).toEqual(segments);
    expect(splitPath('overall.budget.executed')).toEqual(['overall', 'budget', 'executed']);
    expect(() => splitPath('a\\b')).toThrow(/must escape/);
  });

  it('numbers a repeated name under one parent #2, #3', () => {
    expect(disambiguate(['培训', '宣传', '培训', '培训'])).toEqual(['培训', '宣传', '培训#2', '培训#3']);
  });
});

describe('values', () => {
  it('folds full-width digits and signs in numbers, keeps text, —— and empty apart', () => {
    expect(normaliseValue('１００％')).toBe('100%');
    expect(normaliseValue('－１２．５')).toBe('-12.5');
    expect(normaliseValue(' 557.70 ')).toBe('557.70');
    expect(normaliseValue('——')).toBe('——');
    expect(normaliseValue('')).toBeNull();
    expect(normaliseValue('\t')).toBeNull();
    expect(normaliseValue(null)).toBeNull();
    expect(normaliseValue('≥５０个')).toBe('≥５０个');
  });

  it('compares numbers by value with the same unit sign, text as printed', () => {
    expect(sameValue('557.70', '557.7')).toBe(true);
    expect(sameValue('100%', '100.00%')).toBe(true);
    expect(sameValue('100%', '100')).toBe(false);
    expect(sameValue('0.1', '0.10000000000000000001')).toBe(false);
    expect(sameValue('——', null)).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue('按期完成', '按期完成')).toBe(true);
  });
});
