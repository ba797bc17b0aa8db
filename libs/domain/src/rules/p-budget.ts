import { Dec } from '../filing/filing.figures';
import type { Finding, RuleInput } from './rule.types';
import { amount, finding, fullOf, num, path, percent, plain, sheetsOf, threshold } from './xp-common';

/**
 * P01 and P02 on the 年度资金总额 row of 附件二 and of each 附件三 (the 其中 sub-rows repeat the same money
 * and are not checked again).
 */

/**
 * P01: a large mid-year adjustment. The adjustment is 全年 − 年初 from the stated 年初预算数 and the
 * stated 全年预算数 (else the one computed from 年初 and the recorded adjustments): an imported document
 * records no adjustment, and a recorded one is already in 全年. Fires when |全年 − 年初| exceeds
 * P01AdjustmentShare % of 年初, or when 年初 is 0 and 全年 is not. An empty 年初 is not 0: silent.
 */
export function checkP01(input: RuleInput): Finding[] {
  const share = threshold(input, 'P01AdjustmentShare');
  const out: Finding[] = [];
  for (const s of sheetsOf(input.state)) {
    const row = s.sheet.budget.total;
    const initial = num(row?.initial);
    const full = fullOf(row);
    if (initial === null || full === null) continue;
    const change = full.minus(initial);
    const adjustment = change.abs();
    const limit = initial.times(share).dividedBy(100);
    if (initial.isZero() ? adjustment.isZero() : !adjustment.gt(limit)) continue;
    const kind = change.isNegative() ? '调减' : '追加';
    const kindEn = change.isNegative() ? 'decrease' : 'increase';
    const ratio = initial.isZero() ? null : adjustment.dividedBy(initial).times(100);
    const recorded = (row?.adjustments.length ?? 0) > 0;
    const todo = recorded ? '请核实预算调整的依据（文件、文号）' : '请补录预算调整记录（调整文件、文号、原因）';
    out.push(
      finding(
        'P01',
        'warning',
        s.table,
        [path(s.table, 'budget', 'full'), path(s.table, 'budget', 'initial')],
        amount(limit),
        amount(adjustment),
        ratio === null
          ? `${s.label}年度资金总额：年初预算数为 0，全年预算数 ${amount(full)} 万元，全部为年中${kind}。${todo}，并在偏差原因分析中说明年初未编列预算的原因。`
          : `${s.label}年度资金总额：年初预算数 ${amount(initial)} 万元，全年预算数 ${amount(full)} 万元，年中${kind} ${amount(adjustment)} 万元，为年初预算的 ${percent(ratio)}%，超过 ${plain(share)}%。${todo}，并在偏差原因分析中说明调整原因。`,
        ratio === null
          ? `${s.labelEn} budget: the initial budget is 0 and the full-year budget ${amount(full)} is all a mid-year ${kindEn}. Document the adjustment (basis, document number, reason) and explain why nothing was budgeted at the start of the year.`
          : `${s.labelEn} budget: initial ${amount(initial)}, full-year ${amount(full)}: a mid-year ${kindEn} of ${amount(adjustment)}, ${percent(ratio)}% of the initial budget (more than ${plain(share)}%). Document the adjustment (basis, document number, reason) and explain it.`,
      ),
    );
  }
  return out;
}

/** P02: 执行率 = 全年执行数 ÷ 全年预算数 (computed from the figures; the stated rate where it cannot be) below P02ExecutionRateBelow %. */
export function checkP02(input: RuleInput): Finding[] {
  const below = threshold(input, 'P02ExecutionRateBelow');
  const out: Finding[] = [];
  for (const s of sheetsOf(input.state)) {
    const row = s.sheet.budget.total;
    if (!row) continue;
    const full = fullOf(row);
    const executed = num(row.executed);
    let rate: Dec | null = null;
    if (full !== null && executed !== null) {
      if (full.isZero()) continue; // 0/0 is not applicable; spending against 0 is C06's and the scoring's concern
      rate = executed.dividedBy(full).times(100).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
    } else {
      rate = num(row.rate);
    }
    if (rate === null || !rate.lt(below)) continue;
    const figures = full !== null && executed !== null ? `（全年执行数 ${amount(executed)} 万元 ÷ 全年预算数 ${amount(full)} 万元）` : '（表中填报）';
    const figuresEn = full !== null && executed !== null ? ` (${amount(executed)} spent of ${amount(full)})` : ' (as stated)';
    out.push(
      finding(
        'P02',
        'warning',
        s.table,
        [path(s.table, 'budget', 'rate'), path(s.table, 'budget', 'executed'), path(s.table, 'budget', 'full')],
        plain(below),
        percent(rate),
        `${s.label}预算执行率为 ${percent(rate)}%${figures}，低于 ${plain(below)}%。请在偏差原因分析中说明未执行的原因及改进措施。`,
        `${s.labelEn}: the execution rate is ${percent(rate)}%${figuresEn}, below ${plain(below)}%. Explain the unspent budget and what will be done about it.`,
      ),
    );
  }
  return out;
}
