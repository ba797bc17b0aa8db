import type { ImportReport } from '@app/application';
import { cliContext, ImportService, UnitCommandHandler } from '@app/application';
import type { InjectedAnomaly } from '@app/demo';
import { describeAnomalies, generateCounty } from '@app/demo';
import { findCounty } from '@app/projections';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import { countyOf, withServices } from '../services';

function positiveInt(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = /^\d+$/u.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new AppError('InvalidInput', 'invalid-option', `--${name} 应为 1–${max} 之间的整数，实为“${text}”`, { field: name });
  return n;
}

/**
 * `perfledger demo [--units N] [--seed S] [--year Y] [--county C]`: a deterministic synthetic county —
 * documents in the official layout, some with injected anomalies — imported through the same path as a
 * real file, each document in its own transaction. Prints the injected anomalies it can be checked against.
 */
export async function demoCommand(options: { units?: string; seed?: string; year?: string; county?: string; json?: boolean }): Promise<number> {
  const units = positiveInt('units', options.units, 40, 20_000);
  const seed = positiveInt('seed', options.seed, 1, 2 ** 31 - 1);
  const year = positiveInt('year', options.year, 2024, 2100);
  const county = generateCounty({ units, seed, year });
  const progress = process.stderr.isTTY && !options.json;
  const reports: ImportReport[] = await withServices(async (s) => {
    const code = countyOf(options.county, s.config);
    if (!(await findCounty(s.pool, code))) await new UnitCommandHandler(s.pool, s.store).registerCounty(code, county.county, cliContext('演示数据'));
    const importer = new ImportService(s.pool, s.store);
    const done: ImportReport[] = [];
    for (const [i, doc] of county.documents.entries()) {
      done.push(await importer.import(Buffer.from(doc.text, 'utf8'), { countyCode: code, fileName: `demo-${seed}-${i + 1}.txt`, actor: cliContext().actor }));
      if (progress) process.stderr.write(`\r正在生成演示数据：${i + 1}/${county.documents.length} 个单位`);
    }
    if (progress) process.stderr.write('\n');
    return done;
  });
  const events = reports.reduce((n, r) => n + r.eventsAppended, 0);
  if (options.json) {
    printJson({
      county: county.county,
      year,
      seed,
      units: reports.map((r) => r.unit),
      eventsAppended: events,
      anomalies: county.anomalies.map((a: InjectedAnomaly) => ({ ...a, unit: reports.find((r) => r.unit?.name === a.unitName)?.unit ?? null })),
    });
  } else {
    process.stdout.write(`已导入 ${reports.length} 个单位的 ${year} 年度自评（种子 ${seed}），追加事件 ${events} 个。\n${describeAnomalies(county)}\n`);
  }
  return EXIT.ok;
}
