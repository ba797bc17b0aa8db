import { join } from 'node:path';
import fc from 'fast-check';
import { AuditService, FilingCommandHandler } from '@app/application';
import type { FilingEvent } from '@app/domain';
import { figuresOf, fold } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { domainEvent } from '@app/projections';
import { cli, cliJson as json } from '../../../test/support/cli';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

/**
 * The auditor's questions against the real PostgreSQL: blame of one figure, as-of, diff and history —
 * through `perfledger` as a user runs it, and against a fold of the stream as the reference.
 */
jest.setTimeout(120_000);

const FIXTURE = join(__dirname, '../../../test/fixtures/hengshan-2023-self-evaluation.txt');
const UNIT = '衡山县社会治理和网格化信息中心';
const PATH = 'overall.indicators.benefit.ecological.绿色低碳环保.score';
let db: TestDatabase;
const saved = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase('cli_audit');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  await json('county', 'add', '430423', '衡山县');
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

const ctx = (userId: string, reason: string | null) => ({ actor: { userId, role: 'unit_filer' }, reason, source: 'api' as const });

describe('audit (acceptance)', () => {
  it('blames the import and the correction, shows the figure as of the version before, and diffs the single change', async () => {
    const imported = await json('import', FIXTURE);
    const importedVersion = (await json('figures', UNIT, '2023')).version;
    expect((await json('figures', UNIT, '2023')).figures[PATH]).toBe('10');
    await json('set', UNIT, '2023', PATH, '9.5', '--reason', '生态效益指标佐证材料不足，扣0.5分');

    const blame = await json('blame', UNIT, '2023', PATH);
    expect(blame).toMatchObject({ unit: { name: UNIT }, year: 2023, path: PATH });
    expect(blame.changes).toEqual([
      expect.objectContaining({ previous: null, value: '10', source: `import:${imported.file.sha256}`, reason: '导入文件 hengshan-2023-self-evaluation.txt', state: 'draft', actor: expect.stringMatching(/^cli:/) }),
      expect.objectContaining({ previous: '10', value: '9.5', source: 'cli', reason: '生态效益指标佐证材料不足，扣0.5分', eventType: 'SelfScoreCorrected', state: 'draft', version: importedVersion + 1 }),
    ]);
    expect(blame.changes[1].position).toMatch(/^\d+$/);
    expect(new Date(blame.changes[1].at).getTime()).toBeGreaterThanOrEqual(new Date(blame.changes[0].at).getTime());

    const before = await json('figures', UNIT, '2023', '--as-of', String(importedVersion));
    expect(before).toMatchObject({ version: importedVersion, asOf: String(importedVersion), status: 'draft' });
    expect(before.figures[PATH]).toBe('10');
    expect((await json('figures', UNIT, '2023')).figures[PATH]).toBe('9.5');

    const diff = await json('diff', UNIT, '2023', String(importedVersion), String(importedVersion + 1));
    expect(diff).toMatchObject({ from: importedVersion, to: importedVersion + 1 });
    // the score and what depends on it: the 效益 group's and the total's stated sums are figures of their own, not recomputed
    expect(diff.changes).toEqual([{ path: PATH, before: '10', after: '9.5', at: blame.changes[1].at, actor: blame.changes[1].actor, reason: '生态效益指标佐证材料不足，扣0.5分' }]);
  });

  it('lists three changes by three actors after an import and two corrections', async () => {
    const unit = (await json('units')).units.find((u: any) => u.unit.name === UNIT).unit.code;
    const ref = { countyCode: '430423', unitCode: unit, year: 2023 };
    const handler = new FilingCommandHandler(db.app, new PostgresEventStore(db.app));
    const path = 'overall.indicators.satisfaction.serviceTarget.收益群众满意度.actual';
    const start = (await new AuditService(db.app).blame(ref, path)).length;
    expect(start).toBe(1); // the import
    await handler.execute(ref, [{ type: 'SetFigure', path, value: '96%' }], ctx('filer-li', '按问卷复核'));
    await handler.execute(ref, [{ type: 'SetFigure', path, value: '95%' }], ctx('filer-wang', '更正笔误'));
    const changes = await new AuditService(db.app).blame(ref, path);
    expect(changes.map((c) => [c.actor, c.value, c.reason, c.source])).toEqual([
      [expect.stringMatching(/^cli:/), '98%', '导入文件 hengshan-2023-self-evaluation.txt', expect.stringMatching(/^import:[0-9a-f]{64}$/)],
      ['filer-li', '96%', '按问卷复核', 'api'],
      ['filer-wang', '95%', '更正笔误', 'api'],
    ]);
    expect(changes[2].previous).toBe('96%');
  });

  it('keeps a renamed project\'s figure history under its new name', async () => {
    await json('project', 'rename', UNIT, '2023', '业务经费', '业务工作经费（含培训）');
    const blame = await json('blame', UNIT, '2023', 'project:业务工作经费（含培训）.budget.initial');
    expect(blame.changes).toEqual([expect.objectContaining({ value: '3.5', pathThen: 'project:业务经费.budget.initial' })]);
  });

  it('diffs the two submissions of a returned and resubmitted filing: exactly the figures changed in between', async () => {
    await json('submit', UNIT, '2023');
    await json('return', UNIT, '2023', '--comment', `${PATH}=请补充佐证`);
    await json('set', UNIT, '2023', PATH, '9', '--reason', '按审核意见');
    await json('set', UNIT, '2023', 'basic.savingsMeasures', '压减会议费', '--reason', '补充');
    await json('set', UNIT, '2023', 'basic.savingsMeasures', '压减会议费、培训费', '--reason', '再补充');
    await json('submit', UNIT, '2023');
    const diff = await json('diff', UNIT, '2023', 'submitted#1', 'submitted#2');
    const savingsBefore = (await json('figures', UNIT, '2023', '--as-of', 'submitted#1')).figures['basic.savingsMeasures'] ?? null;
    expect(diff.changes.map((c: any) => [c.path, c.before, c.after, c.reason])).toEqual(
      expect.arrayContaining([
        [PATH, '9.5', '9', '按审核意见'],
        ['basic.savingsMeasures', savingsBefore, '压减会议费、培训费', '再补充'],
      ]),
    );
    expect(diff.changes).toHaveLength(2);
    expect((await json('figures', UNIT, '2023', '--as-of', 'submitted#1')).figures[PATH]).toBe('9.5');
    expect((await json('figures', UNIT, '2023', '--as-of', 'submitted')).figures[PATH]).toBe('9');
    const findings = await json('findings', UNIT, '2023', '--as-of', 'submitted#1');
    expect(findings.asOf).toBe('submitted#1');
  });

  it('as of a time between two events returns the earlier state', async () => {
    const { events } = await json('history', UNIT, '2023', '--limit', '1000');
    const [a, b] = events.slice(-2);
    expect(a.at <= b.at).toBe(true);
    const between = a.at === b.at ? a.at : new Date((new Date(a.at).getTime() + new Date(b.at).getTime()) / 2).toISOString();
    const at = await json('figures', UNIT, '2023', '--as-of', between);
    expect(at.version).toBe(a.at === b.at ? b.version : a.version);
  });

  it('pages and filters the history', async () => {
    const all = await json('history', UNIT, '2023', '--limit', '1000');
    expect(all.next).toBeNull();
    expect(all.events.map((e: any) => e.version)).toEqual(all.events.map((_: any, i: number) => i + 1));
    const first = await json('history', UNIT, '2023', '--limit', '100');
    const second = await json('history', UNIT, '2023', '--limit', '100', '--after', String(first.next));
    expect(second.events[0].version).toBe(first.next + 1);
    const byLi = await json('history', UNIT, '2023', '--actor', 'filer-li');
    expect(byLi.events).toEqual([expect.objectContaining({ actor: 'filer-li', role: 'unit_filer', reason: '按问卷复核', source: 'api', paths: ['overall.indicators.satisfaction.serviceTarget.收益群众满意度.actual'] })]);
    const underPath = await json('history', UNIT, '2023', '--path', PATH);
    expect(underPath.events.map((e: any) => e.paths)).toEqual(underPath.events.map(() => [PATH]));
    expect(underPath.events).toHaveLength(3); // the import, 9.5, 9
    const imports = await json('history', UNIT, '2023', '--source', 'import');
    expect(imports.events.every((e: any) => e.source.startsWith('import:'))).toBe(true);
    expect(imports.events).toHaveLength(100); // a full page of the import's 266 events…
    expect(imports.next).toBe(imports.events[99].version); // …and where the next starts
  });

  it('rebuilds the blame index from the log exactly as the commands wrote it', async () => {
    const all = `SELECT stream_id, version, cell_key, path_then, previous, value, status FROM perfledger.figure_changes ORDER BY 1, 2, 3`;
    const inline = (await db.owner.query(all)).rows;
    expect(inline.length).toBeGreaterThan(200);
    await db.owner.query(`DELETE FROM perfledger.figure_changes WHERE version % 3 = 0`);
    await db.owner.query(`UPDATE perfledger.figure_changes SET value = 'forged' WHERE version = 5`);
    await json('rebuild', 'filings');
    expect((await db.owner.query(all)).rows).toEqual(inline);
    expect((await json('blame', UNIT, '2023', PATH)).changes.map((c: any) => c.value)).toEqual(['10', '9.5', '9']);
  });

  it('refuses a bad path or moment with the field named, in Chinese', async () => {
    const badPath = await cli('blame', UNIT, '2023', 'overall.nosuch.cell', '--json');
    expect(badPath.code).toBe(2);
    expect(JSON.parse(badPath.stdout).error.message).toMatch(/overall\.nosuch\.cell/);
    const badMoment = await cli('figures', UNIT, '2023', '--as-of', 'yesterday', '--json');
    expect(badMoment.code).toBe(2);
    expect(JSON.parse(badMoment.stdout).error.message).toContain('--as-of 应为');
    const tooFar = await cli('diff', UNIT, '2023', '1', '999999', '--json');
    expect(tooFar.code).toBe(2);
    expect(JSON.parse(tooFar.stdout).error.message).toContain('没有版本 999999');
  });
});

describe('as-of equals a fold of the stream up to that version', () => {
  it('for every version of random command sequences', async () => {
    const store = new PostgresEventStore(db.app);
    const handler = new FilingCommandHandler(db.app, store);
    const audit = new AuditService(db.app);
    const paths = ['overall.budget.initial', 'overall.budget.executed', 'basic.staffing.actual', 'overall.indicators.output.quantity.培训场次.target', 'overall.indicators.output.quantity.培训场次.score'];
    const value = fc.oneof(fc.constantFrom('——', null), fc.integer({ min: 0, max: 9999 }).map((n) => (n / 100).toFixed(2)));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...paths), value), { minLength: 1, maxLength: 12 }), async (sets) => {
        run += 1;
        const ref = { countyCode: '430423', unitCode: (await json('unit', 'add', `P${run}`, `随机单位${run}`)).unit.code, year: 2024 };
        for (const [path, v] of sets) {
          await handler.execute(ref, [{ type: 'SetFigure', path, value: v }], ctx('prop', null), { open: true }).catch((e) => {
            if (e?.kind !== 'InvalidInput' && e?.kind !== 'Conflict') throw e;
          });
        }
        const events = (await store.readStream(`filing-430423-${ref.unitCode}-2024`)).map((e) => domainEvent<FilingEvent>(e));
        for (let v = 1; v <= events.length; v++) {
          expect((await audit.asOf(ref, { version: v })).figures).toEqual(figuresOf(fold(events.slice(0, v))));
        }
      }),
      { numRuns: 15 },
    );
  });
});
