import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A free TCP port on 127.0.0.1 (the OS picks it; it is closed again before it is handed out). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Platform {
  base: string;
  child: ChildProcess;
  /** stdout and stderr so far */
  output(): string;
  /** Resolves with the exit code (SIGTERM: the orderly shutdown). */
  stop(): Promise<number | null>;
}

/**
 * `npm start` as a newcomer runs it: `node scripts/start.js [args]` as its own process (it builds dist/ when
 * stale), with exactly `env` on top of a clean environment (no variable of the test process leaks in).
 * Resolves once /health answers 200, or rejects with the output when the process exits or `timeoutMs` passes.
 */
export async function startPlatform(env: Record<string, string>, args: string[] = [], timeoutMs = 180_000): Promise<Platform> {
  const { child, output: out } = spawnStart(env, args);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${env.PORT}`;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out()}`);
    const ok = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`npm start did not answer /health within ${timeoutMs} ms:\n${out()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    output: out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** `node scripts/start.js` expected to refuse to start: resolves with its exit code and output (kills it after `timeoutMs`). */
export async function startRefused(env: Record<string, string>, args: string[] = [], timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnStart(env, args);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output: output() };
}

/** `node scripts/start.js [args]` with exactly `env` on a clean environment; its stdout and stderr collected. */
function spawnStart(env: Record<string, string>, args: string[]): { child: ChildProcess; output: () => string } {
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js'), ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}
