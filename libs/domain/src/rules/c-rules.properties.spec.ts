import fc from 'fast-check';
import type { FilingCommand } from '../filing/filing.commands';
import { decide } from '../filing/filing.decide';
import { FilingError } from '../filing/filing.errors';
import { fold } from '../filing/filing.state';
import type { FilingState } from '../filing/filing.state';
import { C_RULES } from './c-rules';
import { cleanCommands, hengshanCommands, inputOf, stateOf } from './c-rules.spec-support';

/**
 * The C rules never throw on filings built from
 * the clean filing or the fixture by arbitrary edits; severities are the catalogue's or `info`; no rule
 * reports one cell twice; a finding's expected and actual are numbers or grades where present.
 */

const RUNS = { numRuns: 60 };

const HEADS = ['overall', 'project:业务经费', 'project:信息化建设', 'project:综治中心建设'];
const INDICATORS = [
  'indicators.output.quantity.培训人次',
  'indicators.output.quality.验收合格率',
  'indicators.output.cost.项目成本',
  'indicators.benefit.social.维护社会治安',
  'indicators.satisfaction.serviceTarget.服务对象满意度',
  'indicators.satisfaction.serviceTarget.收益群众满意度',
];
const VALUES = ['0', '10', '12.5', '-3', '100%', '98%', '0.99', '——', '≥95%', '≤120万元', '按期完成', '达成', '部分达成', '无', '较上年提高5%', '3至5个', '557.7', '1,234.50', null];

const path = fc.oneof(
  fc.tuple(fc.constantFrom(...HEADS), fc.constantFrom('budget.initial', 'budget.full', 'budget.executed', 'budget.weight', 'budget.rate', 'budget.score', 'total.weight', 'total.score', 'groups.output.weight', 'groups.benefit.weight', 'funds.currentYear.full', 'funds.currentYear.score', 'department', 'signoff.date')).map(([h, p]) => `${h}.${p}`),
  fc.tuple(fc.constantFrom(...HEADS), fc.constantFrom(...INDICATORS), fc.constantFrom('target', 'actual', 'weight', 'score', 'deviation')).map(([h, i, f]) => `${h}.${i}.${f}`),
  fc.constantFrom('overall.funds.generalPublic', 'overall.funds.sourceTotal', 'overall.funds.basic', 'basic.staffing.controlRate', 'basic.staffing.authorized', 'basic.expense.basicAdjustment.budget', 'basic.expense.office.budget', 'basic.expense.projects.actual', 'report.statedGrade', 'report.cover.unitName'),
);
const command: fc.Arbitrary<FilingCommand> = fc.oneof(
  fc.tuple(path, fc.constantFrom(...VALUES)).map(([p, value]): FilingCommand => ({ type: 'RecordFigures', figures: [{ path: p, value }] })),
  fc.tuple(path, fc.constantFrom(...VALUES)).map(([p, value]): FilingCommand => ({ type: 'SetFigure', path: p, value })),
  fc.tuple(fc.constantFrom(...HEADS), fc.constantFrom('increase', 'decrease' as const), fc.constantFrom('1', '20', '0.01'), fc.boolean()).map(
    ([h, direction, amount, stated]): FilingCommand => ({ type: 'AdjustBudget', path: `${h}.budget.full`, direction, amount, stated }),
  ),
  fc.constantFrom<FilingCommand>({ type: 'RemoveProject', name: '业务经费' }, { type: 'RenameProject', part: 'table', from: '信息化建设', to: '信息.化建设' }),
);

/** Applies the commands the decider accepts; a refusal (FilingError) is skipped. */
function apply(state: FilingState, commands: FilingCommand[]): FilingState {
  let s = state;
  for (const c of commands) {
    try {
      s = fold(decide(c, s), s);
    } catch (error) {
      if (!(error instanceof FilingError)) throw error;
    }
  }
  return s;
}

const CLEAN = stateOf(...cleanCommands());
const HENGSHAN = stateOf(...hengshanCommands());

describe.each([
  ['the clean filing', CLEAN],
  ['the fixture', HENGSHAN],
])('C rules on %s edited arbitrarily', (_, base) => {
  it('never throw, keep the catalogue severity or info, report each cell once per rule', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 12 }), (commands) => {
        const input = inputOf(apply(base, commands));
        for (const rule of C_RULES) {
          const findings = rule.check(input);
          const keys = findings.map((f) => f.paths[0]);
          expect(new Set(keys).size).toBe(keys.length);
          for (const f of findings) {
            expect(f.ruleId).toBe(rule.id);
            expect([rule.defaultSeverity, 'info']).toContain(f.severity);
            expect(f.paths.length).toBeGreaterThan(0);
            for (const v of [f.expected, f.actual]) if (v !== null) expect(v).toMatch(/^(?:-?\d+(?:\.\d+)?%?|优|良|中|差)$/u);
          }
        }
      }),
      RUNS,
    );
  });
});
