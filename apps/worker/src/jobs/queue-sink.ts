import type { Queue } from 'bullmq';
import type { JobRequest } from '@app/shared';
import type { JobSink } from './job-reactor.projection';

/** The reactor's sink: one round trip per batch; a Redis that does not answer within `timeoutMs` counts as down. */
export function queueSink(queue: Queue, timeoutMs = 5000): JobSink {
  return {
    async addBulk(requests: JobRequest[]): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([queue.addBulk(requests.map((r) => ({ name: r.name, data: r.data, opts: { jobId: r.jobId } }))), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
