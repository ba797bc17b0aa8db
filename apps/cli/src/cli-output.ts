import { ConfigError, isAppError } from '@app/shared';

/** Exit codes: 0 done; 1 the check failed (e.g. the log is broken); 2 bad usage or configuration; 3 could not run. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2, failed: 3 } as const;

export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

/** One JSON document on one line on stdout (logs go to stderr). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function describeError(error: unknown): { code: string; message: string; exitCode: number } {
  if (error instanceof CliFailure) return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { code: 'config', message: error.message, exitCode: EXIT.usage };
  if (isAppError(error)) return { code: error.code, message: error.message, exitCode: error.kind === 'InvalidInput' ? EXIT.usage : EXIT.failed };
  const pg = error as { code?: string; message?: string };
  if (pg?.code === 'ECONNREFUSED' || pg?.code === 'ENOTFOUND' || pg?.code === '3D000' || pg?.code === '28P01' || pg?.code === '28000') {
    return { code: 'database-unreachable', message: `无法连接数据库 (cannot reach the database): ${pg.message ?? pg.code}`, exitCode: EXIT.failed };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), exitCode: EXIT.failed };
}

export function reportFailure(error: unknown, json: boolean): number {
  const { code, message, exitCode } = describeError(error);
  if (json) printJson({ error: { code, message } });
  else process.stderr.write(`perfledger: ${message}\n`);
  return exitCode;
}
