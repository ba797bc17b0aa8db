'use strict';
// Builds dist/ when it is missing or older than the sources, so `npm start` and `npx perfledger`
// work straight after `npm ci`, and later runs start at once.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const sources = ['apps', 'libs', 'migrations'];
const configs = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
    } else if (/\.ts$/.test(p) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(p)) {
      newest = Math.max(newest, st.mtimeMs);
    }
  };
  for (const dir of sources) if (fs.existsSync(path.join(root, dir))) visit(path.join(root, dir));
  for (const file of configs) if (fs.existsSync(path.join(root, file))) newest = Math.max(newest, fs.statSync(path.join(root, file)).mtimeMs);
  return newest;
}

function isStale() {
  if (!fs.existsSync(stamp)) return true;
  return newestSourceMtime() > fs.statSync(stamp).mtimeMs;
}

function build({ quiet = false } = {}) {
  if (!quiet) process.stderr.write('perfledger: building (first run, or sources changed)…\n');
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [root] });
  // One tsc program (tsconfig.build.json) compiles every app and lib into dist/.
  execFileSync(process.execPath, [nest, 'build', 'api'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  fs.writeFileSync(stamp, new Date().toISOString());
}

function ensureBuilt() {
  if (process.env.PERFLEDGER_SKIP_BUILD === '1') return;
  if (isStale()) build();
}

function loadEnvFile() {
  const file = path.join(process.cwd(), '.env');
  if (fs.existsSync(file) && typeof process.loadEnvFile === 'function') process.loadEnvFile(file);
}

module.exports = { ensureBuilt, build, loadEnvFile, root };

if (require.main === module) build();
