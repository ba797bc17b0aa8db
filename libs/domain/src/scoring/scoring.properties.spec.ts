import fc from 'fast-check';
import type { MeasureMethod, ScoredNode, ScoringTemplate, TableScore, TemplateNode } from '../index';
import { DEFAULT_PARAMETERS, Dec, LEVEL1S, LEVEL2_BY_LEVEL1, scoreComputed, scoreFiling, validateTemplate } from '../index';
import { filingOf, indicator } from './testing.spec-support';

/**
 * Properties over random templates (any depth, every node kind and method) and random filings: totals are
 * the sums of their parts and never exceed their weights; scoring is deterministic; validation accepts the
 * trees the generator builds and rejects them once broken.
 */

const RUNS = { numRuns: 150 };

// ---------------------------------------------------------------------------------------------------
// Generators

const decimal = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.constantFrom('', '.5', '.25', '.01')).map(([i, d]) => `${i}${d}`);
const positive = (max: number) => decimal(max).filter((d) => new Dec(d).gt(0));

const method = (weight: string): fc.Arbitrary<MeasureMethod> =>
  fc.oneof(
    fc.record({ kind: fc.constant('proportional' as const), full: positive(150), zeroBelow: fc.option(decimal(80), { nil: null }) }),
    fc.record({ kind: fc.constant('greaterEqual' as const), target: decimal(150) }),
    fc.record({ kind: fc.constant('lessEqual' as const), target: decimal(150), variant: fc.constantFrom('ratio' as const, 'linear' as const) }),
    fc.record({ kind: fc.constant('equal' as const), target: fc.oneof(fc.constant('0'), decimal(150)) }),
    fc.record({
      kind: fc.constant('deduction' as const),
      direction: fc.constantFrom('above' as const, 'below' as const),
      threshold: decimal(120),
      per: positive(10),
      points: decimal(5),
      stepping: fc.constantFrom('proportional' as const, 'perStartedStep' as const, 'perCompletedStep' as const),
    }),
    fc.uniqueArray(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 5 }).chain((bounds) =>
      fc.array(fc.tuple(fc.constantFrom('0', '0.25', '0.5', '1'), fc.boolean()), { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((cells) => ({
        kind: 'stepTable' as const,
        steps: [...[...bounds].sort((a, b) => a - b).map(String), null].map((upTo, i) => ({ upTo, inclusive: cells[i][1], score: new Dec(weight).times(cells[i][0]).toFixed() })),
      })),
    ),
    fc.constant({ kind: 'manual' as const }),
  );

const FIGURES = ['basic.staffing.actual', 'basic.staffing.authorized', '$.budget.full', '$.budget.initial', 'basic.buildings.actualArea'];
const formula = fc.oneof(
  decimal(150).map((c) => ({ const: c })),
  fc.constantFrom(...FIGURES).map((figure) => ({ figure })),
  fc.tuple(fc.constantFrom(...FIGURES), fc.constantFrom(...FIGURES)).map(([a, b]) => ({ op: 'mul' as const, args: [{ op: 'div' as const, args: [{ figure: a }, { figure: b }] }, { const: '100' }] })),
);
const POLICY = fc.constantFrom('manual' as const, 'full' as const, 'zero' as const, 'notApplicable' as const);

type Draft = Omit<TemplateNode, 'id'> & { children?: Draft[] };

const leafArb: fc.Arbitrary<Draft> = positive(30).chain((weight) =>
  fc.oneof(
    fc.constant({ kind: 'manual' as const, name: '人工', weight }),
    fc.constant({ kind: 'filingIndicators' as const, name: '指标', weight, level1: 'output' as const }),
    method(weight).map((m) => ({ kind: 'execution' as const, name: '执行', weight, method: m })),
    fc.record({ formula, method: method(weight), whenMissing: POLICY, whenZeroDenominator: POLICY }).map((r) => ({ kind: 'measure' as const, name: '测算', weight, unit: '%', ...r })),
  ),
);
const nodeArb: fc.Arbitrary<Draft> = fc.letrec<{ node: Draft }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((children) => ({ kind: 'group' as const, name: '组', weight: sum(children), children })),
  ),
})).node;

function sum(nodes: { weight: string }[]): string {
  return nodes.reduce((s, n) => s.plus(n.weight), new Dec(0)).toFixed();
}

/** Ids in order; one execution node; each 一级 group covered once (extras become manual). */
function finish(drafts: Draft[]): TemplateNode[] {
  let n = 0;
  let executions = 0;
  const level1s = [...LEVEL1S];
  const walk = (d: Draft): TemplateNode => {
    const id = `n${++n}`;
    if (d.kind === 'group') return { ...d, id, children: (d.children as Draft[]).map(walk) } as TemplateNode;
    if ((d.kind === 'execution' && executions++ > 0) || (d.kind === 'filingIndicators' && level1s.length === 0)) return { kind: 'manual', id, name: d.name, weight: d.weight };
    if (d.kind === 'filingIndicators') return { ...d, id, level1: level1s.shift() } as TemplateNode;
    return { ...d, id } as TemplateNode;
  };
  return drafts.map(walk);
}

/** The lighter tree gets a manual leaf making up the difference, so that both add up to the same total. */
function balance(overall: Draft[], project: Draft[]): [Draft[], Draft[]] {
  const gap = new Dec(sum(overall)).minus(sum(project));
  const pad = (weight: Dec): Draft => ({ kind: 'manual', name: '补足', weight: weight.abs().toFixed() });
  if (gap.gt(0)) return [overall, [...project, pad(gap)]];
  if (gap.lt(0)) return [[...overall, pad(gap)], project];
  return [overall, project];
}

const templateArb: fc.Arbitrary<ScoringTemplate> = fc
  .tuple(fc.array(nodeArb, { minLength: 1, maxLength: 4 }), fc.array(nodeArb, { minLength: 1, maxLength: 4 }), fc.constantFrom<'ratio' | 'linear'>('ratio', 'linear'))
  .map(([o, p, lessEqual]) => [...balance(o, p), lessEqual] as const)
  .map(([overall, project, lessEqual]) => ({
    id: 'random',
    version: 1,
    name: '随机',
    basis: 'fast-check',
    parameters: { ...structuredClone(DEFAULT_PARAMETERS), totalWeight: sum(overall), indicators: { lessEqual, qualitative: { achieved: '0.8', partial: '0.5' } } },
    trees: { overall: finish(overall), project: finish(project) },
  }));

const TARGETS = ['100%', '≥95%', '≤90万元', '=0', '＝100%', '557.7', '按期完成，截止2023年12月', '达成', '——', '较上年提高5%', '≥50个', '<5%', ''];
const ACTUALS = ['100%', '95%', '98%', '0', '600', '按期完成', '部分达成', '未达成', '——', '48个', '120万元', '2', '', '延期'];
const L1L2 = LEVEL1S.flatMap((l1) => LEVEL2_BY_LEVEL1[l1].map((l2) => `${l1}.${l2}`));
const filingArb = fc
  .record({
    indicators: fc.array(
      fc.record({ at: fc.constantFrom(...L1L2), target: fc.constantFrom(...TARGETS), actual: fc.constantFrom(...ACTUALS), weight: fc.option(decimal(20), { nil: null }), score: fc.option(decimal(25), { nil: null }) }),
      { maxLength: 8 },
    ),
    budget: fc.record({ full: fc.option(decimal(600), { nil: null }), executed: fc.option(decimal(700), { nil: null }), initial: fc.option(decimal(600), { nil: null }) }),
    staff: fc.record({ actual: fc.option(fc.nat(20).map(String), { nil: null }), authorized: fc.option(fc.nat(20).map(String), { nil: null }) }),
    project: fc.boolean(),
  })
  .map((f) => {
    const figures: Record<string, string | null> = {
      'overall.budget.full': f.budget.full,
      'overall.budget.executed': f.budget.executed,
      'overall.budget.initial': f.budget.initial,
      'basic.staffing.actual': f.staff.actual,
      'basic.staffing.authorized': f.staff.authorized,
    };
    f.indicators.forEach((i, n) => Object.assign(figures, indicator(`${i.at}.指标${n}`, i.target || null, i.actual || null, i.weight, i.score)));
    if (f.project) f.indicators.forEach((i, n) => Object.assign(figures, indicator(`${i.at}.项目指标${n}`, i.target || null, i.actual || null, i.weight, i.score, 'project:业务经费')));
    return filingOf(figures);
  });

// ---------------------------------------------------------------------------------------------------
// Properties

const d = (s: string) => new Dec(s);

function checkNode(n: ScoredNode): void {
  expect(d(n.score).gte(0)).toBe(true);
  expect(d(n.score).lte(n.effectiveWeight)).toBe(true);
  if (n.suggested !== null) expect(d(n.suggested).gte(0) && (n.children.length > 0 || n.kind === 'filingIndicators' || d(n.suggested).lte(n.weight))).toBe(true);
  if (n.children.length > 0) {
    expect(n.score).toBe(n.children.reduce((s, c) => s.plus(c.score), new Dec(0)).toFixed(2));
    const childWeights = n.children.reduce((s, c) => s.plus(c.effectiveWeight), new Dec(0));
    // a node whose applicable children weigh nothing keeps its weight and scores 0
    expect(childWeights.eq(n.effectiveWeight) || (childWeights.isZero() && d(n.score).isZero())).toBe(true);
  }
  if (n.status !== 'scored') expect(n.score).toBe('0.00');
  n.children.forEach(checkNode);
}

function checkTable(t: TableScore, total: string): void {
  t.nodes.forEach(checkNode);
  expect(t.total.suggested).toBe(t.nodes.reduce((s, n) => s.plus(n.score), new Dec(0)).toFixed(2));
  expect(t.total.weight).toBe(t.nodes.reduce((s, n) => s.plus(n.effectiveWeight), new Dec(0)).toFixed(2));
  expect([d(total).toFixed(2), '0.00']).toContain(t.total.weight);
  expect(d(t.total.suggested).lte(t.total.weight)).toBe(true);
  for (const r of [...t.indicators, ...(t.execution ? [t.execution] : [])]) {
    if (r.suggested !== null) expect(d(r.suggested).gte(0) && d(r.suggested).lte(r.weight)).toBe(true);
    expect(d(r.contribution).lte(r.effectiveWeight)).toBe(true);
    expect(r.suggested === null).toBe(r.status !== 'scored');
  }
  for (const g of t.groups) {
    const mine = t.indicators.filter((r) => r.level1 === g.level1);
    expect(g.suggested).toBe(mine.reduce((s, r) => s.plus(r.contribution), new Dec(0)).toFixed(2));
  }
  for (const value of JSON.stringify(t).match(/"-?\d+(?:\.\d+)?"/gu) ?? []) expect(value).toMatch(/^"-?\d+(\.\d+)?"$/u);
}

describe('scoring properties', () => {
  it('validation accepts every generated template', () => {
    fc.assert(
      fc.property(templateArb, (t) => {
        expect(validateTemplate(t)).toEqual({ ok: true, template: t });
      }),
      RUNS,
    );
  });

  it('totals are the sums of their parts and never exceed their weights; scores stay in [0, weight]', () => {
    fc.assert(
      fc.property(templateArb, filingArb, (template, state) => {
        const score = scoreFiling(state, template);
        for (const t of score.tables) checkTable(t, template.parameters.totalWeight);
      }),
      RUNS,
    );
  });

  it('re-scoring is deterministic, also from a JSON copy of the template', () => {
    fc.assert(
      fc.property(templateArb, filingArb, (template, state) => {
        const a = scoreFiling(state, template);
        expect(scoreFiling(structuredClone(state), JSON.parse(JSON.stringify(template)))).toEqual(a);
        expect(scoreComputed(scoreFiling(state, template))).toEqual(scoreComputed(a));
      }),
      RUNS,
    );
  });

  it('validation rejects a broken tree, naming a path inside the broken node', () => {
    type Mutation = (t: ScoringTemplate) => string | null;
    const groups = (nodes: TemplateNode[], path: string): [TemplateNode & { kind: 'group' }, string][] =>
      nodes.flatMap((n, i) => (n.kind === 'group' ? [[n, `${path}[${i}]`] as [TemplateNode & { kind: 'group' }, string], ...groups(n.children, `${path}[${i}].children`)] : []));
    const mutations: Mutation[] = [
      // a child's weight changed: its group (or the tree) no longer adds up
      (t) => {
        const [g, path] = groups(t.trees.overall, '$.trees.overall')[0] ?? [];
        if (!g) return null;
        g.children[0].weight = new Dec(g.children[0].weight).plus(1).toFixed();
        return path;
      },
      // a group emptied
      (t) => {
        const [g, path] = groups(t.trees.project, '$.trees.project').at(-1) ?? [];
        if (!g) return null;
        g.children = [];
        return `${path}.children`;
      },
      // an id repeated
      (t) => {
        if (t.trees.overall.length < 2) return null;
        t.trees.overall[1].id = t.trees.overall[0].id;
        return '$.trees.overall[1].id';
      },
      // a weight as a number
      (t) => {
        (t.trees.project[0] as unknown as { weight: number }).weight = Number(t.trees.project[0].weight);
        return '$.trees.project[0].weight';
      },
      // the tree's total off by 1
      (t) => {
        t.parameters.totalWeight = new Dec(t.parameters.totalWeight).plus(1).toFixed();
        return '$.trees.overall';
      },
    ];
    fc.assert(
      fc.property(templateArb, fc.integer({ min: 0, max: mutations.length - 1 }), (template, m) => {
        const copy = structuredClone(template);
        const at = mutations[m](copy);
        fc.pre(at !== null);
        const result = validateTemplate(copy);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.some((e) => e.path.startsWith(at as string) || (at as string).startsWith(e.path))).toBe(true);
      }),
      RUNS,
    );
  });
});
