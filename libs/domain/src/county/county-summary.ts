import { Dec, formatAmount, formatRate, numericOf } from '../filing/filing.figures';
import type { WorkflowState } from '../filing/filing.types';
import { gradeOfWord } from '../filing/report-lexicon';

/** One unit's filing as the county summary reads it (from the filing view and its findings). */
export interface SummaryFilingInput {
  unit: { code: string; name: string };
  status: WorkflowState;
  /** 附件二 stated: 全年预算数, 全年执行数, 总分 自评得分; the report's stated grade word */
  stated: { full: string | null; executed: string | null; totalScore: string | null; gradeWord: string | null };
  /** computed: 全年预算数 (when recorded adjustments give one), suggested 总分 and grade */
  computed: { full: string | null; totalScore: string | null; grade: string | null };
  /** findings still to deal with (open or acknowledged): severity and rule of each */
  findings: { ruleId: string; severity: 'error' | 'warning' | 'info' }[];
}

export interface CountySummaryInput {
  county: { code: string; name: string };
  year: number;
  /** every unit registered in the county */
  units: { code: string; name: string }[];
  filings: SummaryFilingInput[];
}

type Grades = { 优: number; 良: number; 中: number; 差: number };

export interface CountySummary {
  county: { code: string; name: string };
  year: number;
  /** units registered in the county */
  units: number;
  /** filings by workflow state; `none`: units without a filing for the year */
  filings: Record<WorkflowState | 'none', number>;
  budget: { full: string; executed: string; rate: string };
  scores: { selfAverage: string | null; computedAverage: string | null };
  grades: { stated: Grades; computed: Grades };
  findings: { bySeverity: { error: number; warning: number; info: number }; byRule: Record<string, number> };
  /** by the gap between self and computed score (largest first), then by open errors */
  ranking: { unit: { code: string; name: string }; selfScore: string | null; computedScore: string | null; gap: string | null; openErrors: number }[];
}

const emptyGrades = (): Grades => ({ 优: 0, 良: 0, 中: 0, 差: 0 });

function average(values: (Dec | null)[]): string | null {
  const known = values.filter((v): v is Dec => v !== null);
  if (known.length === 0) return null;
  return formatAmount(known.reduce((a, b) => a.plus(b), new Dec(0)).dividedBy(known.length));
}

/**
 * The county summary (PRODUCT.md's `summary` shape): pure, from the filing views and their findings.
 * Amounts in 万元 with 2 decimals; the execution rate as a percentage ("n/a" for a zero budget).
 */
export function summarizeCounty(input: CountySummaryInput): CountySummary {
  const filings: CountySummary['filings'] = { none: 0, draft: 0, submitted: 0, accepted: 0, published: 0 };
  const withFiling = new Set(input.filings.map((f) => f.unit.code));
  filings.none = input.units.filter((u) => !withFiling.has(u.code)).length;
  let full = new Dec(0);
  let executed = new Dec(0);
  const grades = { stated: emptyGrades(), computed: emptyGrades() };
  const bySeverity = { error: 0, warning: 0, info: 0 };
  const byRule: Record<string, number> = {};
  const ranking: CountySummary['ranking'] = [];
  for (const f of input.filings) {
    filings[f.status] += 1;
    full = full.plus(numericOf(f.stated.full) ?? numericOf(f.computed.full) ?? 0);
    executed = executed.plus(numericOf(f.stated.executed) ?? 0);
    const stated = gradeOfWord(f.stated.gradeWord);
    if (stated) grades.stated[stated] += 1;
    const computed = f.computed.grade as keyof Grades | null;
    if (computed && computed in grades.computed) grades.computed[computed] += 1;
    for (const x of f.findings) {
      bySeverity[x.severity] += 1;
      byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
    }
    const self = numericOf(f.stated.totalScore);
    const suggested = numericOf(f.computed.totalScore);
    ranking.push({
      unit: f.unit,
      selfScore: self === null ? null : formatAmount(self),
      computedScore: suggested === null ? null : formatAmount(suggested),
      gap: self === null || suggested === null ? null : formatAmount(self.minus(suggested)),
      openErrors: f.findings.filter((x) => x.severity === 'error').length,
    });
  }
  ranking.sort((a, b) => {
    const ga = a.gap === null ? null : new Dec(a.gap);
    const gb = b.gap === null ? null : new Dec(b.gap);
    if (ga !== null && gb !== null && !ga.equals(gb)) return gb.comparedTo(ga);
    if ((ga === null) !== (gb === null)) return ga === null ? 1 : -1;
    return b.openErrors - a.openErrors || a.unit.code.localeCompare(b.unit.code);
  });
  return {
    county: input.county,
    year: input.year,
    units: input.units.length,
    filings,
    budget: { full: formatAmount(full), executed: formatAmount(executed), rate: full.isZero() ? 'n/a' : formatRate(executed.dividedBy(full)) },
    scores: {
      selfAverage: average(input.filings.map((f) => numericOf(f.stated.totalScore))),
      computedAverage: average(input.filings.map((f) => numericOf(f.computed.totalScore))),
    },
    grades,
    findings: { bySeverity, byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => a.localeCompare(b))) },
    ranking,
  };
}
