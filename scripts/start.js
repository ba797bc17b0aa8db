'use strict';
// `npm start`: the platform in one process — the API, the worker and its projectors.
//
// With no DATABASE_URL (or PERFLEDGER_DB=embedded) it runs on an embedded PostgreSQL (PGlite, data in
// PERFLEDGER_DATA_DIR, default ./.data) with the jobs queue on BullMQ's PostgreSQL backend in the same
// database: nothing to install but Node. The first start fills it with a demo county. The code path is
// production's: node-postgres over a socket, the same migrations, services, projectors and queue.
//
// With DATABASE_URL (production) it uses that PostgreSQL and, unless QUEUE_BACKEND=postgres, Redis at
// REDIS_URL; there run the API and the worker as separate processes too: `npm run start:api`,
// `npm run start:worker` (`node scripts/start.js api|worker`).
//
//   npm start -- --reset     the embedded mode starts over with an empty database (and a new demo)

// Node first, before anything that needs a newer one fails with a stranger message.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`PerfLedger 需要 Node.js 20.19 或更高版本，当前为 v${process.versions.node}。\nPerfLedger needs Node.js 20.19 or later (this is v${process.versions.node}): https://nodejs.org/\n`);
  process.exit(2);
}

const fs = require('node:fs');
const path = require('node:path');
const { ensureBuilt, loadEnvFile, root } = require('./ensure-built');

const args = process.argv.slice(2);
const which = args.find((a) => !a.startsWith('-')) ?? 'all';
const reset = args.includes('--reset');
const unknown = args.filter((a) => a.startsWith('-') && a !== '--reset');
const fail = (message, code = 2) => {
  process.stderr.write(`perfledger: ${message}\n`);
  process.exit(code);
};
if (!['all', 'api', 'worker'].includes(which)) fail(`unknown part "${which}": use api, worker, or nothing for both`);
if (unknown.length > 0) fail(`unknown option ${unknown.join(' ')} (the one option is --reset)`);

loadEnvFile();
const env = process.env;
const blank = (name) => (env[name] ?? '').trim() === '';
const dbMode = (env.PERFLEDGER_DB ?? '').trim();
if (!['', 'embedded', 'postgres'].includes(dbMode)) fail(`PERFLEDGER_DB must be embedded or postgres (got "${dbMode}")`);
if (dbMode === 'postgres' && blank('DATABASE_URL')) fail('PERFLEDGER_DB=postgres needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/perfledger)');
// embedded when asked for, or when no database is named (no port sniffing: an unset variable decides)
const embedded = dbMode === 'embedded' || (dbMode === '' && blank('DATABASE_URL'));
if (embedded && which !== 'all') fail('the embedded database lives inside one process: run `npm start` (API and worker together), or set DATABASE_URL to run them apart');
if (reset && !embedded) fail('--reset empties the embedded database only; a PostgreSQL at DATABASE_URL is never dropped by npm start');

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const say = (line) => process.stdout.write(`${line}\n`);

let database = null; // the embedded PostgreSQL, closed on every way out once started

(async () => {
  ensureBuilt();
  const shared = require(path.join(root, 'dist/libs/shared/src'));
  // the port before anything slow (the embedded database, the demo): a newcomer learns at once that it is
  // taken (PORT and HOST are checked again, with every other variable, by loadConfig)
  if (which !== 'worker' && /^\d{1,5}$/u.test((env.PORT ?? '').trim() || '3000')) {
    await assertPortFree(Number((env.PORT ?? '').trim() || '3000'), blank('HOST') ? (embedded ? '127.0.0.1' : '0.0.0.0') : env.HOST.trim());
  }
  let demoFile = null;
  let generatedAdmin = false;
  if (embedded) {
    // every other variable checked before the database starts (a mistyped PORT should not cost an initdb)
    try {
      shared.loadConfig({ ...env, DATABASE_URL: 'postgres://embedded@127.0.0.1/postgres', QUEUE_BACKEND: 'postgres' });
    } catch (error) {
      if (error instanceof shared.ConfigError) fail(`${error.message}\n\nSee README.md, "Configuration".`);
      throw error;
    }
    const dataDir = path.resolve(blank('PERFLEDGER_DATA_DIR') ? '.data' : env.PERFLEDGER_DATA_DIR.trim());
    const { startEmbeddedPostgres } = require(path.join(root, 'dist/libs/shared/src/embedded/embedded-postgres.js'));
    say(`嵌入式数据库：${dataDir}${reset ? '（--reset：清空重来）' : ''}`);
    database = await startEmbeddedPostgres({ dataDir, reset, log: (line) => say(line) });
    demoFile = path.join(dataDir, 'demo-logins.json');
    if (reset) fs.rmSync(demoFile, { force: true });
    // the embedded database's settings; anything set explicitly wins except the database URL itself
    env.DATABASE_URL = database.url;
    delete env.MIGRATION_DATABASE_URL;
    env.DATABASE_APP_ROLE = '-'; // PGlite ignores the startup role option: connect as is
    env.DATABASE_PREPARED_STATEMENTS = 'false'; // all connections share one session
    env.QUEUE_BACKEND = 'postgres';
    if (blank('QUEUE_POLL_MS')) env.QUEUE_POLL_MS = '200'; // PGlite delivers no NOTIFY to other connections
    if (blank('DATABASE_POOL_SIZE')) env.DATABASE_POOL_SIZE = '6';
    if (blank('HOST')) env.HOST = '127.0.0.1'; // a demo on a laptop: this machine only, unless HOST says otherwise
    if (blank('PERFLEDGER_ADMIN_USER')) {
      const saved = readDemoFile(demoFile);
      env.PERFLEDGER_ADMIN_USER = 'admin';
      env.PERFLEDGER_ADMIN_PASSWORD = saved?.admin?.password ?? `Demo-${require('node:crypto').randomBytes(9).toString('base64url')}`;
      generatedAdmin = true;
    }
  }

  let config;
  try {
    config = shared.loadConfig();
  } catch (error) {
    if (error instanceof shared.ConfigError) {
      if (database) await database.close();
      fail(`${error.message}\n\nSee README.md, "Configuration".`);
    }
    throw error;
  }

  const apps = [];
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    say(`\n正在停止（${signal}）…`);
    for (const app of apps.reverse()) await app.close().catch((e) => process.stderr.write(`perfledger: ${e.message}\n`));
    if (database) await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await shared.runMigrations(config.migrationDatabaseUrl, require(path.join(root, 'dist/migrations')).MIGRATIONS);
  let demo = null;
  if (embedded) demo = await seedDemoIfEmpty(config, demoFile, generatedAdmin);

  if (which === 'api' || which === 'all') apps.push(await require(path.join(root, 'dist/apps/api/src/main.js')).bootstrapApi(config, { migrate: false, shutdownHooks: false }));
  if (which === 'worker' || which === 'all') apps.push(await require(path.join(root, 'dist/apps/worker/src/main.js')).bootstrapWorker(config, { migrate: false, shutdownHooks: false }));

  if (embedded) {
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
    say('');
    say(`PerfLedger 绩效账本 已启动（${seconds()} 秒，嵌入式数据库，数据保存在 ${database.dataDir}）`);
    say(`  API:      ${url}/api/v1   健康检查 ${url}/health`);
    say(`  API 文档: ${url}/api/docs`);
    say(`  任务看板: ${url}/admin/queues（财政局管理员登录）`);
    if (demo) {
      say(`  演示数据: ${demo.county.name}（${demo.county.code}）${demo.fixtureUnit ? `，${demo.fixtureUnit.name} ${demo.fixtureUnit.year} 年度（真实自评表）` : ''}，${demo.round.year} 年度合成单位 ${demo.syntheticUnits} 个（含 ${demo.anomalies} 处注入的异常），评价轮次已开启`);
      say('  演示登录（POST /api/v1/auth/login，{"username","password"}）：');
      for (const login of demo.logins) say(`    ${login.username.padEnd(9)} ${login.password}   ${login.role.padEnd(15)} ${login.description}`);
      say(`  （登录信息保存在 ${demoFile}；npm start -- --reset 清空数据重新开始）`);
    }
    say('按 Ctrl+C 停止。');
  }
})().catch(async (error) => {
  process.stderr.write(`perfledger: ${error instanceof Error ? error.message : String(error)}\n`);
  if (database) await database.close().catch(() => undefined); // flush PGlite and free the data directory's lock
  process.exit(1);
});

function assertPortFree(port, host) {
  return new Promise((resolve) => {
    const probe = require('node:net').createServer();
    probe.once('error', (error) => {
      if (error.code === 'EADDRINUSE') fail(`端口 ${port} 已被占用（也许 PerfLedger 已在运行）：停止占用它的程序，或用 PORT=<其他端口> npm start 启动\nport ${port} is in use: stop what uses it, or start with PORT=<another port>`, 3);
      if (error.code === 'EACCES') fail(`没有权限监听端口 ${port}：用 PORT=<1024 以上的端口> 启动 (no permission to listen on port ${port})`, 3);
      resolve(); // anything else: let the API's own listen report it
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function readDemoFile(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * The demo, on the first start of an empty embedded database: seeded before the API and the worker start
 * (with a progress line), its logins kept in the data directory so later starts can show them again.
 */
async function seedDemoIfEmpty(config, demoFile, generatedAdmin) {
  const { createPool, PostgresEventStore } = require(path.join(root, 'dist/libs/event-store/src'));
  const application = require(path.join(root, 'dist/libs/application/src'));
  const pool = createPool({ connectionString: config.databaseUrl, appRole: config.databaseAppRole, max: 4 });
  try {
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM perfledger.events WHERE stream_id NOT LIKE 'user-%'`);
    const saved = readDemoFile(demoFile);
    if (rows[0].n > 0) {
      if (!saved?.complete) say('（数据库已有数据，但演示数据未生成完整：npm start -- --reset 可清空重来）');
      return saved?.complete ? saved.report : null;
    }
    const store = new PostgresEventStore(pool, { preparedStatements: config.databasePreparedStatements });
    // the initial admin first: the API creates it only while there is no user, and the demo adds some
    await new application.UserService(pool, store).ensureInitialAdmin(config.adminUser ?? undefined, config.adminPassword ?? undefined);
    const fixture = path.join(root, 'test/fixtures/hengshan-2023-self-evaluation.txt');
    const tty = process.stdout.isTTY;
    let last = 0;
    const report = await application.seedDemo(pool, store, {
      countyCode: '430423',
      countyName: '衡山县',
      fixture: fs.existsSync(fixture) ? { bytes: fs.readFileSync(fixture), fileName: path.basename(fixture) } : null,
      units: 40,
      seed: 1,
      year: 2024,
      onProgress: (done, total) => {
        // one line that updates on a terminal; every tenth step otherwise (a log file)
        if (tty) process.stdout.write(`\r正在生成演示数据：${done}/${total} 份自评表`);
        else if (done === total || done - last >= 10) {
          last = done;
          say(`正在生成演示数据：${done}/${total} 份自评表`);
        }
      },
    });
    if (tty) process.stdout.write('\n');
    // the admin comes from PERFLEDGER_ADMIN_USER/PASSWORD when they are set (never written down here), else it was generated
    if (generatedAdmin) report.logins.unshift({ username: config.adminUser, password: config.adminPassword, role: 'bureau_admin', description: '财政局管理员：全部权限、用户、轮次、模板、任务看板' });
    fs.writeFileSync(demoFile, JSON.stringify({ complete: true, admin: generatedAdmin ? { password: config.adminPassword } : null, report }, null, 2), { mode: 0o600 });
    return report;
  } finally {
    await pool.end();
  }
}
