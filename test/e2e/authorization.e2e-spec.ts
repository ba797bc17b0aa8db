import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportService, TEMPLATE_CATALOGUE, TemplateRoundHandler, UnitCommandHandler } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { ADMIN, addUser, Client, login, startApi, TestApi } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * The authorization matrix: every endpoint × every role × own unit / other unit → allowed, 403 or 404.
 * One table; the OpenAPI document lists every endpoint the app serves, and an endpoint without a row fails
 * the test. "Allowed" means the guard and the unit scoping let the request through: 2xx for reads; for
 * writes whatever the business answer is (2xx, 400, 409…) but never 401, 403 or 404.
 */
jest.setTimeout(180_000);

type Role = 'bureau_admin' | 'bureau_reviewer' | 'unit_filer' | 'auditor';
type Outcome = 'ok' | 403 | 404;
interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** as in the OpenAPI document, `{param}` placeholders */
  path: string;
  /** what each role gets on its own unit (for unit-scoped rows) or at all */
  roles: Record<Role, Outcome>;
  /** unit-scoped: a unit filer gets 404 on another unit's (the other roles as on their own) */
  unitScoped?: boolean;
  body?: unknown;
  /** appended to the path (the query a GET needs to answer 2xx) */
  query?: string;
  /** multipart upload of the unit's document */
  upload?: boolean;
  /** what a unit filer gets on another unit's, when not the 404 of unit scoping */
  filerOther?: Outcome;
  public?: boolean;
}

const ALL: Record<Role, Outcome> = { bureau_admin: 'ok', bureau_reviewer: 'ok', unit_filer: 'ok', auditor: 'ok' };
const ADMIN_ONLY: Record<Role, Outcome> = { bureau_admin: 'ok', bureau_reviewer: 403, unit_filer: 403, auditor: 403 };
const BUREAU_AND_AUDIT: Record<Role, Outcome> = { bureau_admin: 'ok', bureau_reviewer: 'ok', unit_filer: 403, auditor: 'ok' };
const EDITORS: Record<Role, Outcome> = { bureau_admin: 'ok', bureau_reviewer: 403, unit_filer: 'ok', auditor: 403 };
const REVIEWERS: Record<Role, Outcome> = { bureau_admin: 'ok', bureau_reviewer: 'ok', unit_filer: 403, auditor: 403 };

const F = '/api/v1/filings/{county}/{unit}/{year}';
export const MATRIX: Row[] = [
  { method: 'GET', path: '/health', roles: ALL, public: true },
  { method: 'GET', path: '/metrics', roles: ALL, public: true },
  { method: 'POST', path: '/api/v1/auth/login', roles: ALL, public: true, body: { username: 'nobody', password: 'x' } },
  { method: 'POST', path: '/api/v1/auth/refresh', roles: ALL, public: true, body: { refreshToken: 'x' } },
  { method: 'POST', path: '/api/v1/auth/logout', roles: ALL, public: true, body: { refreshToken: 'x' } },
  { method: 'GET', path: '/api/v1/auth/me', roles: ALL },
  // users (bureau admin)
  { method: 'GET', path: '/api/v1/users', roles: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/users', roles: ADMIN_ONLY, body: { username: 'matrix-user', role: 'auditor', password: 'Matrix-pass-2024' } },
  { method: 'POST', path: '/api/v1/users/{username}/disable', roles: ADMIN_ONLY, body: { reason: '矩阵测试' } },
  // directory, templates, rounds
  { method: 'GET', path: '/api/v1/counties', roles: ALL },
  { method: 'POST', path: '/api/v1/counties', roles: ADMIN_ONLY, body: { code: '430424', name: '矩阵县' } },
  { method: 'GET', path: '/api/v1/counties/{county}/units', roles: ALL },
  { method: 'POST', path: '/api/v1/counties/{county}/units', roles: ADMIN_ONLY, body: { name: '矩阵测试单位' } },
  { method: 'GET', path: '/api/v1/templates', roles: ALL },
  { method: 'GET', path: '/api/v1/templates/{id}', roles: ALL },
  { method: 'GET', path: '/api/v1/templates/{id}/versions/{version}', roles: ALL },
  { method: 'POST', path: '/api/v1/templates/{id}', roles: ADMIN_ONLY, body: { definition: {} } },
  { method: 'GET', path: '/api/v1/counties/{county}/rounds', roles: ALL },
  { method: 'POST', path: '/api/v1/counties/{county}/rounds', roles: ADMIN_ONLY, body: { year: 2025, deadline: '2025-12-31' } },
  { method: 'PATCH', path: '/api/v1/counties/{county}/rounds/{year}', roles: ADMIN_ONLY, body: { deadline: '2024-12-31', reason: '矩阵测试' } },
  { method: 'GET', path: '/api/v1/counties/{county}/summary/{year}', roles: BUREAU_AND_AUDIT },
  // a filing: reads
  { method: 'GET', path: F, roles: ALL, unitScoped: true },
  { method: 'GET', path: `${F}/score`, roles: ALL, unitScoped: true },
  { method: 'GET', path: `${F}/findings`, roles: ALL, unitScoped: true },
  { method: 'GET', path: `${F}/blame`, roles: ALL, unitScoped: true, query: '?path=overall.budget.full' },
  { method: 'GET', path: `${F}/history`, roles: ALL, unitScoped: true },
  { method: 'GET', path: `${F}/as-of`, roles: ALL, unitScoped: true, query: '?at=1' },
  { method: 'GET', path: `${F}/diff`, roles: ALL, unitScoped: true, query: '?from=1&to=2' },
  // a filing: edits (unit filers on their units, bureau admins) and the workflow
  { method: 'POST', path: `${F}/figures`, roles: EDITORS, unitScoped: true, body: { figures: [{ path: 'basic.savingsMeasures', value: '压减会议费' }], reason: '矩阵测试' } },
  { method: 'POST', path: `${F}/adjustments`, roles: EDITORS, unitScoped: true, body: { path: 'overall.budget.full', amount: '1', reason: '矩阵测试' } },
  { method: 'POST', path: `${F}/projects`, roles: EDITORS, unitScoped: true, body: { name: '矩阵项目' } },
  { method: 'POST', path: `${F}/projects/rename`, roles: EDITORS, unitScoped: true, body: { from: '综治中心建设', to: '综治中心建设' } },
  { method: 'POST', path: `${F}/projects/link`, roles: EDITORS, unitScoped: true, body: { name: '业务经费', lineName: '业务工作经费' } },
  { method: 'POST', path: `${F}/projects/remove`, roles: EDITORS, unitScoped: true, body: { name: '矩阵项目' } },
  { method: 'POST', path: `${F}/submit`, roles: EDITORS, unitScoped: true, body: {} },
  { method: 'POST', path: `${F}/return`, roles: REVIEWERS, unitScoped: true, body: { comment: '矩阵测试' } },
  { method: 'POST', path: `${F}/accept`, roles: REVIEWERS, unitScoped: true, body: {} },
  { method: 'POST', path: `${F}/publish`, roles: REVIEWERS, unitScoped: true, body: {} },
  { method: 'POST', path: '/api/v1/findings/{id}/acknowledge', roles: REVIEWERS, unitScoped: true, body: { reason: '矩阵测试' } },
  { method: 'POST', path: '/api/v1/findings/{id}/dismiss', roles: REVIEWERS, unitScoped: true, body: { reason: '矩阵测试' } },
  { method: 'POST', path: '/api/v1/imports', roles: EDITORS, unitScoped: true, upload: true, filerOther: 403 },
  // audit package and jobs
  { method: 'GET', path: '/api/v1/audit/export', roles: { bureau_admin: 'ok', bureau_reviewer: 403, unit_filer: 403, auditor: 'ok' } },
  { method: 'GET', path: '/api/v1/jobs', roles: ADMIN_ONLY },
  { method: 'POST', path: '/api/v1/jobs/{id}/retry', roles: ADMIN_ONLY },
];

/** 404s that unit scoping answers (any other 404 is the business's: a job that does not exist). */
const SCOPE_CODES = ['unit-not-found', 'county-not-found'];

const FIXTURE = readFileSync(join(__dirname, '../fixtures/hengshan-2023-self-evaluation.txt'), 'utf8');
const OWN_NAME = '衡山县社会治理和网格化信息中心';
const OTHER_NAME = '衡山县网格化服务中心（对照）';

let db: TestDatabase;
let api: TestApi;
const clients = {} as Record<Role, Client>;
const ids = { own: '', other: '' };
const findingIds = { own: '', other: '' };
const documents = { own: '', other: '' };

beforeAll(async () => {
  db = await createTestDatabase('authz');
  const store = new PostgresEventStore(db.app);
  const system = { actor: { userId: 'test', role: 'system' }, source: 'system' as const };
  await new UnitCommandHandler(db.app, store).registerCounty('430423', '衡山县', system);
  const importer = new ImportService(db.app, store);
  documents.own = FIXTURE;
  documents.other = FIXTURE.split(OWN_NAME).join(OTHER_NAME);
  ids.own = (await importer.import(Buffer.from(documents.own), { countyCode: '430423', fileName: 'own.txt', actor: system.actor })).unit!.code;
  ids.other = (await importer.import(Buffer.from(documents.other), { countyCode: '430423', fileName: 'other.txt', actor: system.actor })).unit!.code;
  for (const scope of ['own', 'other'] as const) {
    const { rows } = await db.owner.query(`SELECT finding_id FROM perfledger.findings WHERE unit_code = $1 AND status = 'open' ORDER BY finding_id LIMIT 1`, [ids[scope]]);
    findingIds[scope] = rows[0].finding_id;
  }
  await new TemplateRoundHandler(db.app, store, TEMPLATE_CATALOGUE).openRound('430423', 2023, '2024-06-30', 'national-default', system);
  api = await startApi(db);
  await addUser(db, 'victim', 'auditor'); // after the start: the first admin comes with the first start
  await addUser(db, 'reviewer', 'bureau_reviewer');
  await addUser(db, 'filer', 'unit_filer', '430423', [ids.own]);
  await addUser(db, 'auditor', 'auditor');
  clients.bureau_admin = await login(api.base, ADMIN.username, ADMIN.password);
  clients.bureau_reviewer = await login(api.base, 'reviewer');
  clients.unit_filer = await login(api.base, 'filer');
  clients.auditor = await login(api.base, 'auditor');
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

function fill(row: Row, scope: 'own' | 'other'): string {
  const id = row.path.startsWith('/api/v1/findings/') ? findingIds[scope] : row.path.startsWith('/api/v1/templates/') ? 'national-default' : 'no-such-job';
  return (
    row.path
      .replace('{county}', '430423')
      .replace('{unit}', ids[scope])
      .replace('{year}', '2023')
      .replace('{id}', id)
      .replace('{version}', '1')
      .replace('{username}', 'victim') + (row.query ?? '')
  );
}

async function send(client: Client, row: Row, scope: 'own' | 'other') {
  if (!row.upload) return client.request(row.method, fill(row, scope), row.body === undefined ? {} : { body: row.body });
  const form = new FormData();
  form.append('file', new Blob([documents[scope]], { type: 'text/plain' }), `${scope}.txt`);
  form.append('county', '430423');
  form.append('dryRun', 'true');
  return client.request(row.method, fill(row, scope), { raw: form });
}

describe('the authorization matrix', () => {
  it('has a row for every endpoint the API serves', async () => {
    const doc = (await (await fetch(`${api.base}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const rows = MATRIX.map((r) => `${r.method} ${r.path}`);
    expect(served.filter((e) => !rows.includes(e)).sort()).toEqual([]);
    expect(rows.filter((r) => !served.includes(r)).sort()).toEqual([]);
  });

  it('refuses every protected endpoint without a token (401)', async () => {
    for (const row of MATRIX.filter((r) => !r.public)) {
      const res = await fetch(`${api.base}${fill(row, 'own')}`, { method: row.method });
      expect([row.method, row.path, res.status]).toEqual([row.method, row.path, 401]);
    }
  });

  for (const role of ['bureau_admin', 'bureau_reviewer', 'unit_filer', 'auditor'] as Role[]) {
    it(`gives ${role} exactly what the table says, on its own unit and on another`, async () => {
      const seen: string[] = [];
      const expected: string[] = [];
      for (const row of MATRIX.filter((r) => !r.public)) {
        for (const scope of row.unitScoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const want: Outcome = scope === 'other' && role === 'unit_filer' && row.roles[role] === 'ok' ? (row.filerOther ?? 404) : row.roles[role];
          const res = await send(clients[role], row, scope);
          const scoped404 = res.status === 404 && SCOPE_CODES.includes(res.body?.code);
          const got: Outcome | number = res.status === 403 || scoped404 ? res.status : res.status === 401 ? 401 : 'ok';
          const okStatus = row.method === 'GET' ? res.status < 300 : true;
          seen.push(`${row.method} ${row.path} [${scope}] → ${got === 'ok' && !okStatus ? res.status : got}`);
          expected.push(`${row.method} ${row.path} [${scope}] → ${want}`);
        }
      }
      expect(seen).toEqual(expected);
    });
  }
});
