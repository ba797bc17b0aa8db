import type { Level1, Level2 } from '../filing/filing.types';
import type { ParsedActual, ParsedTarget } from './target';
import type { Grade, MeasureMethod, TemplateNode } from './template.types';

/**
 * What `scoreFiling` returns: per table (附件二 and each 附件三) the stated figures beside the suggested
 * ones. Every number is a decimal string with the template's decimals (2), never a float.
 */

/** `scored`; `notApplicable` (`——`, 0/0: its weight goes to its applicable siblings); `pending` (a person must score it: its weight goes to everything scored in the table). */
export type ItemStatus = 'scored' | 'notApplicable' | 'pending';

/** The method that produced a suggested score; `manual` when the stated score was taken. */
export type MethodUsed = MeasureMethod['kind'] | 'qualitative';

export type DeviationTrigger = 'scoreBelowWeight' | 'targetMissed' | 'overAchievement' | 'underAchievement' | 'executionRateBelow' | 'budgetAdjusted';

/** Whether a 偏差原因分析 is required (any trigger fired) and whether one is written (null: the row has no such cell). */
export interface DeviationCheck {
  required: boolean;
  triggers: DeviationTrigger[];
  explained: boolean | null;
}

/** A scored leaf: its suggested score on its own weight, and what it contributes after rescaling. */
export interface ScoredItem {
  /** the leaf's weight: the template's, or a filing indicator's stated 分值 */
  weight: string;
  /** its share of the table after redistribution and fitting (equal to `weight` in the usual case) */
  effectiveWeight: string;
  /** the suggested score on `weight`, in [0, weight]; null unless scored */
  suggested: string | null;
  /** suggested × effectiveWeight / weight: what the leaf adds to its group, in [0, effectiveWeight] */
  contribution: string;
  status: ItemStatus;
  method: MethodUsed | null;
  needsReview: boolean;
  notes: string[];
}

export interface ExecutionRow extends ScoredItem {
  /** `<table>.budget` */
  path: string;
  nodeId: string;
  /** the 年度资金总额 row's 分值 / 执行率 / 自评得分 as printed */
  stated: { weight: string | null; rate: string | null; score: string | null };
  /** 全年执行数 ÷ 全年预算数 (`"100.00%"`, `"n/a"` for a zero budget), null when a figure is missing */
  rate: string | null;
  deviation: DeviationCheck;
}

export interface IndicatorRow extends ScoredItem {
  /** `<table>.indicators.<l1>.<l2>.<name>` */
  path: string;
  indicatorId: string;
  level1: Level1;
  level2: Level2;
  name: string;
  /** the filingIndicators node that scores it; null when the template covers no such 一级 group */
  nodeId: string | null;
  target: ParsedTarget;
  actual: ParsedActual;
  stated: { weight: string | null; score: string | null };
  deviation: DeviationCheck;
}

/** One 一级 group of the filing: the declared heading, the stated sums and the suggested sum. */
export interface GroupRow {
  /** `<table>.groups.<l1>` */
  path: string;
  level1: Level1;
  /** the weight the heading declares ("(30 分)") as printed */
  declaredWeight: string | null;
  /** Σ the indicators' stated 分值 and 自评得分 */
  stated: { weight: string; score: string };
  /** the template's weight for this group; null when no node covers it */
  templateWeight: string | null;
  effectiveWeight: string;
  /** Σ the indicators' contributions */
  suggested: string;
}

/** A node of the template tree as scored (filing-indicator nodes expanded to `indicator` children). */
export interface ScoredNode {
  id: string;
  kind: TemplateNode['kind'] | 'indicator';
  name: string;
  weight: string;
  effectiveWeight: string;
  /** groups: Σ children's contributions; leaves: the contribution */
  score: string;
  /** leaves: the suggested score on `weight` */
  suggested: string | null;
  status: ItemStatus;
  method: MethodUsed | null;
  /** the measure a measure or execution leaf scored (`"108.70%"`), null otherwise */
  measure: string | null;
  needsReview: boolean;
  notes: string[];
  children: ScoredNode[];
}

export interface TableScore {
  /** `overall` or `project:<name>` (the display name, unescaped) */
  table: string;
  tree: 'overall' | 'project';
  execution: ExecutionRow | null;
  indicators: IndicatorRow[];
  groups: GroupRow[];
  nodes: ScoredNode[];
  total: {
    /** the 总分 row as printed */
    stated: { weight: string | null; score: string | null };
    /** Σ stated 分值 / 自评得分 of the execution row and the indicators */
    statedItems: { weight: string; score: string };
    /** the weight the suggested total is out of (the template's 100 unless nothing applies) */
    weight: string;
    suggested: string;
  };
  grade: {
    /** report.statedGrade as printed (附件二 only) */
    statedWord: string | null;
    stated: Grade | null;
    /** the band of the printed 总分 自评得分 */
    ofStatedTotal: Grade | null;
    suggested: Grade | null;
  };
  /** how many leaves need a person (unparsed targets, manual leaves, missing figures) */
  needsReview: number;
}

export interface FilingScore {
  template: { id: string; version: number };
  tables: TableScore[];
}
