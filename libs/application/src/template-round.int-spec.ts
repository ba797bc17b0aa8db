import { filingStreamId } from '@app/domain';
import { PostgresEventStore } from '@app/event-store';
import { findRound, findTemplate, listTemplates, readFilingView, rebuildReadModels } from '@app/projections';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import type { CommandContext } from './command-context';
import { FilingCommandHandler } from './filing.service';
import type { TemplateCatalogue } from './template-round.service';
import { TemplateRoundHandler } from './template-round.service';
import { UnitCommandHandler } from './unit.service';

/**
 * Templates are versioned by events, rounds fix the version filings are scored with, and a filing keeps
 * its version when the round's template changes later — against the real PostgreSQL, as the app role.
 */
const COUNTY = '430423';
const bureau: CommandContext = { actor: { userId: 'admin-1', role: 'bureau_admin' }, source: 'api', reason: '年度评价' };
/** A small catalogue: a definition is valid when it names an execution weight. */
const catalogue: TemplateCatalogue = {
  validate: (d) => (d && typeof d === 'object' && 'executionWeight' in d ? [] : ['executionWeight: 缺失']),
  builtins: { 'shipped-default': { name: '随系统模板', definition: { executionWeight: '10' } } },
};

let db: TestDatabase;
let store: PostgresEventStore;
let templates: TemplateRoundHandler;
let filings: FilingCommandHandler;

beforeAll(async () => {
  db = await createTestDatabase('rounds');
  store = new PostgresEventStore(db.app);
  templates = new TemplateRoundHandler(db.app, store, catalogue);
  filings = new FilingCommandHandler(db.app, store);
  const units = new UnitCommandHandler(db.app, store);
  await units.registerCounty(COUNTY, '衡山县', bureau);
  for (const code of ['a1', 'a2']) await units.registerUnit({ countyCode: COUNTY, code, name: `单位${code}` }, bureau);
});
afterAll(async () => {
  await db.drop();
});

describe('templates and rounds', () => {
  it('versions a template by events: equal definitions add nothing, a change is the next version', async () => {
    expect(await templates.publishTemplate('county-2024', '2024 年模板', { executionWeight: '10' }, null, bureau)).toMatchObject({ version: 1, appended: 1 });
    expect(await templates.publishTemplate('county-2024', '2024 年模板', { executionWeight: '10' }, null, bureau)).toMatchObject({ version: 1, appended: 0 });
    expect(await templates.publishTemplate('county-2024', '2024 年模板', { executionWeight: '20' }, '执行率 20 分', bureau)).toMatchObject({ version: 2, appended: 1 });
    expect((await findTemplate(db.app, 'county-2024', 1))!.definition).toEqual({ executionWeight: '10' });
    expect((await findTemplate(db.app, 'county-2024', null))!.version).toBe(2);
    const refused = await templates.publishTemplate('county-2024', 'x', { nothing: true }, null, bureau).catch((e) => e);
    expect(refused).toMatchObject({ kind: 'InvalidInput', code: 'invalid-template' });
    expect(refused.message).toContain('executionWeight: 缺失');
  });

  it('publishes a shipped template as version 1 (source system) the first time a round names it', async () => {
    const round = await templates.openRound(COUNTY, 2023, '2024-06-30', 'shipped-default', bureau);
    expect(round).toMatchObject({ templateId: 'shipped-default', templateVersion: 1, deadline: '2024-06-30' });
    const [published] = await store.readStream('template-shipped-default');
    expect(published.metadata.source).toBe('system');
    expect((await listTemplates(db.app)).map((t) => `${t.templateId}@${t.version}`)).toEqual(['county-2024@1', 'county-2024@2', 'shipped-default@1']);
  });

  it('refuses an unknown template or version, and a second round for the same year', async () => {
    expect(await templates.openRound(COUNTY, 2024, '2025-06-30', 'nobody@1', bureau).catch((e) => e)).toMatchObject({ code: 'template-not-found' });
    expect(await templates.openRound(COUNTY, 2024, '2025-06-30', 'county-2024@9', bureau).catch((e) => e)).toMatchObject({ code: 'template-not-found' });
    expect(await templates.openRound(COUNTY, 2023, '2024-06-30', 'county-2024', bureau).catch((e) => e)).toMatchObject({ code: 'round-exists' });
    expect(await templates.openRound(COUNTY, 2024, '2025-02-30', 'county-2024', bureau).catch((e) => e)).toMatchObject({ code: 'invalid-field', field: 'deadline' });
  });

  it("fixes a filing's template version at its first change; a later round change does not move it", async () => {
    await templates.openRound(COUNTY, 2024, '2025-06-30', 'county-2024@1', bureau);
    const a1 = { countyCode: COUNTY, unitCode: 'a1', year: 2024 };
    const first = await filings.execute(a1, { type: 'SetFigure', path: 'overall.budget.initial', value: '10' }, bureau, { open: true });
    expect(first.changes.map((c) => c.type)).toEqual(['FilingOpened', 'FilingTemplateAssigned', 'InitialBudgetSet']);
    expect((await readFilingView(db.app, COUNTY, 'a1', 2024))!.templateVersion).toBe('county-2024@1');

    await templates.changeRoundTemplate(COUNTY, 2024, 'county-2024', bureau); // latest: version 2
    expect((await findRound(db.app, COUNTY, 2024))!.templateVersion).toBe(2);
    await filings.execute(a1, { type: 'SetFigure', path: 'overall.budget.executed', value: '9' }, bureau);
    expect((await readFilingView(db.app, COUNTY, 'a1', 2024))!.templateVersion).toBe('county-2024@1');

    const a2 = { countyCode: COUNTY, unitCode: 'a2', year: 2024 };
    await filings.execute(a2, { type: 'SetFigure', path: 'overall.budget.initial', value: '10' }, bureau, { open: true });
    expect((await readFilingView(db.app, COUNTY, 'a2', 2024))!.templateVersion).toBe('county-2024@2');

    // re-scored on request: an event naming the version
    await filings.execute(a1, { type: 'AssignTemplate', templateId: 'county-2024', templateVersion: 2, basis: 'rescore' }, bureau);
    expect((await readFilingView(db.app, COUNTY, 'a1', 2024))!.templateVersion).toBe('county-2024@2');
    const types = (await store.readStream(filingStreamId(COUNTY, 'a1', 2024))).map((e) => e.type);
    expect(types.filter((t) => t === 'FilingTemplateAssigned')).toHaveLength(2);
  });

  it('rebuilds templates and rounds from the log', async () => {
    await db.owner.query(`UPDATE perfledger.rounds SET template_version = 1, version = 0`);
    const counts = await rebuildReadModels(db.app, store);
    expect(counts).toMatchObject({ templates: 3, rounds: 2 });
    expect((await findRound(db.app, COUNTY, 2024))!.templateVersion).toBe(2);
  });
});
