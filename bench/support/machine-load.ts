/**
 * How much of the machine other processes used while a benchmark part ran (Linux /proc; null elsewhere): the
 * machine's busy CPU time minus this process's and that of the PostgreSQL backends serving `database`
 * (found by their process title). PostgreSQL's background processes (WAL writer, checkpointer, autovacuum)
 * count as "other", so a part that writes a lot shows a few per cent of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

const TICKS_PER_SEC = 100; // sysconf(_SC_CLK_TCK) on Linux x86-64 and arm64

/** utime + stime in ms from a /proc/<pid>/stat line; null if unreadable. */
function cpuMsOf(pid: string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [utime, stime] = stat.slice(stat.lastIndexOf(')') + 2).split(' ').slice(11, 13).map(Number);
    return ((utime + stime) * 1000) / TICKS_PER_SEC;
  } catch {
    return null;
  }
}

export interface LoadSnapshot {
  at: number;
  busyMs: number;
  ours: Map<string, number>;
}

export function loadSnapshot(database: string): LoadSnapshot | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/u).slice(1, 9).map(Number);
    const busyMs = ((cpu.reduce((a, b) => a + b, 0) - cpu[3] - cpu[4]) * 1000) / TICKS_PER_SEC;
    const ours = new Map<string, number>();
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/u.test(p))) {
      let title = '';
      try {
        title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const mine = Number(pid) === process.pid || (title.startsWith('postgres: ') && title.includes(` ${database} `));
      const ms = mine ? cpuMsOf(pid) : null;
      if (ms !== null) ours.set(pid, ms);
    }
    return { at: Date.now(), busyMs, ours };
  } catch {
    return null;
  }
}

/** The share of the machine (0–1, all cores) other processes used between two snapshots. */
export function otherShare(from: LoadSnapshot | null, to: LoadSnapshot | null): number | null {
  if (!from || !to || to.at <= from.at) return null;
  let oursMs = 0;
  for (const [pid, ms] of to.ours) oursMs += ms - (from.ours.get(pid) ?? 0);
  const share = (to.busyMs - from.busyMs - oursMs) / ((to.at - from.at) * os.cpus().length);
  return Math.max(0, Math.round(share * 100) / 100);
}
