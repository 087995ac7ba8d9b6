/**
 * A real forked worker killed with SIGKILL at random batch boundaries, again and again, while it
 * loads Chinook into PostgreSQL: every resume finishes with every key present exactly once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import { appRoot } from '../app-paths';
import { dialectFor } from '../dialects';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../dialects/conformance/targets';
import type { DatabaseSession } from '../dialects/dialect';
import { buildPlan } from '../engine/planner';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import type { RunJob } from './protocol';
import { runInWorker } from './run-in-worker';

const kills = 20;

/** A small deterministic generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('a worker killed mid-run', () => {
  const embedded = liveTargets(inject('embeddedPostgresUrl')).find((t) => t.label === 'PostgreSQL (embedded)');
  let temp: ReturnType<typeof makeTempDir>;
  let fresh: FreshDatabase;
  let plan: Plan;

  beforeAll(async () => {
    if (!existsSync(join(appRoot(), 'out', 'main', 'worker.js'))) {
      const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: appRoot(), encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`);
    }
    if (!embedded) throw new Error('The embedded PostgreSQL target is missing.');
    temp = makeTempDir('kill');
    fresh = await createFreshDatabase(embedded);
    const source = await dialectFor('sqlite').connect(
      { dialect: 'sqlite', file: requireChinook() },
      { password: undefined, readOnly: true, timeoutMs: 5000 },
    );
    const target = await fresh.open();
    try {
      plan = buildPlan(await source.inspect({ exactCountLimit: 1e9 }), await target.inspect({ exactCountLimit: 0 }), {
        name: 'kill test',
        source: { url: `sqlite:${requireChinook()}` },
        target: { url: dialectFor('postgres').formatUrl(fresh.spec) },
        targetSchema: 'public',
      });
    } finally {
      await source.close();
      await target.close();
    }
  }, 180_000);

  afterAll(async () => {
    await fresh?.drop();
    temp?.remove();
  });

  it(`resumes after ${kills} SIGKILLs with every key exactly once`, async () => {
    const random = seeded(20261125);
    const job: RunJob = {
      kind: 'run',
      planJson: JSON.stringify(plan),
      workspacePath: join(temp.dir, 'kill.tally'),
      batchRows: 120,
      passwords: { target: fresh.password ?? '' },
    };
    let killed = 0;
    let finished = false;
    while (killed < kills && !finished) {
      const killAfter = 1 + Math.floor(random() * 6);
      let checkpoints = 0;
      const worker = runInWorker(job, (event) => {
        if (event.type !== 'checkpoint') return;
        checkpoints += 1;
        if (checkpoints === killAfter) worker.process.kill('SIGKILL');
      });
      const summary = await worker.finished;
      if (worker.process.signalCode === 'SIGKILL') killed += 1;
      else {
        expect(
          summary.error,
          `a worker that was not killed must finish the run (after ${killed} kills)`,
        ).toBeUndefined();
        finished = summary.status === 'done';
      }
    }
    expect(killed).toBe(kills);
    const final = await runInWorker(job).finished;
    expect(final.error).toBeUndefined();
    expect(final.status).toBe('done');

    const workspace = Workspace.open(job.workspacePath);
    const runs = workspace.runs.listRuns();
    workspace.close();
    expect(runs.length).toBe(1);

    let session: DatabaseSession | undefined;
    try {
      session = await fresh.open();
      for (const table of plan.tables) {
        const q = (name: string): string => session?.dialect.quoteIdentifier(name) ?? name;
        const key = table.keyColumns.map(q).join(', ');
        const rows = await session.query<{ total: string; distinct_keys: string }>(
          `SELECT count(*) AS total, (SELECT count(*) FROM (SELECT DISTINCT ${key} FROM ${session.dialect.quoteTable(table.target)}) k) AS distinct_keys FROM ${session.dialect.quoteTable(table.target)}`,
        );
        expect(Number(rows[0]?.total), table.id).toBe(chinookRowCounts[table.id]);
        expect(Number(rows[0]?.distinct_keys), table.id).toBe(chinookRowCounts[table.id]);
      }
      for (const table of final.tables)
        expect(table, table.tableId).toMatchObject({
          read: chinookRowCounts[table.tableId],
          written: chinookRowCounts[table.tableId],
          rejected: 0,
        });
    } finally {
      await session?.close();
    }
  }, 240_000);
});
