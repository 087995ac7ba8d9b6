/** Runs through the API: a real worker, events pushed to the client, pause and resume, the run history. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src-shared/run';
import type { ApiClient } from '../../src-shared/rpc/client';
import { appRoot } from '../app-paths';
import { MemorySecretStore } from '../connections/secret-store';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { createApi } from './api';
import { createInProcessClient } from './in-process';

beforeAll(() => {
  if (!existsSync(join(appRoot(), 'out', 'main', 'worker.js'))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: appRoot(), encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`);
  }
}, 180_000);

describe('the run API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: Workspace;
  let api: ApiClient;

  beforeEach(() => {
    temp = makeTempDir('run-api');
    workspace = Workspace.open(join(temp.dir, 'project.tally'));
    api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'test', env: {} }));
  });

  afterEach(() => {
    api.dispose();
    workspace.close();
    temp.remove();
  });

  it('runs a plan in a worker, pushes its events, pauses and resumes, and lists the run', async () => {
    const plan = await api.call('plan.create', {
      source: { url: `sqlite:${requireChinook()}` },
      target: { url: `sqlite:${join(temp.dir, 'target.db')}` },
    });
    const events: RunEvent[] = [];
    const finished = new Promise<RunEvent>((resolve) => {
      api.on('run.event', (event) => {
        events.push(event);
        if (event.type === 'done' || event.type === 'failed') resolve(event);
      });
    });
    const { runId, resumed } = await api.call('run.start', { plan, batchRows: 500 });
    expect(resumed).toBe(false);
    expect(await api.call('run.pause', { runId })).toEqual({ ok: true });
    expect((await api.call('run.list', {}))[0]?.status).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const checkpointsWhilePaused = events.filter((e) => e.type === 'checkpoint').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.filter((e) => e.type === 'checkpoint').length).toBe(checkpointsWhilePaused);
    expect(await api.call('run.resume', { runId })).toEqual({ ok: true });

    const last = await finished;
    expect(last).toMatchObject({ type: 'done', runId, status: 'done' });
    expect(events.some((e) => e.type === 'progress' && e.tableId === 'PlaylistTrack' && e.totalRows === 8715)).toBe(
      true,
    );
    const [run] = await api.call('run.list', {});
    expect(run).toMatchObject({ runId, status: 'done', planName: plan.name });
    expect(Object.fromEntries(run?.tables.map((t) => [t.tableId, t.written]) ?? [])).toEqual(chinookRowCounts);
    expect(await api.call('run.rejects', { runId })).toEqual([]);
    expect(await api.call('run.pause', { runId })).toEqual({ ok: false });
  });
});
