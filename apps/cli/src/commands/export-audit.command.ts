import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { COUNTY_CODE, countyStreamId } from '@app/domain';
import { AuditExportSummary, AuditScope, countyAuditScope, exportAudit } from '@app/event-store';
import { CliFailure, EXIT, printJson } from '../cli-output';
import { withAppPool } from '../database';

/**
 * `perfledger export-audit <file> [--county <code>]`: the audit package (docs/audit.md), written to
 * `<file>.partial` page by page and renamed to `<file>` once complete, so a failed export never leaves
 * a file that looks whole.
 */
export async function exportAuditCommand(file: string, options: { county?: string; json?: boolean }): Promise<number> {
  const county = options.county?.trim();
  if (county !== undefined && !COUNTY_CODE.test(county)) {
    throw new CliFailure('invalid-county', `行政区划代码应为 6 位数字 (a county code is 6 digits), got "${county}"`, EXIT.usage);
  }
  const scope: AuditScope = county ? countyAuditScope(county) : { kind: 'full' };
  const partial = `${file}.partial`;
  const summary = await withAppPool(async (pool) => {
    if (county) {
      const { rows } = await pool.query(`SELECT 1 FROM perfledger.streams s WHERE s.stream_id = $1 AND s.version > 0`, [countyStreamId(county)]);
      if (rows.length === 0) {
        throw new CliFailure('county-not-found', `行政区划 ${county} 尚未登记 (county ${county} is not in the log)`, EXIT.usage);
      }
    }
    const client = await pool.connect();
    const out = createWriteStream(partial, { flags: 'w' });
    out.on('error', () => undefined); // seen through out.errored, the awaited 'drain' and finished()
    try {
      await new Promise<void>((resolve, reject) => {
        out.once('ready', () => resolve());
        out.once('error', reject);
      });
      const result: AuditExportSummary = await exportAudit(client, out, { scope });
      out.end();
      await finished(out);
      await rename(partial, file);
      return result;
    } catch (error) {
      out.destroy();
      await unlink(partial).catch(() => undefined);
      if ((error as { syscall?: string }).syscall) {
        throw new CliFailure('export-file-unwritable', `无法写入文件 (cannot write the file) ${file}: ${(error as Error).message}`, EXIT.usage);
      }
      throw error;
    } finally {
      client.release();
    }
  });

  if (options.json) {
    printJson({ file, ...summary });
  } else {
    const what = county ? `行政区划 ${county} (county ${county})` : '全部日志 (the whole log)';
    process.stdout.write(
      `已导出审计包 (audit package written): ${file} — ${what}\n` +
        `  ${summary.events} events, ${summary.streams} streams, ${summary.seals} seals, ${summary.unsealedTail} events after the last seal\n` +
        (summary.lastSeal ? `  最新封存 (latest seal) ${summary.lastSeal.sealNo}: ${summary.lastSeal.root}\n` : '  尚无封存 (no seal yet: perfledger seal)\n') +
        `  校验 (verify): node tools/verify-audit.js ${file}${summary.lastSeal ? ' --root <published root>' : ''}\n`,
    );
  }
  return EXIT.ok;
}
