/**
 * The runner in-process against real targets: Chinook arrives whole and accounted for on every
 * live database; dirty rows end in the quarantine with their reasons while the rest loads.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import { MemorySecretStore } from '../connections/secret-store';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../dialects/conformance/targets';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';
import { autoPlanInto } from '../testing/plans';
import { Workspace } from '../workspace/workspace';
import type { RunEvent } from './run-events';
import { rollbackRun } from './rollback';
import { runPlan } from './runner';

const targets = liveTargets(inject('embeddedPostgresUrl'));

const planFor = (sourceFile: string, fresh: FreshDatabase): Promise<Plan> => autoPlanInto(sourceFile, fresh, 'test');

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`run Chinook → ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;

    beforeAll(async () => {
      temp = makeTempDir('runner');
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'run.tally'));
    });

    afterAll(async () => {
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    it('loads every table in foreign-key order and proves the accounting', async () => {
      const plan = await planFor(requireChinook(), fresh);
      const events: RunEvent[] = [];
      const env = {
        ...process.env,
        ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}),
      };
      const summary = await runPlan({
        plan,
        workspace,
        context: { workspace, secrets: new MemorySecretStore(), env },
        batchRows: 700,
        onEvent: (event) => events.push(event),
      });
      expect(summary.error).toBeUndefined();
      expect(summary.status).toBe('done');
      for (const table of summary.tables) {
        expect(table, table.tableId).toMatchObject({
          read: chinookRowCounts[table.tableId],
          written: chinookRowCounts[table.tableId],
          rejected: 0,
          filtered: 0,
          status: 'done',
        });
      }
      expect(events.filter((e) => e.type === 'checkpoint').length).toBeGreaterThan(11);
      const session = await fresh.open();
      try {
        const created = await session.inspect({ exactCountLimit: 1e9 });
        expect(created.tables.flatMap((t) => t.foreignKeys)).toHaveLength(11);
        expect(created.tables.find((t) => t.name === 'Track')?.indexes.length).toBeGreaterThan(0);
        const q = (name: string): string => session.dialect.quoteIdentifier(name);
        const rows = await session.query(
          `SELECT ${q('Name')} AS name, ${q('UnitPrice')} AS price FROM ${session.dialect.quoteTable({ schema: plan.tables[0]?.target.schema ?? null, name: 'Track' })} WHERE ${q('TrackId')} = ?`,
          [2],
        );
        expect(rows[0]?.name).toBe('Balls to the Wall');
        expect(Number(rows[0]?.price)).toBe(0.99);
      } finally {
        await session.close();
      }
    });
  });
}

describe('dirty rows', () => {
  const embedded = targets.find((t) => t.label === 'PostgreSQL (embedded)');
  let temp: ReturnType<typeof makeTempDir>;
  let fresh: FreshDatabase;
  let workspace: Workspace;
  let sourceFile: string;

  beforeAll(async () => {
    if (!embedded) throw new Error('The embedded PostgreSQL target is missing.');
    temp = makeTempDir('dirty');
    sourceFile = join(temp.dir, 'dirty.db');
    copyFileSync(requireChinook(), sourceFile);
    const db = openSqliteDatabase(sourceFile);
    // Legacy SQLite holds whatever it is given: text in an integer column, a NUL byte, an invalid date, an orphan.
    db.exec(`
      PRAGMA foreign_keys = OFF;
      UPDATE Track SET Milliseconds = 'three minutes' WHERE TrackId = 5;
      UPDATE Track SET Name = 'Nul' || char(0) || 'byte' WHERE TrackId = 6;
      UPDATE Invoice SET InvoiceDate = 'N/A' WHERE InvoiceId = 7;
      UPDATE Album SET ArtistId = 99999 WHERE AlbumId = 8;
    `);
    db.close();
    fresh = await createFreshDatabase(embedded);
    workspace = Workspace.open(join(temp.dir, 'run.tally'));
  });

  afterAll(async () => {
    workspace?.close();
    await fresh?.drop();
    temp?.remove();
  });

  it('rehearses in a dry run: the same rejects, nothing left on the target', async () => {
    const plan = await planFor(sourceFile, fresh);
    const summary = await runPlan({
      plan,
      workspace,
      dryRun: true,
      context: {
        workspace,
        secrets: new MemorySecretStore(),
        env: { ...process.env, PGPASSWORD: fresh.password ?? '' },
      },
    });
    expect(summary.error).toBeUndefined();
    expect(summary.tables.find((t) => t.tableId === 'Track')).toMatchObject({
      read: 3503,
      target: 'public.tally_dry_Track',
    });
    const reasons = workspace.runs.rejects(summary.runId).map((r) => r.reason);
    expect(reasons).toContain(
      'Track row TrackId=5, column Milliseconds: "three minutes" is not a whole number (integer(64)).',
    );
    expect(workspace.runs.getRun(summary.runId).dryRun).toBe(true);
    const session = await fresh.open();
    try {
      expect((await session.inspect({ exactCountLimit: 0 })).tables).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('quarantines each dirty row with a sentence naming table, key and column, loads the rest, and the counts add up', async () => {
    const plan = await planFor(sourceFile, fresh);
    const summary = await runPlan({
      plan,
      workspace,
      context: {
        workspace,
        secrets: new MemorySecretStore(),
        env: { ...process.env, PGPASSWORD: fresh.password ?? '' },
      },
    });
    expect(summary.error).toBeUndefined();
    const rejects = workspace.runs.rejects(summary.runId);
    const reasons = rejects.map((r) => r.reason);
    expect(reasons).toContain(
      'Track row TrackId=5, column Milliseconds: "three minutes" is not a whole number (integer(64)).',
    );
    expect(reasons).toContain(
      'Track row TrackId=6, column Name: "Nul\\0byte" contains a NUL character, which text columns cannot hold.',
    );
    expect(reasons.find((r) => r.startsWith('Invoice row InvoiceId=7: the target refused it:'))).toMatch(/N\/A/);
    expect(reasons).toContain(
      'Album row AlbumId=8, column ArtistId: "99999" has no match in public.Artist (ArtistId): an orphaned foreign key.',
    );
    // The orphaned album's tracks lose their parent too, and follow it into the quarantine.
    const orphanedTracks = rejects.filter(
      (r) => r.tableId === 'Track' && r.reason.includes('has no match in public.Album'),
    );
    expect(orphanedTracks.length).toBeGreaterThan(0);
    for (const table of summary.tables) {
      expect(table.read, table.tableId).toBe(chinookRowCounts[table.tableId]);
      expect(table.read, table.tableId).toBe(table.written + table.rejected + table.filtered);
    }
    expect(summary.tables.find((t) => t.tableId === 'Track')?.rejected).toBe(2 + orphanedTracks.length);
  });
});

describe('a PostgreSQL backend terminated mid-run', () => {
  const embedded = targets.find((t) => t.label === 'PostgreSQL (embedded)');
  let temp: ReturnType<typeof makeTempDir>;
  let fresh: FreshDatabase;
  let workspace: Workspace;

  beforeAll(async () => {
    if (!embedded) throw new Error('The embedded PostgreSQL target is missing.');
    temp = makeTempDir('terminate');
    fresh = await createFreshDatabase(embedded);
    workspace = Workspace.open(join(temp.dir, 'run.tally'));
  });

  afterAll(async () => {
    workspace?.close();
    await fresh?.drop();
    temp?.remove();
  });

  it('retries the batch on a new connection and completes with every row once', async () => {
    const plan = await planFor(requireChinook(), fresh);
    const admin = await fresh.open();
    let checkpoints = 0;
    let terminated = 0;
    let termination: Promise<void> | undefined;
    const warnings: string[] = [];
    try {
      const summary = await runPlan({
        plan,
        workspace,
        batchRows: 100,
        context: {
          workspace,
          secrets: new MemorySecretStore(),
          env: { ...process.env, PGPASSWORD: fresh.password ?? '' },
        },
        onEvent: (event) => {
          if (event.type === 'log' && event.level === 'warn') warnings.push(event.message);
          if (event.type !== 'checkpoint' || ++checkpoints !== 40) return;
          // Every other session on the target database (the runner's) is ended by the server.
          termination = admin
            .query<{ ended: boolean }>(
              'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
            )
            .then((rows) => {
              terminated = rows.filter((r) => r.ended).length;
            });
        },
      });
      await termination;
      expect(terminated).toBeGreaterThan(0);
      // Whether the server ended an idle pooled session or one in the middle of a COPY (then the
      // batch is retried, with a warning) depends on timing; either way nothing is lost or doubled.
      expect(
        warnings.every((w) => /ended the connection.*Retrying the batch/.test(w)),
        warnings.join('\n'),
      ).toBe(true);
      expect(summary.error).toBeUndefined();
      expect(summary.status).toBe('done');
      for (const table of summary.tables)
        expect(table, table.tableId).toMatchObject({
          read: chinookRowCounts[table.tableId],
          written: chinookRowCounts[table.tableId],
          rejected: 0,
        });
    } finally {
      await admin.close();
    }
  });
});

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`upsert: ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;
    let sourceFile: string;

    beforeAll(async () => {
      temp = makeTempDir('upsert');
      sourceFile = join(temp.dir, 'chinook.db');
      copyFileSync(requireChinook(), sourceFile);
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'run.tally'));
    });

    afterAll(async () => {
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    async function snapshot(plan: Plan): Promise<string> {
      const session = await fresh.open();
      try {
        const parts: string[] = [];
        for (const table of plan.tables) {
          const q = (name: string): string => session.dialect.quoteIdentifier(name);
          const rows = await session.query(
            `SELECT * FROM ${session.dialect.quoteTable(table.target)} ORDER BY ${table.keyColumns.map(q).join(', ')}`,
          );
          parts.push(
            `${table.id}:${JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
          );
        }
        return parts.join('\n');
      } finally {
        await session.close();
      }
    }

    it('leaves the target identical when the same plan is upserted twice, and takes in source changes', async () => {
      const plan = await planFor(sourceFile, fresh);
      const env = {
        ...process.env,
        ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}),
      };
      const context = { workspace, secrets: new MemorySecretStore(), env };
      const first = await runPlan({ plan, workspace, context, mode: 'upsert' });
      expect(first.error).toBeUndefined();
      const afterFirst = await snapshot(plan);
      const second = await runPlan({ plan, workspace, context, mode: 'upsert' });
      expect(second.error).toBeUndefined();
      expect(second.runId).not.toBe(first.runId);
      expect(await snapshot(plan)).toBe(afterFirst);

      const db = openSqliteDatabase(sourceFile);
      db.exec(`UPDATE Artist SET Name = 'AC/DC (remastered)' WHERE ArtistId = 1`);
      db.close();
      const third = await runPlan({ plan, workspace, context, mode: 'upsert', allowDrift: true });
      expect(third.error).toBeUndefined();
      expect(third.tables.find((t) => t.tableId === 'Artist')).toMatchObject({ read: 275, written: 275, rejected: 0 });
      const session = await fresh.open();
      try {
        const q = (name: string): string => session.dialect.quoteIdentifier(name);
        const artist = plan.tables.find((t) => t.id === 'Artist');
        const rows = await session.query(
          `SELECT ${q('Name')} AS name, (SELECT count(*) FROM ${session.dialect.quoteTable(artist?.target ?? { schema: null, name: 'Artist' })}) AS n FROM ${session.dialect.quoteTable(artist?.target ?? { schema: null, name: 'Artist' })} WHERE ${q('ArtistId')} = ?`,
          [1],
        );
        expect(rows[0]?.name).toBe('AC/DC (remastered)');
        expect(Number(rows[0]?.n)).toBe(275);
      } finally {
        await session.close();
      }
    });
  });
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`rollback: ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;
    let sourceFile: string;

    beforeAll(async () => {
      temp = makeTempDir('rollback');
      sourceFile = join(temp.dir, 'chinook.db');
      copyFileSync(requireChinook(), sourceFile);
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'run.tally'));
    });

    afterAll(async () => {
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    async function artistOne(plan: Plan): Promise<unknown> {
      const session = await fresh.open();
      try {
        const q = (name: string): string => session.dialect.quoteIdentifier(name);
        const artist = plan.tables.find((t) => t.id === 'Artist');
        const rows = await session.query(
          `SELECT ${q('Name')} AS name FROM ${session.dialect.quoteTable(artist?.target ?? { schema: null, name: 'Artist' })} WHERE ${q('ArtistId')} = ?`,
          [1],
        );
        return rows[0]?.name;
      } finally {
        await session.close();
      }
    }

    it('restores the tables a run emptied, then drops the tables the first run created', async () => {
      const plan = await planFor(sourceFile, fresh);
      const env = {
        ...process.env,
        ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}),
      };
      const context = { workspace, secrets: new MemorySecretStore(), env };
      const first = await runPlan({ plan, workspace, context });
      expect(first.error).toBeUndefined();
      const db = openSqliteDatabase(sourceFile);
      db.exec(`UPDATE Artist SET Name = 'Changed since' WHERE ArtistId = 1`);
      db.close();
      const second = await runPlan({ plan, workspace, context, allowDrift: true });
      expect(second.error).toBeUndefined();
      expect(await artistOne(plan)).toBe('Changed since');

      await expect(rollbackRun({ workspace, runId: first.runId, context })).rejects.toThrow(
        `Run ${second.runId} came after run ${first.runId}: roll back the later runs first.`,
      );
      const undone = await rollbackRun({ workspace, runId: second.runId, context });
      expect(undone.dropped).toEqual([]);
      expect(undone.restored.find((r) => r.table.endsWith('Artist'))).toMatchObject({ rows: 275 });
      expect(await artistOne(plan)).toBe('AC/DC');

      const dropped = await rollbackRun({ workspace, runId: first.runId, context });
      expect(dropped.dropped).toHaveLength(11);
      const session = await fresh.open();
      try {
        expect((await session.inspect({ exactCountLimit: 0 })).tables.map((t) => t.name)).toEqual([]);
      } finally {
        await session.close();
      }
      await expect(rollbackRun({ workspace, runId: first.runId, context })).rejects.toThrow(/was already rolled back/);
    });
  });
}
