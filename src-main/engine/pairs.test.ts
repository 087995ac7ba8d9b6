/**
 * Database pairs end to end: Chinook and the demo shop are moved from SQLite to every live
 * target, and Chinook back out of PostgreSQL into SQLite and MySQL. Every run must prove its
 * accounting, and Tally's own validation (counts, checksums, rows) must find the target
 * identical to the source as the plan maps it, the demo's quarantined rows counted as such.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';

import type { ValidationEvent, ValidationResult } from '../../src-shared/validation';
import { createApi } from '../api/api';
import { createInProcessClient } from '../api/in-process';
import { MemorySecretStore } from '../connections/secret-store';
import { dialectFor } from '../dialects';
import { createFreshDatabase, liveTargets, type FreshDatabase, type LiveTarget } from '../dialects/conformance/targets';
import { generateDemoDatabase } from '../demo/generate';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { buildPlan } from './planner';
import { runPlan, type RunSummary } from './runner';

const targets = liveTargets(inject('embeddedPostgresUrl')).filter((t) => t.dialect !== 'mssql');
const sqliteTarget = targets.find((t) => t.dialect === 'sqlite');
const embeddedPostgres = targets.find((t) => t.label === 'PostgreSQL (embedded)');
const mysqlTarget = targets.find((t) => t.dialect === 'mysql');

type Side = { url: string; fresh?: FreshDatabase };

function sqliteSide(file: string): Side {
  return { url: `sqlite:${file}` };
}

function freshSide(fresh: FreshDatabase): Side {
  return { url: dialectFor(fresh.spec.dialect).formatUrl(fresh.spec), fresh };
}

/** Passwords as the CLI takes them: from the environment, never in the plan. */
function envFor(...sides: Side[]): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const side of sides) {
    const password = side.fresh?.password;
    if (!password) continue;
    if (side.fresh?.spec.dialect === 'postgres') env.PGPASSWORD = password;
    if (side.fresh?.spec.dialect === 'mysql') env.MYSQL_PWD = password;
  }
  return env;
}

async function openSide(side: Side, readOnly: boolean) {
  if (side.fresh) return side.fresh.open({ readOnly });
  return dialectFor('sqlite').connect(
    { dialect: 'sqlite', file: side.url.slice('sqlite:'.length) },
    { password: undefined, readOnly, timeoutMs: 5_000 },
  );
}

async function autoPlan(name: string, source: Side, target: Side): Promise<Plan> {
  const sourceSession = await openSide(source, true);
  const targetSession = await openSide(target, false);
  try {
    const targetDialect = targetSession.dialect;
    return buildPlan(
      await sourceSession.inspect({ exactCountLimit: 1e9 }),
      await targetSession.inspect({ exactCountLimit: 0 }),
      {
        name,
        source: { url: source.url },
        target: { url: target.url },
        targetSchema: target.fresh ? targetDialect.defaultSchema(target.fresh.spec) : null,
      },
    );
  } finally {
    await sourceSession.close();
    await targetSession.close();
  }
}

/** Runs the plan, then validates it in the same workspace (so quarantined rows are known). */
async function runAndValidate(
  workspace: Workspace,
  plan: Plan,
  env: NodeJS.ProcessEnv,
): Promise<{ run: RunSummary; validation: ValidationResult }> {
  const context = { workspace, secrets: new MemorySecretStore(), env };
  const run = await runPlan({ plan, workspace, context, batchRows: 900, onEvent: () => undefined });
  const api = createInProcessClient(createApi({ workspace, secrets: context.secrets, host: 'test', env }));
  try {
    const done = new Promise<ValidationEvent>((resolve) => {
      const off = api.on('validate.event', (event) => {
        if (event.type === 'done' || event.type === 'failed') {
          off();
          resolve(event);
        }
      });
    });
    await api.call('validate.start', { plan, fresh: true });
    const end = await done;
    if (end.type === 'failed') throw new Error(end.error.message);
    if (end.type !== 'done') throw new Error('the validation ended without a result');
    return { run, validation: end.result };
  } finally {
    api.dispose();
  }
}

/** Every table balanced and found identical; rows the run rejected are the ones validation calls quarantined. */
function expectIdentical(run: RunSummary, validation: ValidationResult): void {
  expect(run.error).toBeUndefined();
  expect(run.status).toBe('done');
  for (const table of run.tables)
    expect(table.read, table.tableId).toBe(table.written + table.rejected + table.filtered);
  expect(validation.tables.map((t) => t.tableId).sort()).toEqual(run.tables.map((t) => t.tableId).sort());
  for (const table of validation.tables) {
    expect(table.rowsCompared, table.tableId).toBeGreaterThan(0);
    const summary = JSON.stringify({ ...table, examples: table.examples.slice(0, 2) }).slice(0, 1500);
    expect(table.status, summary).toBe('match');
    expect(table.missing + table.extra + table.changed, summary).toBe(0);
    const rejected = run.tables.find((t) => t.tableId === table.tableId)?.rejected;
    expect(table.quarantined, summary).toBe(rejected);
  }
  expect(validation.ok).toBe(true);
}

function describeTarget(target: LiveTarget | undefined, title: string, body: (target: LiveTarget) => void): void {
  if (!target) return;
  describe.skipIf(target.notRun !== undefined)(`${title} ${target.label}`, () => body(target));
}

for (const target of targets) {
  describeTarget(target, 'SQLite →', (live) => {
    let temp: ReturnType<typeof makeTempDir>;
    let workspace: Workspace;
    const fresh: FreshDatabase[] = [];

    beforeAll(() => {
      temp = makeTempDir('pairs');
      workspace = Workspace.open(join(temp.dir, 'pairs.tally'));
    });

    afterAll(async () => {
      workspace?.close();
      for (const database of fresh) await database.drop();
      temp?.remove();
    });

    it('moves Chinook whole and validation finds it identical', async () => {
      const database = await createFreshDatabase(live);
      fresh.push(database);
      const target = freshSide(database);
      const plan = await autoPlan('chinook', sqliteSide(requireChinook()), target);
      const { run, validation } = await runAndValidate(workspace, plan, envFor(target));
      expectIdentical(run, validation);
      for (const table of run.tables) expect(table.written, table.tableId).toBe(chinookRowCounts[table.tableId]);
    }, 180_000);

    it('moves the demo shop, its dirty rows quarantined, and validation finds the rest identical', async () => {
      const demoFile = join(temp.dir, 'shop.db');
      generateDemoDatabase({ file: demoFile });
      const database = await createFreshDatabase(live);
      fresh.push(database);
      const target = freshSide(database);
      const plan = await autoPlan('demo shop', sqliteSide(demoFile), target);
      const { run, validation } = await runAndValidate(workspace, plan, envFor(target));
      expectIdentical(run, validation);
      expect(run.tables.reduce((sum, t) => sum + t.rejected, 0)).toBeGreaterThan(0);
    }, 180_000);
  });
}

describeTarget(embeddedPostgres, 'Chinook out of', (postgres) => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: Workspace;
  let source: Side;
  const fresh: FreshDatabase[] = [];

  beforeAll(async () => {
    temp = makeTempDir('pairs-pg');
    workspace = Workspace.open(join(temp.dir, 'pairs.tally'));
    const database = await createFreshDatabase(postgres);
    fresh.push(database);
    source = freshSide(database);
    const load = await autoPlan('chinook into PostgreSQL', sqliteSide(requireChinook()), source);
    const { run } = await runAndValidate(workspace, load, envFor(source));
    expect(run.status).toBe('done');
  }, 180_000);

  afterAll(async () => {
    workspace?.close();
    for (const database of fresh) await database.drop();
    temp?.remove();
  });

  for (const [label, live] of [
    ['SQLite', sqliteTarget],
    ['MySQL/MariaDB', mysqlTarget],
  ] as const)
    it.skipIf(!live || live.notRun !== undefined)(
      `moves it into ${label} and validation finds it identical`,
      async () => {
        if (!live) return;
        const database = await createFreshDatabase(live);
        fresh.push(database);
        const target = freshSide(database);
        const plan = await autoPlan(`chinook out of PostgreSQL into ${label}`, source, target);
        const { run, validation } = await runAndValidate(workspace, plan, envFor(source, target));
        expectIdentical(run, validation);
        for (const table of run.tables) expect(table.written, table.tableId).toBe(chinookRowCounts[table.tableId]);
      },
      180_000,
    );
});
