import { Dec } from '../filing/filing.figures';
import type { FilingState } from '../filing/filing.state';
import type { FigureLookup } from './measure';
import { clampScore } from './methods';
import type { ExecutionRow, IndicatorRow, ItemStatus, MethodUsed, ScoredItem, ScoredNode } from './score.types';
import type { TemplateNode, TemplateParameters } from './template.types';
import { distribute } from './weights';

/** The scoring tree of one table: nodes being scored, their effective weights and contributions (internal). */

export interface Ctx {
  params: TemplateParameters;
  lookup: FigureLookup;
  state: FilingState;
  round: (d: Dec) => Dec;
  fmt: (d: Dec) => string;
}

/** A node being scored: the output node plus what the arithmetic needs. */
export interface Work {
  out: ScoredNode;
  nominal: Dec;
  raw: Dec | null;
  children: Work[] | null;
  /** a filing-indicators node without indicators: applicable, scores 0 */
  empty: boolean;
  effective: Dec;
  contribution: Dec;
  row: ExecutionRow | IndicatorRow | null;
}

export function collect(works: Work[]): Work[] {
  return works.flatMap((w) => [w, ...collect(w.children ?? [])]);
}

export function node(t: { id: string; kind: ScoredNode['kind']; name: string }, nominal: Dec): ScoredNode {
  return { id: t.id, kind: t.kind, name: t.name, weight: nominal.toFixed(), effectiveWeight: '0', score: '0', suggested: null, status: 'scored', method: null, measure: null, needsReview: false, notes: [], children: [] };
}

export function group(t: TemplateNode, children: Work[]): Work {
  const out = node(t, new Dec(t.weight));
  out.children = children.map((c) => c.out);
  return { out, nominal: new Dec(t.weight), raw: null, children, empty: false, effective: new Dec(0), contribution: new Dec(0), row: null };
}

export function leaf(t: { id: string; kind: ScoredNode['kind']; name: string }, nominal: Dec, status: ItemStatus, raw: Dec | null, method: MethodUsed | null, needsReview: boolean, notes: string[]): Work {
  const out = { ...node(t, nominal), status, method, needsReview, notes };
  return { out, nominal, raw, children: null, empty: false, effective: new Dec(0), contribution: new Dec(0), row: null };
}

export function itemOf(out: ScoredNode): ScoredItem {
  const { weight, effectiveWeight, suggested, score, status, method, needsReview, notes } = out;
  return { weight, effectiveWeight, suggested, contribution: score, status, method, needsReview, notes: [...notes] };
}

/** Takes part in the first split: scored or pending leaves, and groups holding one (or an empty indicator node). */
const present = (w: Work): boolean => (w.children === null ? w.out.status !== 'notApplicable' : w.empty || w.children.some(present));

/**
 * Effective weights, then contributions:
 * 1. top-down, each node's effective weight is split over its children that apply, in proportion to their
 *    own weights ("not applicable → rescaled" over the siblings; a filing's indicators fitted to their node);
 * 2. pending leaves (a person must score them) give up their share: the table's weight is split again over
 *    what was scored, in proportion to the shares of step 1 — the suggested total extrapolates what the
 *    figures allow, on the whole table rather than on a lone sibling;
 * 3. bottom-up, a leaf contributes suggested × effective / weight and a group the sum of its children.
 */
export function weigh(ctx: Ctx, works: Work[], total: Dec): void {
  split(ctx, works, total);
  const all = collect(works);
  const units = all.filter((w) => (w.children === null ? w.out.status === 'scored' : w.empty));
  if (all.some((w) => w.children === null && w.out.status === 'pending' && w.effective.gt(0))) {
    const shares = distribute(total, units.map((u) => u.effective), ctx.params.rounding.decimals);
    for (const w of all) if (w.children === null && w.out.status === 'pending') w.effective = new Dec(0);
    units.forEach((u, i) => (u.effective = shares[i]));
  }
  settle(ctx, works);
}

function split(ctx: Ctx, works: Work[], effective: Dec): void {
  const live = works.filter(present);
  const shares = distribute(effective, live.map((w) => w.nominal), ctx.params.rounding.decimals);
  for (const w of works) {
    const i = live.indexOf(w);
    w.effective = i < 0 ? new Dec(0) : shares[i];
    if (w.children !== null) {
      split(ctx, w.children, w.effective);
      // children that apply but weigh nothing (no stated 分值): the node keeps its weight and scores 0
      if (w.effective.gt(0) && w.children.every((c) => c.effective.isZero())) w.empty = true;
    }
  }
}

function settle(ctx: Ctx, works: Work[]): void {
  for (const w of works) {
    if (w.children !== null) {
      settle(ctx, w.children);
      if (!w.empty) w.effective = w.children.reduce((s, c) => s.plus(c.effective), new Dec(0));
      w.contribution = w.children.reduce((s, c) => s.plus(c.contribution), new Dec(0));
      const statuses = collect(w.children).filter((c) => c.children === null).map((c) => c.out.status);
      w.out.status = w.empty || statuses.includes('scored') ? 'scored' : statuses.includes('pending') ? 'pending' : 'notApplicable';
      w.out.suggested = ctx.fmt(w.contribution);
    } else {
      const scored = w.out.status === 'scored' && w.raw !== null && w.nominal.gt(0);
      w.contribution = scored ? ctx.round((w.raw as Dec).times(w.effective).dividedBy(w.nominal)) : new Dec(0);
      w.out.suggested = w.out.status === 'scored' && w.raw !== null ? ctx.fmt(clampScore(ctx.round(w.raw), w.nominal)) : null;
      if (scored && w.effective.gt(0) && !w.effective.eq(w.nominal)) w.out.notes.push(`分值 ${ctx.fmt(w.nominal)} 按比例折算为 ${ctx.fmt(w.effective)}`);
    }
    w.out.weight = ctx.fmt(w.nominal);
    w.out.effectiveWeight = ctx.fmt(w.effective);
    w.out.score = ctx.fmt(w.contribution);
    if (w.row) Object.assign(w.row, itemOf(w.out));
  }
}
