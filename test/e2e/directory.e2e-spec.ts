import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { FilingCommandHandler } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { JOBS_QUEUE, redisOptionsOf } from '@app/shared';
import { ADMIN, addUser, Client, login, PASSWORD, startApi, TestApi } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_REDIS_URL } from '../support/worker';

/** The directory, county, audit and jobs endpoints over HTTP, against the real PostgreSQL and Redis. */
jest.setTimeout(120_000);
const PREFIX = `test-dir-${randomUUID().slice(0, 8)}`;
const V1 = '/api/v1';
let db: TestDatabase;
let api: TestApi;
let admin: Client, reviewer: Client, auditor: Client, filer: Client;
const events = async () => Number((await db.owner.query(`SELECT count(*) AS n FROM perfledger.events`)).rows[0].n);

/** A refusal: the status, Problem Details with a Chinese detail, the code (and field), and nothing appended. */
async function refused(call: () => Promise<{ status: number; headers: Headers; body: any }>, status: number, code?: string, field?: string) {
  const before = await events();
  const res = await call();
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(res.body).toMatchObject({ status, detail: expect.stringMatching(/[\u4e00-\u9fff]/u), ...(code ? { code } : {}), ...(field ? { field } : {}) });
  expect(await events()).toBe(before);
  return res.body;
}

beforeAll(async () => {
  db = await createTestDatabase('api_directory');
  api = await startApi(db, { QUEUE_PREFIX: PREFIX });
  admin = await login(api.base, ADMIN.username, ADMIN.password);
  for (const [code, name] of [['430423', '衡山县'], ['430424', '衡东县']]) expect((await admin.request('POST', `${V1}/counties`, { body: { code, name } })).status).toBe(201);
  expect((await admin.request('POST', `${V1}/counties/430423/units`, { body: { code: 'hszx', name: '衡山县社会治理和网格化信息中心', kind: '事业', supervisingDepartment: '中共衡山县委政法委员会' } })).status).toBe(201);
  await admin.request('POST', `${V1}/counties/430424/units`, { body: { code: 'hdjy', name: '衡东县教育局' } });
  await addUser(db, 'reviewer', 'bureau_reviewer');
  await addUser(db, 'auditor', 'auditor');
  [reviewer, auditor] = [await login(api.base, 'reviewer'), await login(api.base, 'auditor')];
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

describe('users', () => {
  it('adds a unit filer (201, no password in the answer), lists users, and disables one', async () => {
    const res = await admin.request('POST', `${V1}/users`, { body: { username: 'hszx-filer', displayName: '张会计', role: 'unit_filer', countyCode: '430423', units: ['衡山县社会治理和网格化信息中心'], password: PASSWORD } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ user: { username: 'hszx-filer', displayName: '张会计', role: 'unit_filer', countyCode: '430423', units: ['hszx'], disabled: false } });
    filer = await login(api.base, 'hszx-filer');
    const list = await admin.request('GET', `${V1}/users`);
    expect(list.body.users.map((u: any) => u.username)).toEqual(['admin', 'auditor', 'hszx-filer', 'reviewer']);
    expect(JSON.stringify(list.body)).not.toMatch(/password|hash/iu);

    await addUser(db, 'leaver', 'bureau_reviewer');
    const leaver = await login(api.base, 'leaver');
    const disabled = await admin.request('POST', `${V1}/users/leaver/disable`, { body: { reason: '已调离' } });
    expect(disabled).toMatchObject({ status: 200, body: { user: { username: 'leaver', disabled: true }, appended: 1 } });
    expect((await leaver.request('GET', `${V1}/counties`)).status).toBe(401);
    await refused(() => admin.request('POST', `${V1}/users/admin/disable`), 409, 'cannot-disable-self');
    await refused(() => admin.request('POST', `${V1}/users/nobody/disable`), 404, 'user-not-found');
  });

  it('refuses a weak password, an unknown role, a filer without units, a stray field, and anyone but the admin', async () => {
    const add = (body: object, as = admin) => () => as.request('POST', `${V1}/users`, { body: { username: 'newbie', role: 'auditor', password: PASSWORD, ...body } });
    await refused(add({ password: 'short1' }), 400, 'weak-password', 'password');
    await refused(add({ role: 'superuser' }), 400, 'invalid-role', 'role');
    await refused(add({ role: 'unit_filer', countyCode: '430423' }), 400, 'units-required', 'units');
    await refused(add({ role: 'unit_filer', countyCode: '430423', units: ['没有这个单位'] }), 404, 'unit-not-found', 'units');
    const stray = await add({ isAdmin: true })(); // the global ValidationPipe's own message (English) names the field
    expect(stray).toMatchObject({ status: 400, body: { detail: expect.stringMatching(/isAdmin/u) } });
    await refused(add({}, reviewer), 403, 'role-forbidden');
    await refused(() => auditor.request('GET', `${V1}/users`), 403, 'role-forbidden');
  });
});

describe('counties and units', () => {
  it('lists counties and units, a filer only theirs; registers them (201, again 200)', async () => {
    expect((await reviewer.request('GET', `${V1}/counties`)).body.counties).toEqual([{ code: '430423', name: '衡山县' }, { code: '430424', name: '衡东县' }]);
    expect((await filer.request('GET', `${V1}/counties`)).body.counties).toEqual([{ code: '430423', name: '衡山县' }]);
    expect(await admin.request('POST', `${V1}/counties`, { body: { code: '430423', name: '衡山县' } })).toMatchObject({ status: 200, body: { created: false } });
    const added = await admin.request('POST', `${V1}/counties/430423/units`, { body: { name: '衡山县教育局' } });
    expect(added).toMatchObject({ status: 201, body: { unit: { code: 'U0001', name: '衡山县教育局', county: '430423' }, kind: 'administrative', generatedCode: true } });
    expect((await auditor.request('GET', `${V1}/counties/430423/units`)).body.units.map((u: any) => u.unit.code)).toEqual(['U0001', 'hszx']);
    expect((await filer.request('GET', `${V1}/counties/430423/units`)).body).toEqual({
      units: [{ unit: { code: 'hszx', name: '衡山县社会治理和网格化信息中心', county: '430423' }, supervisingDepartment: '中共衡山县委政法委员会', kind: 'institution' }],
    });
  });

  it('refuses: a filer another county (404), writes by others (403), a bad code, a duplicate name', async () => {
    await refused(() => filer.request('GET', `${V1}/counties/430424/units`), 404, 'county-not-found');
    await refused(() => auditor.request('POST', `${V1}/counties`, { body: { code: '430425', name: '衡南县' } }), 403);
    await refused(() => filer.request('POST', `${V1}/counties/430423/units`, { body: { name: '新单位' } }), 403);
    await refused(() => admin.request('POST', `${V1}/counties`, { body: { code: '4304', name: '某县' } }), 400, 'invalid-field');
    await refused(() => admin.request('POST', `${V1}/counties/430423/units`, { body: { name: '衡山县教育局' } }), 409, 'unit-name-exists');
    await refused(() => admin.request('POST', `${V1}/counties/430423/units`, { body: { name: '某局', kind: '企业' } }), 400, 'invalid-field', 'kind');
    await refused(() => admin.request('POST', `${V1}/counties/430499/units`, { body: { name: '某局' } }), 404, 'county-not-found');
  });
});

describe('templates and rounds', () => {
  it('publishes a template version, shows it, opens and changes a round', async () => {
    expect((await filer.request('GET', `${V1}/templates`)).body.templates.map((t: any) => [t.templateId, t.publishedAt])).toEqual([['national-default', null], ['hunan-legacy-overall', null]]);
    const shipped = (await reviewer.request('GET', `${V1}/templates/national-default`)).body.template;
    expect(shipped).toMatchObject({ id: 'national-default', version: 1 });
    const definition = { ...shipped, parameters: { ...shipped.parameters } };
    const first = await admin.request('POST', `${V1}/templates/national-default`, { body: { definition, note: '首版' } });
    expect(first).toMatchObject({ status: 201, body: { templateVersion: 'national-default@1', appended: 1 } });
    expect(await admin.request('POST', `${V1}/templates/national-default`, { body: { definition } })).toMatchObject({ status: 200, body: { appended: 0 } });
    expect((await auditor.request('GET', `${V1}/templates/national-default/versions/1`)).body.template).toMatchObject({ id: 'national-default', version: 1 });

    const open = await admin.request('POST', `${V1}/counties/430423/rounds`, { body: { year: 2023, deadline: '2024-06-30', reason: '开展 2023 年度自评' } });
    expect(open).toMatchObject({ status: 201, body: { round: { county: '430423', year: 2023, deadline: '2024-06-30', templateVersion: 'national-default@1' } } });
    const moved = await admin.request('PATCH', `${V1}/counties/430423/rounds/2023`, { body: { deadline: '2024-07-31' } });
    expect(moved).toMatchObject({ status: 200, body: { round: { deadline: '2024-07-31' } } });
    expect((await filer.request('GET', `${V1}/counties/430423/rounds`)).body).toEqual({ rounds: [{ county: '430423', year: 2023, deadline: '2024-07-31', templateVersion: 'national-default@1' }] });
  });

  it('refuses an invalid definition, an unknown version, a bad deadline, an empty change, and non-admins', async () => {
    await refused(() => admin.request('POST', `${V1}/templates/national-default`, { body: { definition: { name: '空模板' } } }), 400, 'invalid-template', 'definition');
    await refused(() => admin.request('POST', `${V1}/templates/national-default`, { body: { definition: '[]' } }), 400);
    await refused(() => reviewer.request('GET', `${V1}/templates/national-default/versions/9`), 404, 'template-not-found');
    await refused(() => admin.request('POST', `${V1}/counties/430424/rounds`, { body: { year: 2023, deadline: '2024-02-30' } }), 400, 'invalid-field', 'deadline');
    await refused(() => admin.request('POST', `${V1}/counties/430424/rounds`, { body: { year: '二〇二三', deadline: '2024-06-30' } }), 400);
    await refused(() => admin.request('PATCH', `${V1}/counties/430423/rounds/2023`, { body: {} }), 400, 'nothing-to-change');
    await refused(() => admin.request('PATCH', `${V1}/counties/430424/rounds/2023`, { body: { deadline: '2024-07-01' } }), 404, 'round-not-found');
    await refused(() => filer.request('GET', `${V1}/counties/430424/rounds`), 404, 'county-not-found');
    await refused(() => auditor.request('POST', `${V1}/counties/430424/rounds`, { body: { year: 2023, deadline: '2024-06-30' } }), 403);
  });
});

describe('county summary, audit views and the audit package', () => {
  const filing = (unit: string) => `${V1}/filings/430423/${encodeURIComponent(unit)}/2023`;
  beforeAll(async () => {
    const filings = new FilingCommandHandler(db.app, new PostgresEventStore(db.app));
    const ref = { countyCode: '430423', unitCode: 'hszx', year: 2023 };
    const ctx = (reason: string) => ({ actor: { userId: 'hszx-filer', role: 'unit_filer' }, reason, source: 'api' as const });
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '81.51' }, ctx('按批复录入'), { open: true });
    await filings.execute(ref, { type: 'SetFigure', path: 'overall.budget.initial', value: '85' }, ctx('更正年初预算'));
    await filings.execute({ ...ref, unitCode: 'U0001' }, { type: 'SetFigure', path: 'overall.budget.initial', value: '10' }, ctx('教育局'), { open: true });
  });

  it('summarises the county for the bureau and the auditor, not for a unit filer', async () => {
    const s = await auditor.request('GET', `${V1}/counties/430423/summary/2023`);
    expect(s.status).toBe(200);
    expect(Object.keys(s.body).sort()).toEqual(['budget', 'computedAt', 'county', 'filings', 'findings', 'grades', 'ranking', 'scores', 'source', 'units', 'year'].sort());
    expect(s.body).toMatchObject({ county: { code: '430423', name: '衡山县' }, units: 2, source: 'computed', filings: { draft: 2 } });
    expect((await admin.request('GET', `${V1}/counties/衡山县/summary/2023`)).body.county.code).toBe('430423');
    await refused(() => filer.request('GET', `${V1}/counties/430423/summary/2023`), 403, 'role-forbidden');
    await refused(() => reviewer.request('GET', `${V1}/counties/430423/summary/1999`), 400, 'invalid-year', 'year');
  });

  it('answers blame, history, as-of and diff in the CLI shapes; a filer for their own unit only', async () => {
    const blame = await auditor.request('GET', `${filing('hszx')}/blame?path=overall.budget.initial`);
    expect(blame.body).toMatchObject({ unit: { code: 'hszx', county: '430423' }, year: 2023, path: 'overall.budget.initial' });
    expect(blame.body.changes.map((c: any) => [c.previous, c.value, c.actor, c.reason, c.source])).toEqual([[null, '81.51', 'hszx-filer', '按批复录入', 'api'], ['81.51', '85', 'hszx-filer', '更正年初预算', 'api']]);
    const byName = await filer.request('GET', `${filing('衡山县社会治理和网格化信息中心')}/blame?path=overall.budget.initial`);
    expect(byName.body.changes).toEqual(blame.body.changes);
    const history = await reviewer.request('GET', `${filing('hszx')}/history?path=overall.budget&limit=1`);
    expect(history.body).toMatchObject({ unit: { code: 'hszx' }, year: 2023, events: [{ version: expect.any(Number), actor: 'hszx-filer', paths: ['overall.budget.initial'] }], next: expect.any(Number) });
    const v = blame.body.changes[0].version;
    const asOf = await filer.request('GET', `${filing('hszx')}/as-of?at=${v}`);
    expect(asOf.body).toMatchObject({ version: v, asOf: String(v), status: 'draft', figures: { 'overall.budget.initial': '81.51' } });
    const diff = await admin.request('GET', `${filing('hszx')}/diff?from=${v}&to=${v + 1}`);
    expect(diff.body).toEqual({ unit: blame.body.unit, year: 2023, from: v, to: v + 1, changes: [{ path: 'overall.budget.initial', before: '81.51', after: '85', at: expect.any(String), actor: 'hszx-filer', reason: '更正年初预算' }] });

    // another unit and a unit that does not exist: the same 404 for a filer
    const other = await refused(() => filer.request('GET', `${filing('U0001')}/blame?path=overall.budget.initial`), 404, 'unit-not-found');
    const none = await refused(() => filer.request('GET', `${filing('U0404')}/blame?path=overall.budget.initial`), 404, 'unit-not-found');
    expect(other.detail.replace('U0001', '?')).toBe(none.detail.replace('U0404', '?'));
    await refused(() => auditor.request('GET', `${filing('hszx')}/as-of?at=yesterday`), 400, 'invalid-moment', 'at');
    await refused(() => auditor.request('GET', `${filing('hszx')}/diff?from=submitted&to=2`), 400, 'no-such-submission');
    await refused(() => auditor.request('GET', `${filing('hszx')}/blame?path=overall.nothing.here`), 400, 'unknown-figure-path');
    await refused(() => auditor.request('GET', `${filing('hszx')}/history?from=3`), 400, 'invalid-time', 'from');
    await refused(() => auditor.request('GET', `${filing('hszx')}/blame`), 400);
  });

  it('streams the audit package to the admin and the auditor, and it verifies offline', async () => {
    const res = await auditor.request('GET', `${V1}/audit/export?county=430423`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="perfledger-audit-430423-.+\.jsonl"$/);
    const lines = String(res.body).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ kind: 'header', format: 'perfledger-audit/1', scope: { kind: 'county', county: '430423' } });
    expect(lines.at(-1)).toMatchObject({ kind: 'trailer', events: lines.filter((l) => l.kind === 'event').length });
    expect(lines.some((l) => l.streamId?.startsWith('unit-430424-'))).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), 'perfledger-export-')), 'audit.jsonl');
    writeFileSync(file, String(res.body));
    const verified = spawnSync(process.execPath, [join(__dirname, '../../tools/verify-audit.js'), file, '--json'], { encoding: 'utf8' });
    expect(verified.status).toBe(0);
    expect((await admin.request('GET', `${V1}/audit/export`)).status).toBe(200);
    await refused(() => reviewer.request('GET', `${V1}/audit/export`), 403);
    await refused(() => auditor.request('GET', `${V1}/audit/export?county=abc`), 400, 'invalid-county', 'county');
    await refused(() => auditor.request('GET', `${V1}/audit/export?county=430499`), 404, 'county-not-found');
  });
});

describe('jobs', () => {
  it('counts jobs by state, lists a failed one with its error, and retries it', async () => {
    const connection = new Redis({ ...redisOptionsOf(TEST_REDIS_URL), maxRetriesPerRequest: null });
    const queue = new Queue(JOBS_QUEUE, { connection, prefix: PREFIX });
    const worker = new Worker(JOBS_QUEUE, async () => Promise.reject(new Error('单位 U9999 不存在')), { connection, prefix: PREFIX, autorun: false });
    try {
      await queue.add('scan-county', { countyCode: '430423', year: 2023, trigger: null }, { jobId: 'scan-county_430423_2023_manual', attempts: 1 });
      const failed = new Promise((resolve) => worker.once('failed', resolve));
      void worker.run();
      await failed;
      await worker.pause();
      expect((await admin.request('GET', `${V1}/jobs`)).body).toEqual({ counts: expect.objectContaining({ failed: 1, waiting: 0 }) });
      const listed = await admin.request('GET', `${V1}/jobs?failed=true`);
      expect(listed.body.failed).toEqual([{ id: 'scan-county_430423_2023_manual', name: 'scan-county', attempts: 1, error: '单位 U9999 不存在', failedAt: expect.any(String) }]);
      expect(await admin.request('POST', `${V1}/jobs/scan-county_430423_2023_manual/retry`)).toMatchObject({ status: 200, body: { retried: ['scan-county_430423_2023_manual'] } });
      expect((await admin.request('GET', `${V1}/jobs`)).body.counts).toMatchObject({ failed: 0, waiting: 1 });
      await refused(() => admin.request('POST', `${V1}/jobs/scan-county_430423_2023_manual/retry`), 409, 'job-not-failed');
      await refused(() => admin.request('POST', `${V1}/jobs/no-such-job/retry`), 404, 'job-not-found');
      await refused(() => admin.request('GET', `${V1}/jobs?failed=yes`), 400);
      await refused(() => auditor.request('GET', `${V1}/jobs`), 403, 'role-forbidden');
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('the OpenAPI document', () => {
  it('lists every directory endpoint, each with a tag, a Chinese summary and bearer auth', async () => {
    const doc = (await (await fetch(`${api.base}/api/docs-json`)).json()) as any;
    const ops = Object.entries(doc.paths).flatMap(([path, methods]: [string, any]) => Object.entries(methods).map(([method, op]: [string, any]) => ({ path, method, op })));
    const ours = ops.filter((o) => /^\/api\/v1\/(users|counties|templates|filings\/[^/]+\/[^/]+\/[^/]+\/(blame|history|as-of|diff)|audit|jobs)/u.test(o.path));
    expect(ours.length).toBe(22);
    for (const { op } of ours) expect(op).toMatchObject({ tags: [expect.any(String)], summary: expect.stringMatching(/[\u4e00-\u9fff]/u), security: [{ bearer: [] }] });
  });
});
