import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FilingEvent } from '@app/domain';
import { figureHistory, filingStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { domainEvent, findUnitByName, readFilingView } from '@app/projections';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { ImportFailedError, ImportService } from './import.service';
import { UnitCommandHandler } from './unit.service';

/**
 * Importing the official documents against the real PostgreSQL: every figure of the four tables lands
 * in the filing view, a second import of the same file appends nothing, a corrected file appends only
 * what changed (with the file as the source), and a failed import leaves nothing.
 */
const FIXTURES = join(__dirname, '../../../test/fixtures');
const COUNTY = '430423';
const actor = { userId: 'filer-1', role: 'unit_filer' };
const read = (name: string) => readFileSync(join(FIXTURES, name));
const expected = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

let db: TestDatabase;
let store: PostgresEventStore;
let importer: ImportService;

beforeAll(async () => {
  db = await createTestDatabase('import');
  store = new PostgresEventStore(db.app);
  importer = new ImportService(db.app, store);
  await new UnitCommandHandler(db.app, store).registerCounty(COUNTY, '衡山县', { actor, source: 'api' });
});
afterAll(async () => {
  await db.drop();
});

async function eventCount(): Promise<number> {
  return (await db.app.query(`SELECT count(*)::int AS n FROM perfledger.events`)).rows[0].n;
}

describe('import', () => {
  it('refuses a file that is not a self-evaluation, with the report, writing nothing', async () => {
    const before = await eventCount();
    const error = await importer.import(Buffer.from('会议纪要\n\n今天开会。\n'), { countyCode: COUNTY, actor }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error.code).toBe('import-not-a-self-evaluation');
    expect(error.report.tablesFound).toEqual([]);
    expect(await eventCount()).toBe(before);
  });

  it('leaves nothing when it fails after creating the unit (one transaction)', async () => {
    const text = read('anping-2024-self-evaluation.txt').toString('utf8').replaceAll('2024年度', '1999年度');
    const before = await eventCount();
    const error = await importer.import(Buffer.from(text), { countyCode: COUNTY, actor }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportFailedError);
    expect(error.code).toBe('invalid-year');
    expect(error.message).toContain('未写入任何数据');
    expect(await findUnitByName(db.app, COUNTY, '安平县农业农村局')).toBeNull();
    expect(await eventCount()).toBe(before);
  });

  it('a dry run reports what it would append and appends nothing', async () => {
    const before = await eventCount();
    const report = await importer.import(read('anping-2024-self-evaluation.txt'), { countyCode: COUNTY, actor, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, created: true, year: 2024, unit: { name: '安平县农业农村局' } });
    expect(report.eventsAppended).toBeGreaterThan(100);
    expect(await eventCount()).toBe(before);
    expect(await findUnitByName(db.app, COUNTY, '安平县农业农村局')).toBeNull();
  });

  it.each([
    ['hengshan-2023-self-evaluation.txt', 'hengshan-2023.expected.json'],
    ['anping-2024-self-evaluation.txt', 'anping-2024.expected.json'],
    ['qinghe-2022-self-evaluation.txt', 'qinghe-2022.expected.json'],
  ])('%s: every figure of the document in the filing view, none missing, none extra, none different', async (file, expectation) => {
    const want = expected(expectation);
    const report = await importer.import(read(file), { countyCode: COUNTY, actor, fileName: file });
    expect(report).toMatchObject({ created: true, year: want.year, unit: { name: want.unitName }, notUnderstood: want.notUnderstood });
    const view = await readFilingView(db.app, COUNTY, report.unit!.code, want.year);
    const stated = Object.fromEntries(Object.entries(want.figures as Record<string, string | null>).filter(([, v]) => v !== null));
    expect(view!.figures).toEqual(stated);
    // every event names the file it came from
    const events = await store.readStream(filingStreamId(COUNTY, report.unit!.code, want.year));
    expect(new Set(events.map((e) => e.metadata.source))).toEqual(new Set([`import:${report.file.sha256}`]));
  });

  it('appends nothing when the same file is imported again', async () => {
    const before = await eventCount();
    const report = await importer.import(read('hengshan-2023-self-evaluation.txt'), { countyCode: COUNTY, actor });
    expect(report).toMatchObject({ created: false, eventsAppended: 0 });
    expect(await eventCount()).toBe(before);
  });

  it('a corrected file appends exactly its three changed figures, whose history names the second file', async () => {
    const lines = read('hengshan-2023-self-evaluation.txt').toString('utf8').split('\n');
    const changes: [number, string, string][] = [
      [80, '\t5.86', '\t5.87'], // basic.expense.publicFunds.prevActual
      [55, '\t137.39', '\t137.40'], // basic.expense.project:业务工作经费.prevActual
      [65, '\t345.43', '\t345.44'], // basic.expense.project:综治中心建设.prevActual
    ];
    for (const [line, from, to] of changes) {
      expect(lines[line - 1]).toBe(from);
      lines[line - 1] = to;
    }
    const report = await importer.import(Buffer.from(lines.join('\n')), { countyCode: COUNTY, actor, fileName: 'corrected.txt' });
    expect(report.eventsAppended).toBe(3);
    const stored = await store.readStream(filingStreamId(COUNTY, report.unit!.code, 2023));
    const history = figureHistory(stored.map((e) => domainEvent<FilingEvent>(e)));
    for (const [path, value] of [
      ['basic.expense.publicFunds.prevActual', '5.87'],
      ['basic.expense.project:业务工作经费.prevActual', '137.40'],
      ['basic.expense.project:综治中心建设.prevActual', '345.44'],
    ]) {
      const last = history.get(path)!.at(-1)!;
      expect([path, last.value]).toEqual([path, value]);
      expect(stored[last.index].metadata.source).toBe(`import:${report.file.sha256}`);
      expect(stored[last.index].metadata.reason).toContain('corrected.txt');
    }
  });
});

describe('concurrent imports', () => {
  const HENGSHAN = read('hengshan-2023-self-evaluation.txt').toString('utf8');
  const renamed = (name: string) => Buffer.from(HENGSHAN.split('衡山县社会治理和网格化信息中心').join(name));

  it('of new units in one county each get their own code, none refused', async () => {
    const names = Array.from({ length: 16 }, (_, i) => `并发导入测试单位${i + 1}`); // more than the 10 attempts of a retried transaction
    const reports = await Promise.all(names.map((n, i) => importer.import(renamed(n), { countyCode: COUNTY, fileName: `c${i}.txt`, actor })));
    const codes = reports.map((r) => r.unit!.code);
    expect(new Set(codes).size).toBe(names.length);
    expect(reports.every((r) => r.created && r.eventsAppended > 200)).toBe(true);
    // each report counts its own events once, even when its transaction was retried
    for (const r of reports) expect(r.eventsAppended).toBe(reports[0].eventsAppended);
  });

  it('of the same new unit create it once; the other finds it', async () => {
    const [a, b] = await Promise.all([1, 2].map((i) => importer.import(renamed('同名并发单位'), { countyCode: COUNTY, fileName: `same${i}.txt`, actor })));
    expect(a.unit!.code).toBe(b.unit!.code);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(Math.min(a.eventsAppended, b.eventsAppended)).toBe(0);
  });
});
