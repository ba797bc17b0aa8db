import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * An embedded PostgreSQL for the one-command mode (STACK.md, "Embedded default"): one PGlite in
 * `<dataDir>/pglite`, served by pglite-socket on an ephemeral 127.0.0.1 port, so TypeORM, the `pg`
 * event store and BullMQ's PostgreSQL backend connect to it with their normal drivers.
 *
 * PGlite and the socket server run in a worker thread, for two reasons:
 * - importing this file loads no PGlite (its WASM and ~0.5 GB only exist once `startEmbeddedPostgres`
 *   is called), so it can be exported from `@app/shared` without weighing on production processes;
 * - PGlite's Emscripten loader uses a dynamic `import()`, which Jest's VM sandbox rejects with an
 *   uncaught error that kills the Jest process; a worker has Node's own loader. It also keeps PGlite's
 *   synchronous WASM work off the application's event loop.
 */

export interface EmbeddedPostgresOptions {
  /** The application's data folder; PGlite lives in `<dataDir>/pglite`, the lock in `<dataDir>/pglite.lock`. */
  dataDir: string;
  /** Delete `<dataDir>/pglite` (only that subfolder) before starting. */
  reset?: boolean;
  log?: (line: string) => void;
  /** pglite-socket's connection limit (its own default, 1, breaks any pool). Default 32. */
  maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (pglite-socket ignores the user and database names sent). */
  url: string;
  port: number;
  dataDir: string;
  /** True when `<dataDir>/pglite` held no database (missing, empty, no PG_VERSION) before this start: seed demo data then. */
  created: boolean;
  /** Stops the socket server (end client pools first), closes PGlite (flushes it) and removes the lock. Idempotent. */
  close(): Promise<void>;
}

export type EmbeddedPostgresErrorCode = 'data-dir-not-writable' | 'data-dir-locked' | 'start-failed';

export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';

  constructor(
    readonly code: EmbeddedPostgresErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs inside the worker thread (plain CommonJS: the same source under ts-jest and the compiled app). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const describe = (error) => String((error && error.stack) || error);
let db = null;
let server = null;
async function stop() {
  try {
    if (server) await server.stop();
  } finally {
    if (db && !db.closed) await db.close(); // flushes the data directory
  }
}
/**
 * pglite-socket's own queue runs the messages of all connections one at a time, and keeps to one connection
 * only while a transaction is open. But node-postgres sends a query with parameters as a sequence of
 * messages (Parse, Bind, Describe, Execute, then Sync), and a message of another connection run in between
 * replaces the unnamed statement: "bind message supplies 2 parameters, but prepared statement \"\" requires 7".
 * This queue gives the one session to a connection from the first message of such a sequence until its Sync,
 * and for as long as a transaction it opened is open. Same interface as pglite-socket's QueryQueueManager.
 */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H
class SessionQueue {
  constructor(db) {
    this.db = db;
    this.queue = [];
    this.processing = false;
    this.owner = null; // the connection that holds the session, or null
  }
  enqueue(handlerId, message, onData) {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }
  async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        let index = 0;
        if (this.owner !== null) {
          index = this.queue.findIndex((q) => q.handlerId === this.owner);
          if (index === -1) break; // the owner's next message has not arrived yet: wait for it
        }
        const item = this.queue.splice(index, 1)[0];
        let sent = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (data) => { sent += data.length; item.onData(data); } }));
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0];
        const inSequence = EXTENDED.has(type); // Sync (S) or a simple Query (Q) ends one
        this.owner = inSequence || this.db.isInTransaction() ? item.handlerId : null;
        item.resolve(sent);
      }
    } finally {
      this.processing = false;
    }
  }
  getQueueLength() {
    return this.queue.length;
  }
  clearQueueForHandler(handlerId) {
    this.queue = this.queue.filter((q) => {
      if (q.handlerId !== handlerId) return true;
      q.reject(new Error('Handler disconnected'));
      return false;
    });
  }
  async clearTransactionIfNeeded(handlerId) {
    if (this.owner !== handlerId) return;
    // a connection that left mid-transaction (or mid-sequence) gives the session back, rolled back
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.process();
  }
}

async function start() {
  const { PGlite } = require(workerData.pglitePath);
  const { PGLiteSocketServer } = require(workerData.socketPath);
  db = await PGlite.create(workerData.pgliteDir);
  // All socket connections share this one session, so BullMQ's per-connection search_path is lost:
  // set it once here, before any client connects (STACK.md, "BullMQ on PostgreSQL").
  await db.exec('CREATE SCHEMA IF NOT EXISTS bullmq; SET search_path TO bullmq, public;');
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: workerData.maxConnections });
  server.queryQueue = new SessionQueue(db); // the handlers take it from the server when a client connects
  await server.start();
  // After listen() pglite-socket stores the port the OS chose; getServerConn() is "host:port".
  return Number(server.getServerConn().split(':').pop());
}
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  stop().then(
    () => parentPort.postMessage({ type: 'stopped' }),
    (error) => parentPort.postMessage({ type: 'stopped', error: describe(error) }),
  ).finally(() => parentPort.close());
});
start().then(
  (port) => parentPort.postMessage({ type: 'started', port }),
  async (error) => {
    parentPort.postMessage({ type: 'failed', error: describe(error) });
    await stop().catch(() => undefined);
    parentPort.close();
  },
);
`;

type WorkerReply = { type: 'started'; port: number } | { type: 'failed' | 'stopped'; error?: string } | { type: 'exited'; error: string };

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const pgliteDir = join(dataDir, 'pglite');
  const lockPath = join(dataDir, 'pglite.lock');

  ensureWritable(dataDir);
  acquireLock(lockPath, dataDir);
  try {
    // Only after taking the lock: never delete a directory another process has open.
    if (options.reset && existsSync(pgliteDir)) {
      log(`嵌入式 PostgreSQL：重置，删除 ${pgliteDir}`);
      rmSync(pgliteDir, { recursive: true, force: true });
    }
    // PGlite runs initdb when PG_VERSION is missing (as PostgreSQL does): a missing, empty or never
    // initialised folder is a new database.
    const created = !existsSync(join(pgliteDir, 'PG_VERSION'));
    log(created ? `嵌入式 PostgreSQL：初始化新的数据目录 ${pgliteDir}（首次需数秒）` : `嵌入式 PostgreSQL：打开数据目录 ${pgliteDir}`);

    const began = Date.now();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pglitePath: resolvePackage('@electric-sql/pglite'),
        socketPath: resolvePackage('@electric-sql/pglite-socket'),
        pgliteDir,
        maxConnections: options.maxConnections ?? 32,
      },
    });
    const replies = workerReplies(worker);
    const ready = await replies.next();
    if (ready.type !== 'started') {
      if (ready.type === 'failed') await withTimeout(replies.next(), 10_000); // let it close PGlite and exit
      await worker.terminate();
      throw new EmbeddedPostgresError(
        'start-failed',
        `嵌入式 PostgreSQL 启动失败（数据目录 ${pgliteDir}）。 / The embedded PostgreSQL failed to start (data directory ${pgliteDir}): ${ready.error ?? ready.type}`,
      );
    }
    const port = ready.port;
    log(`嵌入式 PostgreSQL：已就绪，监听 127.0.0.1:${port}（${Date.now() - began} ms）`);
    let closing = false;
    worker.on('exit', (code) => {
      if (!closing) log(`嵌入式 PostgreSQL：工作线程意外退出（code ${code}） / the PGlite worker exited unexpectedly`);
    });

    let closed: Promise<void> | null = null;
    const close = () =>
      (closed ??= (async () => {
        closing = true;
        try {
          const stopped = replies.next();
          worker.postMessage('stop');
          // The worker exits by itself once PGlite is closed; terminate it if it hangs.
          const reply = await withTimeout(stopped, 15_000);
          await worker.terminate();
          if (reply?.type === 'stopped' && reply.error) log(`嵌入式 PostgreSQL：关闭时出错 / error while closing: ${reply.error}`);
          else log('嵌入式 PostgreSQL：已关闭');
        } finally {
          releaseLock(lockPath);
        }
      })());

    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dataDir, created, close };
  } catch (error) {
    releaseLock(lockPath);
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError('start-failed', `嵌入式 PostgreSQL 启动失败。 / The embedded PostgreSQL failed to start: ${String(error)}`, { cause: error });
  }
}

/** mkdir -p, then write and delete a probe file: a file in the way, a read-only disk or missing rights all show here. */
function ensureWritable(dataDir: string): void {
  const probe = join(dataDir, `.write-probe-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new EmbeddedPostgresError(
      'data-dir-not-writable',
      `数据目录不可写：${dataDir}（${code}）。请把环境变量 PERFLEDGER_DATA_DIR 设为一个可写的文件夹。 / ` +
        `The data directory is not writable: ${dataDir} (${code}). Set PERFLEDGER_DATA_DIR to a writable folder.`,
      { cause: error },
    );
  }
}

/** Creates the lock file atomically (`wx`); a lock whose pid is dead is stale and taken over once. */
function acquireLock(lockPath: string, dataDir: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const pid = readLockPid(lockPath);
    if (pid !== null && isAlive(pid)) {
      throw new EmbeddedPostgresError(
        'data-dir-locked',
        `另一个 PerfLedger 进程（pid ${pid}）正在使用数据目录 ${dataDir}。请先停止它，或把 PERFLEDGER_DATA_DIR 设为另一个文件夹；` +
          `若没有这样的进程，删除 ${lockPath}。 / Another PerfLedger process (pid ${pid}) is using the data directory ${dataDir}. ` +
          `Stop it first, or set PERFLEDGER_DATA_DIR to another folder; if no such process is running, delete ${lockPath}.`,
      );
    }
    rmSync(lockPath, { force: true }); // stale: its process is gone
  }
}

/** Removes the lock only if it is still ours. */
function releaseLock(lockPath: string): void {
  if (readLockPid(lockPath) === process.pid) rmSync(lockPath, { force: true });
}

function readLockPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

/** The CommonJS entry of a package, for the worker to require; a missing one (a partial install) is named. */
function resolvePackage(name: string): string {
  try {
    return require.resolve(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      'start-failed',
      `缺少 ${name}，嵌入式模式无法启动（请执行 npm ci）。 / ${name} is not installed; the embedded mode needs it (run npm ci).`,
      { cause: error },
    );
  }
}

/** The worker's messages one at a time; its exit (a crash, or before it replied) is a reply too. */
function workerReplies(worker: Worker): { next(): Promise<WorkerReply> } {
  const queue: WorkerReply[] = [];
  const waiting: ((reply: WorkerReply) => void)[] = [];
  let crash: Error | null = null;
  const push = (reply: WorkerReply) => {
    const resolveNext = waiting.shift();
    if (resolveNext) resolveNext(reply);
    else queue.push(reply);
  };
  worker.on('message', push);
  worker.on('error', (error) => (crash = error)); // an uncaught error in the worker must not crash the app
  worker.on('exit', (code) => push({ type: 'exited', error: `worker exited (code ${code}): ${crash?.stack ?? 'no error'}` }));
  return { next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r))) };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
