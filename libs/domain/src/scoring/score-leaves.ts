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
  const notes = statedWeight === null ? ['no stated 分值: weight 0', ...outcome.notes] : outcome.notes;
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
    work = manualLeaf(me, nominal, stated, `执行率 cannot be computed: ${executed === null ? '全年执行数' : '全年预算数'} is missing`);
  } else if (full.isZero()) {
    work = executed.isZero()
      ? leaf(me, nominal, 'notApplicable', null, null, false, ['0/0: not applicable → weight redistributed over the siblings'])
      : manualLeaf(me, nominal, stated, `spending ${executed.toFixed()} against a budget of 0: no 执行率`);
  } else {
    rate = ctx.round(executed.times(100).dividedBy(full));
    work = t.method.kind === 'manual' ? manualLeaf(me, nominal, stated, 'the template leaves the execution score to a person') : leaf(me, nominal, 'scored', scoreMeasure(t.method, nominal, rate), t.method.kind, false, []);
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
  if (statedWeight !== null && !statedWeight.eq(nominal)) work.out.notes.push(`the stated 分值 ${statedWeight.toFixed()} is not the template's ${nominal.toFixed()}`);
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
  if (stated === null) return leaf(t, nominal, 'pending', null, null, true, [why, 'no stated score to take: pending → its weight goes to what was scored']);
  const raw = clampScore(stated, nominal);
  const notes = [why, 'the stated score is taken'];
  if (!raw.eq(stated)) notes.push(`the stated score ${stated.toFixed()} is outside [0, ${nominal.toFixed()}]: ${raw.toFixed()} taken`);
  return leaf(t, nominal, 'scored', raw, 'manual', true, notes);
}

export function measureWork(ctx: Ctx, table: string, t: MeasureNode): Work {
  const nominal = new Dec(t.weight);
  const me = { id: t.id, kind: 'measure' as const, name: t.name };
  const value = evaluateFormula(t.formula, ctx.lookup, table);
  if (value.kind !== 'value') {
    const policy = value.kind === 'missing' ? t.whenMissing : t.whenZeroDenominator;
    return undefinedMeasure(me, nominal, policy, `${describeFormula(t.formula, table)}: ${value.why}`);
  }
  const m = ctx.round(value.value);
  const work = t.method.kind === 'manual' ? manualLeaf(me, nominal, null, 'the template leaves this measure to a person') : leaf(me, nominal, 'scored', scoreMeasure(t.method, nominal, m), t.method.kind, false, []);
  work.out.measure = `${ctx.fmt(m)}${t.unit}`;
  return work;
}

function undefinedMeasure(me: { id: string; kind: 'measure'; name: string }, nominal: Dec, policy: UndefinedPolicy, why: string): Work {
  switch (policy) {
    case 'full':
      return leaf(me, nominal, 'scored', nominal, null, false, [why, 'full marks by the template when undefined']);
    case 'zero':
      return leaf(me, nominal, 'scored', new Dec(0), null, false, [why, '0 by the template when undefined']);
    case 'notApplicable':
      return leaf(me, nominal, 'notApplicable', null, null, false, [why, 'not applicable → weight redistributed over the siblings']);
    case 'manual':
      return manualLeaf(me, nominal, null, why);
  }
}
