import { attachmentHeading, bareKey, cellValue, isNote, nameOf, signoffOf, tableTitle, yearOf } from './text';

describe('cellValue: a printed cell as stored', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['557.70', '557.70'],
    [' 557.7 ', '557.7'],
    ['１００％', '100%'],
    ['９．８', '9.8'],
    ['557. 70', '557.70'],
    ['1 234', '1234'],
    ['0', '0'],
    ['——', '——'],
    ['—', '——'],
    ['--', '——'],
    ['－－', '——'],
    ['-', '-'],
    ['-5.2', '-5.2'],
    ['＞＝９５％', '＞＝９５％'],
    ['≥2万亩', '≥2万亩'],
    ['按期完成，截止2023年12月', '按期完成，截止2023年12月'],
    ['2024.6.18', '2024.6.18'],
    ['1.第一\n2.第二', '1.第一\n2.第二'],
  ])('%p → %p', (printed, stored) => {
    expect(cellValue(printed)).toBe(stored);
  });
});

describe('nameOf: names as the domain normalises them', () => {
  it.each([
    ['1、业务工作经费', '业务工作经费'],
    ['     3、综治中心建设', '综治中心建设'],
    ['１、业务工作经费', '业务工作经费'],
    ['（１）业务经费', '业务经费'],
    ['1.高标准农田建设', '高标准农田建设'],
    ['数字乡村2.0平台运维', '数字乡村2.0平台运维'],
    ['２０２３年度专项', '２０２３年度专项'],
    ['其中：当年财政拨款', '当年财政拨款'],
    ['服务对\n象满意度指标', '服务对象满意度指标'],
  ])('%p → %p', (printed, name) => {
    expect(nameOf(printed)).toBe(name);
  });
});

describe('bareKey: labels matched whatever their numbering, width, parentheses and punctuation', () => {
  it.each([
    ['二级指\n标', '二级指标'],
    ['年度\n指标值', '年度指标值'],
    ['三公经费:', '三公经费'],
    ['项目支出：', '项目支出'],
    ['1、公务用车购置和维护经费', '公务用车购置和维护经费'],
    ['１、公务用车购置和维护经费', '公务用车购置和维护经费'],
    ['其中：公车购置', '公车购置'],
    ['水费、电费、差旅费', '水费电费差旅费'],
    ['楼堂馆所控制情况\n（2023 年完工项目）', '楼堂馆所控制情况'],
    ['批复规模（㎡）', '批复规模'],
    ['预算部门、单位名称', '预算部门单位名称'],
    ['2023 年实际在职人数', '2023年实际在职人数'],
  ])('%p → %p', (label, key) => {
    expect(bareKey(label)).toBe(key);
  });
});

describe('attachment headings and table titles', () => {
  it.each([
    ['附件一', 'basic', ''],
    ['附件二', 'overall', ''],
    ['附件 三', 'project', ''],
    ['附件4', 'report', ''],
    ['附件３：', 'project', ''],
    ['附件二：2023年度部门整体支出绩效自评表', 'overall', '2023年度部门整体支出绩效自评表'],
    ['附件三 2023年度项目支出绩效自评表', 'project', '2023年度项目支出绩效自评表'],
  ])('%p announces %p', (line, kind, rest) => {
    expect(attachmentHeading(line)).toEqual({ kind, rest });
  });

  it.each([['附件'], ['附件五'], ['附件12'], ['附件一览表'], ['附件清单'], ['见附件一']])('%p is no heading', (line) => {
    expect(attachmentHeading(line)).toBeNull();
  });

  it.each([
    ['2023年度部门整体支出绩效评价基础数据表', 'basic', 2023],
    ['2023年度部门整体支出绩效自评表', 'overall', 2023],
    ['２０２２年度项目支出绩效自评表', 'project', 2022],
    ['2023年度衡山县社会治理和网格化信息中心部门整体支出绩效自评报告', 'report', 2023],
    ['部门整体支出绩效自评报告', 'report', null],
    ['2024 年度 项目支出绩效自评表', 'project', 2024],
  ])('%p is the title of %p (year %p)', (line, kind, year) => {
    expect(tableTitle(line)).toEqual({ kind, year });
  });

  it.each([['一般公共预算支出情况'], ['根据部门整体支出绩效自评表的要求，我单位认真开展了自评工作并形成本报告，现将有关情况报告如下，请审阅']])('%p is no title', (line) => {
    expect(tableTitle(line)).toBeNull();
  });

  it.each([
    ['2023年度部门整体支出绩效自评表', 2023],
    ['２０２２年度', 2022],
    ['2023 年实际在职人数', 2023],
    ['部门整体支出绩效自评表', null],
  ])('yearOf(%p) = %p', (text, year) => {
    expect(yearOf(text)).toBe(year);
  });
});

describe('sign-off lines', () => {
  it.each([
    [
      '填表人：符雅琼    填报日期：2024.6.18    联系电话：18373413635    单位负责人签字：',
      { preparer: '符雅琼', date: '2024.6.18', phone: '18373413635', head: '' },
    ],
    ['填表人:李明 填报日期:2025.3.20 联系电话:0736-5551234 单位负责人签字:王刚', { preparer: '李明', date: '2025.3.20', phone: '0736-5551234', head: '王刚' }],
    ['填表人：赵敏    填报日期：２０２３．４．１０', { preparer: '赵敏', date: '２０２３．４．１０' }],
    ['联系电话：１３９００００１１１１    单位负责人签字：', { phone: '１３９００００１１１１', head: '' }],
    ['填表人：    填表日期：    单位负责人：周', { preparer: '', date: '', head: '周' }],
  ])('%p', (line, fields) => {
    expect(signoffOf(line)).toEqual({ fields, repeated: [] });
  });

  it('a label printed twice is reported', () => {
    expect(signoffOf('填表人：甲 填表人：乙')).toEqual({ fields: { preparer: '甲' }, repeated: ['填表人'] });
  });

  it.each([['说明：填表人须签字'], ['本表由填表人：负责'], ['无'], ['']])('%p is no sign-off line', (line) => {
    expect(signoffOf(line)).toBeNull();
  });

  it.each([
    ['说明：“项目支出”需要填报基本支出以外的所有项目支出情况。', true],
    ['注：金额单位为万元', true],
    ['说明', false],
  ])('isNote(%p) = %p', (line, note) => {
    expect(isNote(line)).toBe(note);
  });
});
