'use strict';
// `npm start`: the API and the worker in one process (run them as separate processes in
// production with `npm run start:api` and `npm run start:worker`).
const path = require('node:path');
const { ensureBuilt, loadEnvFile, root } = require('./ensure-built');

loadEnvFile();
ensureBuilt();
const { loadConfig, ConfigError } = require(path.join(root, 'dist/libs/shared/src'));
const which = process.argv[2] ?? 'all';

(async () => {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\nSee README.md, "Configuration".\n`);
      process.exit(2);
    }
    throw error;
  }
  if (which === 'api' || which === 'all') await require(path.join(root, 'dist/apps/api/src/main.js')).bootstrapApi(config);
  // In one process the API has just migrated; the worker need not do it again.
  if (which === 'worker' || which === 'all') {
    await require(path.join(root, 'dist/apps/worker/src/main.js')).bootstrapWorker(config, { migrate: which === 'worker' });
  }
})().catch((error) => {
  process.stderr.write(`perfledger: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
