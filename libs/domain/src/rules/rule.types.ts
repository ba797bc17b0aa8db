import type { CellValue } from '../filing/filing.events';
import type { FilingState } from '../filing/filing.state';
import type { FilingScore } from '../scoring/score.types';
import type { ScoringTemplate } from '../scoring/template.types';

/**
 * The per-filing rules of anomaly-rules.md (groups C, X, P): small pure functions over one filing.
 * A rule never throws on a filing (a figure it cannot read makes it silent, or `needsReview`); thresholds
 * come from the filing's template (`template.parameters.anomalies`, `.deviation`, `.grades`).
 */
export type Severity = 'error' | 'warning' | 'info';
export type RuleGroup = 'C' | 'X' | 'P';

export interface Finding {
  /** `C01` … `P08` */
  ruleId: string;
  severity: Severity;
  /** `basic`, `overall`, `project:<name>` (display name, unescaped) or `report` */
  table: string;
  /** the figure paths involved, the first one the cell to look at */
  paths: string[];
  /** decimal strings where numeric; null where the rule has no single expected/actual value */
  expected: string | null;
  actual: string | null;
  /** Chinese, for a finance officer: what is wrong and what to do ("总分应为 108（执行率得分 10 + 指标得分 98），表中填报为 98") */
  message: string;
  messageEn: string;
}

/** Everything a rule may read about one filing. */
export interface RuleInput {
  state: FilingState;
  /** figuresOf(state): the stated figures by path */
  figures: Record<string, CellValue>;
  /** computedOf(state) merged with the template's suggested scores (the filing view's `computed`) */
  computed: Record<string, string>;
  /** scoreFiling(state, template) */
  score: FilingScore;
  template: ScoringTemplate;
}

export interface Rule {
  id: string;
  group: RuleGroup;
  /** short Chinese title (docs/rules.md, UI) */
  title: string;
  defaultSeverity: Severity;
  check(input: RuleInput): Finding[];
}
