import { DEFAULT_GRADE_BANDS } from './grades';
import type { ScoringTemplate, TemplateNode, TemplateParameters } from './template.types';

/** Deep-frozen: a shipped template is data nobody changes in place (copy it with structuredClone). */
export function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFrozen(v);
    Object.freeze(value);
  }
  return value;
}

/** Defaults of PRODUCT.md ("Default template") and anomaly-rules.md. */
export const DEFAULT_PARAMETERS: TemplateParameters = deepFrozen({
  totalWeight: '100',
  rounding: { decimals: 2, mode: 'halfUp' },
  indicators: { lessEqual: 'ratio', qualitative: { achieved: '0.8', partial: '0.6' } },
  grades: DEFAULT_GRADE_BANDS.map((b) => ({ ...b })),
  deviation: { scoreBelowWeight: true, executionRateBelow: '90', budgetAdjusted: true, overAchievement: '130', underAchievement: '70' },
  anomalies: {
    P01AdjustmentShare: '20',
    P02ExecutionRateBelow: '90',
    P04Similarity: '0.8',
    P04MinIndicators: '4',
    P07YearOverYear: '100',
    S01RobustZ: '3',
    S02RobustZ: '3',
    statisticsMinFilings: '8',
    A03WindowHours: '24',
    roundingTolerancePerTerm: '0.01',
  },
});

/**
 * The national self-evaluation tree (财预〔2020〕10号), the same for 附件二 and every 附件三: 预算执行率 10
 * (w × min(执行率, 100%)), then the filing's own 产出 / 效益 / 满意度 indicators fitted to 50 / 30 / 10.
 */
export const NATIONAL_TREE: TemplateNode[] = deepFrozen([
  { kind: 'execution', id: 'execution', name: '预算执行率', weight: '10', method: { kind: 'proportional', full: '100', zeroBelow: null } },
  { kind: 'filingIndicators', id: 'output', name: '产出指标', weight: '50', level1: 'output' },
  { kind: 'filingIndicators', id: 'benefit', name: '效益指标', weight: '30', level1: 'benefit' },
  { kind: 'filingIndicators', id: 'satisfaction', name: '满意度指标', weight: '10', level1: 'satisfaction' },
]);

export const NATIONAL_DEFAULT_TEMPLATE: ScoringTemplate = deepFrozen({
  id: 'national-default',
  version: 1,
  name: '预算绩效自评通用模板',
  basis: '财预〔2020〕10号《项目支出绩效评价管理办法》',
  parameters: structuredClone(DEFAULT_PARAMETERS),
  trees: { overall: structuredClone(NATIONAL_TREE), project: structuredClone(NATIONAL_TREE) },
});
