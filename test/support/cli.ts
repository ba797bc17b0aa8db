import { run } from '../../apps/cli/src/main';

/** Runs `perfledger …` in-process, as `npx perfledger` would, capturing what it writes. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => ((stderr += String(chunk)), true));
  try {
    return { code: await run(['node', 'perfledger', ...args]), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** `perfledger … --json`: the one JSON line it prints; throws with the output when it exits non-zero. */
export async function cliJson(...args: string[]): Promise<any> {
  const r = await cli(...args, '--json');
  if (r.code !== 0) throw new Error(`${args.join(' ')} failed (${r.code}): ${r.stdout}${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`${args.join(' ')} printed ${lines.length} lines, not one JSON line: ${lines.slice(0, 3).join(" | ").slice(0, 600)}`);
  return JSON.parse(r.stdout);
}
