import type { FigureInput, FilingCommand } from '../filing/filing.commands';
import { decide } from '../filing/filing.decide';
import type { FilingState } from '../filing/filing.state';
import { fold, initialFilingState } from '../filing/filing.state';
import { NATIONAL_DEFAULT_TEMPLATE } from '../scoring/national-default.template';
import { scoreFiling } from '../scoring/score-filing';
import type { ScoringTemplate } from '../scoring/template.types';
import type { HistoryActor, HistoryEvent, HistorySource } from './a-support';
import type { CountyFilingInput } from './s-rules';

/** Spec support for the S and A rules (not exported by the lib): filings and histories built through the decider only. */

export const COUNTY = '430423';

export const record = (figures: Record<string, string | null>): FilingCommand => ({
  type: 'RecordFigures',
  figures: Object.entries(figures).map(([path, value]): FigureInput => ({ path, value })),
});
export const set = (path: string, value: string | null, reason?: string): FilingCommand => ({ type: 'SetFigure', path, value, ...(reason === undefined ? {} : { reason }) });

/** The state after `commands` on `state`, each command decided on the state the previous one left. */
export function after(state: FilingState, ...commands: FilingCommand[]): FilingState {
  let next = state;
  for (const command of commands) next = fold(decide(command, next), next);
  return next;
}

// ---------------------------------------------------------------------------------------------------
// County filings (S rules)

/** Five indicators named for the unit (so that no two units share them), one missing its target. */
export function ownIndicators(tag: string): string[] {
  return [`${tag}业务办理量`, `${tag}办结质量`, `${tag}办理时限`, `${tag}社会效益`, `${tag}群众满意度`];
}

const INDICATOR_AT = ['output.quantity', 'output.quality', 'output.timeliness', 'benefit.social', 'satisfaction.serviceTarget'];
const INDICATOR_WEIGHTS = ['20', '15', '15', '30', '10'];

/**
 * A unit's 附件二: 年初 = 全年 = 100, 全年执行数 `executed`, five indicators (the first misses its target by
 * half: 10 of its 20 points), then a stated 总分 = the suggested total + `gap` (on the same 100 points).
 */
export interface UnitOptions {
  executed?: string;
  gap?: string;
  /** the indicator names, in the order of INDICATOR_AT (default: the unit's own) */
  indicators?: string[];
  template?: ScoringTemplate;
}

export function unitFiling(code: string, name: string, options: UnitOptions = {}): CountyFilingInput {
  const template = options.template ?? NATIONAL_DEFAULT_TEMPLATE;
  const names = options.indicators ?? ownIndicators(name);
  const figures: Record<string, string> = {
    'overall.unitName': name,
    'overall.budget.initial': '100.00',
    'overall.budget.full': '100.00',
    'overall.budget.executed': options.executed ?? '98.00',
    'overall.budget.weight': '10',
    'overall.groups.output.weight': '50',
    'overall.groups.benefit.weight': '30',
    'overall.groups.satisfaction.weight': '10',
    'overall.total.weight': '100',
  };
  names.forEach((indicator, k) => {
    const base = `overall.indicators.${INDICATOR_AT[k % INDICATOR_AT.length]}.${indicator}`;
    figures[`${base}.target`] = k === 0 ? '≥10个' : '≥90%';
    figures[`${base}.actual`] = k === 0 ? '5个' : '95%';
    figures[`${base}.weight`] = INDICATOR_WEIGHTS[k % INDICATOR_WEIGHTS.length];
  });
  let state = after(initialFilingState(), { type: 'OpenFiling', countyCode: COUNTY, unitCode: code, year: 2023 }, record(figures));
  const suggested = scoreFiling(state, template).tables[0].total.suggested;
  const stated = (Number(suggested) + Number(options.gap ?? '0')).toFixed(2);
  state = after(state, set('overall.total.score', stated));
  return { unit: { code, name }, state, score: scoreFiling(state, template), template };
}

/** The gaps and execution rates of a county of 12 units: nothing stands out. */
export const CLEAN_GAPS = ['0.2', '0.5', '-0.5', '1', '1.2', '0.8', '-0.2', '0.3', '1.5', '0.6', '0.4', '0.7'];
export const CLEAN_EXECUTED = ['98', '97', '99', '96', '98.5', '97.5', '99.5', '95', '98', '97', '96.5', '97.2'];

export const unitCode = (n: number) => `u${String(n + 1).padStart(2, '0')}`;
export const unitName = (n: number) => `第${n + 1}局`;

/** Twelve units (`u01`…`u12`, 第1局…第12局); `change` alters the options of any of them. */
export function county(change: (n: number, options: UnitOptions) => UnitOptions = (_n, o) => o, size = 12): CountyFilingInput[] {
  return Array.from({ length: size }, (_v, n) => unitFiling(unitCode(n), unitName(n), change(n, { gap: CLEAN_GAPS[n % 12], executed: CLEAN_EXECUTED[n % 12] })));
}

// ---------------------------------------------------------------------------------------------------
// Histories (A rules)

export const FILER: HistoryActor = { userId: 'filer-1', role: 'unit_filer' };
export const FILER_2: HistoryActor = { userId: 'filer-2', role: 'unit_filer' };
export const REVIEWER: HistoryActor = { userId: 'reviewer-1', role: 'bureau_reviewer' };
export const IMPORT: HistorySource = `import:${'a'.repeat(64)}`;

export interface Step {
  command: FilingCommand;
  /** ISO time */
  at: string;
  actor?: HistoryActor;
  source?: HistorySource;
  reason?: string | null;
}

/**
 * The events `steps` record after `events`, with their metadata. As the application does, the request's
 * reason is the reason of an adjustment a SetFigure or AdjustBudget makes.
 */
export function play(events: HistoryEvent[], ...steps: Step[]): HistoryEvent[] {
  const out = [...events];
  let state = fold(out);
  for (const step of steps) {
    const reason = step.reason ?? null;
    const c = step.command;
    const command = (c.type === 'SetFigure' || c.type === 'AdjustBudget') && !c.reason ? { ...c, reason } : c;
    const produced = decide(command, state);
    for (const e of produced) out.push({ ...e, version: out.length + 1, recordedAt: step.at, actor: step.actor ?? FILER, source: step.source ?? 'ui', reason } as HistoryEvent);
    state = fold(produced, state);
  }
  return out;
}

/** 39 cells of 附件一 (13 lines × 3 columns), for changing many figures at once. */
export const EXPENSE_CELLS: string[] = ['threePublic', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'overseas', 'reception', 'projects', 'publicFunds', 'office', 'utilitiesTravel', 'meetingsTraining', 'procurement', 'basicAdjustment'].flatMap(
  (item) => ['prevActual', 'budget', 'actual'].map((column) => `basic.expense.${item}.${column}`),
);

/** An opened filing with a document imported (附件一 lines, 附件二 with scores, one project) on 2024-06-01. */
export function importedFiling(): HistoryEvent[] {
  const figures: Record<string, string> = {
    'overall.budget.initial': '100.00',
    'overall.budget.full': '100.00',
    'overall.budget.executed': '98.00',
    'overall.budget.weight': '10',
    'overall.budget.score': '9.8',
    'overall.indicators.output.quantity.培训场次.target': '≥12场',
    'overall.indicators.output.quantity.培训场次.actual': '12场',
    'overall.indicators.output.quantity.培训场次.weight': '50',
    'overall.indicators.output.quantity.培训场次.score': '45',
    'overall.indicators.benefit.social.群众知晓率.target': '≥90%',
    'overall.indicators.benefit.social.群众知晓率.actual': '88%',
    'overall.indicators.benefit.social.群众知晓率.weight': '30',
    'overall.indicators.benefit.social.群众知晓率.score': '28',
    'overall.total.weight': '100',
    'overall.total.score': '82.8',
    'project:站点建设.budget.initial': '50.00',
    'project:站点建设.budget.full': '50.00',
    'project:站点建设.budget.executed': '49.00',
    'project:站点建设.budget.score': '9.8',
  };
  for (const cell of EXPENSE_CELLS) figures[cell] = '1.00';
  return play(
    [],
    { command: { type: 'OpenFiling', countyCode: COUNTY, unitCode: 'hist', year: 2023 }, at: '2024-06-01T01:00:00.000Z' },
    { command: { type: 'AddProject', projectId: 'p1', name: '站点建设', lineName: null }, at: '2024-06-01T01:00:01.000Z', source: IMPORT },
    { command: record(figures), at: '2024-06-01T01:00:01.000Z', source: IMPORT },
    { command: { type: 'AdjustBudget', path: 'project:站点建设.budget.full', direction: 'increase', amount: '10', stated: true }, at: '2024-06-01T01:00:01.000Z', source: IMPORT },
  );
}

export const SUBMIT: FilingCommand = { type: 'SubmitFiling' };
export const RETURN = (text = '请核实执行数', path: string | null = null): FilingCommand => ({ type: 'ReturnFiling', comments: [{ path, text }] });
export const ACCEPT: FilingCommand = { type: 'AcceptFiling' };
