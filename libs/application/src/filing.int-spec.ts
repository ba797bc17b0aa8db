import { randomUUID } from 'node:crypto';
import type { FilingEvent } from '@app/domain';
import { NATIONAL_DEFAULT_TEMPLATE, computedOf, figuresOf, filingStreamId, fold, scoreComputed, scoreFiling, tablesViewOf, unitStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { domainEvent, findUnit, readFilingView, rebuildReadModels } from '@app/projections';
import { AppError } from '@app/shared';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import type { CommandContext } from './command-context';
import { FilingCommandHandler } from './filing.service';
import { UnitCommandHandler } from './unit.service';

/**
 * The filing model through its command handlers, against the real PostgreSQL, connected as the app
 * role: the inline filing view equals a fold of the stream after every command; a unit and its first
 * filing commit together or not at all; concurrent writers are serialised by the expected version.
 */

const COUNTY = '430423';
const filer: CommandContext = { actor: { userId: 'filer-1', role: 'unit_filer' }, source: 'ui', reason: '录入' };
const bureau: CommandContext = { actor: { userId: 'reviewer-1', role: 'bureau_reviewer' }, source: 'api', reason: '审核' };

let db: TestDatabase;
let store: PostgresEventStore;
let filings: FilingCommandHandler;
let units: UnitCommandHandler;

beforeAll(async () => {
  db = await createTestDatabase('filing');
  store = new PostgresEventStore(db.app);
  filings = new FilingCommandHandler(db.app, store);
  units = new UnitCommandHandler(db.app, store);
  await units.registerCounty(COUNTY, '衡山县', filer);
});
afterAll(async () => {
  await db.drop();
});

async function newUnit(): Promise<string> {
  const code = `u${randomUUID().slice(0, 8)}`;
  await units.registerUnit({ countyCode: COUNTY, code, name: `单位${code}`, kind: '事业' }, filer);
  return code;
}

/** The view row must equal what folding the stream gives: same version, tables, figures and computed maps. */
async function expectViewEqualsFold(unitCode: string, year: number): Promise<void> {
  const events = await store.readStream(filingStreamId(COUNTY, unitCode, year));
  const state = fold(events.map((e) => domainEvent<FilingEvent>(e)));
  const view = await readFilingView(db.app, COUNTY, unitCode, year);
  expect(view).not.toBeNull();
  expect(view!.version).toBe(events.length);
  expect(view!.status).toBe(state.status);
  expect(view!.figures).toEqual(figuresOf(state));
  expect(Object.keys(view!.figures)).toEqual(Object.keys(figuresOf(state))); // the order of the forms survives storage
  // no round: suggested scores under the shipped national default, beside the figures' own arithmetic
  expect(view!.templateVersion).toBeNull();
  expect(view!.computed).toEqual({ ...computedOf(state), ...scoreComputed(scoreFiling(state, NATIONAL_DEFAULT_TEMPLATE)) });
  expect(view!.tables).toEqual(JSON.parse(JSON.stringify(tablesViewOf(state))));
}

describe('filing commands against PostgreSQL', () => {
  it('projects the filing view in the same transaction, equal to a fold of the stream after each command', async () => {
    const unit = await newUnit();
    const ref = { countyCode: COUNTY, unitCode: unit, year: 2023 };
    const projectId = randomUUID();
    const steps = [
      { type: 'SetFigure', path: 'overall.budget.initial', value: '81.51' },
      { type: 'RecordFigures', figures: [{ path: 'overall.budget.full', value: '557.70' }, { path: 'overall.budget.executed', value: '557.70' }, { path: 'basic.staffing.authorized', value: '10' }, { path: 'basic.staffing.actual', value: '7' }] },
      { type: 'AddProject', projectId, name: '业务经费', lineName: '业务工作经费' },
      { type: 'SetFigure', path: 'project:业务经费.budget.full', value: '109.77' },
      { type: 'SetFigure', path: 'project:业务经费.indicators.output.quantity.管理制度日趋完善.weight', value: '12' },
      { type: 'SetFigure', path: 'project:业务经费.indicators.output.quantity.管理制度日趋完善.score', value: '12' },
      { type: 'SetFigure', path: 'overall.budget.full', value: '600', adjustment: { date: '2023-06-01', documentNumber: '衡财预〔2023〕12号' }, reason: '年中追加' },
      { type: 'RenameProject', part: 'table', from: '业务经费', to: '业务工作经费' },
    ] as const;
    for (const command of steps) {
      await filings.execute(ref, command as never, filer, { open: true });
      await expectViewEqualsFold(unit, 2023);
    }
    const view = await readFilingView(db.app, COUNTY, unit, 2023);
    expect(view!.figures['overall.budget.full']).toBe('600');
    expect(view!.computed['overall.budget.rate']).toBe('92.95%'); // 557.70 / 600
    expect(view!.computed['basic.staffing.controlRate']).toBe('70.00%');
    // the renamed project keeps its figures under the new name
    expect(view!.figures['project:业务工作经费.indicators.output.quantity.管理制度日趋完善.score']).toBe('12');
    expect(view!.figures['project:业务经费.indicators.output.quantity.管理制度日趋完善.score']).toBeUndefined();
  });

  it('records who, why and how on every event, and the adjustment with its document number', async () => {
    const unit = await newUnit();
    const ref = { countyCode: COUNTY, unitCode: unit, year: 2024 };
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '100' }, filer, { open: true });
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.full', value: '90', adjustment: { date: '2024-07-01', documentNumber: '文号-1' } }, { ...filer, reason: '调减' });
    const events = await store.readStream(filingStreamId(COUNTY, unit, 2024));
    expect(events.map((e) => e.type)).toEqual(['FilingOpened', 'InitialBudgetSet', 'BudgetAdjusted']);
    expect(events[2].data).toMatchObject({ direction: 'decrease', amount: '10.00', fullAfter: '90', documentNumber: '文号-1', date: '2024-07-01', reason: '调减' });
    for (const e of events) {
      expect(e.metadata.actor).toEqual(filer.actor);
      expect(e.metadata.source).toBe('ui');
    }
    expect(events[2].metadata.reason).toBe('调减');
  });

  it('locks a submitted filing with a Chinese message, reopens it on return, and records every transition with its actor', async () => {
    const unit = await newUnit();
    const ref = { countyCode: COUNTY, unitCode: unit, year: 2023 };
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '1' }, filer, { open: true });
    await filings.execute(ref, { type: 'SubmitFiling' }, filer);
    const refused = await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '2' }, filer).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ kind: 'Conflict', code: 'filing-locked' });
    expect(refused.message).toContain('已送审');
    await filings.execute(ref, { type: 'ReturnFiling', comments: [{ path: 'overall.budget.initial', text: '年初预算数与批复不符' }] }, bureau);
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '2' }, filer);
    await filings.execute(ref, { type: 'SubmitFiling' }, filer);
    await filings.execute(ref, { type: 'AcceptFiling' }, bureau);
    await filings.execute(ref, { type: 'PublishFiling' }, bureau);
    const events = await store.readStream(filingStreamId(COUNTY, unit, 2023));
    const transitions = events.filter((e) => e.type.startsWith('Filing') && e.type !== 'FilingOpened');
    expect(transitions.map((e) => [e.type, e.metadata.actor.userId])).toEqual([
      ['FilingSubmitted', 'filer-1'],
      ['FilingReturned', 'reviewer-1'],
      ['FilingSubmitted', 'filer-1'],
      ['FilingAccepted', 'reviewer-1'],
      ['FilingPublished', 'reviewer-1'],
    ]);
    expect((await readFilingView(db.app, COUNTY, unit, 2023))!.status).toBe('published');
    await expectViewEqualsFold(unit, 2023);
  });

  it('refuses a filing for a unit that does not exist, writing nothing', async () => {
    const error = await filings.execute({ countyCode: COUNTY, unitCode: 'nobody', year: 2023 }, { type: 'SetFigure', path: 'overall.budget.initial', value: '1' }, filer, { open: true }).catch((e) => e);
    expect(error).toMatchObject({ kind: 'NotFound', code: 'unit-not-found' });
    expect(await store.streamVersion(filingStreamId(COUNTY, 'nobody', 2023))).toBe(0);
  });

  it('writes nothing, not even the view, when a command changes nothing', async () => {
    const unit = await newUnit();
    const ref = { countyCode: COUNTY, unitCode: unit, year: 2023 };
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.full', value: '557.70' }, filer, { open: true });
    const again = await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.full', value: '557.7' }, filer);
    expect(again.appended).toBe(0);
    expect(await store.streamVersion(filingStreamId(COUNTY, unit, 2023))).toBe(2); // FilingOpened, FullBudgetStated
  });

  it('serialises concurrent writers of one filing: every command lands once, versions have no gaps', async () => {
    const unit = await newUnit();
    const ref = { countyCode: COUNTY, unitCode: unit, year: 2023 };
    await filings.execute(ref, { type: 'SetFigure', path: 'basic.savingsMeasures', value: '厉行节约' }, filer, { open: true });
    const paths = Array.from({ length: 8 }, (_, i) => `overall.indicators.output.quantity.指标${i}.weight`);
    await Promise.all(paths.map((path, i) => filings.execute(ref, { type: 'SetFigure', path, value: String(i) }, filer, {})));
    const events = await store.readStream(filingStreamId(COUNTY, unit, 2023));
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'IndicatorDefined')).toHaveLength(8);
    const ids = events.filter((e) => e.type === 'IndicatorDefined').map((e) => (e.data as { indicatorId: string }).indicatorId);
    expect(new Set(ids).size).toBe(8);
    const view = await readFilingView(db.app, COUNTY, unit, 2023);
    for (const [i, path] of paths.entries()) expect(view!.figures[path]).toBe(String(i));
    await expectViewEqualsFold(unit, 2023);
  });
});

describe('a new unit and its first filing', () => {
  it('commit together', async () => {
    const result = await units.registerUnitWithFiling(
      { countyCode: COUNTY, name: '衡山县新单位甲', kind: '行政' },
      2023,
      filings,
      [{ type: 'RecordFigures', figures: [{ path: 'overall.budget.initial', value: '5' }] }],
      { ...filer, source: `import:${'a'.repeat(64)}` },
    );
    expect(result.unit.generatedCode).toBe(true);
    expect(result.unit.unit.code).toMatch(/^U\d{4}$/);
    expect((await readFilingView(db.app, COUNTY, result.unit.unit.code, 2023))!.figures['overall.budget.initial']).toBe('5');
  });

  it('leave nothing when the filing part fails (no unit stream, no unit row, no filing)', async () => {
    const before = await db.app.query(`SELECT count(*)::int AS n FROM perfledger.events`);
    const error = await units
      .registerUnitWithFiling({ countyCode: COUNTY, code: 'rollback1', name: '衡山县新单位乙' }, 2023, filings, [{ type: 'SetFigure', path: 'overall.budget.nonsense', value: '1' }], filer)
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'InvalidInput', code: 'unknown-figure-path' });
    expect(await findUnit(db.app, COUNTY, 'rollback1')).toBeNull();
    expect(await store.streamVersion(unitStreamId(COUNTY, 'rollback1'))).toBe(0);
    expect(await store.streamVersion(filingStreamId(COUNTY, 'rollback1', 2023))).toBe(0);
    const after = await db.app.query(`SELECT count(*)::int AS n FROM perfledger.events`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('leave nothing when the name is already taken in the county', async () => {
    await units.registerUnit({ countyCode: COUNTY, code: 'taken1', name: '衡山县同名单位' }, filer);
    const error = await units
      .registerUnitWithFiling({ countyCode: COUNTY, code: 'taken2', name: '衡山县同名单位' }, 2023, filings, [{ type: 'SetFigure', path: 'overall.budget.initial', value: '1' }], filer)
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'Conflict', code: 'unit-name-exists' });
    expect(await store.streamVersion(unitStreamId(COUNTY, 'taken2'))).toBe(0);
    expect(await store.streamVersion(filingStreamId(COUNTY, 'taken2', 2023))).toBe(0);
  });

  it('refuse a county that is not registered, with how to register it', async () => {
    const error = await units.registerUnit({ countyCode: '430999', code: 'x', name: 'x' }, filer).catch((e) => e);
    expect(error).toMatchObject({ kind: 'NotFound', code: 'county-not-found' });
    expect(error.message).toContain('perfledger county add');
  });
});

describe('rebuild', () => {
  it('rewrites every read model from the log to exactly what the inline projection wrote', async () => {
    const before = await db.owner.query(`SELECT stream_id, version, status, figures::text, computed::text, tables::text FROM perfledger.filing_views ORDER BY stream_id`);
    const units = await db.owner.query(`SELECT * FROM perfledger.units ORDER BY code`);
    await db.owner.query(`UPDATE perfledger.filing_views SET figures = '{}', computed = '{}', version = 0`);
    await db.owner.query(`UPDATE perfledger.units SET name = name || '-stale', version = 0`);
    const counts = await rebuildReadModels(db.app, store);
    expect(counts.filings).toBe(before.rows.length);
    const after = await db.owner.query(`SELECT stream_id, version, status, figures::text, computed::text, tables::text FROM perfledger.filing_views ORDER BY stream_id`);
    expect(after.rows).toEqual(before.rows);
    const unitsAfter = await db.owner.query(`SELECT * FROM perfledger.units ORDER BY code`);
    expect(unitsAfter.rows.map((u) => [u.code, u.name, u.version])).toEqual(units.rows.map((u) => [u.code, u.name, u.version]));
  });
});
