#!/usr/bin/env node
'use strict';
const path = require('node:path');
const { ensureBuilt, loadEnvFile, root } = require('../scripts/ensure-built');

loadEnvFile();
ensureBuilt();
require(path.join(root, 'dist/apps/cli/src/main.js'))
  .run(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
