import { joinPath } from '../figure-path';
import { Dec, effectiveFullBudget, formatRate, numericOf } from '../filing/filing.figures';
import type { IndicatorState, SheetState } from '../filing/filing.state';
import { describeFormula, evaluateFormula } from './measure';
import { clampScore, scoreMeasure } from './methods';
import { scoreIndicator } from './score-indicator';
import type { Ctx, Work } from './score-tree';
import { itemOf, leaf } from './score-tree';
import type { DeviationTrigger, ScoredNode } from './score.types';
import { parseActual, parseTarget } from './target';
import type { ExecutionNode, MeasureNode, UndefinedPolicy } from './template.types';

/** The leaves of a table's scoring tree: a filing indicator, the execution row, a measure (internal). */

export function indicatorWork(ctx: Ctx, table: string, i: IndicatorState, name: string, nodeId: string | null): Work {
  const target = parseTarget(i.target, { level2: i.level2 });
  const actual = parseActual(i.actual);
  const statedWeight = numericOf(i.weight);
  const stated = numericOf(i.score);
  const w = statedWeight ?? new Dec(0);
  const outcome = scoreIndicator(target, actual, w, stated, ctx.params);
  const notes = statedWeight === null ? ['未填分值：按 0 计', ...outcome.notes] : outcome.notes;
  const work = leaf({ id: i.indicatorId, kind: 'indicator', name }, w, outcome.status, outcome.raw, outcome.method, outcome.needsReview || statedWeight === null, notes);
  const triggers: DeviationTrigger[] = [];
  if (ctx.params.deviation.scoreBelowWeight && stated !== null && statedWeight !== null && stated.lt(statedWeight)) triggers.push('scoreBelowWeight');
  triggers.push(...outcome.triggers);
  work.row = {
    path: joinPath([table, 'indicators', i.level1, i.level2, name]),
    indicatorId: i.indicatorId,
    level1: i.level1,
    level2: i.level2,
    name,
    nodeId,
    target,
    actual,
    stated: { weight: i.weight, score: i.score },
    deviation: { required: triggers.length > 0, triggers, explained: i.deviation !== null && i.deviation.trim() !== '' },
    ...itemOf(work.out),
  };
  return work;
}

export function executionWork(ctx: Ctx, table: string, sheet: SheetState, t: ExecutionNode): Work {
  const row = sheet.budget.total;
  const nominal = new Dec(t.weight);
  const executed = row ? numericOf(row.executed) : null;
  const full = row ? effectiveFullBudget(row) : null;
  const stated = row ? numericOf(row.score) : null;
  const me = { id: t.id, kind: 'execution' as const, name: t.name };
  let work: Work;
  let rate: Dec | null = null;
  if (executed === null || full === null) {
    work = manualLeaf(me, nominal, stated, `无法计算执行率：缺少${executed === null ? '全年执行数' : '全年预算数'}`);
  } else if (full.isZero()) {
    work = executed.isZero()
      ? leaf(me, nominal, 'notApplicable', null, null, false, ['全年预算数与全年执行数均为 0：不适用，分值按比例分给同级指标'])
      : manualLeaf(me, nominal, stated, `全年预算数为 0，全年执行数为 ${executed.toFixed()}：无法计算执行率`);
  } else {
    rate = ctx.round(executed.times(100).dividedBy(full));
    work = t.method.kind === 'manual' ? manualLeaf(me, nominal, stated, '模板规定预算执行率由人工评分') : leaf(me, nominal, 'scored', scoreMeasure(t.method, nominal, rate), t.method.kind, false, []);
    work.out.measure = `${ctx.fmt(rate)}%`;
  }
  const triggers: DeviationTrigger[] = [];
  const dev = ctx.params.deviation;
  if (rate !== null && rate.lt(dev.executionRateBelow)) triggers.push('executionRateBelow');
  const initial = row ? numericOf(row.initial) : null;
  const statedFull = row ? numericOf(row.full) : null;
  if (dev.budgetAdjusted && row && (row.adjustments.length > 0 || (initial !== null && statedFull !== null && !initial.eq(statedFull)))) triggers.push('budgetAdjusted');
  const statedWeight = row ? numericOf(row.weight) : null;
  if (dev.scoreBelowWeight && stated !== null && statedWeight !== null && stated.lt(statedWeight)) triggers.push('scoreBelowWeight');
  if (statedWeight !== null && !statedWeight.eq(nominal)) work.out.notes.push(`表中分值 ${statedWeight.toFixed()} 与模板分值 ${nominal.toFixed()} 不同`);
  work.row = {
    path: joinPath([table, 'budget']),
    nodeId: t.id,
    stated: { weight: row?.weight ?? null, rate: row?.rate ?? null, score: row?.score ?? null },
    rate: executed === null || full === null ? null : full.isZero() ? 'n/a' : formatRate(executed.dividedBy(full)),
    deviation: { required: triggers.length > 0, triggers, explained: null },
    ...itemOf(work.out),
  };
  return work;
}

/** A leaf whose score a person gives: the stated score within [0, w], or pending when there is none. */
export function manualLeaf(t: { id: string; kind: ScoredNode['kind']; name: string }, nominal: Dec, stated: Dec | null, why: string): Work {
  if (stated === null) return leaf(t, nominal, 'pending', null, null, true, [why, '无自评得分可采用：待人工评分，其分值按比例分给已评分项']);
  const raw = clampScore(stated, nominal);
  const notes = [why, '采用自评得分'];
  if (!raw.eq(stated)) notes.push(`自评得分 ${stated.toFixed()} 超出 [0, ${nominal.toFixed()}]，按 ${raw.toFixed()} 计`);
  return leaf(t, nominal, 'scored', raw, 'manual', true, notes);
}

export function measureWork(ctx: Ctx, table: string, t: MeasureNode): Work {
  const nominal = new Dec(t.weight);
  const me = { id: t.id, kind: 'measure' as const, name: t.name };
  const value = evaluateFormula(t.formula, ctx.lookup, table);
  if (value.kind !== 'value') {
    const policy = value.kind === 'missing' ? t.whenMissing : t.whenZeroDenominator;
    return undefinedMeasure(me, nominal, policy, `${describeFormula(t.formula, table)}：${value.why}`);
  }
  const m = ctx.round(value.value);
  const work = t.method.kind === 'manual' ? manualLeaf(me, nominal, null, '模板规定该项由人工评分') : leaf(me, nominal, 'scored', scoreMeasure(t.method, nominal, m), t.method.kind, false, []);
  work.out.measure = `${ctx.fmt(m)}${t.unit}`;
  return work;
}

function undefinedMeasure(me: { id: string; kind: 'measure'; name: string }, nominal: Dec, policy: UndefinedPolicy, why: string): Work {
  switch (policy) {
    case 'full':
      return leaf(me, nominal, 'scored', nominal, null, false, [why, '无法计算时，按模板规定得满分']);
    case 'zero':
      return leaf(me, nominal, 'scored', new Dec(0), null, false, [why, '无法计算时，按模板规定得 0 分']);
    case 'notApplicable':
      return leaf(me, nominal, 'notApplicable', null, null, false, [why, '无法计算时，按模板规定不适用：分值按比例分给同级指标']);
    case 'manual':
      return manualLeaf(me, nominal, null, why);
  }
}
