/**
 * A synthetic county (`generateCounty`, libs/demo) imported through the real import path (`ImportService`),
 * as `perfledger demo` imports it — events, read models and the inline per-filing findings are the real
 * ones — with `importers` documents imported at a time.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { ImportService, UnitCommandHandler } from '@app/application';
import { generateCounty } from '@app/demo';
import type { PostgresEventStore } from '@app/event-store';

export interface DemoCountyOptions {
  countyCode: string;
  units: number;
  seed: number;
  importers: number;
  onProgress?: (imported: number) => void;
}

export async function importDemoCounty(pool: Pool, store: PostgresEventStore, options: DemoCountyOptions): Promise<{ year: number; anomalies: number }> {
  const { countyCode, units, seed } = options;
  const county = generateCounty({ units, seed });
  const actor = { userId: 'bench', role: 'unit_filer' };
  const directory = new UnitCommandHandler(pool, store);
  await directory.registerCounty(countyCode, county.county, { actor, source: 'system' });
  const files = county.documents.map((d, i) => ({ unitName: d.unitName, bytes: Buffer.from(d.text, 'utf8'), fileName: `demo-${seed}-${i + 1}.txt` }));
  // The units first, one at a time, with the metadata the import would give them (the same events): an import
  // that creates its unit holds the county's row to the end of its transaction, so importers of new units
  // would run one after the other.
  for (const f of files) {
    const source = `import:${createHash('sha256').update(f.bytes).digest('hex')}` as const;
    await directory.registerUnit({ countyCode, name: f.unitName }, { actor, source, reason: `导入文件 ${f.fileName}` });
  }
  const importer = new ImportService(pool, store);
  let next = 0;
  const importNext = async (): Promise<void> => {
    const i = next++;
    if (i >= files.length) return;
    const report = await importer.import(files[i].bytes, { countyCode, fileName: files[i].fileName, actor });
    if (report.created || report.eventsAppended === 0) throw new Error(`${files[i].fileName}: unexpected import report`);
    options.onProgress?.(i + 1);
    return importNext();
  };
  await Promise.all(Array.from({ length: options.importers }, importNext));
  return { year: county.year, anomalies: county.anomalies.length };
}
