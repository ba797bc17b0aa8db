import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PER_FILING_RULES } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import type { FindingRow } from '@app/projections';
import { listFindings } from '@app/projections';
import { createTestDatabase } from '../../../test/support/test-database';
import type { ImportReport } from './import.service';
import { ImportService } from './import.service';
import { UnitCommandHandler } from './unit.service';

/**
 * Issue 6: two documents written for the tests in the fixture's layout, imported with the real
 * ImportService into a fresh database (the rules run in the import's transaction), give exactly the
 * expected findings. `rules-clean-2024-*` is complete and consistent: no rule of groups C, X, P raises
 * anything. `rules-planted-2024-*` is a copy of it with errors planted so that every rule fires once;
 * `rules-planted-2024.expected.json` documents each planted error (line, what, rule) and the findings
 * reasoned from docs/rules.md (the rules as implemented) and libs/domain/src/rules/.
 */
const FIXTURES = join(__dirname, '../../../test/fixtures');
const COUNTY = '430521';
const actor = { userId: 'filer-1', role: 'unit_filer' };

interface ExpectedFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  table: string;
  firstPath: string;
  expected?: string | null;
  actual?: string | null;
  plantedError: string;
}
interface PlantedExpectation {
  unitName: string;
  year: number;
  import: { notUnderstood: unknown[]; warnings: { line: number; message: string }[] };
  plantedErrors: { id: string; lines: number[]; rules: string[] }[];
  findings: ExpectedFinding[];
}

const planted: PlantedExpectation = JSON.parse(readFileSync(join(FIXTURES, 'rules-planted-2024.expected.json'), 'utf8'));

/** Imports one document into a database of its own and returns the import report and the open findings. */
async function importAlone(file: string): Promise<{ report: ImportReport; findings: FindingRow[] }> {
  const db = await createTestDatabase(`rules_${file.split('-')[1]}`);
  try {
    const store = new PostgresEventStore(db.app);
    await new UnitCommandHandler(db.app, store).registerCounty(COUNTY, '云溪县', { actor, source: 'api' });
    const report = await new ImportService(db.app, store).import(readFileSync(join(FIXTURES, file)), { countyCode: COUNTY, actor, fileName: file });
    const findings = await listFindings(db.app, COUNTY, report.unit!.code, report.year!);
    return { report, findings };
  } finally {
    await db.drop();
  }
}

type Tuple = (string | null)[];
const byTuple = (a: Tuple, b: Tuple) => JSON.stringify(a).localeCompare(JSON.stringify(b));
const key = (f: { ruleId: string; severity: string; table: string }, firstPath: string | undefined) => JSON.stringify([f.ruleId, f.severity, f.table, firstPath ?? null]);

/** [ruleId, severity, table, firstPath], plus expected / actual where the expectation gives them. */
function expectedTuples(findings: ExpectedFinding[]): Tuple[] {
  return findings
    .map((f) => [f.ruleId, f.severity, f.table, f.firstPath, ...('expected' in f ? [f.expected ?? null] : []), ...('actual' in f ? [f.actual ?? null] : [])])
    .sort(byTuple);
}

function actualTuples(rows: FindingRow[], expectations: ExpectedFinding[]): Tuple[] {
  const wanted = new Map(expectations.map((e) => [key(e, e.firstPath), e]));
  return rows
    .map((r) => {
      const e = wanted.get(key(r, r.paths[0]));
      const withExpected = !e || 'expected' in e;
      const withActual = !e || 'actual' in e;
      return [r.ruleId, r.severity, r.table, r.paths[0] ?? null, ...(withExpected ? [r.expected] : []), ...(withActual ? [r.actual] : [])];
    })
    .sort(byTuple);
}

describe('rules on documents written for the tests (fixture layout)', () => {
  it('the clean document parses fully and raises no finding of any rule', async () => {
    const { report, findings } = await importAlone('rules-clean-2024-self-evaluation.txt');
    expect(report).toMatchObject({ created: true, year: 2024, unit: { name: '云溪县水利局' }, notUnderstood: [], warnings: [] });
    expect(report.tablesFound).toEqual(['basic', 'overall', 'project:小型水库除险加固', 'project:农村饮水安全巩固提升', 'report']);
    expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.table} ${f.paths[0]}: ${f.message}`)).toEqual([]);
  });

  it('the expectation plants an error for every per-filing rule (C01–C16, X01–X04, P01–P08), each behind a documented line', () => {
    expect([...new Set(planted.findings.map((f) => f.ruleId))].sort()).toEqual(PER_FILING_RULES.map((r) => r.id).sort());
    const errors = new Map(planted.plantedErrors.map((p) => [p.id, p]));
    for (const f of planted.findings) {
      expect([f.ruleId, errors.get(f.plantedError)?.rules.includes(f.ruleId)]).toEqual([f.ruleId, true]);
    }
  });

  it('the planted document parses fully and gives exactly the expected findings', async () => {
    const { report, findings } = await importAlone('rules-planted-2024-self-evaluation.txt');
    expect(report).toMatchObject({ created: true, year: planted.year, unit: { name: planted.unitName }, notUnderstood: planted.import.notUnderstood });
    expect(report.warnings.map((w) => w.line)).toEqual(planted.import.warnings.map((w) => w.line));
    expect(actualTuples(findings, planted.findings)).toEqual(expectedTuples(planted.findings));
  });
});
