import type { Level1, Level2 } from '@app/domain';
import { printedActual, printedTarget } from './build';
import { EXEC_WEIGHT, GRADE_WORD, WRONG_GRADE_WORD, fundsOf, gradeBand, printedExecScore, printedRate, quotesOf, totalScore, totalWeight } from './derive';
import type { ExpenseRow, IndicatorModel, ProjectModel, SheetModel, UnitModel } from './model';
import { money, percent, rateOf, score } from './numbers';
import { BASIC_NOTE } from './vocabulary';

/**
 * A unit printed in the official text layout (docs/import.md, "Layout"): the four attachments as text
 * extracted from the Word file — table cells on their own lines indented by a tab, rows separated by a
 * blank line, empty cells as tab-only lines, a cell continued on unindented lines — laid out like
 * test/fixtures/rules-clean-2024-self-evaluation.txt.
 */

class Doc {
  readonly lines: string[] = [];

  text(...lines: string[]): this {
    this.lines.push(...lines);
    return this;
  }

  blank(n = 1): this {
    for (let i = 0; i < n; i++) this.lines.push('');
    return this;
  }

  /** One table row: each cell on a tab-indented line (its further lines unindented), then a blank line. */
  row(...cells: (string | null)[]): this {
    for (const cell of cells) {
      if (cell === null || !cell.includes('\n')) {
        this.lines.push(`\t${cell ?? ''}`);
        continue;
      }
      const [first, ...rest] = cell.split('\n');
      this.lines.push(`\t${first}`);
      for (const line of rest) this.lines.push(line);
    }
    this.lines.push('');
    return this;
  }
}

const signoffLine = (s: { preparer: string; date: string; phone: string }) => `填表人：${s.preparer}    填报日期：${s.date}    联系电话：${s.phone}    单位负责人签字：`;

const expense = (doc: Doc, label: string, r: ExpenseRow) => doc.row(label, money(r.prev), money(r.budget), money(r.actual));

function basicTable(doc: Doc, u: UnitModel): void {
  const e = u.expenses;
  const y = u.year;
  doc.text('附件一').blank().text(`${y}年度部门整体支出绩效评价基础数据表`);
  doc.row('财政供养人员情况（人）', '编制数', `${y} 年实际在职人数`, '控制率');
  const s = u.staffing;
  doc.row('', String(s.authorized), String(s.actual), percent(rateOf(s.actual, s.authorized) + s.rateOffset));
  doc.row('经费控制情况（万元）', `${y - 1} 年决算数`, `${y} 年预算数`, `${y} 年决算数`);
  expense(doc, '三公经费:', e.threePublic);
  expense(doc, '1、公务用车购置和维护经费', e.vehicle);
  expense(doc, '其中：公车购置', e.vehiclePurchase);
  expense(doc, '公车运行维护', e.vehicleOperation);
  expense(doc, '2、出国经费', e.overseas);
  expense(doc, '3、公务接待', e.reception);
  expense(doc, '项目支出：', e.projects);
  let n = 0;
  for (const p of u.projects) doc.row(`${++n}、${p.name}`, p.line.prev === null ? '' : money(p.line.prev), money(p.line.budget), money(p.line.actual));
  if (u.finishedLine) doc.row(`${++n}、${u.finishedLine.name}`, money(u.finishedLine.prev), '', '');
  doc.row(`${n + 1}、省级专项资金（每个专项一行）`, '', '', '');
  doc.row('……', '', '', '');
  expense(doc, '公用经费', e.publicFunds);
  expense(doc, '其中：办公经费', e.office);
  expense(doc, '水费、电费、差旅费', e.utilitiesTravel);
  expense(doc, '会议费、培训费', e.meetingsTraining);
  expense(doc, '政府采购金额', e.procurement);
  doc.row('部门基本支出预算调整', '——', u.basicAdjustment === null ? '' : money(u.basicAdjustment), u.basicAdjustment === null ? '' : money(u.basicAdjustment));
  doc.row(`楼堂馆所控制情况\n（${y} 年完工项目）`, '批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资\n（万元）', '实际投资\n（万元）', '投资概算控制率');
  const b = u.buildings;
  if (b) {
    doc.row(
      String(b.approvedArea),
      String(b.actualArea),
      percent(rateOf(b.actualArea, b.approvedArea) + b.areaRateOffset),
      money(b.budgetInvestment),
      money(b.actualInvestment),
      percent(rateOf(b.actualInvestment, b.budgetInvestment)),
    );
  } else {
    doc.row('', '', '', '', '', '');
  }
  doc.row('厉行节约保障措施', u.savings).blank();
  doc.text(BASIC_NOTE, signoffLine(u.signoffBasic));
}

const LEVEL1_HEADING: Record<Level1, (w: number) => string> = {
  output: (w) => `产出指标\n(${w} 分)`,
  benefit: (w) => `效益指标\n（${w} 分）`,
  satisfaction: (w) => `满意度指标\n（${w} 分）`,
};
const LEVEL2_LABEL: Record<Level2, string> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainable: '可持续影响指标',
  serviceTarget: '服务对象满意度指标',
};

function indicatorBlock(doc: Doc, s: SheetModel): void {
  doc.row('绩效指标', '一级指标', '二级指\n标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '自评得分', '偏差原因分析\n及改进措施');
  let l1: Level1 | null = null;
  let l2: Level2 | null = null;
  for (const i of s.indicators as IndicatorModel[]) {
    const newGroup = i.l1 !== l1;
    const newL2 = newGroup || i.l2 !== l2;
    l1 = i.l1;
    l2 = i.l2;
    doc.row('', newGroup ? LEVEL1_HEADING[i.l1](s.headings[i.l1]) : '', newL2 ? LEVEL2_LABEL[i.l2] : '', i.name, printedTarget(i), printedActual(i), String(i.weight), score(i.score), i.deviation);
  }
  doc.row('总分', String(totalWeight(s)), score(totalScore(s)), '').blank();
}

const BUDGET_HEADER = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '自评得分'];

function budgetRow(doc: Doc, s: SheetModel): void {
  doc.row('', '年度资金总额', money(s.initial), money(s.full), money(s.executed), String(EXEC_WEIGHT), percent(printedRate(s)), score(printedExecScore(s)));
}

function goalBlock(doc: Doc, s: SheetModel): void {
  doc.row('年度总体目标', '预期目标', '实际完成情况');
  for (const g of s.goals) doc.row('', g.expected, g.actual);
}

function overallTable(doc: Doc, u: UnitModel): void {
  const s = u.overall;
  const f = fundsOf(u);
  const opt = (v: number | null) => (v === null ? '' : money(v));
  doc.text('附件二').blank().text(`${u.year}年度部门整体支出绩效自评表`);
  doc.row('预算部门、单位名称', u.name);
  doc.row('年度预算申请\n（万元）', '', ...BUDGET_HEADER);
  budgetRow(doc, s);
  doc.row('', `按收入性质分：${money(f.sourceTotal)}`, `按支出性质分：${money(f.natureTotal)}`);
  doc.row('', `其中： 一般公共预算：${money(f.generalPublic)}`, `其中：基本支出：${money(f.basic)}`);
  doc.row('', `政府性基金拨款：${opt(f.govFund)}`, `项目支出：${money(f.project)}`);
  doc.row('', `纳入专户管理的非税收入拨款：${opt(f.specialAccount)}`, '');
  doc.row('', `其他资金：${opt(f.other)}`, '');
  goalBlock(doc, s);
  indicatorBlock(doc, s);
  doc.text(signoffLine(s.signoff));
}

function projectTable(doc: Doc, u: UnitModel, p: ProjectModel): void {
  const s = p.sheet;
  doc.text('附件三').blank().text(`${u.year}年度项目支出绩效自评表`);
  doc.row('项目支出名称', p.name);
  doc.row('主管部门', p.department, '实施单位', p.implementer);
  doc.row('项目资金\n（万元）', '', ...BUDGET_HEADER);
  budgetRow(doc, s);
  const c = p.carryOver;
  const current = c ? [s.initial - c.initial, s.full - c.full, s.executed - c.executed] : [s.initial, s.full, s.executed];
  doc.row('', '其中：当年财政拨款', ...current.map(money), '', '', '');
  doc.row('', '上年结转资金', ...(c ? [c.initial, c.full, c.executed].map(money) : ['', '', '']), '', '', '');
  doc.row('', '其他资金', '', '', '', '', '', '');
  goalBlock(doc, s);
  indicatorBlock(doc, s);
  doc.text(signoffLine(s.signoff));
}

/** The narrative report (附件四): cover, sections 一 … 十, the figures they quote equal to the tables. */
function report(doc: Doc, u: UnitModel): void {
  const y = u.year;
  const q = quotesOf(u);
  const s = u.staffing;
  doc.text('附件四').blank().text(`${y}年度${u.name}部门整体支出绩效自评报告`).blank();
  doc.text(`部门（单位）名称：${u.name}（盖章）`).blank().text(u.report.coverDate, '（此页为封面）').blank();

  const staff =
    s.administrative > 0
      ? `本单位编制数合计 ${q.编制数} 名，其中行政编制数 ${s.administrative} 名，事业编制数 ${s.authorized - s.administrative} 名；现有在职人员 ${q.在职人数} 人。`
      : `本单位核定编制 ${q.编制数} 名，均为事业编制；现有在职人员 ${q.在职人数} 人。`;
  doc.text('一、部门基本情况').blank().text(`${u.name}${u.roleWords}，${u.sectorDuty}。${staff}`).blank();

  doc.text('二、一般公共预算支出情况').blank().text(`${y} 年本部门一般公共预算拨款支出 ${money(q.一般公共预算拨款支出)}万元。`).blank();
  doc.text('（一）基本支出情况').blank().text(`${y} 年本部门基本支出预算数 ${money(q.基本支出预算数)} 万元，主要用于人员经费和办公费、水电费、差旅费等公用经费。`).blank();
  const uses = u.projects.map((p) => p.name).join('、');
  const adjustment = q.年中追加 > 0 ? `年中追加${money(q.年中追加)}万元，` : '';
  doc.text('（二）项目支出情况').blank().text(`${y} 年本部门项目年初预算${money(q.项目支出年初预算)}万元，${adjustment}全年预算数${money(q.项目支出全年预算)}万元，主要用于${uses}。`).blank();

  const gov = u.projects.filter((p) => p.govFund).map((p) => p.name).join('、');
  doc.text('三、政府性基金预算支出情况').blank();
  doc.text(q.政府性基金 === null ? `${y} 年度本部门无政府性基金预算财政拨款收支。` : `${y} 年度政府性基金预算财政拨款收入${money(q.政府性基金)}万元；支出 ${money(q.政府性基金)}万元，全部用于${gov}项目。`).blank();
  doc.text('四、国有资本经营预算支出情况').blank().text(`${y} 年度未发生国有资本经营预算财政拨款收支。`).blank();
  doc.text('五、社会保险基金预算支出情况').blank().text(`${y} 年本部门社会保险基金支出预算 ${money(u.report.socialInsurance)}万元，用于机关事业单位基本养老保险缴费。`).blank();

  const o = u.overall;
  const done = o.indicators.filter((i) => i.l1 === 'output' && i.l2 === 'quantity').map((i) => `${i.name}${printedActual(i)}`);
  const missed = o.indicators.filter((i) => i.role === 'missed').map((i) => `${i.name}${printedActual(i)}，未达到${printedTarget(i).replace(/^[≥≤]/u, '')}的年度目标`);
  doc.text('六、部门整体支出绩效情况').blank();
  doc.text(`全年预算执行率${percent(rateOf(o.executed, o.full))}，${done.join('，')}${missed.length ? `；${missed.join('；')}` : '，年度绩效目标全面完成'}。`).blank();
  doc.text('七、存在的问题及原因分析').blank().text(`${u.report.problems.join('；')}。`).blank();
  doc.text('八、下一步改进措施').blank().text(`${u.report.improvements.join('；')}。`).blank();
  const band = gradeBand(o);
  const word = u.report.wrongGrade ? WRONG_GRADE_WORD[band] : GRADE_WORD[band];
  doc.text('九、部门整体支出绩效自评结果拟应用和公开情况').blank();
  doc.text(`经综合评价，本部门${y}年度整体支出绩效自评得分${score(totalScore(o))}分，等级为“${word}”，${u.report.disclosure}。`).blank();
  doc.text('十、其他需要说明的情况').blank().text('无。');
}

/** The document of one unit, all four attachments. */
export function renderUnit(u: UnitModel): string {
  const doc = new Doc();
  basicTable(doc, u);
  doc.blank();
  overallTable(doc, u);
  for (const p of u.projects) {
    doc.blank();
    projectTable(doc, u, p);
  }
  doc.blank();
  report(doc, u);
  return `${doc.lines.join('\n')}\n`;
}
