import { joinPath } from '../figure-path';
import type { CellValue } from '../filing/filing.events';
import { Dec, computedFullBudget, formatAmount, numericOf } from '../filing/filing.figures';
import { projectDisplayNames } from '../filing/filing.paths';
import type { BudgetRowState, FilingState, ProjectState, SheetState } from '../filing/filing.state';
import type { AnomalyThresholds } from '../scoring/template.types';
import type { Finding, RuleInput, Severity } from './rule.types';

/**
 * What the X and P rules share (anomaly-rules.md, groups X and P): reading figures as decimals, the
 * template's thresholds, the rounding tolerance, and building findings. Pure; nothing here throws on a
 * filing (a figure that cannot be read is `null`, and the rule stays silent about it).
 */

/** The numeric value of a cell (`"98%"` → 98); null for empty, `——`, text, `n/a` and undefined. */
export function num(value: CellValue | undefined): Dec | null {
  if (value === undefined || value === null) return null;
  try {
    return numericOf(value);
  } catch {
    return null;
  }
}

/** The stated figure at `path`, as a number. */
export function statedAt(input: RuleInput, path: string): Dec | null {
  return num(input.figures[path]);
}

/** The stated figure at `path`, else the computed one (`n/a` is no number). */
export function statedOrComputed(input: RuleInput, path: string): Dec | null {
  return statedAt(input, path) ?? num(input.computed[path]);
}

/** Defaults of anomaly-rules.md, used only when the template's parameter is missing or not a number. */
const DEFAULT_THRESHOLDS: Record<string, string> = {
  P01AdjustmentShare: '20',
  P02ExecutionRateBelow: '90',
  P04Similarity: '0.8',
  P04MinIndicators: '4',
  P07YearOverYear: '100',
  roundingTolerancePerTerm: '0.01',
};

/** A threshold of `template.parameters.anomalies`. */
export function threshold(input: RuleInput, key: keyof AnomalyThresholds): Dec {
  const printed = input.template?.parameters?.anomalies?.[key];
  const value = typeof printed === 'string' ? num(printed) : null;
  return value ?? new Dec(DEFAULT_THRESHOLDS[key] ?? '0');
}

/** A gap no larger than this is a rounding difference: 0.01 (the template's) per summed term. */
export function tolerance(input: RuleInput, terms: number): Dec {
  return threshold(input, 'roundingTolerancePerTerm').times(Math.max(terms, 1));
}

/** Half a unit of the last decimal printed (`"3.5"` → 0.05, `"100%"` → 0.5): what rounding to that precision may hide. */
export function printedHalfUnit(printed: CellValue): Dec {
  const text = (printed ?? '').replace(/[,%\s]/gu, '');
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  return new Dec(5).dividedBy(new Dec(10).toPower(decimals + 1));
}

/** Amounts: 2 decimals (`"476.19"`). */
export const amount = (d: Dec): string => formatAmount(d);
/** Percentages in messages and in expected/actual: 2 decimals, no `%` sign (`"584.21"`). */
export const percent = (d: Dec): string => d.toFixed(2, Dec.ROUND_HALF_UP);
/** A number without forced decimals (counts, thresholds: `"10"`, `"0.8"`). */
export const plain = (d: Dec): string => d.toFixed();

export const path = (...segments: string[]): string => joinPath(segments);

export function finding(
  ruleId: string,
  severity: Severity,
  table: string,
  paths: string[],
  expected: string | null,
  actual: string | null,
  message: string,
  messageEn: string,
): Finding {
  return { ruleId, severity, table, paths, expected, actual, message, messageEn };
}

/** A rule never throws on a filing: a failure of its own makes it silent (its unguarded function is tested). */
export function guarded(check: (input: RuleInput) => Finding[]): (input: RuleInput) => Finding[] {
  return (input) => {
    try {
      return check(input);
    } catch {
      return [];
    }
  };
}

/** The 全年预算数 of a budget row: the stated one, else the one computed from 年初 and the adjustments. */
export function fullOf(row: BudgetRowState | undefined): Dec | null {
  if (!row) return null;
  const stated = num(row.full);
  if (stated !== null) return stated;
  try {
    return computedFullBudget(row);
  } catch {
    return null;
  }
}

/** A project with a 附件三 table, its display name (`#n` when two share a name) and its table label. */
export interface ProjectTable {
  project: ProjectState;
  name: string;
  /** `project:<name>` as a finding's `table` (unescaped) */
  table: string;
  sheet: SheetState;
}

export function projectTables(state: FilingState): ProjectTable[] {
  const { tables } = projectDisplayNames(state);
  return state.projects
    .filter((p) => p.name !== null && tables.has(p.projectId))
    .map((p) => {
      const name = tables.get(p.projectId) as string;
      return { project: p, name, table: `project:${name}`, sheet: p.sheet };
    });
}

/** 附件二 and every 附件三: the sheets whose budget rows and indicators the P rules read. */
export interface SheetRef {
  table: string;
  sheet: SheetState;
  /** how a finance officer names it: 附件二 / 附件三“业务经费” */
  label: string;
  labelEn: string;
}

export function sheetsOf(state: FilingState): SheetRef[] {
  return [
    { table: 'overall', sheet: state.overall, label: '附件二（部门整体支出绩效自评表）', labelEn: '附件二 (overall table)' },
    ...projectTables(state).map((p) => ({ table: p.table, sheet: p.sheet, label: `附件三“${p.name}”`, labelEn: `附件三 "${p.name}"` })),
  ];
}
