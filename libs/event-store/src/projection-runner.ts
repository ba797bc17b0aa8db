import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import { LeaseLostError, TransientProjectionError } from './event-store.errors';
import { Cursor, StoredEvent } from './event-store.types';
import { EventStoreOptions, PostgresEventStore } from './postgres-event-store';
import { assertXidHorizon } from './xid-guard';

/**
 * A read model fed from the log. `handle` runs inside the runner's transaction, on the
 * client it is given; its writes commit together with the checkpoint, or not at all.
 * It must not commit, roll back, or await work on another connection.
 */
export interface Projection {
  readonly name: string;
  /**
   * Effects outside the database (a queue): the batch is read in one transaction, handled with none
   * open, and the checkpoint moved by compare-and-set in a second one. `handle` must be idempotent: a
   * crash or a lost lease between handling and the move replays the batch. No transaction is held while
   * the effect waits — on the embedded PGlite, where every connection shares one session, a transaction
   * held while the queue writes on another connection would wait for itself.
   */
  readonly outsideTransaction?: boolean;
  /** `tx` is the batch's transaction, or (outsideTransaction) a connection with none open. */
  handle(events: StoredEvent[], tx: PoolClient): Promise<void>;
}

export interface ProjectionRunnerOptions {
  batchSize: number;
  pollMs: number;
  /** How long a lease lasts without renewal; another instance takes over after it. */
  leaseMs?: number;
  /** Consecutive failures of one batch before the projection is halted. */
  maxAttempts?: number;
  owner?: string;
  logger?: RunnerLogger;
  /** Passed to the store it reads with (e.g. `preparedStatements: false` behind pglite-socket). */
  store?: EventStoreOptions;
}

export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type RunOnceResult =
  | { state: 'processed'; events: number }
  | { state: 'standby' }
  | { state: 'halted'; reason: string };

const silent: RunnerLogger = { log() {}, warn() {}, error() {} };

/**
 * Runs one projection: one active instance per projection name, chosen by a lease row in
 * perfledger.checkpoints (compare-and-set, not an advisory lock — those exclude nothing
 * when all connections share one session, as in the embedded mode).
 */
export class ProjectionRunner {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly logger: RunnerLogger;
  private readonly store: PostgresEventStore;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private failures = 0;
  private transientFailures = 0;
  /** performance.now() of the last successful lease renewal (0: not holding it). */
  private leaseRenewedAt = 0;

  constructor(
    private readonly pool: Pool,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.logger = options.logger ?? silent;
    this.store = new PostgresEventStore(pool, options.store);
  }

  /** Take or renew the lease; true when this instance is the active one. */
  async acquireLease(): Promise<{ active: boolean; haltReason: string | null }> {
    await this.pool.query(
      `INSERT INTO perfledger.checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
      [this.projection.name],
    );
    const { rows } = await this.pool.query(
      `UPDATE perfledger.checkpoints c
          SET owner = $2, lease_until = pg_catalog.clock_timestamp() + $3 * interval '1 millisecond'
        WHERE c.name = $1
          AND (c.owner IS NULL OR c.owner = $2 OR c.lease_until IS NULL OR c.lease_until < pg_catalog.clock_timestamp())
        RETURNING c.halt_reason`,
      [this.projection.name, this.owner, this.leaseMs],
    );
    return { active: rows.length === 1, haltReason: rows[0]?.halt_reason ?? null };
  }

  async releaseLease(): Promise<void> {
    this.leaseRenewedAt = 0;
    await this.pool.query(
      `UPDATE perfledger.checkpoints c SET owner = NULL, lease_until = NULL WHERE c.name = $1 AND c.owner = $2`,
      [this.projection.name, this.owner],
    );
  }

  /** Process everything available now (if this instance holds the lease). */
  async runOnce(): Promise<RunOnceResult> {
    await assertXidHorizon(this.pool);
    // Renewing costs a write (and an xid); while the lease is fresh, each batch's CAS renews it.
    if (this.leaseRenewedAt === 0 || performance.now() - this.leaseRenewedAt > this.leaseMs / 3) {
      const lease = await this.acquireLease();
      if (!lease.active) {
        this.leaseRenewedAt = 0;
        return { state: 'standby' };
      }
      if (lease.haltReason !== null) {
        this.leaseRenewedAt = 0;
        return { state: 'halted', reason: lease.haltReason };
      }
      this.leaseRenewedAt = performance.now();
    }
    let total = 0;
    for (;;) {
      const n = await this.processBatch();
      if (n === 0) return { state: 'processed', events: total };
      total += n;
    }
  }

  /** One batch in one transaction: read after the checkpoint, handle, move the checkpoint by CAS (see `outsideTransaction`). */
  async processBatch(): Promise<number> {
    const client = await this.pool.connect();
    let broken = false;
    // A checked-out client whose connection dies emits 'error'; unheard, it would crash the process.
    const onConnectionError = () => {
      broken = true;
    };
    client.on('error', onConnectionError);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `SELECT c.tx_id::text AS tx_id, c.global_position::text AS position
           FROM perfledger.checkpoints c
          WHERE c.name = $1 AND c.owner = $2 AND c.lease_until > pg_catalog.clock_timestamp() AND c.halted_at IS NULL`,
        [this.projection.name, this.owner],
      );
      if (rows.length === 0) throw new LeaseLostError(this.projection.name, this.owner);
      const from: Cursor = { txId: rows[0].tx_id, position: rows[0].position };
      const { events, cursor } = await this.store.readAll(from, this.options.batchSize, { client });
      if (events.length === 0) {
        await client.query('ROLLBACK');
        return 0;
      }
      if (this.projection.outsideTransaction) {
        await client.query('COMMIT');
        await this.projection.handle(events, client);
        await client.query('BEGIN');
      } else {
        await this.projection.handle(events, client);
      }
      const moved = await client.query(
        `UPDATE perfledger.checkpoints c
            SET tx_id = $3::xid8, global_position = $4::bigint, updated_at = pg_catalog.clock_timestamp(),
                lease_until = pg_catalog.clock_timestamp() + $7 * interval '1 millisecond'
          WHERE c.name = $1 AND c.owner = $2 AND c.lease_until > pg_catalog.clock_timestamp()
            AND c.tx_id = $5::xid8 AND c.global_position = $6::bigint`,
        [this.projection.name, this.owner, cursor.txId, cursor.position, from.txId, from.position, this.leaseMs],
      );
      if (moved.rowCount !== 1) throw new LeaseLostError(this.projection.name, this.owner);
      await client.query('COMMIT');
      this.leaseRenewedAt = performance.now();
      this.failures = 0;
      this.transientFailures = 0;
      return events.length;
    } catch (error) {
      if (error instanceof LeaseLostError) this.leaseRenewedAt = 0;
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(broken);
    }
  }

  /** Poll until stopped. Failures are retried with backoff; a batch that keeps failing halts the projection. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        let delay = this.options.pollMs;
        try {
          const result = await this.runOnce();
          if (result.state === 'halted') delay = Math.max(delay, 5_000);
          if (result.state === 'standby') delay = Math.max(delay, Math.min(this.leaseMs / 3, 2_000));
        } catch (error) {
          delay = await this.onFailure(error);
        }
        if (this.running) await this.sleep(delay);
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.releaseLease().catch(() => undefined);
  }

  wake(): void {
    this.wakeUp?.();
  }

  private async onFailure(error: unknown): Promise<number> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LeaseLostError) {
      this.logger.warn(message);
      return this.options.pollMs;
    }
    if ((error as { code?: string }).code === 'event-store.xid-horizon') {
      this.logger.error(message);
      return 30_000;
    }
    if (error instanceof TransientProjectionError) {
      // a dependency is down: wait and retry, however long; the events are not at fault, so never halt
      this.transientFailures += 1;
      this.logger.warn(`projection ${this.projection.name}: waiting for a dependency (attempt ${this.transientFailures}): ${message}`);
      return Math.min(this.options.pollMs * 2 ** Math.min(this.transientFailures, 12), 15_000);
    }
    this.failures += 1;
    this.logger.error(`projection ${this.projection.name}: batch failed (attempt ${this.failures}/${this.maxAttempts}): ${message}`);
    if (this.failures >= this.maxAttempts) {
      await this.pool
        .query(
          `UPDATE perfledger.checkpoints c SET halted_at = pg_catalog.clock_timestamp(), halt_reason = $3
            WHERE c.name = $1 AND c.owner = $2`,
          [this.projection.name, this.owner, message.slice(0, 2000)],
        )
        .catch(() => undefined);
      this.leaseRenewedAt = 0; // the next cycle reads the halt from the lease row
      this.logger.error(`projection ${this.projection.name} HALTED after ${this.failures} failures; fix the cause, then run: perfledger projections resume ${this.projection.name}`);
      this.failures = 0;
    }
    return Math.min(this.options.pollMs * 2 ** this.failures, 30_000);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
