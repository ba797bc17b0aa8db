import { randomBytes } from 'node:crypto';
import { cliContext, UserService } from '@app/application';
import type { Role } from '@app/domain';
import { passwordProblem, ROLE_ZH } from '@app/domain';
import type { UserRow } from '@app/projections';
import { listUserRows } from '@app/projections';
import { isAppError } from '@app/shared';
import { CliFailure, EXIT, printJson } from '../cli-output';
import { withServices } from '../services';

/** What `perfledger users --json` and the API's `GET /users` show of a user: never a password or its hash. */
const userJson = (u: UserRow) => ({ username: u.username, displayName: u.displayName, role: u.role, countyCode: u.countyCode, units: u.units, disabled: u.disabled });

/** The option a refused field came from, so the message names what to fix. */
const OPTION_OF: Record<string, string> = {
  username: '<username>',
  displayName: '--name',
  role: '--role',
  countyCode: '--county',
  units: '--unit',
  password: '密码（--password-stdin 或 PERFLEDGER_USER_PASSWORD）',
};

/** The first line of stdin (`echo … | perfledger user add … --password-stdin`), without its line end. */
async function passwordFromStdin(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (input.isTTY) throw new CliFailure('password-stdin-tty', '--password-stdin 需要从管道读取密码（如 printf "%s\\n" "$PW" | perfledger user add …），或改用环境变量 PERFLEDGER_USER_PASSWORD', EXIT.usage);
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0].replace(/\r$/u, '');
}

/** A random password that meets the rule (≥ 10 characters, two kinds): 24 characters of base64url. */
function generatedPassword(): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (!passwordProblem(candidate)) return candidate;
  }
}

/**
 * `perfledger user add <username> --role <role> [--county C] [--unit U]… [--name N] [--password-stdin]`: the
 * password from stdin, else PERFLEDGER_USER_PASSWORD, else generated and shown once. A refusal exits 2 and
 * names the option to fix.
 */
export async function userAddCommand(
  username: string,
  options: { role: string; county?: string; unit?: string[]; name?: string; passwordStdin?: boolean; json?: boolean },
): Promise<number> {
  let password = options.passwordStdin ? await passwordFromStdin() : process.env.PERFLEDGER_USER_PASSWORD || undefined;
  const generated = password === undefined;
  if (generated) password = generatedPassword();
  if (password === '') throw new CliFailure('weak-password', `${OPTION_OF.password}：密码不能为空`, EXIT.usage);

  let user: UserRow;
  try {
    user = await withServices((s) => {
      // a unit filer's county defaults to PERFLEDGER_COUNTY, as every command's does; other roles see every county
      const countyCode = options.county?.trim() || (options.role === 'unit_filer' ? s.config.defaultCounty : undefined) || null;
      return new UserService(s.pool, s.store).addUser(
        { type: 'AddUser', username, displayName: options.name, role: options.role, countyCode, units: options.unit ?? [] },
        password!,
        cliContext('新增用户'),
      );
    });
  } catch (error) {
    if (isAppError(error) && error.kind !== 'Internal' && error.kind !== 'Unavailable') {
      const option = error.field ? OPTION_OF[error.field] ?? error.field : null;
      throw new CliFailure(error.code, option ? `${option}：${error.message}` : error.message, EXIT.usage);
    }
    throw error;
  }

  if (options.json) {
    printJson({ user: userJson(user), generatedPassword: generated ? password : null });
    return EXIT.ok;
  }
  const scope = user.role === 'unit_filer' ? `，行政区划 ${user.countyCode}，单位 ${user.units.join('、')}` : '';
  process.stdout.write(`已新增用户 ${user.username}（${user.displayName}，${ROLE_ZH[user.role]}${scope}）\n`);
  if (generated) process.stdout.write(`已生成初始密码（只显示这一次，请妥善转交本人）：${password}\n`);
  return EXIT.ok;
}

/** `perfledger users [--json]`: every user, with role, county, units and whether disabled. */
export async function usersCommand(options: { json?: boolean }): Promise<number> {
  const users = await withServices((s) => listUserRows(s.pool));
  if (options.json) printJson({ users: users.map(userJson) });
  else if (users.length === 0) process.stdout.write('尚无用户（perfledger user add <用户名> --role <角色>）\n');
  else {
    for (const u of users) {
      process.stdout.write(`${u.username}\t${u.displayName}\t${ROLE_ZH[u.role as Role]}\t${u.countyCode ?? ''}\t${u.units.join(',')}\t${u.disabled ? '已停用' : '启用'}\n`);
    }
  }
  return EXIT.ok;
}
