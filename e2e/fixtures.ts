/**
 * Test fixtures: each test gets its own Tally web host (`tally serve --port 0`) on a fresh
 * workspace in a temporary folder, started from the built CLI and stopped after the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export type TallyHost = {
  /** The address printed by the host, with its `?token=`. */
  url: string;
  workspacePath: string;
  demoDatabasePath: string;
  /** Everything the host printed, for failure messages. */
  output(): string;
  /** Stops the host before the test ends (it is stopped after the test in any case). */
  stop(): Promise<void>;
};

const repoRoot = resolve(__dirname, '..');
const urlPattern = /http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+/;

function waitForUrl(child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`tally serve printed no address within ${timeoutMs} ms. Output:\n${output()}`));
    }, timeoutMs);
    const onData = (): void => {
      const match = urlPattern.exec(output());
      if (match) {
        cleanup();
        resolveUrl(match[0]);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(
        new Error(`tally serve exited with status ${String(code)} before printing its address. Output:\n${output()}`),
      );
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

export const test = base.extend<{ tallyHost: TallyHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  tallyHost: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-e2e-'));
    const workspacePath = join(dir, 'workspace.tally');
    const demoDatabasePath = join(dir, 'demo.db');
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'tally.cjs'),
        'serve',
        '--port',
        '0',
        '--workspace',
        workspacePath,
        '--demo-db',
        demoDatabasePath,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let printed = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const output = (): string => printed;
    try {
      const url = await waitForUrl(child, output, 30_000);
      await use({ url, workspacePath, demoDatabasePath, output, stop: () => stop(child) });
    } finally {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
