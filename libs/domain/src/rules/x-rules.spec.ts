import type { FilingCommand } from '../filing/filing.commands';
import { X_RULES } from './x-rules';
import { addProject, after, briefs, cleanFiling, findingsOf, record, set } from './xp.spec-support';

/** X01–X04 on a filing built for each, the same filing corrected, and the clean filing. */

const clean = cleanFiling();
const only = (id: string) => (state: ReturnType<typeof cleanFiling>) => briefs(state, [id]);

describe('X rules', () => {
  it('are X01–X04 in catalogue order, with the catalogue severities', () => {
    expect(X_RULES.map((r) => [r.id, r.group, r.defaultSeverity])).toEqual([
      ['X01', 'X', 'error'],
      ['X02', 'X', 'warning'],
      ['X03', 'X', 'warning'],
      ['X04', 'X', 'error'],
    ]);
    for (const r of X_RULES) expect(r.title).not.toBe('');
  });

  it('raise nothing on the clean filing', () => {
    expect(findingsOf(clean, ['X01', 'X02', 'X03', 'X04'])).toEqual([]);
  });
});

describe('X01 a project in 附件一 against its own 附件三', () => {
  const x01 = only('X01');

  it('linked lines with a different amount: error on the 附件一 cell; corrected: gone', () => {
    const wrong = after(clean, set('basic.expense.project:站点建设.budget', '65'));
    expect(x01(wrong)).toEqual([{ ruleId: 'X01', severity: 'error', table: 'basic', path: 'basic.expense.project:站点建设.budget', expected: '60.00', actual: '65.00' }]);
    const f = findingsOf(wrong, ['X01'])[0];
    expect(f.paths).toEqual(['basic.expense.project:站点建设.budget', 'project:站点建设.budget.full']);
    expect(f.message).toContain('附件一本年预算数 65.00 万元，附件三全年预算数 60.00 万元');
    expect(x01(after(wrong, set('basic.expense.project:站点建设.budget', '60.00')))).toEqual([]);
  });

  it('both columns different: one finding per column', () => {
    const wrong = after(clean, record({ 'basic.expense.project:网格员培训.budget': '45', 'basic.expense.project:网格员培训.actual': '44' }));
    expect(x01(wrong).map((f) => [f.severity, f.path])).toEqual([
      ['error', 'basic.expense.project:网格员培训.budget'],
      ['error', 'basic.expense.project:网格员培训.actual'],
    ]);
  });

  it('a gap of 0.01 is rounding: info, never error', () => {
    const rounding = after(clean, set('basic.expense.project:站点建设.actual', '59.01'));
    expect(x01(rounding)).toEqual([{ ruleId: 'X01', severity: 'info', table: 'basic', path: 'basic.expense.project:站点建设.actual', expected: '59.00', actual: '59.01' }]);
    expect(x01(after(rounding, set('basic.expense.project:站点建设.actual', '59')))).toEqual([]);
  });

  const differentNames: FilingCommand[] = [
    addProject('pc', '治安巡防', null),
    addProject('pd', null, '治安巡防经费'),
    record({
      'project:治安巡防.budget.initial': '30',
      'project:治安巡防.budget.full': '30',
      'project:治安巡防.budget.executed': '29',
      'basic.expense.project:治安巡防经费.budget': '30',
      'basic.expense.project:治安巡防经费.actual': '29',
    }),
  ];

  it('linked under different names with equal figures: an info noting the names; one name in both: gone', () => {
    const linked = after(clean, ...differentNames, { type: 'LinkProject', name: '治安巡防', lineName: '治安巡防经费', basis: 'figures' });
    expect(x01(linked)).toEqual([{ ruleId: 'X01', severity: 'info', table: 'basic', path: 'basic.expense.project:治安巡防经费.budget', expected: '治安巡防', actual: '治安巡防经费' }]);
    expect(findingsOf(linked, ['X01'])[0].message).toContain('名称不同');
    expect(x01(after(linked, { type: 'RenameProject', part: 'line', from: '治安巡防经费', to: '治安巡防' }))).toEqual([]);
  });

  it('not linked in the filing but equal figures: paired as PRODUCT.md links, the same info', () => {
    expect(x01(after(clean, ...differentNames))).toEqual([
      { ruleId: 'X01', severity: 'info', table: 'basic', path: 'basic.expense.project:治安巡防经费.budget', expected: '治安巡防', actual: '治安巡防经费' },
    ]);
  });

  it('not linked in the filing but the same name: compared as one project', () => {
    const sameName = after(
      clean,
      addProject('pc', '治安巡防', null),
      addProject('pd', null, '治安巡防'),
      record({ 'project:治安巡防.budget.full': '30', 'project:治安巡防.budget.executed': '29', 'basic.expense.project:治安巡防.budget': '30', 'basic.expense.project:治安巡防.actual': '28' }),
    );
    expect(x01(sameName)).toEqual([{ ruleId: 'X01', severity: 'error', table: 'basic', path: 'basic.expense.project:治安巡防.actual', expected: '29.00', actual: '28.00' }]);
    expect(x01(after(sameName, set('basic.expense.project:治安巡防.actual', '29')))).toEqual([]);
  });

  it('an unlinked 附件一 line with current-year figures: warning; with its 附件三 added and linked: gone', () => {
    const lineOnly = after(clean, addProject('pc', null, '治安巡防'), record({ 'basic.expense.project:治安巡防.budget': '30', 'basic.expense.project:治安巡防.actual': '29' }));
    expect(x01(lineOnly)).toEqual([{ ruleId: 'X01', severity: 'warning', table: 'basic', path: 'basic.expense.project:治安巡防.budget', expected: null, actual: '30.00' }]);
    const fixed = after(
      lineOnly,
      addProject('pd', '治安巡防', null),
      { type: 'LinkProject', name: '治安巡防', lineName: '治安巡防', basis: 'name' },
      record({ 'project:治安巡防.budget.full': '30', 'project:治安巡防.budget.executed': '29' }),
    );
    expect(x01(fixed)).toEqual([]);
  });

  it('an unlinked line with only a prior-year figure (the fixture’s 运行维护经费) or zeros: silent', () => {
    expect(x01(after(clean, addProject('pc', null, '运行维护经费'), record({ 'basic.expense.project:运行维护经费.prevActual': '33.82' })))).toEqual([]);
    expect(x01(after(clean, addProject('pc', null, '运行维护经费'), record({ 'basic.expense.project:运行维护经费.budget': '0', 'basic.expense.project:运行维护经费.actual': '0' })))).toEqual([]);
  });

  it('an unlinked 附件三 table with amounts while 附件一 lists projects: warning; its line added: gone', () => {
    const tableOnly = after(clean, addProject('pc', '治安巡防', null), record({ 'project:治安巡防.budget.full': '30', 'project:治安巡防.budget.executed': '29' }));
    expect(x01(tableOnly)).toEqual([{ ruleId: 'X01', severity: 'warning', table: 'project:治安巡防', path: 'project:治安巡防.budget.full', expected: null, actual: '30.00' }]);
    const fixed = after(tableOnly, addProject('pd', null, '治安巡防'), record({ 'basic.expense.project:治安巡防.budget': '30', 'basic.expense.project:治安巡防.actual': '29' }));
    expect(x01(fixed)).toEqual([]);
  });

  it('a linked line left empty while 附件三 has the amount: warning', () => {
    const empty = after(clean, set('basic.expense.project:站点建设.actual', null));
    expect(x01(empty)).toEqual([{ ruleId: 'X01', severity: 'warning', table: 'basic', path: 'basic.expense.project:站点建设.actual', expected: '59.00', actual: null }]);
    expect(x01(after(empty, set('basic.expense.project:站点建设.actual', '59')))).toEqual([]);
  });
});

describe('X02 the 附件三 totals against 项目支出', () => {
  const x02 = only('X02');

  it('Σ 全年预算数 against 附件二 项目支出: warning; corrected: gone', () => {
    const wrong = after(clean, set('overall.funds.project', '110'));
    expect(x02(wrong)).toEqual([{ ruleId: 'X02', severity: 'warning', table: 'overall', path: 'overall.funds.project', expected: '100.00', actual: '110.00' }]);
    expect(findingsOf(wrong, ['X02'])[0].paths).toEqual(['overall.funds.project', 'project:站点建设.budget.full', 'project:网格员培训.budget.full']);
    expect(x02(after(wrong, set('overall.funds.project', '100')))).toEqual([]);
  });

  it('a gap within 0.01 per project is rounding: info', () => {
    expect(x02(after(clean, set('overall.funds.project', '100.02')))).toEqual([{ ruleId: 'X02', severity: 'info', table: 'overall', path: 'overall.funds.project', expected: '100.00', actual: '100.02' }]);
    expect(x02(after(clean, set('overall.funds.project', '100.03')))[0].severity).toBe('warning');
  });

  it('Σ 全年执行数 against the 项目支出 executed (附件一’s 项目支出 本年决算数): warning; corrected: gone', () => {
    const wrong = after(clean, set('basic.expense.projects.actual', '90'));
    expect(x02(wrong)).toEqual([{ ruleId: 'X02', severity: 'warning', table: 'basic', path: 'basic.expense.projects.actual', expected: '98.00', actual: '90.00' }]);
    expect(x02(after(wrong, set('basic.expense.projects.actual', '98')))).toEqual([]);
  });

  it('with no 项目支出 决算数 in 附件一: Σ 全年执行数 must not exceed 附件二 全年执行数', () => {
    const noLine = after(clean, set('basic.expense.projects.actual', null));
    expect(x02(noLine)).toEqual([]);
    const over = after(noLine, set('project:网格员培训.budget.executed', '140'));
    expect(x02(over)).toEqual([{ ruleId: 'X02', severity: 'warning', table: 'overall', path: 'overall.budget.executed', expected: '199.00', actual: '196.00' }]);
    expect(x02(after(over, set('project:网格员培训.budget.executed', '39')))).toEqual([]);
  });

  it('silent when a project’s figure is missing (the sum cannot be read)', () => {
    expect(x02(after(clean, set('project:网格员培训.budget.executed', null), set('overall.funds.project', '110'), set('project:网格员培训.budget.full', '——')))).toEqual([]);
  });
});

describe('X03 report figures against the tables', () => {
  const x03 = only('X03');

  it('a quoted figure different from its table figure: warning on the quote; corrected: gone', () => {
    // a spending quote is read against 附件二's budget split only when everything was spent
    const spent = after(clean, set('overall.budget.executed', '200.00'));
    const wrong = after(spent, set('report.quoted.一般公共预算拨款支出', '180'));
    expect(x03(after(clean, set('report.quoted.一般公共预算拨款支出', '180')))).toEqual([]);
    expect(x03(wrong)).toEqual([{ ruleId: 'X03', severity: 'warning', table: 'report', path: 'report.quoted.一般公共预算拨款支出', expected: '200.00', actual: '180.00' }]);
    expect(findingsOf(wrong, ['X03'])[0].paths).toEqual(['report.quoted.一般公共预算拨款支出', 'overall.funds.generalPublic']);
    expect(x03(after(wrong, set('report.quoted.一般公共预算拨款支出', '200')))).toEqual([]);
  });

  it('a rounding-level gap is info: 0.01, or what the quote’s printed precision hides', () => {
    expect(x03(after(clean, set('report.quoted.基本支出预算数', '100.01')))).toEqual([
      { ruleId: 'X03', severity: 'info', table: 'report', path: 'report.quoted.基本支出预算数', expected: '100.00', actual: '100.01' },
    ]);
    // a quote printed without decimals hides up to 0.5
    const rounded = after(clean, set('overall.budget.executed', '200.00'), set('overall.funds.govFund', '40.04'), set('report.quoted.政府性基金支出', '40'));
    expect(x03(rounded)).toEqual([{ ruleId: 'X03', severity: 'info', table: 'report', path: 'report.quoted.政府性基金支出', expected: '40.04', actual: '40.00' }]);
    expect(x03(after(rounded, set('report.quoted.政府性基金支出', '40.6')))[0].severity).toBe('warning');
  });

  it('staff counts are compared as counts', () => {
    const wrong = after(clean, set('report.quoted.编制数', '12'));
    expect(x03(wrong)).toEqual([{ ruleId: 'X03', severity: 'warning', table: 'report', path: 'report.quoted.编制数', expected: '10', actual: '12' }]);
    expect(findingsOf(wrong, ['X03'])[0].message).toContain('12 人');
  });

  it('a 项目支出 quote matching no reading (all projects, one project): warning with the all-projects sum', () => {
    const wrong = after(clean, set('report.quoted.年中追加', '7'));
    expect(x03(wrong)).toEqual([{ ruleId: 'X03', severity: 'warning', table: 'report', path: 'report.quoted.年中追加', expected: '5.00', actual: '7.00' }]);
    expect(findingsOf(wrong, ['X03'])[0].message).toContain('各项目合计 5.00');
    expect(x03(after(wrong, set('report.quoted.年中追加', '5')))).toEqual([]);
  });

  it('a 项目支出 quote that is one project’s figure is read so: silent', () => {
    expect(x03(after(clean, set('report.quoted.项目支出全年预算', '60'), set('report.quoted.项目支出年初预算', '40')))).toEqual([]);
  });

  it('a 项目支出 quote that is the general-public-budget projects’ sum (the 政府性基金 project left out): silent', () => {
    const three = after(
      clean,
      addProject('pc', '治安巡防', '治安巡防'),
      record({
        'project:治安巡防.budget.initial': '30',
        'project:治安巡防.budget.full': '30',
        'project:治安巡防.budget.executed': '30',
        'basic.expense.project:治安巡防.budget': '30',
        'basic.expense.project:治安巡防.actual': '30',
        'overall.funds.govFund': '40',
      }),
    );
    // all 130, 站点建设 60, 网格员培训 40 (= the 政府性基金 amount), 治安巡防 30; 站点建设 + 治安巡防 = 90
    const fullQuote = (state: typeof three) => x03(state).filter((f) => f.path === 'report.quoted.项目支出全年预算');
    expect(fullQuote(after(three, set('report.quoted.项目支出全年预算', '90')))).toEqual([]);
    expect(fullQuote(after(three, set('report.quoted.项目支出全年预算', '95')))).toEqual([
      { ruleId: 'X03', severity: 'warning', table: 'report', path: 'report.quoted.项目支出全年预算', expected: '130.00', actual: '95.00' },
    ]);
  });

  it('labels that name no table figure (社会保险基金支出预算) are not compared', () => {
    expect(x03(after(clean, set('report.quoted.社会保险基金支出预算', '7.43')))).toEqual([]);
  });
});

describe('X04 政府采购金额 against total expenditure', () => {
  const x04 = only('X04');

  it('procurement above 全年执行数: error; corrected: gone', () => {
    const wrong = after(clean, set('basic.expense.procurement.actual', '250'));
    expect(x04(wrong)).toEqual([{ ruleId: 'X04', severity: 'error', table: 'basic', path: 'basic.expense.procurement.actual', expected: '196.00', actual: '250.00' }]);
    expect(x04(after(wrong, set('basic.expense.procurement.actual', '19')))).toEqual([]);
  });

  it('budgeted procurement above 全年预算数: error', () => {
    expect(x04(after(clean, set('basic.expense.procurement.budget', '201')))).toEqual([
      { ruleId: 'X04', severity: 'error', table: 'basic', path: 'basic.expense.procurement.budget', expected: '200.00', actual: '201.00' },
    ]);
  });

  it('equal is not more; 0.01 more is rounding (info)', () => {
    expect(x04(after(clean, set('basic.expense.procurement.actual', '196')))).toEqual([]);
    expect(x04(after(clean, set('basic.expense.procurement.actual', '196.01')))[0].severity).toBe('info');
  });
});
