import { checkX03 } from './x-report';
import { filing, inputOf, record } from './xp.spec-support';

/** X03 compares a spending quote (…支出) with 附件二's budget split only when everything was spent. */
describe('X03 on spending quotes', () => {
  const base = {
    'overall.budget.full': '120.00',
    'overall.funds.govFund': '120.00',
    'report.quoted.政府性基金支出': '114.00',
  };

  it('is silent when part of the budget was not spent (收入 120, 支出 114 are both true)', () => {
    expect(checkX03(inputOf(filing(record({ ...base, 'overall.budget.executed': '114.00' }))))).toEqual([]);
  });

  it('compares them when everything was spent', () => {
    const findings = checkX03(inputOf(filing(record({ ...base, 'overall.budget.executed': '120.00' }))));
    expect(findings.map((f) => [f.ruleId, f.paths[0], f.expected, f.actual])).toEqual([['X03', 'report.quoted.政府性基金支出', '120.00', '114.00']]);
  });
});
