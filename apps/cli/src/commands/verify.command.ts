import { Verifier, VerifyReport } from '@app/event-store';
import { EXIT, printJson } from '../cli-output';
import { withAppPool } from '../database';

export async function verifyCommand(options: { json?: boolean }): Promise<number> {
  const report: VerifyReport = await withAppPool((pool) => new Verifier(pool).verify());
  if (options.json) {
    printJson(report);
  } else if (report.ok) {
    process.stdout.write(
      `事件日志完好 (the log is intact): ${report.streams} streams, ${report.events} events, ${report.seals} seals; ` +
        `${report.unsealedTail} events after the last seal.\n`,
    );
  } else {
    const b = report.firstBroken!;
    process.stdout.write(
      `事件日志已被改动 (the log has been altered): ${report.problems.length} problem(s).\n` +
        `First broken: stream ${b.streamId ?? '-'}, version ${b.version ?? '-'}, position ${b.position ?? '-'}: ${b.what}\n`,
    );
    for (const p of report.problems.slice(1, 20)) {
      process.stdout.write(`  - stream ${p.streamId ?? '-'}, version ${p.version ?? '-'}, position ${p.position ?? '-'}: ${p.what}\n`);
    }
  }
  return report.ok ? EXIT.ok : EXIT.checkFailed;
}
