import { HUNAN_LEGACY_OVERALL_TEMPLATE } from '../scoring/hunan-legacy-overall.template';
import { C_RULES } from './c-rules';
import { brief, cFindings, hengshan, set } from './c-rules.spec-support';

/**
 * Group C on the real document (test/fixtures/hengshan-2023-self-evaluation.txt, 衡山县社会治理和网格化信息中心,
 * 2023), built through commands from its parsed expectation (hengshan-2023.expected.json) as the importer
 * records it, scored under the national default. Each finding below was checked against the document;
 * the rules that stay silent are silent because the document's figures agree.
 */

const Q = '较好履行了工作职责，按期按质按量完成相关工作任务';
const overall = (at: string) => `overall.indicators.${at}`;
const business = (at: string) => `project:业务经费.indicators.${at}`;
const centre = (at: string) => `project:综治中心建设.indicators.${at}`;

describe('the Hengshan 2023 self-evaluation', () => {
  const state = hengshan();
  const findings = cFindings(state);

  it('raises exactly these C findings', () => {
    expect(findings.map(brief)).toEqual([
      // 总分 自评得分: 10 + 12 + 12 + 12.5 + 12.5 + 10 + 10 + 10 + 10 + 9 = 108, printed 98 (业务经费 likewise;
      // 综治中心建设 107 vs 97 — its 当年财政拨款 sub-row repeats 分值 10 / 得分 10 and is not counted)
      ['C01', 'error', 'overall', 'overall.total.score', '108.00', '98.00'],
      ['C01', 'error', 'project:业务经费', 'project:业务经费.total.score', '108.00', '98.00'],
      ['C01', 'error', 'project:综治中心建设', 'project:综治中心建设.total.score', '107.00', '97.00'],
      // 总分 分值: 10 + 50 + 40 + 10 = 110, printed 100
      ['C02', 'error', 'overall', 'overall.total.weight', '110.00', '100.00'],
      ['C02', 'error', 'project:业务经费', 'project:业务经费.total.weight', '110.00', '100.00'],
      ['C02', 'error', 'project:综治中心建设', 'project:综治中心建设.total.weight', '110.00', '100.00'],
      // 效益指标（30 分） over four indicators of 10
      ['C03', 'error', 'overall', 'overall.groups.benefit.weight', '30.00', '40.00'],
      ['C03', 'error', 'project:业务经费', 'project:业务经费.groups.benefit.weight', '30.00', '40.00'],
      ['C03', 'error', 'project:综治中心建设', 'project:综治中心建设.groups.benefit.weight', '30.00', '40.00'],
      // 按收入性质分: 208.37 + 349.32 = 557.69 against 全年预算数 557.70 — a rounding difference (2 terms)
      ['C09', 'info', 'overall', 'overall.funds.sourceTotal', '557.70', '557.69'],
      // 附件二 绿色低碳环保 95% of 100% with full marks; 附件三 质量 100% of 100% scored 12 of 13 (both
      // projects); 业务经费 收益群众满意度 98% of 100% with full marks
      ['C13', 'warning', 'overall', `${overall('benefit.ecological.绿色低碳环保')}.score`, '9.50', '10.00'],
      ['C13', 'warning', 'project:业务经费', `${business(`output.quality.${Q}`)}.score`, '13.00', '12.00'],
      ['C13', 'warning', 'project:业务经费', `${business('satisfaction.serviceTarget.收益群众满意度')}.score`, '9.80', '10.00'],
      ['C13', 'warning', 'project:综治中心建设', `${centre(`output.quality.${Q}`)}.score`, '13.00', '12.00'],
      // every 偏差原因分析 cell is empty: each missed target or lower score asks for one
      ['C14', 'warning', 'overall', `${overall(`output.quality.${Q}`)}.deviation`, null, null],
      ['C14', 'warning', 'overall', `${overall('benefit.ecological.绿色低碳环保')}.deviation`, null, null],
      ['C14', 'warning', 'overall', `${overall('satisfaction.serviceTarget.收益群众满意度')}.deviation`, null, null],
      ['C14', 'warning', 'project:业务经费', `${business(`output.quality.${Q}`)}.deviation`, null, null],
      ['C14', 'warning', 'project:业务经费', `${business('benefit.ecological.绿色低碳环保')}.deviation`, null, null],
      ['C14', 'warning', 'project:业务经费', `${business('satisfaction.serviceTarget.收益群众满意度')}.deviation`, null, null],
      ['C14', 'warning', 'project:综治中心建设', `${centre(`output.quality.${Q}`)}.deviation`, null, null],
      ['C14', 'warning', 'project:综治中心建设', `${centre('benefit.sustainable.综合影响力')}.deviation`, null, null],
      ['C14', 'warning', 'project:综治中心建设', `${centre('satisfaction.serviceTarget.收益群众满意度')}.deviation`, null, null],
      // section 九 says 良好; 10 + 98 = 108 of 110 = 98.18 → 优
      ['C15', 'warning', 'report', 'report.statedGrade', '优', '良'],
      // 主管部门 left empty on both 附件三
      ['C16', 'info', 'project:业务经费', 'project:业务经费.department', null, null],
      ['C16', 'info', 'project:综治中心建设', 'project:综治中心建设.department', null, null],
    ]);
  });

  it('says in Chinese what is wrong, with the row and the numbers', () => {
    const message = (ruleId: string, path: string) => findings.find((f) => f.ruleId === ruleId && f.paths[0] === path)?.message;
    expect(message('C01', 'overall.total.score')).toBe('附件二总分自评得分应为 108（执行率得分 10 + 指标得分 98），表中填报为 98：请核对总分或各项得分');
    expect(message('C02', 'project:综治中心建设.total.weight')).toBe('附件三“综治中心建设”总分分值应为 110（执行率分值 10 + 指标分值 100），表中填报为 100：请核对总分或各项分值');
    expect(message('C03', 'overall.groups.benefit.weight')).toBe(
      '附件二效益指标表头分值为 30，其下各指标分值合计 40（维护社会治安 10、促进网格化管理 10、绿色低碳环保 10、综合影响力 10）；评价模板规定效益指标 30 分，与表头一致，应调整其下各指标分值',
    );
    expect(message('C09', 'overall.funds.sourceTotal')).toBe('附件二按收入性质分各项合计 557.69（一般公共预算 208.37 + 政府性基金拨款 349.32），全年预算数为 557.70，相差 0.01（差额在四舍五入误差范围内）');
    expect(message('C13', `${overall('benefit.ecological.绿色低碳环保')}.score`)).toBe('附件二生态效益指标“绿色低碳环保”实际完成值 95% 未达到年度指标值 100%，自评得分却为满分 10（按评价模板应为 9.5）：请核对得分');
    expect(message('C13', `${business(`output.quality.${Q}`)}.score`)).toBe(`附件三“业务经费”质量指标“${Q}”实际完成值 100% 已达到年度指标值 100%，自评得分 12 却低于分值 13：请核对得分，或在偏差原因中说明扣分理由`);
    expect(message('C14', `${overall(`output.quality.${Q}`)}.deviation`)).toBe(`附件二质量指标“${Q}”实际完成值 98% 未达到年度指标值 100%，自评得分 12 低于分值 13，但“偏差原因分析及改进措施”未填写：请说明偏差原因及改进措施`);
    expect(message('C15', 'report.statedGrade')).toBe('自评报告所述自评结果为“良好”（良），但按附件二预算执行率得分 10 与各指标自评得分 98 合计 108（分值合计 110，折合百分制 98.18 分），等级应为“优”：请核对报告所述等级或表中得分');
    expect(message('C16', 'project:业务经费.department')).toBe('附件三“业务经费”主管部门未填写');
  });

  it('keeps silent where the document’s figures agree', () => {
    const fired = new Set(findings.map((f) => f.ruleId));
    // C04 10/50/30/10 = the national template; C05 no score negative or above its weight;
    // C06 100% = 557.70 / 557.70, 109.77 / 109.77, 349.32 / 349.32 (and the 当年财政拨款 sub-row);
    // C07 min(100%, 100%) × 10 = 10 on every table; C08 业务经费 3.50 + 追加 106.27 = 109.77, and no
    // adjustment is recorded for 附件二 (81.51 → 557.70) nor 综治中心建设 (0 → 349.32): their stated 全年 stands;
    // C10 98.61 + 459.09 = 557.70; C11 公用经费 4.92 + 4.44 + 0.32 ≤ 19.67, 三公经费 0.6 ≤ 0.6, 项目支出
    // 137.39 + 33.82 + 345.43 = 516.64 and 109.77 + 349.32 = 459.09; C12 7 ÷ 10 = 70%
    for (const id of ['C04', 'C05', 'C06', 'C07', 'C08', 'C10', 'C11', 'C12']) expect(fired.has(id)).toBe(false);
    expect(C_RULES.map((r) => r.id).filter((id) => !fired.has(id))).toEqual(['C04', 'C05', 'C06', 'C07', 'C08', 'C10', 'C11', 'C12']);
  });

  it('does not ask for what the document gives: the cover’s unit name (left for the seal, named in the title), 联系电话, 单位负责人签字', () => {
    expect(state.report.cover.unitName ?? null).toBeNull();
    expect(findings.filter((f) => f.ruleId === 'C16').map((f) => f.paths[0])).toEqual(['project:业务经费.department', 'project:综治中心建设.department']);
  });

  it('the findings go away as the unit corrects the document', () => {
    const corrected = hengshan(
      set('overall.total.score', '108'),
      set('overall.total.weight', '110'),
      set('overall.groups.benefit.weight', '40'),
      set('project:业务经费.department', '中共衡山县委政法委员会'),
      set('report.statedGrade', '优秀'),
    );
    const left = cFindings(corrected).map((f) => `${f.ruleId} ${f.paths[0]}`);
    expect(left).not.toContain('C01 overall.total.score');
    expect(left).not.toContain('C02 overall.total.weight');
    expect(left).not.toContain('C03 overall.groups.benefit.weight');
    expect(left).not.toContain('C15 report.statedGrade');
    expect(left).not.toContain('C16 project:业务经费.department');
    // a heading of 40 is now the template's business: 效益 30 in the national default
    expect(cFindings(corrected, 'C04').map(brief)).toEqual([['C04', 'warning', 'overall', 'overall.groups.benefit.weight', '30.00', '40.00']]);
  });

  it('under hunan-legacy-overall, C04 compares 附件二 with the legacy weights (预算完成率 5, 产出 25, 效益 15); 附件三 keep the national tree', () => {
    expect(cFindings(state, 'C04', HUNAN_LEGACY_OVERALL_TEMPLATE).map(brief)).toEqual([
      ['C04', 'warning', 'overall', 'overall.budget.weight', '5.00', '10.00'],
      ['C04', 'warning', 'overall', 'overall.groups.output.weight', '25.00', '50.00'],
      ['C04', 'warning', 'overall', 'overall.groups.benefit.weight', '15.00', '30.00'],
    ]);
    // the legacy 预算完成率 (100% → 5 of 5) on the stated 分值 10 is 10: C07 stays silent
    expect(cFindings(state, 'C07', HUNAN_LEGACY_OVERALL_TEMPLATE)).toEqual([]);
  });
});
