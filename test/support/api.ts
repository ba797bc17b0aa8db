import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { UserService } from '../../libs/application/src';
import { PostgresEventStore } from '../../libs/event-store/src';
import { loadConfig } from '../../libs/shared/src';
import { createApiApp } from '../../apps/api/src/main';
import type { TestDatabase } from './test-database';
import { TEST_REDIS_URL } from './worker';

export const ADMIN = { username: 'admin', password: 'Admin-pass-2024' };
/** A password every test user gets (the rule: ≥ 10 characters, two kinds). */
export const PASSWORD = 'Test-pass-2024';

export interface TestApi {
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

/** The API on a test database (the first admin from the environment, its own queue prefix), on an ephemeral port. */
export async function startApi(db: TestDatabase, env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: 'silent',
    PORT: '0',
    QUEUE_PREFIX: `test-api-${randomUUID().slice(0, 8)}`,
    PERFLEDGER_ADMIN_USER: ADMIN.username,
    PERFLEDGER_ADMIN_PASSWORD: ADMIN.password,
    ...env,
  });
  const app = await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1'), close: () => app.close() };
}

/** Adds a user directly (as an admin would), with PASSWORD. */
export async function addUser(db: TestDatabase, username: string, role: string, county?: string, units: string[] = []): Promise<void> {
  await new UserService(db.app, new PostgresEventStore(db.app)).addUser({ type: 'AddUser', username, role, countyCode: county ?? null, units }, PASSWORD, {
    actor: { userId: 'test', role: 'system' },
    source: 'system',
  });
}

export interface Client {
  token: string;
  request(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; raw?: FormData | string | Buffer }): Promise<{ status: number; headers: Headers; body: any }>;
}

/** Logs in over HTTP and returns a client that sends the access token. */
export async function login(base: string, username: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return {
    token: accessToken,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, ...(init.headers ?? {}) };
      let body: FormData | string | Buffer | undefined = init.raw;
      if (init.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(init.body);
      }
      const res = await fetch(`${base}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an export, a page)
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
  };
}
