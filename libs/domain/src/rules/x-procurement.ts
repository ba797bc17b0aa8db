import type { Finding, RuleInput } from './rule.types';
import { amount, finding, statedAt, statedOrComputed, tolerance } from './xp-common';

/**
 * X04: 政府采购金额 (附件一) exceeds total expenditure (附件二): the 本年决算数 against 全年执行数, the 本年预算数
 * against 全年预算数 (stated, else computed). An excess within the rounding tolerance is `info`.
 */
export function checkX04(input: RuleInput): Finding[] {
  const out: Finding[] = [];
  const columns = [
    { column: 'actual', total: 'overall.budget.executed', zh: ['本年决算数', '全年执行数'], en: ['actual', 'spending'], value: statedAt(input, 'overall.budget.executed') },
    { column: 'budget', total: 'overall.budget.full', zh: ['本年预算数', '全年预算数'], en: ['budget', 'full-year budget'], value: statedOrComputed(input, 'overall.budget.full') },
  ];
  for (const c of columns) {
    const procurementPath = `basic.expense.procurement.${c.column}`;
    const procurement = statedAt(input, procurementPath);
    const total = c.value;
    if (procurement === null || total === null || !procurement.gt(total)) continue;
    const excess = procurement.minus(total);
    const rounding = excess.lte(tolerance(input, 1));
    out.push(
      finding(
        'X04',
        rounding ? 'info' : 'error',
        'basic',
        [procurementPath, c.total],
        amount(total),
        amount(procurement),
        `附件一政府采购金额（${c.zh[0]}）${amount(procurement)} 万元，超过附件二${c.zh[1]} ${amount(total)} 万元（多 ${amount(excess)} 万元${rounding ? '，属尾数差异' : ''}）。政府采购是部门支出的一部分，不应超过支出总额：请核对政府采购金额或${c.zh[1]}。`,
        `附件一 government procurement (${c.en[0]}) ${amount(procurement)} exceeds 附件二 ${c.en[1]} ${amount(total)} by ${amount(excess)}${rounding ? ' (rounding)' : ''}. Procurement is part of the unit's spending: check both figures.`,
      ),
    );
  }
  return out;
}
