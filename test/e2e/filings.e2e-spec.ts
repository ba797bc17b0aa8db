import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitCommandHandler } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { ADMIN, addUser, Client, login, startApi, TestApi } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The filing endpoints over HTTP (real PostgreSQL and Redis): a filer imports the Hengshan document,
 * edits, submits past its open errors with reasons; the bureau returns with a comment on a cell, the
 * filer corrects and resubmits, the bureau accepts; an auditor reads everything and changes nothing.
 * Then If-Match, Idempotency-Key and unit scoping. Bad input: filings-input.e2e-spec.ts.
 */
jest.setTimeout(120_000);

const FIXTURE = readFileSync(join(__dirname, '../fixtures/hengshan-2023-self-evaluation.txt'));
const UNIT_NAME = '衡山县社会治理和网格化信息中心';
const F = '/api/v1/filings/430423/hszx/2023';

let db: TestDatabase;
let api: TestApi;
let admin: Client;
let filer: Client;
let reviewer: Client;
let auditor: Client;

const eventCount = async () => Number((await db.owner.query(`SELECT count(*)::int AS n FROM perfledger.events`)).rows[0].n);
const upload = (bytes: Buffer, fields: Record<string, string> = {}, name = 'hengshan-2023.txt') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};
const etag = (version: number) => `"${version}"`;

beforeAll(async () => {
  db = await createTestDatabase('filings');
  const system = { actor: { userId: 'test', role: 'system' }, source: 'system' as const };
  const units = new UnitCommandHandler(db.app, new PostgresEventStore(db.app));
  await units.registerCounty('430423', '衡山县', system);
  await units.registerUnit({ countyCode: '430423', code: 'hszx', name: UNIT_NAME }, system);
  await units.registerUnit({ countyCode: '430423', code: 'other', name: '衡山县另一单位' }, system);
  api = await startApi(db);
  await addUser(db, 'filer', 'unit_filer', '430423', ['hszx']);
  await addUser(db, 'reviewer', 'bureau_reviewer');
  await addUser(db, 'auditor', 'auditor');
  [admin, filer, reviewer, auditor] = await Promise.all([login(api.base, ADMIN.username, ADMIN.password), login(api.base, 'filer'), login(api.base, 'reviewer'), login(api.base, 'auditor')]);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe('a filing from import to acceptance, over HTTP', () => {
  it('imports, edits, submits past open errors with reasons, is returned with a comment on a cell, corrected, resubmitted and accepted', async () => {
    // a filer imports their unit's document (multipart), a dry run first: it writes nothing
    const start = await eventCount();
    const dry = await filer.request('POST', '/api/v1/imports', { raw: upload(FIXTURE, { dryRun: 'true' }) });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ unit: { code: 'hszx', name: UNIT_NAME, county: '430423' }, year: 2023, dryRun: true, created: false });
    expect(await eventCount()).toBe(start);
    const before = start;
    const imported = await filer.request('POST', '/api/v1/imports', { raw: upload(FIXTURE) });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ unit: { code: 'hszx' }, year: 2023, dryRun: false, eventsAppended: dry.body.eventsAppended, file: { name: 'hengshan-2023.txt' } });
    expect((await eventCount()) - before).toBeGreaterThanOrEqual(imported.body.eventsAppended);

    // the view, with its version as ETag
    let view = await filer.request('GET', F);
    expect(view.status).toBe(200);
    expect(view.headers.get('etag')).toBe(etag(view.body.version));
    expect(view.body).toMatchObject({ unit: { code: 'hszx', name: UNIT_NAME }, year: 2023, status: 'draft', templateVersion: null, returnComments: { filing: [], figures: {} } });
    expect(view.body.figures['overall.total.score']).toBe('98');
    expect(view.body.computed['overall.total.score']).toBe('99.17');
    expect(view.body.tables.overall.total).toEqual({ weight: expect.anything(), score: '98' });

    // an edit (If-Match: the version read) corrects 总分; C01 on 附件二 resolves
    const edit = await filer.request('POST', `${F}/figures`, { body: { figures: [{ path: 'overall.total.score', value: '108' }], reason: '更正总分' }, headers: { 'if-match': view.headers.get('etag')! } });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ unit: { code: 'hszx' }, year: 2023, version: view.body.version + 1, status: 'draft', appended: 1 });
    expect(edit.body.changes[0].paths).toEqual(['overall.total.score']);
    expect(edit.headers.get('etag')).toBe(etag(edit.body.version));
    // a cached view is revalidated by its ETag: 304 while current, the new view once changed (fetch itself adds
    // `cache-control: no-cache` to a conditional request, which asks for the full answer: a browser cache sends max-age=0)
    const cached = await filer.request('GET', F, { headers: { 'if-none-match': etag(edit.body.version), 'cache-control': 'max-age=0' } });
    expect(cached.status).toBe(304);
    const changed = await filer.request('GET', F, { headers: { 'if-none-match': view.headers.get('etag')!, 'cache-control': 'max-age=0' } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('content-type')).toMatch(/^application\/json/u);
    expect(changed.body).toMatchObject({ version: edit.body.version, figures: { 'overall.total.score': '108' } });
    const all = await filer.request('GET', `${F}/findings?all=true`);
    expect(all.status).toBe(200);
    expect(all.body.findings).toContainEqual(expect.objectContaining({ ruleId: 'C01', table: 'overall', status: 'resolved' }));
    const open = (await filer.request('GET', `${F}/findings`)).body.findings as { id: string; severity: string; status: string }[];
    const errors = open.filter((f) => f.severity === 'error' && f.status === 'open');
    expect(errors.length).toBeGreaterThan(0);

    // submit: refused with the open errors listed, nothing appended; then with a reason for each
    const count = await eventCount();
    const refused = await filer.request('POST', `${F}/submit`, { body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'open-errors', detail: expect.stringContaining('错误级核验发现') });
    expect(refused.body.details.findings.map((f: { id: string }) => f.id).sort()).toEqual(errors.map((f) => f.id).sort());
    expect(refused.body.details.findings[0]).toEqual({ id: expect.any(String), ruleId: expect.any(String), message: expect.any(String), paths: expect.any(Array) });
    expect(await eventCount()).toBe(count);
    const reasons = Object.fromEntries(errors.map((f) => [f.id, '已核实，按原文填报']));
    const submitted = await filer.request('POST', `${F}/submit`, { body: { reasons } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', appended: 1, acknowledged: expect.arrayContaining(errors.map((f) => f.id)) });
    const acked = (await filer.request('GET', `${F}/findings`)).body.findings.filter((f: { id: string }) => reasons[f.id]);
    expect(acked.every((f: { status: string; reviewReason: string }) => f.status === 'acknowledged' && f.reviewReason === '已核实，按原文填报')).toBe(true);

    // an edit of a submitted filing: 409 naming the state
    const locked = await filer.request('POST', `${F}/figures`, { body: { figures: [{ path: 'overall.budget.initial', value: '80' }] } });
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({ code: 'filing-locked', detail: expect.stringContaining('已送审') });

    // the reviewer returns it with a comment on a cell; the filer sees it there
    const returned = await reviewer.request('POST', `${F}/return`, { body: { comment: '请核实预算数', comments: [{ path: 'overall.budget.initial', text: '与批复不符' }] } });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('draft');
    view = await filer.request('GET', F);
    expect(view.body.returnComments).toEqual({ filing: ['请核实预算数'], figures: { 'overall.budget.initial': ['与批复不符'] } });
    expect(view.body.tables.lastReturnComments).toHaveLength(2);

    // the filer corrects and resubmits (the errors acknowledged before stay acknowledged); the reviewer accepts
    const corrected = await filer.request('POST', `${F}/figures`, { body: { figures: [{ path: 'overall.budget.initial', value: '81.52' }], reason: '按批复更正' }, headers: { 'if-match': view.headers.get('etag')! } });
    expect(corrected.status).toBe(200);
    const stillOpen = (await filer.request('GET', `${F}/findings`)).body.findings.filter((f: { severity: string; status: string }) => f.severity === 'error' && f.status === 'open');
    const again = await filer.request('POST', `${F}/submit`, { body: { reasons: Object.fromEntries(stillOpen.map((f: { id: string }) => [f.id, '已核实'])) } });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('submitted');
    const accepted = await reviewer.request('POST', `${F}/accept`, { body: {}, headers: { 'if-match': etag(again.body.version) } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: again.body.version + 1 });
    const published = await reviewer.request('POST', `${F}/publish`, { body: { reason: '按期公开' } });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const events = await db.owner.query(`SELECT type, metadata->'actor'->>'userId' AS actor, metadata->>'source' AS source FROM perfledger.events WHERE stream_id = 'filing-430423-hszx-2023' AND type LIKE 'Filing%' ORDER BY version`);
    expect(events.rows.filter((r) => r.type !== 'FilingOpened').map((r) => [r.type, r.actor, r.source])).toEqual([
      ['FilingSubmitted', 'filer', 'api'],
      ['FilingReturned', 'reviewer', 'api'],
      ['FilingSubmitted', 'filer', 'api'],
      ['FilingAccepted', 'reviewer', 'api'],
      ['FilingPublished', 'reviewer', 'api'],
    ]);
  });

  it('lets an auditor read everything (200) and change nothing (403 on every write)', async () => {
    for (const path of [F, `${F}/score`, `${F}/findings?all=true`, `${F}/findings?asOf=submitted%231`]) {
      expect([path, (await auditor.request('GET', path)).status]).toEqual([path, 200]);
    }
    const findingId = (await auditor.request('GET', `${F}/findings?all=true`)).body.findings[0].id;
    const count = await eventCount();
    const writes: [string, unknown][] = [
      [`${F}/figures`, { figures: [{ path: 'overall.budget.initial', value: '1' }] }],
      [`${F}/adjustments`, { path: 'overall.budget.full', amount: '1', reason: 'x' }],
      [`${F}/projects`, { name: 'x' }],
      [`${F}/projects/rename`, { from: 'x', to: 'y' }],
      [`${F}/projects/link`, { name: 'x', lineName: 'y' }],
      [`${F}/projects/remove`, { name: 'x' }],
      [`${F}/submit`, {}],
      [`${F}/return`, { comment: 'x' }],
      [`${F}/accept`, {}],
      [`${F}/publish`, {}],
      [`/api/v1/findings/${findingId}/acknowledge`, { reason: 'x' }],
      [`/api/v1/findings/${findingId}/dismiss`, { reason: 'x' }],
    ];
    for (const [path, body] of writes) {
      const res = await auditor.request('POST', path, { body });
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'role-forbidden']);
    }
    expect((await auditor.request('POST', '/api/v1/imports', { raw: upload(FIXTURE) })).status).toBe(403);
    expect(await eventCount()).toBe(count);
    const score = await auditor.request('GET', `${F}/score`);
    expect(score.body).toMatchObject({ unit: { code: 'hszx' }, year: 2023, scoredWith: 'national-default@1', tables: expect.any(Array) });
  });
});


describe('If-Match, Idempotency-Key and unit scoping', () => {
  const P = '/api/v1/filings/430423/hszx/2024';
  const set = (value: string) => ({ figures: [{ path: 'overall.budget.initial', value }], reason: '录入' });

  it('refuses a stale If-Match with 412 and appends nothing', async () => {
    const first = await filer.request('POST', `${P}/figures`, { body: set('10') });
    expect(first.status).toBe(200);
    const current = first.body.version as number;
    const count = await eventCount();
    const stale = await filer.request('POST', `${P}/figures`, { body: set('11'), headers: { 'if-match': etag(current - 1) } });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'version-mismatch', details: { expected: current - 1, actual: current }, detail: expect.stringContaining('请刷新后重试') });
    expect(await eventCount()).toBe(count);
    const fresh = await filer.request('POST', `${P}/figures`, { body: set('11'), headers: { 'if-match': etag(current) } });
    expect([fresh.status, fresh.body.version]).toEqual([200, current + 1]);
  });

  it('records a request sent twice with one Idempotency-Key once, and answers the replay with the first response', async () => {
    const headers = { 'idempotency-key': 'set-budget-2024-0001' };
    const count = await eventCount();
    const first = await filer.request('POST', `${P}/figures`, { body: set('12.5'), headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const appended = (await eventCount()) - count;
    expect(appended).toBeGreaterThanOrEqual(1);
    const replay = await filer.request('POST', `${P}/figures`, { body: set('12.5'), headers });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('etag')).toBe(etag(first.body.version));
    expect(replay.body).toEqual(first.body);
    expect((await eventCount()) - count).toBe(appended);
    const reused = await filer.request('POST', `${P}/figures`, { body: set('13'), headers });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('idempotency-key-reused');
    expect((await eventCount()) - count).toBe(appended);
    // a workflow step too: the replay of a submission does not answer 409 "already submitted"
    const submit = await admin.request('POST', '/api/v1/filings/430423/other/2024/figures', { body: set('1') });
    expect(submit.status).toBe(200);
    const once = await admin.request('POST', '/api/v1/filings/430423/other/2024/submit', { body: {}, headers: { 'idempotency-key': 'submit-other-2024' } });
    const twice = await admin.request('POST', '/api/v1/filings/430423/other/2024/submit', { body: {}, headers: { 'idempotency-key': 'submit-other-2024' } });
    expect([once.status, twice.status, twice.headers.get('idempotent-replayed')]).toEqual([200, 200, 'true']);
    expect(twice.body).toEqual(once.body);
  });

  it("hides another unit's filing from a filer (404 on reads and writes) and refuses its document (403, nothing written)", async () => {
    const O = '/api/v1/filings/430423/other/2024';
    const count = await eventCount();
    for (const path of [O, `${O}/score`, `${O}/findings`]) {
      const res = await filer.request('GET', path);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'unit-not-found']);
    }
    for (const [path, body] of [[`${O}/figures`, set('2')], [`${O}/projects`, { name: '新项目' }], [`${O}/submit`, {}]] as [string, unknown][]) {
      const res = await filer.request('POST', path, { body });
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'unit-not-found']);
    }
    expect((await filer.request('GET', '/api/v1/filings/430424/hszx/2023')).status).toBe(404);
    const otherDocument = Buffer.from(FIXTURE.toString('utf8').split(UNIT_NAME).join('衡山县另一单位'));
    const newUnitDocument = Buffer.from(FIXTURE.toString('utf8').split(UNIT_NAME).join('衡山县尚未登记的单位'));
    for (const bytes of [otherDocument, newUnitDocument]) {
      const res = await filer.request('POST', '/api/v1/imports', { raw: upload(bytes) });
      expect([res.status, res.body.code]).toEqual([403, 'import-unit-forbidden']);
      expect(res.body.detail).toMatch(/只能导入本人负责单位的自评材料/u);
    }
    expect(await eventCount()).toBe(count);
    // the bureau sees every unit
    expect((await reviewer.request('GET', `${O}/findings`)).status).toBe(200);
  });
});
