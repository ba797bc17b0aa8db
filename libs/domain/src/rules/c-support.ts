import { joinPath } from '../figure-path';
import type { CellValue } from '../filing/filing.events';
import { Dec, numericOf } from '../filing/filing.figures';
import { indicatorDisplayNames, projectDisplayNames } from '../filing/filing.paths';
import type { IndicatorState, ProjectState, SheetState } from '../filing/filing.state';
import type { Level2 } from '../filing/filing.types';
import { LEVEL2_LABELS } from '../filing/filing.view';
import type { IndicatorRow, TableScore } from '../scoring/score.types';
import type { Finding, Rule, RuleInput, Severity } from './rule.types';

/**
 * Shared helpers of the group C rules (consistency inside one table): the tables a filing holds, paths,
 * number formats for findings and messages, the rounding tolerance. Internal to `rules/`.
 */

/** 附件二 or one 附件三, with its score under the filing's template. */
export interface CSheet {
  /** `overall` or `project:<display name>` (unescaped) */
  table: string;
  kind: 'overall' | 'project';
  sheet: SheetState;
  /** the table's score (scoreFiling), null if the scorer did not score it */
  score: TableScore | null;
  project: ProjectState | null;
  /** how a message names the table: `附件二`, `附件三“业务经费”` */
  label: string;
  /** English: `附件二 (overall)`, `附件三 "业务经费"` */
  labelEn: string;
  /** display names of the sheet's indicators, by id (`名称#2` for a second row of one name) */
  names: Map<string, string>;
}

export function sheetsOf(input: RuleInput): CSheet[] {
  const scoreOf = (table: string) => input.score.tables.find((t) => t.table === table) ?? null;
  const sheets: CSheet[] = [
    { table: 'overall', kind: 'overall', sheet: input.state.overall, score: scoreOf('overall'), project: null, label: '附件二', labelEn: '附件二 (overall)', names: indicatorDisplayNames(input.state.overall.indicators) },
  ];
  const { tables } = projectDisplayNames(input.state);
  for (const p of input.state.projects) {
    const name = tables.get(p.projectId);
    if (p.name === null || name === undefined) continue;
    const table = `project:${name}`;
    sheets.push({ table, kind: 'project', sheet: p.sheet, score: scoreOf(table), project: p, label: `附件三“${name}”`, labelEn: `附件三 "${name}"`, names: indicatorDisplayNames(p.sheet.indicators) });
  }
  return sheets;
}

/** A figure path under a table (`overall`, `project:<name>`, `basic`, `report`), escaped. */
export const pathOf = (table: string, ...segments: string[]): string => joinPath([table, ...segments]);

export function indicatorPath(s: CSheet, i: IndicatorState, field: string): string {
  return pathOf(s.table, 'indicators', i.level1, i.level2, s.names.get(i.indicatorId) ?? i.name, field);
}

/** `质量指标“较好履行了工作职责…”` */
export function indicatorLabel(s: CSheet, i: { indicatorId: string; level2: Level2; name: string }): string {
  return `${LEVEL2_LABELS[i.level2]}“${s.names.get(i.indicatorId) ?? i.name}”`;
}

export function indicatorLabelEn(s: CSheet, i: { indicatorId: string; level2: Level2; name: string }): string {
  return `indicator "${s.names.get(i.indicatorId) ?? i.name}"`;
}

export function rowOf(s: CSheet, indicatorId: string): IndicatorRow | null {
  return s.score?.indicators.find((r) => r.indicatorId === indicatorId) ?? null;
}

/** Money and scores in `expected` / `actual`: two decimals, as the forms print money. */
export const two = (d: Dec): string => d.toFixed(2, Dec.ROUND_HALF_UP);

/** A number in a message: at most two decimals, no trailing zeros (`108`, `12.5`, `557.69`). */
export function show(d: Dec): string {
  const fixed = d.toFixed(2, Dec.ROUND_HALF_UP);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/u, '') : fixed;
}

/** Money in a message: two decimals (`557.70`). */
export const money = (d: Dec): string => two(d);

/** Σ of decimals (0 for none). */
export const total = (values: Dec[]): Dec => values.reduce((s, v) => s.plus(v), new Dec(0));

export const nonNull = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/** The rounding tolerance for a sum of `terms` terms (anomaly-rules.md: 0.01 per summed term). */
export function tolerance(input: RuleInput, terms: number): Dec {
  const per = numericOf(input.template.parameters.anomalies?.roundingTolerancePerTerm ?? '0.01') ?? new Dec('0.01');
  return per.times(Math.max(terms, 1));
}

/** A gap that is not zero: `info` when within the rounding tolerance, else the rule's severity. */
export function gapSeverity(input: RuleInput, gap: Dec, terms: number, severity: Severity): Severity {
  return gap.abs().lte(tolerance(input, terms)) ? 'info' : severity;
}

/** An empty cell: nothing written (null or blank). `——` is written (not applicable). */
export function isEmpty(value: CellValue | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** A 偏差原因 that explains nothing: empty, a dash, or 无. */
export function explainsNothing(value: CellValue | undefined): boolean {
  if (isEmpty(value)) return true;
  const text = (value as string).replace(/[\s。．.]/gu, '');
  return /^(?:[—–―─\-/／]+|无)$/u.test(text);
}

/** Builds a finding of `rule`, its default severity unless told otherwise. */
export function findingOf(rule: Pick<Rule, 'id' | 'defaultSeverity'>, f: Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity }): Finding {
  const { severity, ...rest } = f;
  return { ruleId: rule.id, severity: severity ?? rule.defaultSeverity, ...rest };
}

/** The Chinese note appended to a rounding-level gap. */
export const ROUNDING_NOTE = '（差额在四舍五入误差范围内）';
export const ROUNDING_NOTE_EN = ' (within rounding)';
