import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, Client, login, startApi, TestApi } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Issue 9's acceptance, as a new user tries it, everything over HTTP: the initial admin signs in, registers
 * the county and the unit, creates a unit filer, a reviewer and an auditor; the filer imports the official
 * document, sees the findings, submits; the reviewer returns it; the filer corrects and resubmits; the
 * reviewer accepts; the auditor reads the blame of the corrected figure.
 */
jest.setTimeout(120_000);

const UNIT = '衡山县社会治理和网格化信息中心';
const PATH = 'overall.indicators.benefit.ecological.绿色低碳环保.score';
let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase('acceptance');
  api = await startApi(db);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const ok = (res: { status: number; body: any }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

async function submitWithReasons(filer: Client, F: string) {
  const refused = await filer.request('POST', `${F}/submit`, { body: {} });
  if (refused.status === 200) return refused.body;
  expect(refused.body.code).toBe('open-errors');
  const reasons = Object.fromEntries(refused.body.details.findings.map((f: { id: string }) => [f.id, '已核实，按原表填报']));
  return ok(await filer.request('POST', `${F}/submit`, { body: { reasons } }));
}

describe('a new user, over HTTP', () => {
  it('runs a filing from import to acceptance, and an auditor reads who corrected what', async () => {
    const admin = await login(api.base, ADMIN.username, ADMIN.password);
    ok(await admin.request('POST', '/api/v1/counties', { body: { code: '430423', name: '衡山县' } }), 201);
    const unit = ok(await admin.request('POST', '/api/v1/counties/430423/units', { body: { name: UNIT, kind: 'institution' } }), 201);
    const code = unit.unit?.code ?? unit.code;
    for (const [username, role, extra] of [
      ['li.filer', 'unit_filer', { countyCode: '430423', units: [code] }],
      ['wang.reviewer', 'bureau_reviewer', {}],
      ['zhao.auditor', 'auditor', {}],
    ] as const) {
      ok(await admin.request('POST', '/api/v1/users', { body: { username, role, password: 'Accept-pass-2024', ...extra } }), 201);
    }
    const [filer, reviewer, auditor] = await Promise.all(['li.filer', 'wang.reviewer', 'zhao.auditor'].map((u) => login(api.base, u, 'Accept-pass-2024')));

    // the filer imports the document over HTTP and sees the findings
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(__dirname, '../fixtures/hengshan-2023-self-evaluation.txt'))]), 'hengshan-2023.txt');
    const imported = ok(await filer.request('POST', '/api/v1/imports', { raw: form }));
    expect(imported).toMatchObject({ unit: { code, name: UNIT }, year: 2023, notUnderstood: [] });
    const F = `/api/v1/filings/430423/${code}/2023`;
    const findings = ok(await filer.request('GET', `${F}/findings`)).findings;
    expect(findings.length).toBeGreaterThan(0);

    // submit, return with a comment on the figure, correct, resubmit, accept
    expect((await submitWithReasons(filer, F)).status).toBe('submitted');
    ok(await reviewer.request('POST', `${F}/return`, { body: { comments: [{ path: PATH, text: '生态效益佐证不足，请核减' }] } }));
    const view = await filer.request('GET', F);
    expect(JSON.stringify(view.body.returnComments)).toContain('生态效益佐证不足');
    ok(await filer.request('POST', `${F}/figures`, { body: { figures: [{ path: PATH, value: '9.5' }], reason: '按审核意见核减' }, headers: { 'if-match': view.headers.get('etag')! } }));
    expect((await submitWithReasons(filer, F)).status).toBe('submitted');
    expect(ok(await reviewer.request('POST', `${F}/accept`, { body: {} })).status).toBe('accepted');

    // the auditor reads the blame of the corrected figure: the import and the filer's correction
    const blame = ok(await auditor.request('GET', `${F}/blame?path=${encodeURIComponent(PATH)}`));
    expect(blame.changes).toEqual([
      expect.objectContaining({ value: '10', actor: 'li.filer', role: 'unit_filer', source: expect.stringMatching(/^import:[0-9a-f]{64}$/), state: 'draft' }),
      expect.objectContaining({ previous: '10', value: '9.5', actor: 'li.filer', role: 'unit_filer', source: 'api', reason: '按审核意见核减', state: 'draft' }),
    ]);
    // and the auditor changes nothing
    expect((await auditor.request('POST', `${F}/figures`, { body: { figures: [{ path: PATH, value: '10' }] } })).status).toBe(403);
  });
});
