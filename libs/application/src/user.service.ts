import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import type { Pool } from 'pg';
import type { UserCommand, UserEvent } from '@app/domain';
import { decideUser, evolveUser, initialUserState, passwordProblem, userStreamId } from '@app/domain';
import type { PostgresEventStore } from '@app/event-store';
import type { UserRow } from '@app/projections';
import { countUsers, domainEvent, findCounty, findUnit, findUserRow, readCredentials, recordFailedLogin, recordSuccessfulLogin, setPasswordHash, writeUser } from '@app/projections';
import { AppError } from '@app/shared';
import type { CommandContext } from './command-context';
import { metadataOf, newCorrelationId } from './command-context';
import { toAppError } from './domain-errors';
import { inTransaction } from './transaction';

const LOCK_AFTER = 5;
const LOCK_SECONDS = 30;
const REFRESH_DAYS = 14;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Who may sign in and what they may see: users as streams, credentials and sessions beside them. */
export class UserService {
  constructor(
    private readonly pool: Pool,
    private readonly store: PostgresEventStore,
  ) {}

  /** Adds a user (a unit filer with the units it files for) and sets the password, in one transaction. */
  async addUser(command: Extract<UserCommand, { type: 'AddUser' }>, password: string, context: CommandContext): Promise<UserRow> {
    const problem = passwordProblem(password);
    if (problem) throw new AppError('InvalidInput', 'weak-password', problem, { field: 'password' });
    const hash = await argon2Hash(password);
    return inTransaction(this.pool, async (client) => {
      if (command.countyCode) {
        if (!(await findCounty(client, command.countyCode))) throw new AppError('NotFound', 'county-not-found', `行政区划 ${command.countyCode} 不存在`, { field: 'countyCode' });
        for (const unit of command.units ?? []) {
          if (!(await findUnit(client, command.countyCode, unit))) throw new AppError('NotFound', 'unit-not-found', `单位 ${unit} 不存在`, { field: 'units' });
        }
      }
      // units may be named by code or by name: the stream records codes
      const units: string[] = [];
      for (const u of command.units ?? []) units.push((await findUnit(client, command.countyCode!, u))!.code);
      await this.run(client, command.username, [{ ...command, units }, { type: 'SetPassword' }], context);
      await setPasswordHash(client, command.username, hash);
      return (await findUserRow(client, command.username))!;
    });
  }

  async setPassword(username: string, password: string, context: CommandContext): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) throw new AppError('InvalidInput', 'weak-password', problem, { field: 'password' });
    const hash = await argon2Hash(password);
    await inTransaction(this.pool, async (client) => {
      await this.run(client, username, [{ type: 'SetPassword' }], context);
      await setPasswordHash(client, username, hash);
    });
  }

  /**
   * Disables a user (nothing when already disabled) and revokes its refresh tokens; the guard re-reads
   * the user on every request, so its access tokens stop working at once.
   */
  async disableUser(username: string, context: CommandContext): Promise<{ user: UserRow; appended: number }> {
    return inTransaction(this.pool, async (client) => {
      if (!(await findUserRow(client, username))) throw new AppError('NotFound', 'user-not-found', `用户 ${username} 不存在`, { field: 'username' });
      const appended = await this.run(client, username, [{ type: 'DisableUser' }], context);
      await client.query(`DELETE FROM perfledger.refresh_tokens t WHERE t.username = $1`, [username]);
      return { user: (await findUserRow(client, username))!, appended };
    });
  }

  /**
   * The user whose password this is, else one error for every failure (unknown user, wrong password,
   * disabled), so a caller cannot tell which; a locked account says so, with no detail about the password.
   */
  async verifyLogin(username: string, password: string): Promise<UserRow> {
    const denied = () => new AppError('Unauthorized', 'login-failed', '用户名或密码不正确', { field: 'password' });
    const user = await findUserRow(this.pool, username);
    const credentials = user ? await readCredentials(this.pool, username) : null;
    if (!user || !credentials) {
      await argon2Hash(password); // the same work as a real check: no timing difference for unknown users
      throw denied();
    }
    if (credentials.lockedUntil && credentials.lockedUntil > new Date()) {
      throw new AppError('TooManyRequests', 'login-locked', `登录失败次数过多，请于 ${credentials.lockedUntil.toISOString()} 后再试`, { field: 'username' });
    }
    if (!(await argon2Verify(credentials.hash, password))) {
      await recordFailedLogin(this.pool, username, LOCK_AFTER, LOCK_SECONDS);
      throw denied();
    }
    if (user.disabled) throw denied();
    await recordSuccessfulLogin(this.pool, username);
    return user;
  }

  /** A new refresh token (returned once; only its hash is stored), in a new family or an existing one. */
  async issueRefreshToken(username: string, family: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.pool.query(`INSERT INTO perfledger.refresh_tokens (token_hash, username, family, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`, [
      sha256(token),
      username,
      family,
      REFRESH_DAYS,
    ]);
    return token;
  }

  /**
   * Rotates a refresh token: the old one is spent and a new one of the same family returned. A spent token
   * presented again means it was stolen or replayed: the whole family is revoked.
   */
  async rotateRefreshToken(token: string): Promise<{ user: UserRow; refreshToken: string }> {
    const invalid = () => new AppError('Unauthorized', 'refresh-invalid', '登录已失效，请重新登录', { field: 'refreshToken' });
    const { rows } = await this.pool.query(
      `UPDATE perfledger.refresh_tokens t SET used_at = now() WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() RETURNING t.username, t.family`,
      [sha256(token)],
    );
    if (rows.length === 0) {
      await this.pool.query(`DELETE FROM perfledger.refresh_tokens t WHERE t.family = (SELECT family FROM perfledger.refresh_tokens WHERE token_hash = $1)`, [sha256(token)]);
      throw invalid();
    }
    const user = await findUserRow(this.pool, rows[0].username);
    if (!user || user.disabled) throw invalid();
    return { user, refreshToken: await this.issueRefreshToken(user.username, rows[0].family) };
  }

  async revokeRefreshToken(token: string): Promise<void> {
    await this.pool.query(`DELETE FROM perfledger.refresh_tokens t WHERE t.family = (SELECT family FROM perfledger.refresh_tokens WHERE token_hash = $1)`, [sha256(token)]);
  }

  /** On first start with no user: the admin named by PERFLEDGER_ADMIN_USER / PERFLEDGER_ADMIN_PASSWORD. */
  async ensureInitialAdmin(username: string | undefined, password: string | undefined): Promise<'created' | 'exists' | 'not-configured'> {
    if ((await countUsers(this.pool)) > 0) return 'exists';
    if (!username || !password) return 'not-configured';
    try {
      await this.addUser({ type: 'AddUser', username, role: 'bureau_admin' }, password, { actor: { userId: 'system:bootstrap', role: 'system' }, source: 'system', reason: '首次启动：创建初始管理员' });
      return 'created';
    } catch (error) {
      if (error instanceof AppError && error.code === 'user-exists') return 'exists'; // another process won the race
      throw error;
    }
  }

  private async run(client: import('pg').PoolClient, username: string, commands: UserCommand[], context: CommandContext): Promise<number> {
    const streamId = userStreamId(username);
    const stored = await this.store.readStream(streamId, { client });
    let state = stored.reduce((s, e) => evolveUser(s, domainEvent<UserEvent>(e)), initialUserState());
    const events: UserEvent[] = [];
    try {
      for (const c of commands) {
        for (const e of decideUser(c, state)) {
          events.push(e);
          state = evolveUser(state, e);
        }
      }
    } catch (error) {
      throw toAppError(error);
    }
    if (events.length === 0) return 0;
    const metadata = metadataOf(context, newCorrelationId(context));
    const result = await this.store.append(streamId, events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata })), {
      expectedVersion: stored.length === 0 ? 'no-stream' : stored.length,
      client,
    });
    await writeUser(client, state, result.nextVersion);
    return events.length;
  }
}
