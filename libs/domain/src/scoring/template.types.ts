import type { Level1 } from '../filing/filing.types';

/**
 * A scoring template is data (PRODUCT.md "Evaluation rounds, templates and scoring"): plain JSON, every
 * number a decimal string, checked by `validateTemplate`. A round is opened with one; a filing's score
 * names the template id and version it was computed with. docs/scoring.md describes the schema.
 */

/** A decimal as a string: `"10"`, `"12.5"`, `"-0.5"`. Never a JS number. */
export type DecimalString = string;

/** 优 / 良 / 中 / 差. */
export type Grade = '优' | '良' | '中' | '差';
export const GRADES: readonly Grade[] = ['优', '良', '中', '差'];

export interface ScoringTemplate {
  /** kebab-case, stable: `national-default` */
  id: string;
  /** 1, 2, …: a changed template is a new version */
  version: number;
  name: string;
  /** the document the template follows (财预〔2020〕10号) */
  basis: string;
  parameters: TemplateParameters;
  /** one tree for 附件二 (`overall`), one for every 附件三 (`project`) */
  trees: { overall: TemplateNode[]; project: TemplateNode[] };
}

export interface TemplateParameters {
  /** the weight each tree's top level adds up to: `"100"` */
  totalWeight: DecimalString;
  rounding: { decimals: number; mode: 'halfUp' | 'halfEven' };
  /** how a filing indicator is scored once its target is parsed */
  indicators: {
    /** `ratio`: A ≤ T → w, else w × T/A; `linear`: w × (2T − A)/T, 0 from 2T */
    lessEqual: 'ratio' | 'linear';
    /** 定性 tiers as fractions of the weight: 达成 [achieved·w, w], 部分达成 [partial·w, achieved·w), 未达成 [0, partial·w) */
    qualitative: { achieved: DecimalString; partial: DecimalString };
  };
  /** bands from the best down; the first whose `min` the total (scaled to 100) reaches */
  grades: { grade: Grade; min: DecimalString }[];
  /** when a 偏差原因分析 is required */
  deviation: {
    scoreBelowWeight: boolean;
    /** 执行率 below this (%) */
    executionRateBelow: DecimalString;
    budgetAdjusted: boolean;
    /** `≥` targets: A/T at or above this (%) */
    overAchievement: DecimalString;
    /** `≤` targets: A/T at or below this (%) */
    underAchievement: DecimalString;
  };
  /** thresholds of the anomaly rules (anomaly-rules.md defaults); the rules read them from here */
  anomalies: AnomalyThresholds;
}

export interface AnomalyThresholds {
  /** P01: adjustments above this share of 年初预算数 (%) */
  P01AdjustmentShare: DecimalString;
  /** P02: 执行率 below (%) */
  P02ExecutionRateBelow: DecimalString;
  /** P04: Jaccard similarity at least, over at least this many indicators */
  P04Similarity: DecimalString;
  P04MinIndicators: DecimalString;
  /** P07: year-over-year change beyond ± (%) */
  P07YearOverYear: DecimalString;
  /** S01 / S02: robust z-score above */
  S01RobustZ: DecimalString;
  S02RobustZ: DecimalString;
  /** S01–S03: skipped below this many filings in the county */
  statisticsMinFilings: DecimalString;
  /** A03: the window before the deadline (hours) */
  A03WindowHours: DecimalString;
  /** a gap of at most this per summed term is rounding (info), not an error */
  roundingTolerancePerTerm: DecimalString;
}

/** What a measure leaf does when its measure cannot be computed. */
export type UndefinedPolicy = 'manual' | 'full' | 'zero' | 'notApplicable';

export type TemplateNode = GroupNode | ExecutionNode | FilingIndicatorsNode | MeasureNode | ManualNode;

interface NodeBase {
  /** unique within its tree: `[a-z][A-Za-z0-9-]*` */
  id: string;
  name: string;
  weight: DecimalString;
}

/** Children's weights add up to the group's. */
export interface GroupNode extends NodeBase {
  kind: 'group';
  children: TemplateNode[];
}

/** The table's 年度资金总额 row: the measure is its 执行率 (%) = 全年执行数 ÷ 全年预算数; 0/0 is not applicable. */
export interface ExecutionNode extends NodeBase {
  kind: 'execution';
  method: MeasureMethod;
}

/**
 * The filing's own indicators of one 一级 group, each scored on its stated 分值 with a method inferred from
 * its parsed target (≥, ≤, =, 定性); their weights are fitted to this node's weight proportionally.
 */
export interface FilingIndicatorsNode extends NodeBase {
  kind: 'filingIndicators';
  level1: Level1;
}

/** A measure computed from figures, scored with a method. */
export interface MeasureNode extends NodeBase {
  kind: 'measure';
  /** the measure's unit, for display: `%` for rates */
  unit: string;
  formula: Formula;
  method: MeasureMethod;
  /** an input empty, `——` or text */
  whenMissing: UndefinedPolicy;
  /** a division by zero */
  whenZeroDenominator: UndefinedPolicy;
}

/** Judged by a person. The forms hold no score for it: it is pending (flagged), and its weight goes to what was scored. */
export interface ManualNode extends NodeBase {
  kind: 'manual';
}

/**
 * Arithmetic over figures. `figure` reads the stated value, else the computed one; `$` as the first
 * segment is the table being scored (`$.budget.full` → `overall.budget.full` or `project:<name>.budget.full`).
 * A rate figure reads as its percentage number (`"70%"` → 70).
 */
export type Formula = { figure: string } | { const: DecimalString } | { op: 'add' | 'sub' | 'mul' | 'div'; args: Formula[] };

export type MeasureMethod =
  /** w × min(m, full) / full; below `zeroBelow` → 0 */
  | { kind: 'proportional'; full: DecimalString; zeroBelow: DecimalString | null }
  /** m ≥ T → w; else w × m/T */
  | { kind: 'greaterEqual'; target: DecimalString }
  /** m ≤ T → w; else w × T/m (`ratio`) or w × (2T − m)/T (`linear`) */
  | { kind: 'lessEqual'; target: DecimalString; variant: 'ratio' | 'linear' }
  /** T = 0 → (m ≤ 0 ? w : 0); else as ≥ */
  | { kind: 'equal'; target: DecimalString }
  /** full marks up to `threshold`; each `per` beyond it (above or below) costs `points` */
  | { kind: 'deduction'; direction: 'above' | 'below'; threshold: DecimalString; per: DecimalString; points: DecimalString; stepping: Stepping }
  /** the first step whose bound the measure does not pass: m ≤ upTo (or m < upTo when not inclusive); null = the rest */
  | { kind: 'stepTable'; steps: { upTo: DecimalString | null; inclusive: boolean; score: DecimalString }[] }
  /** a person scores it */
  | { kind: 'manual' };

/**
 * How a deduction counts a partial step: `proportional` (8.70 points over at 0.5 per point → 4.35),
 * `perStartedStep` (ceil), `perCompletedStep` (floor).
 */
export type Stepping = 'proportional' | 'perStartedStep' | 'perCompletedStep';
