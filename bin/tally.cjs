#!/usr/bin/env node
// The `tally` command: runs the built CLI (npm ci builds it through the `prepare` script).
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    'tally: Tally is not built yet: run `npm run build` in ' + path.dirname(__dirname) + ' first.\n',
  );
  process.exit(2);
}
require(cli)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
