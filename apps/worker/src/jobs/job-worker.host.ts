import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig, JOBS_QUEUE, JobName, QueueConnection, queueConnectionOf, SCHEDULES } from '@app/shared';
import { handlerTable, JOB_HANDLERS, JobHandler } from './job-handlers';

/**
 * The BullMQ worker of the jobs queue: dispatches each job to the one handler of its name (checked at
 * boot), retries with backoff (the queue's defaults), and keeps a job that still fails as failed, with its
 * error, for the bureau admin (Bull Board). A worker killed mid-job loses its lock; after JOB_LOCK_MS the
 * job is stalled and another worker runs it again — every handler is idempotent. It also keeps the
 * schedules (nightly rescan, sealing), retrying in the background while the queue (Redis or PostgreSQL) is down.
 */
@Injectable()
export class JobWorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly table: Map<JobName, JobHandler>;
  private worker?: Worker;
  private connection?: QueueConnection;
  private scheduling?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @InjectQueue(JOBS_QUEUE) private readonly queue: Queue,
  ) {
    this.table = handlerTable(handlers);
  }

  onApplicationBootstrap(): void {
    this.connection = queueConnectionOf(this.config, 'worker');
    this.worker = new Worker(JOBS_QUEUE, (job) => this.dispatch(job), {
      connection: this.connection.connection as never,
      drainDelay: this.config.queuePollMs / 1000,
      prefix: this.config.queuePrefix,
      concurrency: this.config.jobConcurrency,
      lockDuration: this.config.jobLockMs,
      stalledInterval: this.config.jobLockMs,
      maxStalledCount: 2,
    });
    this.worker.on('failed', (job, error) => {
      const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.logger[final ? 'error' : 'warn'](`job ${job?.id} (${job?.name}) failed${final ? ' for good' : `, attempt ${job?.attemptsMade}`}: ${error.message}`);
    });
    let lastError = 0;
    this.worker.on('error', (error) => {
      // while Redis is down this fires on every reconnection attempt: one line per 30 s is enough
      if (Date.now() - lastError < 30_000) return;
      lastError = Date.now();
      this.logger.warn(`worker: ${error.message}`);
    });
    void this.schedule();
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.table.get(job.name as JobName);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler.run(job as never);
  }

  /** The job schedulers: upserted (idempotent across workers), retried until Redis answers. */
  private async schedule(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        SCHEDULES.nightlyRescan,
        { pattern: this.config.nightlyRescanCron, tz: 'Asia/Shanghai' },
        { name: 'nightly-rescan', data: {}, opts: { removeOnComplete: { count: 30 } } },
      );
      await this.queue.upsertJobScheduler(
        SCHEDULES.sealLog,
        { every: Math.min(this.config.sealEverySeconds, 60) * 1000 },
        { name: 'seal-log', data: {}, opts: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } } },
      );
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`could not set the schedules yet (${(error as Error).message}); retrying`);
      this.scheduling = setTimeout(() => void this.schedule(), 5000);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.scheduling);
    await this.worker?.close();
    await this.connection?.close();
  }
}
