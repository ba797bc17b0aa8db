import type { FigureInput, FilingCommand, FilingState, Finding } from '@app/domain';
import { FilingError, NATIONAL_DEFAULT_TEMPLATE, PER_FILING_RULES, checkFiling, computedOf, decide, figuresOf, fold, parseFigurePath, scoreComputed, scoreFiling, validateValue, valueKindOf } from '@app/domain';
import type { ParsedSelfEvaluation } from '@app/importers';
import { parseSelfEvaluation } from '@app/importers';

/**
 * Spec support (not exported by the lib): a generated document turned into a filing in memory exactly as
 * the importer's service records it (libs/application/src/import.service.ts `validFigures` and
 * `commandsFor`) — AddProject, AddProject and LinkProject (with the parsed basis) for a linked pair,
 * else AddProject; RecordFigures with every figure whose value fits its cell; AdjustBudget {stated} per
 * stated adjustment — folded through the domain's decider, scored under national-default, and checked
 * with every per-filing rule on the RuleInput the application builds.
 */

/** The figures the service records: those whose value passes `validateValue` for their cell. */
export function validFigures(parsed: ParsedSelfEvaluation): FigureInput[] {
  const figures: FigureInput[] = [];
  for (const f of parsed.figures) {
    try {
      const address = parseFigurePath(f.path);
      validateValue(f.path, valueKindOf(address), f.value, address.kind === 'expense' && address.item === 'basicAdjustment');
      figures.push({ path: f.path, value: f.value });
    } catch (error) {
      if (!(error instanceof FilingError)) throw error;
    }
  }
  return figures;
}

export function commandsFor(parsed: ParsedSelfEvaluation): FilingCommand[] {
  const commands: FilingCommand[] = [];
  let n = 0;
  for (const p of parsed.projects) {
    if (p.name !== null && p.lineName !== null) {
      commands.push({ type: 'AddProject', projectId: `p${++n}`, name: p.name, lineName: null });
      commands.push({ type: 'AddProject', projectId: `p${++n}`, name: null, lineName: p.lineName });
      commands.push({ type: 'LinkProject', name: p.name, lineName: p.lineName, basis: p.link ?? 'name' });
    } else {
      commands.push({ type: 'AddProject', projectId: `p${++n}`, name: p.name, lineName: p.lineName });
    }
  }
  commands.push({ type: 'RecordFigures', figures: validFigures(parsed) });
  for (const a of parsed.adjustments) {
    commands.push({ type: 'AdjustBudget', path: a.path, direction: a.direction, amount: a.amount, reason: a.reason, stated: true });
  }
  return commands;
}

export function filingOf(parsed: ParsedSelfEvaluation): FilingState {
  const open: FilingCommand = { type: 'OpenFiling', countyCode: '439999', unitCode: 'demo', year: parsed.year ?? 0 };
  let state = fold([]);
  for (const command of [open, ...commandsFor(parsed)]) state = fold(decide(command, state), state);
  return state;
}

/** Every per-filing finding of a document, as the findings service computes them. */
export function findingsOfDocument(text: string): { parsed: ParsedSelfEvaluation; findings: Finding[] } {
  const parsed = parseSelfEvaluation(text);
  const state = filingOf(parsed);
  const template = NATIONAL_DEFAULT_TEMPLATE;
  const score = scoreFiling(state, template);
  const findings = checkFiling({ state, figures: figuresOf(state), computed: { ...computedOf(state), ...scoreComputed(score) }, score, template }, PER_FILING_RULES);
  return { parsed, findings };
}

/** `ruleId table firstPath`: how a finding is matched with an injected anomaly. */
export const keyOf = (f: { ruleId: string; table: string; path?: string; paths?: string[] }): string => `${f.ruleId} ${f.table} ${f.path ?? f.paths?.[0] ?? ''}`;
