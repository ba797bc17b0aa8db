import { Sealer } from '@app/event-store';
import { loadConfig } from '@app/shared';
import { EXIT, printJson } from '../cli-output';
import { withAppPool } from '../database';

/** Seal everything final now (a partial tail too); with --print, show the latest root for publication. */
export async function sealCommand(options: { json?: boolean; print?: boolean }): Promise<number> {
  const config = loadConfig(process.env, { redis: false });
  const { written, last } = await withAppPool(async (pool) => {
    const sealer = new Sealer(pool, { everyEvents: config.sealEveryEvents, everySeconds: config.sealEverySeconds });
    const written = options.print ? [] : await sealer.sealDue(true);
    return { written, last: await sealer.lastSeal() };
  });
  if (options.json) {
    printJson({ written, last });
    return EXIT.ok;
  }
  for (const s of written) process.stdout.write(`sealed ${s.sealNo}: ${s.eventCount} events\n`);
  if (!last) {
    process.stdout.write('No seal yet (the log is empty, or nothing is final yet).\n');
  } else {
    process.stdout.write(
      `Seal ${last.sealNo} (${last.sealedAt}), up to transaction ${last.to.txId} position ${last.to.position}:\n${last.root}\n`,
    );
  }
  return EXIT.ok;
}
