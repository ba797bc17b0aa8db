/**
 * Synthetic county benchmark (`npm run bench:demo-gen`): `generateCounty` from @app/demo for 300 and
 * 3,000 units (the default anomaly rate), after a warm-up, in one process. Prints, for each size, the
 * median / min / max generation time over the runs, the documents' total size (UTF-8) and the heap
 * the result retains (measured between two forced collections). Pure CPU: no database.
 *
 * Options: --json (one JSON object on the last line), --runs N (default 5), --seed N (default 1).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateCounty } from '@app/demo';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 5);
const SEED = option('seed', 1);
const JSON_OUT = args.includes('--json');

// a forced collection without --expose-gc on the command line (the script line stays as the others)
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** The heap a generated county holds on to: measured in a frame of its own, between two forced collections. */
function retained(units: number) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const county = generateCounty({ units, seed: SEED });
  gc();
  const mb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  const bytes = county.documents.reduce((sum, d) => sum + Buffer.byteLength(d.text, 'utf8'), 0);
  return { mb, bytes, anomalies: county.anomalies.length };
}

function measure(units: number) {
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    generateCounty({ units, seed: SEED });
    ms.push(performance.now() - start);
  }
  const held = retained(units);
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    units,
    runs: RUNS,
    median: +sorted[Math.floor(sorted.length / 2)].toFixed(1),
    min: +sorted[0].toFixed(1),
    max: +sorted[sorted.length - 1].toFixed(1),
    documentsMb: +(held.bytes / 1024 / 1024).toFixed(1),
    retainedHeapMb: +held.mb.toFixed(1),
    anomalies: held.anomalies,
  };
}

generateCounty({ units: 300, seed: SEED + 1 }); // warm-up
const results = [measure(300), measure(3000)];
const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown' };
for (const r of results) {
  process.stderr.write(`${String(r.units).padStart(5)} units: median ${r.median} ms (min ${r.min}, max ${r.max}; ${r.runs} runs), ${r.documentsMb} MB of documents, result retains ${r.retainedHeapMb} MB of heap, ${r.anomalies} anomalies\n`);
}
if (JSON_OUT) process.stdout.write(`${JSON.stringify({ machine, results })}\n`);
