import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnitCommandHandler } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { ADMIN, addUser, Client, login, startApi, TestApi } from '../support/api';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/**
 * Bad input to the filing endpoints: every refusal is 4xx Problem Details with a stable `code` and a
 * Chinese `detail`, and appends nothing (the event count before and after). Never a 500.
 */
jest.setTimeout(120_000);

const FIXTURE = readFileSync(join(__dirname, '../fixtures/hengshan-2023-self-evaluation.txt'));
const P = '/api/v1/filings/430423/hszx/2025';
const CHINESE = /[\u4e00-\u9fff]/u;

let db: TestDatabase;
let api: TestApi;
let admin: Client;
let filer: Client;
let reviewer: Client;

const eventCount = async () => Number((await db.owner.query(`SELECT count(*)::int AS n FROM perfledger.events`)).rows[0].n);
const upload = (bytes: Buffer | string, fields: Record<string, string> = {}, field = 'file') => {
  const form = new FormData();
  form.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), 'document.txt');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
};
const fig = (path: string, value: unknown) => ({ figures: [{ path, value }] });
const W = 'overall.indicators.output.quantity.完成率';

beforeAll(async () => {
  db = await createTestDatabase('filings_input');
  const system = { actor: { userId: 'test', role: 'system' }, source: 'system' as const };
  const units = new UnitCommandHandler(db.app, new PostgresEventStore(db.app));
  await units.registerCounty('430423', '衡山县', system);
  await units.registerUnit({ countyCode: '430423', code: 'hszx', name: '衡山县社会治理和网格化信息中心' }, system);
  api = await startApi(db);
  await addUser(db, 'filer', 'unit_filer', '430423', ['hszx']);
  await addUser(db, 'reviewer', 'bureau_reviewer');
  [admin, filer, reviewer] = await Promise.all([login(api.base, ADMIN.username, ADMIN.password), login(api.base, 'filer'), login(api.base, 'reviewer')]);
  // a draft with one indicator, so that some rows below reach the domain
  expect((await filer.request('POST', `${P}/figures`, { body: fig(`${W}.weight`, '10') })).status).toBe(200);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

interface Row {
  name: string;
  as?: () => Client;
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  raw?: () => FormData | string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  detail?: RegExp;
  /** the field the problem names */
  field?: string;
}

const ROWS: Row[] = [
  { name: 'figures not an array', path: `${P}/figures`, body: { figures: 'overall.budget.initial=1' }, status: 400, code: 'invalid-field', detail: /figures 应为数组/u },
  { name: 'a path and a value of the wrong type', path: `${P}/figures`, body: fig(1 as unknown as string, 2), status: 400, code: 'invalid-field', detail: /path 应为字符串/u, field: 'figures.0.path' },
  { name: 'a value left out (null clears, undefined is not a value)', path: `${P}/figures`, body: { figures: [{ path: 'overall.budget.initial' }] }, status: 400, code: 'invalid-field', detail: /value 应为字符串或 null/u, field: 'figures.0.value' },
  { name: 'an unknown property', path: `${P}/figures`, body: { ...fig('overall.budget.initial', '1'), approve: true }, status: 400, code: 'unknown-field', detail: /不接受字段“approve”/u, field: 'approve' },
  { name: 'an unknown property of a figure', path: `${P}/figures`, body: { figures: [{ path: 'overall.budget.initial', value: '1', by: 'x' }] }, status: 400, code: 'unknown-field', detail: /不接受字段“figures\.0\.by”/u, field: 'figures.0.by' },
  { name: 'no figures', path: `${P}/figures`, body: { figures: [] }, status: 400, code: 'invalid-field', detail: /figures 至少 1 项/u },
  { name: '501 figures', path: `${P}/figures`, body: { figures: Array.from({ length: 501 }, () => ({ path: 'overall.budget.initial', value: '1' })) }, status: 400, code: 'invalid-field', detail: /figures 至多 500 项/u },
  { name: 'a path over 500 characters', path: `${P}/figures`, body: fig(`overall.${'x'.repeat(500)}`, '1'), status: 400, code: 'invalid-field', detail: /path 至多 500 个字符/u },
  { name: 'a value over 20,000 characters', path: `${P}/figures`, body: fig('report.sections.other.text', '字'.repeat(20_001)), status: 400, code: 'invalid-field', detail: /value 至多 20000 个字符/u },
  { name: 'a negative weight', path: `${P}/figures`, body: fig(`${W}.weight`, '-5'), status: 400, code: 'invalid-figure-value', detail: /分值应为不小于 0 的数字/u },
  { name: 'a negative amount', path: `${P}/figures`, body: fig('overall.budget.initial', '-81.51'), status: 400, code: 'invalid-figure-value' },
  { name: 'text in a number cell', path: `${P}/figures`, body: fig('overall.budget.executed', '很多'), status: 400, code: 'invalid-figure-value' },
  { name: 'an unknown figure path', path: `${P}/figures`, body: fig('overall.nonsense', '1'), status: 400, code: 'unknown-figure-path', detail: /未知的数据路径 overall\.nonsense/u },
  { name: 'an unknown table', path: `${P}/figures`, body: fig('annex5.total', '1'), status: 400, code: 'unknown-figure-path' },
  { name: 'an adjustment amount that is not a number', path: `${P}/adjustments`, body: { path: 'overall.budget.full', amount: '很多', reason: '追加' }, status: 400, code: 'invalid-field', detail: /amount 应为数字/u },
  { name: 'an adjustment as a number', path: `${P}/adjustments`, body: { path: 'overall.budget.full', amount: 5, reason: '追加' }, status: 400, code: 'invalid-field', detail: /amount 应为字符串/u },
  { name: 'an adjustment of zero', path: `${P}/adjustments`, body: { path: 'overall.budget.full', amount: '0', reason: '追加' }, status: 400, code: 'invalid-figure-value', detail: /调整金额应为大于 0 的数字/u },
  { name: 'an adjustment without a reason', path: `${P}/adjustments`, body: { path: 'overall.budget.full', amount: '5' }, status: 400, code: 'invalid-field', detail: /reason 应为字符串/u },
  { name: 'an adjustment of a cell that is not a 全年预算数', path: `${P}/adjustments`, body: { path: 'overall.budget.initial', amount: '5', reason: '追加' }, status: 400, code: 'invalid-field' },
  { name: 'an adjustment dated in another format', path: `${P}/adjustments`, body: { path: 'overall.budget.full', amount: '5', reason: '追加', date: '2023/6/1' }, status: 400, code: 'invalid-field', detail: /date 应为 YYYY-MM-DD/u },
  { name: 'renaming a project that does not exist', path: `${P}/projects/rename`, body: { from: '无此项目', to: '新名称' }, status: 404, code: 'project-not-found', detail: /项目“无此项目”不存在/u },
  { name: 'a project name that is empty', path: `${P}/projects`, body: { name: '' }, status: 400, code: 'invalid-field', detail: /name 不能为空/u },
  { name: 'a project part that is neither table nor line', path: `${P}/projects/rename`, body: { from: 'a', to: 'b', part: 'row' }, status: 400, code: 'invalid-field', detail: /part 应为 table 或 line/u },
  { name: 'reasons for findings not an object', path: `${P}/submit`, body: { reasons: ['已核实'] }, status: 400, code: 'invalid-field', detail: /reasons 应为对象/u },
  { name: 'an empty reason for a finding', path: `${P}/submit`, body: { reasons: { '0123456789abcdef': ' ' } }, status: 400, code: 'invalid-reason' },
  { name: 'returning a draft', as: () => reviewer, path: `${P}/return`, body: { comment: '请核实' }, status: 409, code: 'invalid-workflow-transition', detail: /“草稿”，不能退回/u },
  { name: 'accepting a draft', as: () => reviewer, path: `${P}/accept`, body: {}, status: 409, code: 'invalid-workflow-transition' },
  { name: 'a comment that is not text', as: () => reviewer, path: `${P}/return`, body: { comments: [{ path: 'overall.budget.initial', text: 5 }] }, status: 400, code: 'invalid-field', detail: /text 应为字符串/u, field: 'comments.0.text' },
  { name: 'an If-Match that is not an ETag', path: `${P}/figures`, body: fig('overall.budget.initial', '1'), headers: { 'if-match': 'yesterday' }, status: 400, code: 'invalid-if-match' },
  { name: 'an Idempotency-Key too short', path: `${P}/figures`, body: fig('overall.budget.initial', '1'), headers: { 'idempotency-key': 'k1' }, status: 400, code: 'invalid-idempotency-key' },
  { name: 'a year that is not a number', method: 'GET', path: '/api/v1/filings/430423/hszx/abcd', status: 400, code: 'invalid-year' },
  { name: 'a year out of range', path: '/api/v1/filings/430423/hszx/1999/figures', body: fig('overall.budget.initial', '1'), status: 400, code: 'invalid-year' },
  { name: 'a filing that does not exist', method: 'GET', path: '/api/v1/filings/430423/hszx/2030', status: 404, code: 'filing-not-found' },
  { name: 'a moment that is not one', method: 'GET', path: `${P}/findings?asOf=yesterday`, status: 400, code: 'invalid-moment' },
  { name: 'all that is not a boolean', method: 'GET', path: `${P}/findings?all=maybe`, status: 400, code: 'invalid-field', detail: /all 应为 true 或 false/u },
  { name: 'a template that does not exist', method: 'GET', path: `${P}/score?template=nope`, status: 404, code: 'template-not-found' },
  { name: 'a finding that does not exist', as: () => reviewer, path: '/api/v1/findings/0123456789abcdef/acknowledge', body: { reason: '已核实' }, status: 404, code: 'finding-not-found' },
  { name: 'a review without a reason', as: () => reviewer, path: '/api/v1/findings/0123456789abcdef/dismiss', body: {}, status: 400, code: 'invalid-field', detail: /reason 应为字符串/u },
  { name: 'an upload that is not a self-evaluation', path: '/api/v1/imports', raw: () => upload('会议纪要\n今天开会。\n'), status: 400, code: 'import-not-a-self-evaluation', detail: /不是预算绩效自评表/u },
  { name: 'an upload over 5 MB', path: '/api/v1/imports', raw: () => upload(Buffer.alloc(5 * 1024 * 1024 + 1, 0x20)), status: 413, code: 'http.413', detail: /超过 5 MB/u },
  { name: 'an upload under another field name', path: '/api/v1/imports', raw: () => upload(FIXTURE, {}, 'document'), status: 400, code: 'invalid-upload' },
  { name: 'an import without a file', path: '/api/v1/imports', body: { county: '430423' }, status: 400, code: 'import-file-required' },
  { name: 'an import with an unknown field', path: '/api/v1/imports', raw: () => upload(FIXTURE, { unit: 'hszx' }), status: 400, code: 'unknown-field', detail: /不接受字段“unit”/u, field: 'unit' },
  { name: 'an import dryRun that is not a boolean', path: '/api/v1/imports', raw: () => upload(FIXTURE, { dryRun: 'yes' }), status: 400, code: 'invalid-field', detail: /dryRun 应为 true 或 false/u },
  { name: 'an import into a county that is not a code', as: () => admin, path: '/api/v1/imports', raw: () => upload(FIXTURE, { county: 'hengshan' }), status: 400, code: 'invalid-field', detail: /county 应为 6 位行政区划代码/u },
  { name: 'an import into a county not registered', as: () => admin, path: '/api/v1/imports', raw: () => upload(FIXTURE, { county: '999999' }), status: 404, code: 'county-not-found' },
];

describe('bad input to the filing endpoints', () => {
  it.each(ROWS.map((r) => [r.name, r]))('%s → Problem Details, nothing appended', async (_name, row) => {
    const before = await eventCount();
    const res = await (row.as ?? (() => filer))().request(row.method ?? 'POST', row.path, { body: row.body, raw: row.raw?.(), headers: row.headers });
    expect([res.status, res.body?.code]).toEqual([row.status, row.code]);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/u);
    expect(res.body.detail).toMatch(CHINESE);
    if (row.detail) expect(res.body.detail).toMatch(row.detail);
    if (row.field) expect(res.body.field).toBe(row.field);
    expect(await eventCount()).toBe(before);
  });

  it('keeps the import report on a refused upload', async () => {
    const res = await filer.request('POST', '/api/v1/imports', { raw: upload('会议纪要\n今天开会。\n') });
    expect(res.body.details.report).toMatchObject({ unit: null, year: null, eventsAppended: 0, tablesFound: [], notUnderstood: expect.any(Array) });
  });

  it('takes a self score above its weight (a rule raises it as an error finding, C05)', async () => {
    const res = await filer.request('POST', `${P}/figures`, { body: fig(`${W}.score`, '50') });
    expect([res.status, res.body.appended]).toEqual([200, 1]);
    const findings = (await filer.request('GET', `${P}/findings`)).body.findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'C05', severity: 'error', status: 'open', expected: '10.00', actual: '50.00', paths: expect.arrayContaining([`${W}.score`]) }));
  });

  // body-parser's refusals, answered by the API's own JSON parser middleware (apps/api/src/errors/validation.ts)
  it('answers invalid JSON with 400 and a Chinese detail', async () => {
    const res = await filer.request('POST', `${P}/figures`, { raw: '{"figures": [', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(CHINESE);
  });

  it('answers a 10 MB JSON body with 413 Problem Details', async () => {
    const before = await eventCount();
    const res = await filer.request('POST', `${P}/figures`, { body: fig('report.sections.other.text', 'x'.repeat(10 * 1024 * 1024)) });
    expect(await eventCount()).toBe(before);
    expect([res.status, res.body.code]).toEqual([413, 'request-too-large']);
    expect(res.body.detail).toMatch(CHINESE);
  });
});
