/** Starts scripts/embedded-postgres.mjs as a child process and hands back its URL and a way to stop it. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { appRoot } from '../../app-paths';

export type EmbeddedPostgresServer = { url: string; port: number; password: string; stop(): Promise<void> };

export function startEmbeddedPostgres(options: { fast?: boolean } = {}): Promise<EmbeddedPostgresServer> {
  const child = spawn(
    process.execPath,
    [join(appRoot(), 'scripts', 'embedded-postgres.mjs'), ...(options.fast ? ['--fast'] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`The embedded PostgreSQL server did not start (exit ${String(code)}): ${errors}`)),
    );
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const line = output.split('\n')[0];
      if (!output.includes('\n') || !line) return;
      const started = JSON.parse(line) as { url: string; port: number; password: string };
      child.removeAllListeners('exit');
      resolve({
        ...started,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
