import type { Job } from 'bullmq';
import { JOB_NAMES, JobName, JobPayloads } from '@app/shared';

/** Runs the jobs of one name. Every job name has exactly one handler (checked at boot). */
export interface JobHandler<N extends JobName = JobName> {
  readonly name: N;
  run(job: Job<JobPayloads[N]>): Promise<unknown>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** The boot-time check: a job name with no handler, two handlers, or a handler for no job refuses to start. */
export function handlerTable(handlers: readonly JobHandler[]): Map<JobName, JobHandler> {
  const problems: string[] = [];
  const table = new Map<JobName, JobHandler>();
  for (const h of handlers) {
    if (!(JOB_NAMES as readonly string[]).includes(h.name)) problems.push(`a handler for "${h.name}", which is not a job name`);
    else if (table.has(h.name)) problems.push(`two handlers for "${h.name}"`);
    else table.set(h.name, h);
  }
  for (const name of JOB_NAMES) if (!table.has(name)) problems.push(`no handler for "${name}"`);
  if (problems.length > 0) throw new Error(`job handlers: ${problems.join('; ')}`);
  return table;
}
