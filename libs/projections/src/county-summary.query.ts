import type { CountySummary, SummaryFilingInput } from '@app/domain';
import { summarizeCounty } from '@app/domain';
import type { SqlClient } from '@app/event-store';

/**
 * The county summary of one year, computed from the filing views and the findings read model (only the
 * figures it needs are read out of each view's JSON). Findings that count are those still to deal with:
 * open or acknowledged.
 */
export async function countySummary(db: SqlClient, county: { code: string; name: string }, year: number): Promise<CountySummary> {
  const units = await db.query(`SELECT code, name FROM perfledger.units WHERE county_code = $1 ORDER BY code`, [county.code]);
  const names = new Map<string, string>(units.rows.map((u) => [u.code, u.name]));
  const views = await db.query(
    `SELECT unit_code, status,
            figures ->> 'overall.budget.full'      AS full,
            figures ->> 'overall.budget.executed'  AS executed,
            figures ->> 'overall.total.score'      AS total_score,
            figures ->> 'report.statedGrade'       AS grade_word,
            computed ->> 'overall.budget.full'     AS computed_full,
            computed ->> 'overall.total.score'     AS computed_total,
            computed ->> 'overall.total.grade'     AS computed_grade
       FROM perfledger.filing_views WHERE county_code = $1 AND year = $2 ORDER BY unit_code`,
    [county.code, year],
  );
  const findings = await db.query(
    `SELECT unit_code, rule_id, severity FROM perfledger.findings
      WHERE county_code = $1 AND year = $2 AND status IN ('open', 'acknowledged')`,
    [county.code, year],
  );
  const byUnit = new Map<string, SummaryFilingInput['findings']>();
  for (const f of findings.rows) {
    const list = byUnit.get(f.unit_code) ?? [];
    list.push({ ruleId: f.rule_id, severity: f.severity });
    byUnit.set(f.unit_code, list);
  }
  return summarizeCounty({
    county,
    year,
    units: units.rows.map((u) => ({ code: u.code, name: u.name })),
    filings: views.rows.map((v) => ({
      unit: { code: v.unit_code, name: names.get(v.unit_code) ?? v.unit_code },
      status: v.status,
      stated: { full: v.full, executed: v.executed, totalScore: v.total_score, gradeWord: v.grade_word },
      computed: { full: v.computed_full, totalScore: v.computed_total, grade: v.computed_grade },
      findings: byUnit.get(v.unit_code) ?? [],
    })),
  });
}
