import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportReport } from '@app/application';
import { cliContext, ImportFailedError, ImportService } from '@app/application';
import { AppError } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import { countyOf, withServices } from '../services';

function summary(report: ImportReport): string {
  const lines = [
    `${report.dryRun ? '预览（未写入）' : '已导入'}：${report.unit ? `${report.unit.name}（${report.unit.code}${report.created ? '，新建单位' : ''}）` : '单位未知'} ${report.year ?? '年度未知'} 年度`,
    `识别的表：${report.tablesFound.join('、') || '无'}`,
    `读取数据：${Object.entries(report.figuresRead).map(([t, n]) => `${t} ${n}`).join('，') || '无'}`,
    `${report.dryRun ? '将追加' : '追加'}事件：${report.eventsAppended}${report.eventsAppended === 0 && !report.dryRun ? '（与已有数据相同，无变化）' : ''}`,
  ];
  if (report.warnings.length) lines.push(`提示 ${report.warnings.length} 条：`, ...report.warnings.map((w) => `  ${w.line ? `第 ${w.line} 行：` : ''}${w.message}`));
  if (report.notUnderstood.length) lines.push(`未能识别 ${report.notUnderstood.length} 处：`, ...report.notUnderstood.map((n) => `  第 ${n.line} 行“${n.text}”：${n.why}`));
  return `${lines.join('\n')}\n`;
}

/** `perfledger import <file> [--county …] [--dry-run] [--json]` */
export async function importCommand(file: string, options: { county?: string; dryRun?: boolean; json?: boolean }): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new AppError('InvalidInput', 'import-file-unreadable', `无法读取文件 ${file}：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { field: 'file' });
  }
  try {
    const report = await withServices((s) =>
      new ImportService(s.pool, s.store).import(bytes, { countyCode: countyOf(options.county, s.config), fileName: basename(file), dryRun: options.dryRun, actor: cliContext().actor }),
    );
    if (options.json) printJson(report);
    else process.stdout.write(summary(report));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof ImportFailedError)) throw error;
    if (options.json) printJson({ error: { code: error.code, message: error.message }, report: error.report });
    else process.stderr.write(`perfledger: ${error.message}\n${summary(error.report)}`);
    return EXIT.checkFailed;
  }
}
