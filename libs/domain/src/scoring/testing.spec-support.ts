import type { FigureInput, FilingCommand } from '../filing/filing.commands';
import { decide } from '../filing/filing.decide';
import type { FilingState } from '../filing/filing.state';
import { fold } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from './national-default.template';
import { scoreFiling } from './score-filing';
import type { IndicatorRow, TableScore } from './score.types';
import type { ScoringTemplate, TemplateNode, TemplateParameters } from './template.types';

/** Spec support (not exported by the lib): filings built through the decider, as an importer records them. */

const OPEN: FilingCommand = { type: 'OpenFiling', countyCode: '430423', unitCode: 'wgzx', year: 2023 };

export function stateOf(...commands: FilingCommand[]): FilingState {
  let state = fold([]);
  for (const command of [OPEN, ...commands]) state = fold(decide(command, state), state);
  return state;
}

export const record = (figures: Record<string, string | null>): FilingCommand => ({
  type: 'RecordFigures',
  figures: Object.entries(figures).map(([path, value]): FigureInput => ({ path, value })),
});

export const addProject = (projectId: string, name: string | null, lineName: string | null): FilingCommand => ({ type: 'AddProject', projectId, name, lineName });

/** A filing holding exactly these figures (projects named `project:<name>` in a path are added first). */
export function filingOf(figures: Record<string, string | null>): FilingState {
  const projects = [...new Set(Object.keys(figures).flatMap((p) => (p.startsWith('project:') ? [p.slice(0, p.indexOf('.'))] : [])))];
  return stateOf(...projects.map((p, i) => addProject(`p${i + 1}`, p.slice('project:'.length), null)), record(figures));
}

/** One indicator row's four cells under `<head>.indicators.<at>`. */
export function indicator(at: string, target: string | null, actual: string | null, weight: string | null, score: string | null, head = 'overall'): Record<string, string | null> {
  const base = `${head}.indicators.${at}`;
  return { [`${base}.target`]: target, [`${base}.actual`]: actual, [`${base}.weight`]: weight, [`${base}.score`]: score };
}

/** A copy of a template with some parameters changed. */
export function withParameters(template: ScoringTemplate, change: (p: TemplateParameters) => void): ScoringTemplate {
  const copy = structuredClone(template);
  change(copy.parameters);
  return copy;
}

/** A copy of a template with its 附件二 tree replaced. */
export function withOverallTree(template: ScoringTemplate, tree: TemplateNode[]): ScoringTemplate {
  const copy = structuredClone(template);
  copy.trees.overall = structuredClone(tree);
  return copy;
}

/** 附件二 of a filing holding exactly these figures, scored. */
export function overallScore(figures: Record<string, string | null>, template: ScoringTemplate = NATIONAL_DEFAULT_TEMPLATE): TableScore {
  return scoreFiling(filingOf(figures), template).tables[0];
}

/**
 * One 附件二 indicator (`output.quality.指标` unless `at` says otherwise) scored: its row. A stated score
 * is only needed where the method takes it (定性 tiers, manual).
 */
export function scoreOne(target: string | null, actual: string | null, weight: string, score: string | null = null, options: { at?: string; template?: ScoringTemplate } = {}): IndicatorRow {
  const table = overallScore(indicator(options.at ?? 'output.quality.指标', target, actual, weight, score), options.template);
  return table.indicators[0];
}
