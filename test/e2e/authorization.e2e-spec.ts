import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportService, UnitCommandHandler } from '@app/application';
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
  /** multipart upload of a document */
  upload?: boolean;
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
];

const FIXTURE = readFileSync(join(__dirname, '../fixtures/hengshan-2023-self-evaluation.txt'), 'utf8');
const OWN_NAME = '衡山县社会治理和网格化信息中心';
const OTHER_NAME = '衡山县网格化服务中心（对照）';

let db: TestDatabase;
let api: TestApi;
const clients = {} as Record<Role, Client>;
const ids = { own: '', other: '' };

beforeAll(async () => {
  db = await createTestDatabase('authz');
  const store = new PostgresEventStore(db.app);
  const system = { actor: { userId: 'test', role: 'system' }, source: 'system' as const };
  await new UnitCommandHandler(db.app, store).registerCounty('430423', '衡山县', system);
  const importer = new ImportService(db.app, store);
  ids.own = (await importer.import(Buffer.from(FIXTURE), { countyCode: '430423', fileName: 'own.txt', actor: system.actor })).unit!.code;
  ids.other = (await importer.import(Buffer.from(FIXTURE.split(OWN_NAME).join(OTHER_NAME)), { countyCode: '430423', fileName: 'other.txt', actor: system.actor })).unit!.code;
  api = await startApi(db);
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

function fill(path: string, unit: string): string {
  return path.replace('{county}', '430423').replace('{unit}', unit).replace('{year}', '2023');
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
      const res = await fetch(`${api.base}${fill(row.path, ids.own)}`, { method: row.method });
      expect([row.method, row.path, res.status]).toEqual([row.method, row.path, 401]);
    }
  });

  for (const role of ['bureau_admin', 'bureau_reviewer', 'unit_filer', 'auditor'] as Role[]) {
    it(`gives ${role} exactly what the table says, on its own unit and on another`, async () => {
      const seen: string[] = [];
      const expected: string[] = [];
      for (const row of MATRIX.filter((r) => !r.public)) {
        for (const scope of row.unitScoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const want: Outcome = scope === 'other' && role === 'unit_filer' && row.roles[role] === 'ok' ? 404 : row.roles[role];
          const res = await clients[role].request(row.method, fill(row.path, ids[scope]), row.body === undefined ? {} : { body: row.body });
          const got: Outcome | number = res.status === 403 || res.status === 404 ? res.status : res.status === 401 ? 401 : 'ok';
          const okStatus = row.method === 'GET' ? res.status < 300 : true;
          seen.push(`${row.method} ${row.path} [${scope}] → ${got === 'ok' && !okStatus ? res.status : got}`);
          expected.push(`${row.method} ${row.path} [${scope}] → ${want}`);
        }
      }
      expect(seen).toEqual(expected);
    });
  }
});
