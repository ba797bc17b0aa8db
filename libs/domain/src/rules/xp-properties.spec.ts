import fc from 'fast-check';
import type { FilingCommand } from '../filing/filing.commands';
import { parseFigurePath } from '../filing/filing.paths';
import type { FilingState } from '../filing/filing.state';
import { fold } from '../filing/filing.state';
import { checkP01, checkP02 } from './p-budget';
import { checkP06, checkP07, checkP08 } from './p-expenses';
import { checkP03, checkP04, checkP05 } from './p-indicators';
import type { RuleInput } from './rule.types';
import { checkX04 } from './x-procurement';
import { checkX01, checkX02 } from './x-projects';
import { checkX03 } from './x-report';
import { OPEN, addProject, after, inputOf, record } from './xp.spec-support';

/** The unguarded rule functions never throw on any filing the decider accepts, and name only valid paths. */

const CHECKS = { checkX01, checkX02, checkX03, checkX04, checkP01, checkP02, checkP03, checkP04, checkP05, checkP06, checkP07, checkP08 };

const amount = fc.constantFrom<string | null>(null, '——', '0', '0.00', '0.01', '1', '3.5', '40', '100', '557.70', '99999999.99');
const count = fc.constantFrom<string | null>(null, '——', '0', '7', '10', '12');
const rate = fc.constantFrom<string | null>(null, '——', '0', '100%', '85.5%', '-5%');
const target = fc.constantFrom<string | null>(null, '100%', '≥3个', '≤60万元', '进一步提高', '——', '按期完成，截止2023年12月', 'abc', '0', '≥上年', '90%-95%', '达成');
const actual = fc.constantFrom<string | null>(null, '100%', '3个', '60万元', '达成', '——', '按期完成', 'abc', '0', '98%');
const weight = fc.constantFrom<string | null>(null, '0', '10', '12.5');
const score = fc.constantFrom<string | null>(null, '-1', '0', '10', '12.5');
const goal = fc.constantFrom<string | null>(null, '100%', '完善全县网格化管理工作，协调处理突发性社会治安事件', '建成站点');

const AMOUNT_PATHS = [
  'overall.budget.initial',
  'overall.budget.full',
  'overall.budget.executed',
  'overall.funds.project',
  'overall.funds.govFund',
  'overall.funds.generalPublic',
  'overall.funds.basic',
  ...['threePublic', 'vehicle', 'reception', 'publicFunds', 'office', 'procurement', 'projects'].flatMap((i) => ['prevActual', 'budget', 'actual'].map((c) => `basic.expense.${i}.${c}`)),
  ...['A', 'B'].flatMap((p) => ['initial', 'full', 'executed'].map((f) => `project:${p}.budget.${f}`)),
  ...['A', 'L'].flatMap((p) => ['prevActual', 'budget', 'actual'].map((c) => `basic.expense.project:${p}.${c}`)),
  'basic.buildings.budgetInvestment',
  'basic.buildings.actualInvestment',
  ...['项目支出年初预算', '年中追加', '项目支出全年预算', '一般公共预算拨款支出', '政府性基金支出'].map((l) => `report.quoted.${l}`),
];
const INDICATOR_HEADS = ['overall', 'project:A', 'project:B'].flatMap((t) => [`${t}.indicators.output.quantity.管理制度`, `${t}.indicators.satisfaction.serviceTarget.满意度`, `${t}.indicators.benefit.social.维护社会治安`]);

const figures = fc.record({
  amounts: fc.tuple(...AMOUNT_PATHS.map(() => amount)),
  counts: fc.tuple(count, count, count),
  rates: fc.tuple(rate, rate),
  indicators: fc.tuple(...INDICATOR_HEADS.map(() => fc.tuple(target, actual, weight, score))),
  goals: fc.tuple(goal, goal),
  adjust: fc.option(fc.tuple(fc.constantFrom('overall.budget.full', 'project:A.budget.full', 'project:B.budget.full'), fc.constantFrom<'increase' | 'decrease'>('increase', 'decrease'), fc.constantFrom('5', '50', '1000'))),
});

type Figures = typeof figures extends fc.Arbitrary<infer T> ? T : never;

function build(f: Figures): FilingState {
  const values: Record<string, string | null> = {};
  AMOUNT_PATHS.forEach((p, i) => (values[p] = f.amounts[i]));
  ['basic.staffing.authorized', 'basic.staffing.actual', 'report.quoted.编制数'].forEach((p, i) => (values[p] = f.counts[i]));
  values['overall.budget.rate'] = f.rates[0];
  values['project:A.budget.rate'] = f.rates[1];
  INDICATOR_HEADS.forEach((head, i) => {
    const [t, a, w, s] = f.indicators[i];
    Object.assign(values, { [`${head}.target`]: t, [`${head}.actual`]: a, [`${head}.weight`]: w, [`${head}.score`]: s });
  });
  values['project:A.goals.1.expected'] = f.goals[0];
  values['project:B.goals.1.expected'] = f.goals[1];
  const commands: FilingCommand[] = [addProject('a', 'A', 'A'), addProject('b', 'B', null), addProject('l', null, 'L'), record(values)];
  if (f.adjust) commands.push({ type: 'AdjustBudget', path: f.adjust[0], direction: f.adjust[1], amount: f.adjust[2] });
  let state = after(fold([]), OPEN);
  for (const c of commands) {
    try {
      state = after(state, c);
    } catch {
      // a command the decider refuses (a decrease below zero) leaves the filing as it was
      if (c.type === 'RecordFigures') throw new Error('the figures must be accepted');
    }
  }
  return state;
}

describe('X and P rules, any filing', () => {
  it('never throw, and every path they name is a v1 figure path', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const input: RuleInput = inputOf(build(f));
        for (const check of Object.values(CHECKS)) {
          const found = check(input);
          for (const finding of found) {
            expect(finding.paths.length).toBeGreaterThan(0);
            for (const p of finding.paths) parseFigurePath(p);
            expect(['error', 'warning', 'info']).toContain(finding.severity);
            for (const v of [finding.expected, finding.actual]) if (v !== null && /^-?\d/u.test(v)) expect(v).toMatch(/^-?\d+(\.\d+)?$/u);
          }
          const keys = found.map((x) => `${x.ruleId}|${x.table}|${[...x.paths].sort().join('|')}`);
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('stay silent on an empty filing and on a template with missing thresholds', () => {
    const empty = inputOf(after(fold([]), OPEN));
    for (const check of Object.values(CHECKS)) expect(check(empty)).toEqual([]);
    const broken = { ...empty, template: { ...empty.template, parameters: { ...empty.template.parameters, anomalies: {} as never } } };
    for (const check of Object.values(CHECKS)) expect(check(broken)).toEqual([]);
  });
});
