import { CountyScanService } from '@app/application';
import { EXIT, printJson } from '../cli-output';
import { countyOf, withServices, yearOf } from '../services';

/** `perfledger scan [--county C] --year Y`: the county and history rules (S, A) over a county's filings, inline. */
export async function scanCommand(options: { county?: string; year: string; json?: boolean }): Promise<number> {
  const year = yearOf(options.year);
  const progress = process.stderr.isTTY && !options.json;
  const report = await withServices((s) =>
    new CountyScanService(s.pool, s.store).scan(countyOf(options.county, s.config), year, (done, total) => {
      if (progress) process.stderr.write(`\r正在检查：${done}/${total} 份填报`);
    }),
  );
  if (progress) process.stderr.write('\n');
  if (options.json) printJson(report);
  else process.stdout.write(`已检查 ${report.countyCode} ${report.year} 年度 ${report.filings} 份填报（县级统计规则 S、修改历史规则 A），核验发现变化 ${report.changes} 处\n`);
  return EXIT.ok;
}
