import { AuditService, cliContext, FindingsService, parseMoment } from '@app/application';
import type { FindingState } from '@app/domain';
import { listFindings } from '@app/projections';
import { EXIT, printJson } from '../cli-output';
import { countyOf, unitJson, unitOf, withServices, yearOf } from '../services';

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;
const STATUS_ZH = { open: '待处理', acknowledged: '已确认', dismissed: '已驳回', resolved: '已解决' } as const;

interface FindingJson {
  id: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  table: string;
  paths: string[];
  expected: string | null;
  actual: string | null;
  message: string;
  messageEn: string;
  status: keyof typeof STATUS_ZH;
  reviewReason: string | null;
}

const fromState = (f: FindingState): FindingJson => ({
  id: f.findingId,
  ruleId: f.ruleId,
  severity: f.severity,
  table: f.table,
  paths: f.paths,
  expected: f.expected,
  actual: f.actual,
  message: f.message,
  messageEn: f.messageEn,
  status: f.status,
  reviewReason: f.review?.reason ?? null,
});

const ORDER = { error: 0, warning: 1, info: 2 };

/** `perfledger findings <unit> <year> [--all] [--as-of …]` */
export async function findingsCommand(unitName: string, yearText: string, options: { county?: string; asOf?: string; all?: boolean; json?: boolean }): Promise<number> {
  const year = yearOf(yearText);
  const moment = options.asOf ? parseMoment(options.asOf, '--as-of') : null;
  const { unit, findings } = await withServices(async (s) => {
    const unit = await unitOf(s, countyOf(options.county, s.config), unitName);
    const ref = { countyCode: unit.countyCode, unitCode: unit.code, year };
    let findings: FindingJson[];
    if (moment) {
      // a submission is a version; a version or a time is taken as given
      const asOf = 'submission' in moment ? { version: await new AuditService(s.pool).versionAt(s.pool, ref, moment) } : moment;
      const state = await new FindingsService(s.pool, s.store).asOf(s.pool, ref, asOf);
      findings = [...state.values()]
        .map(fromState)
        .filter((f) => options.all || f.status !== 'resolved')
        .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.table.localeCompare(b.table) || a.id.localeCompare(b.id));
    } else {
      findings = (await listFindings(s.pool, unit.countyCode, unit.code, year, options.all)).map(({ id, ruleId, severity, table, paths, expected, actual, message, messageEn, status, reviewReason }) => ({
        id,
        ruleId,
        severity,
        table,
        paths,
        expected,
        actual,
        message,
        messageEn,
        status,
        reviewReason,
      }));
    }
    return { unit, findings };
  });
  if (options.json) {
    printJson({ unit: unitJson(unit), year, asOf: options.asOf ?? null, findings });
    return EXIT.ok;
  }
  if (findings.length === 0) {
    process.stdout.write(`${unit.name} ${year} 年度：未发现问题\n`);
    return EXIT.ok;
  }
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${SEVERITY_ZH[s]} ${findings.filter((f) => f.severity === s).length}`).join('，');
  process.stdout.write(`${unit.name} ${year} 年度核验发现（${counts}）：\n`);
  for (const f of findings) {
    process.stdout.write(`[${SEVERITY_ZH[f.severity]}] ${f.ruleId} ${f.table} ${f.paths[0] ?? ''}（${STATUS_ZH[f.status]}，编号 ${f.id}）\n    ${f.message}\n`);
  }
  return EXIT.ok;
}

/** `perfledger finding ack|dismiss <id> --reason "…"` */
export async function findingReviewCommand(action: 'ack' | 'dismiss', findingId: string, options: { reason?: string; json?: boolean }): Promise<number> {
  const row = await withServices((s) =>
    new FindingsService(s.pool, s.store).review({ type: action === 'ack' ? 'AcknowledgeFinding' : 'DismissFinding', findingId, reason: options.reason ?? '' }, cliContext(options.reason)),
  );
  if (options.json) printJson({ finding: { id: row.id, ruleId: row.ruleId, status: row.status, reviewReason: row.reviewReason } });
  else process.stdout.write(`核验发现 ${row.id}（${row.ruleId}）已${action === 'ack' ? '确认' : '驳回'}：${row.reviewReason}\n`);
  return EXIT.ok;
}

/** `perfledger finding history <id>`: when it was raised, updated, resolved, reviewed — by which change and by whom. */
export async function findingHistoryCommand(findingId: string, options: { json?: boolean }): Promise<number> {
  const { row, events } = await withServices((s) => new FindingsService(s.pool, s.store).history(s.pool, findingId));
  const changes = events.map((e) => ({
    type: e.type,
    at: e.recordedAt,
    actor: e.metadata.actor.userId,
    role: e.metadata.actor.role,
    filingVersion: (e.data as { filingVersion?: number }).filingVersion ?? null,
    reason: (e.data as { reason?: string }).reason ?? e.metadata.reason ?? null,
    causationId: e.metadata.causationId ?? null,
    position: e.globalPosition,
  }));
  if (options.json) printJson({ finding: { id: row.id, ruleId: row.ruleId, table: row.table, paths: row.paths, status: row.status }, changes });
  else {
    process.stdout.write(`${row.ruleId} ${row.table} ${row.paths[0] ?? ''}（${STATUS_ZH[row.status]}）\n`);
    for (const c of changes) process.stdout.write(`  ${c.at} ${c.type}${c.filingVersion !== null ? ` 填报版本 ${c.filingVersion}` : ''} · ${c.actor}${c.reason ? ` · ${c.reason}` : ''}\n`);
  }
  return EXIT.ok;
}
