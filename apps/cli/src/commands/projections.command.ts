import { projectionStatuses } from '@app/event-store';
import { CliFailure, EXIT, printJson } from '../cli-output';
import { withAppPool } from '../database';

export async function projectionsCommand(options: { json?: boolean }): Promise<number> {
  const statuses = await withAppPool((pool) => projectionStatuses(pool));
  if (options.json) {
    printJson({ projections: statuses });
    return EXIT.ok;
  }
  if (statuses.length === 0) process.stdout.write('No projection has run yet.\n');
  for (const s of statuses) {
    const state = s.halted ? `HALTED since ${s.halted.at}: ${s.halted.reason}` : s.leaseValid ? `active (${s.owner})` : 'idle';
    process.stdout.write(`${s.name}: ${state}; lag ${s.lagCapped ? '≥' : ''}${s.lagEvents} events; at ${s.cursor.txId}/${s.cursor.position}\n`);
  }
  return EXIT.ok;
}

/** Clear a halt after the cause is fixed; the runner retries the failed batch. */
export async function resumeProjectionCommand(name: string, options: { json?: boolean }): Promise<number> {
  const updated = await withAppPool((pool) =>
    pool.query(`UPDATE perfledger.checkpoints c SET halted_at = NULL, halt_reason = NULL WHERE c.name = $1`, [name]),
  );
  if (updated.rowCount !== 1) throw new CliFailure('not-found', `没有名为 ${name} 的投影 (no projection named ${name})`, EXIT.usage);
  if (options.json) printJson({ resumed: name });
  else process.stdout.write(`${name} resumed\n`);
  return EXIT.ok;
}
