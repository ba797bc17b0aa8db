import { Queue } from 'bullmq';
import { JOBS_QUEUE, loadConfig, queueConnectionOf } from '@app/shared';
import { CliFailure, EXIT, printJson } from '../cli-output';

/** The jobs queue, straight from its store (Redis or PostgreSQL); an unreachable store is reported, not waited for. */
async function withQueue<T>(work: (queue: Queue) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const store = queueConnectionOf(config, 'once');
  const what = store.backend === 'redis' ? 'Redis' : 'PostgreSQL';
  try {
    await store.ping();
  } catch (error) {
    await store.close();
    throw new CliFailure('queue-unreachable', `无法连接任务队列（${what}）(cannot reach the jobs queue): ${(error as Error).message}`);
  }
  const queue = new Queue(JOBS_QUEUE, { connection: store.connection as never, prefix: config.queuePrefix });
  queue.on('error', () => undefined);
  try {
    try {
      await Promise.race([queue.getJobCounts('waiting'), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref())]);
    } catch (error) {
      throw new CliFailure('queue-unreachable', `无法连接任务队列（${what}）(cannot reach the jobs queue): ${(error as Error).message}`);
    }
    return await work(queue);
  } finally {
    await queue.close().catch(() => undefined);
    await store.close();
  }
}

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/** `perfledger jobs [--failed]`: how many jobs are in each state, and the failed ones with their errors. */
export async function jobsCommand(options: { failed?: boolean; json?: boolean }): Promise<number> {
  const report = await withQueue(async (queue) => {
    const counts = await queue.getJobCounts(...STATES);
    const failed = options.failed ? await queue.getFailed(0, 99) : [];
    return {
      counts,
      failed: failed.map((j) => ({
        id: j.id,
        name: j.name,
        attempts: j.attemptsMade,
        error: j.failedReason,
        failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      })),
    };
  });
  if (options.json) printJson(options.failed ? report : { counts: report.counts });
  else {
    const c = report.counts;
    process.stdout.write(`后台任务：等待 ${c.waiting}，运行中 ${c.active}，延后 ${c.delayed + c.prioritized}，已完成 ${c.completed}，失败 ${c.failed}\n`);
    for (const f of report.failed) process.stdout.write(`  ✗ ${f.id}（${f.name}，尝试 ${f.attempts} 次，${f.failedAt}）：${f.error}\n`);
  }
  return EXIT.ok;
}

/** `perfledger jobs --retry <id>` or `--retry-failed`: run failed jobs again (after the cause is fixed). */
export async function retryJobsCommand(id: string | undefined, options: { allFailed?: boolean; json?: boolean }): Promise<number> {
  if (!id && !options.allFailed) throw new CliFailure('usage', '请用 --retry <任务编号> 指定任务，或用 --retry-failed 重试全部失败的任务', EXIT.usage);
  const retried = await withQueue(async (queue) => {
    const jobs = id ? [await queue.getJob(id)] : await queue.getFailed(0, -1);
    const ids: string[] = [];
    for (const job of jobs) {
      if (!job) throw new CliFailure('not-found', `没有编号为 ${id} 的任务 (no job ${id})`, EXIT.usage);
      if (!(await job.isFailed())) throw new CliFailure('not-failed', `任务 ${job.id} 没有失败，无需重试 (job ${job.id} has not failed)`, EXIT.usage);
      await job.retry('failed');
      ids.push(job.id!);
    }
    return ids;
  });
  if (options.json) printJson({ retried });
  else process.stdout.write(`已重新排队 ${retried.length} 个任务\n`);
  return EXIT.ok;
}
