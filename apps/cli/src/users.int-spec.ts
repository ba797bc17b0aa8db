import { Readable } from 'node:stream';
import { UserService } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { cli, cliJson as json } from '../../../test/support/cli';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';

/** `perfledger user add` and `perfledger users` against a test database: users as streams, passwords that sign in. */
jest.setTimeout(60_000);

let db: TestDatabase;
const saved = { ...process.env };
const events = async () => Number((await db.owner.query(`SELECT count(*) AS n FROM perfledger.events`)).rows[0].n);
const signsIn = (username: string, password: string) => new UserService(db.app, new PostgresEventStore(db.app)).verifyLogin(username, password).then(() => true, () => false);

/** Runs the command with `text` as its stdin (as `printf … | perfledger …`). */
async function withStdin<T>(text: string, work: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { value: Readable.from([text]), configurable: true });
  try {
    return await work();
  } finally {
    Object.defineProperty(process, 'stdin', original);
  }
}

beforeAll(async () => {
  db = await createTestDatabase('cli_users');
  process.env.DATABASE_URL = db.url;
  process.env.PERFLEDGER_COUNTY = '430423';
  delete process.env.PERFLEDGER_USER_PASSWORD;
  await json('county', 'add', '430423', '衡山县');
  await json('unit', 'add', 'hszx', '衡山县社会治理和网格化信息中心');
});
afterAll(async () => {
  process.env = saved;
  await db.drop();
});

describe('perfledger user add', () => {
  it('reads the password from stdin, names units by code or name, and records who added the user', async () => {
    const added = await withStdin('Filer-pass-2024\nignored second line\n', () =>
      json('user', 'add', 'hszx-filer', '--role', 'unit_filer', '--unit', '衡山县社会治理和网格化信息中心', '--name', '张会计', '--password-stdin'),
    );
    expect(added).toEqual({ user: { username: 'hszx-filer', displayName: '张会计', role: 'unit_filer', countyCode: '430423', units: ['hszx'], disabled: false }, generatedPassword: null });
    expect(await signsIn('hszx-filer', 'Filer-pass-2024')).toBe(true);
    const { rows } = await db.owner.query(`SELECT type, metadata FROM perfledger.events WHERE stream_id = 'user-hszx-filer' ORDER BY version`);
    expect(rows.map((r) => r.type)).toEqual(['UserAdded', 'UserPasswordSet']);
    expect(rows[0].metadata).toMatchObject({ actor: { userId: expect.stringMatching(/^cli:/), role: 'cli' }, source: 'cli', reason: '新增用户' });
    expect(JSON.stringify(rows)).not.toContain('Filer-pass-2024');
  });

  it('takes PERFLEDGER_USER_PASSWORD, else generates a strong password and shows it once', async () => {
    process.env.PERFLEDGER_USER_PASSWORD = 'Review-pass-2024';
    try {
      expect((await json('user', 'add', 'reviewer', '--role', 'bureau_reviewer')).generatedPassword).toBeNull();
    } finally {
      delete process.env.PERFLEDGER_USER_PASSWORD;
    }
    expect(await signsIn('reviewer', 'Review-pass-2024')).toBe(true);

    const text = await cli('user', 'add', 'auditor', '--role', 'auditor');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^已新增用户 auditor（auditor，审计人员）\n已生成初始密码（只显示这一次，请妥善转交本人）：(\S{24})\n$/u);
    const password = /：(\S{24})\n$/u.exec(text.stdout)![1];
    expect(await signsIn('auditor', password)).toBe(true);
    const generated = (await json('user', 'add', 'auditor2', '--role', 'auditor')).generatedPassword;
    expect(generated).toMatch(/^[\w-]{24}$/u);
    expect(generated).not.toBe(password);
  });

  it('refuses with exit 2, naming the option, and records nothing', async () => {
    const cases: [string[], string, RegExp][] = [
      [['weak', '--role', 'auditor', '--password-stdin'], 'weak-password', /^密码.*密码至少 10 个字符/u],
      [['newbie', '--role', 'superuser'], 'invalid-role', /^--role：角色应为/u],
      [['newbie', '--role', 'unit_filer'], 'units-required', /^--unit：/u],
      [['newbie', '--role', 'unit_filer', '--unit', '没有这个单位'], 'unit-not-found', /^--unit：单位 没有这个单位 不存在/u],
      [['newbie', '--role', 'unit_filer', '--county', '999999', '--unit', 'hszx'], 'county-not-found', /^--county：/u],
      [['newbie', '--role', 'auditor', '--unit', 'hszx', '--county', '430423'], 'units-not-allowed', /^--unit：/u],
      [['Bad Name', '--role', 'auditor'], 'invalid-username', /^<username>：用户名应为/u],
      [['reviewer', '--role', 'auditor'], 'user-exists', /^<username>：用户 reviewer 已存在/u],
      [['empty', '--role', 'auditor', '--password-stdin'], 'weak-password', /^密码.*不能为空/u],
    ];
    for (const [args, code, message] of cases) {
      const before = await events();
      const stdin = args[0] === 'weak' ? 'short1\n' : '\n';
      const r = await withStdin(stdin, () => cli('user', 'add', ...args, '--json'));
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      const body = JSON.parse(r.stdout);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message);
      expect(await events()).toBe(before);
    }
    expect((await cli('user', 'add', 'norole')).code).toBe(2); // --role is required
  });
});

describe('perfledger users', () => {
  it('lists every user without a password, as JSON and as text', async () => {
    const { users } = await json('users');
    expect(users.map((u: any) => u.username)).toEqual(['auditor', 'auditor2', 'hszx-filer', 'reviewer']);
    expect(users.find((u: any) => u.username === 'hszx-filer')).toEqual({ username: 'hszx-filer', displayName: '张会计', role: 'unit_filer', countyCode: '430423', units: ['hszx'], disabled: false });
    expect(JSON.stringify(users)).not.toMatch(/password|hash/iu);
    const text = await cli('users');
    expect(text.stdout.split('\n')).toContain('hszx-filer\t张会计\t单位填报人\t430423\thszx\t启用');
  });
});
