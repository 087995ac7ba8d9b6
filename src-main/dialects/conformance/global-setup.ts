/**
 * Starts the embedded PostgreSQL server the conformance suite always runs against, so `npm test`
 * needs nothing installed by hand, and prints which live targets run and which do not. The
 * server lives in a child process (see scripts/embedded-postgres.mjs for why).
 */
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres';
import { describeTargets } from './targets';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the embedded PostgreSQL server (password included: test fixture only). */
    embeddedPostgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres();
  project.provide('embeddedPostgresUrl', server.url);
  process.stdout.write(
    `\nLive database targets:\n${describeTargets(server.url)
      .map((line) => `  ${line}`)
      .join('\n')}\n\n`,
  );
  return () => server.stop();
}
