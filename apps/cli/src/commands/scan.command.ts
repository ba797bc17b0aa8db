import { CountyScanService, CountySummaryService, ScanReport } from '@app/application';
import { countyYears, listCounties } from '@app/projections';
import { EXIT, printJson } from '../cli-output';
import { withServices, yearOf } from '../services';

/**
 * `perfledger scan [--county C] [--year Y]`: the county and history rules (S, A) over a county's filings,
 * inline, then its summary. Without --year: every year the county has; without --county and
 * PERFLEDGER_COUNTY: every county.
 */
export async function scanCommand(options: { county?: string; year?: string; json?: boolean }): Promise<number> {
  const year = options.year === undefined ? null : yearOf(options.year);
  const progress = process.stderr.isTTY && !options.json;
  const scans = await withServices(async (s) => {
    const county = options.county?.trim() || s.config.defaultCounty;
    const counties = county ? [county] : (await listCounties(s.pool)).map((c) => c.code);
    const scanner = new CountyScanService(s.pool, s.store);
    const summaries = new CountySummaryService(s.pool);
    const reports: ScanReport[] = [];
    for (const countyCode of counties) {
      for (const y of year === null ? await countyYears(s.pool, countyCode) : [year]) {
        reports.push(
          await scanner.scan(countyCode, y, (done, total) => {
            if (progress) process.stderr.write(`\r${countyCode} ${y} 年度：正在检查 ${bar(done, total)} ${done}/${total} 份填报`);
          }),
        );
        if (progress) process.stderr.write('\n');
        await summaries.recompute(countyCode, y, { force: true });
      }
    }
    return reports;
  });
  const totals = { filings: scans.reduce((n, r) => n + r.filings, 0), changes: scans.reduce((n, r) => n + r.changes, 0) };
  if (options.json) printJson({ scans, ...totals });
  else {
    for (const r of scans) process.stdout.write(`已检查 ${r.countyCode} ${r.year} 年度 ${r.filings} 份填报（县级统计规则 S、修改历史规则 A），核验发现变化 ${r.changes} 处\n`);
    if (scans.length === 0) process.stdout.write('没有可检查的填报\n');
  }
  return EXIT.ok;
}

function bar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
