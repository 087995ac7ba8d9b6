/**
 * Plan filters, source queries and the incremental mode against every live target: filtered rows
 * are counted (read = written + rejected + filtered), a query is paged by the key it exposes, and
 * two incremental runs over new and changed rows leave the target equal to the source.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { MemorySecretStore } from '../connections/secret-store';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../dialects/conformance/targets';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { autoPlanInto } from '../testing/plans';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { replayRejects } from './replay';
import { forgetRun, rollbackRun } from './rollback';
import { runPlan, type RunOptions } from './runner';

const targets = liveTargets(inject('embeddedPostgresUrl'));

function makeSource(file: string): void {
  const db = openSqliteDatabase(file);
  db.exec(
    `CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL, updated_at TEXT NOT NULL)`,
  );
  const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?)');
  for (let id = 1; id <= 120; id += 1)
    insert.run(id, `item ${id}`, id % 7, `2026-01-01T00:00:${String(id % 60).padStart(2, '0')}`);
  db.close();
}

const planFor = (sourceFile: string, fresh: FreshDatabase): Promise<Plan> => autoPlanInto(sourceFile, fresh, 'modes');

function withTable(plan: Plan, change: (table: TableMapping) => TableMapping): Plan {
  return { ...plan, tables: plan.tables.map(change) };
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`filters, queries and incremental runs → ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;
    let sourceFile: string;
    let base: Plan;

    const run = (plan: Plan, extra: Partial<RunOptions> = {}): ReturnType<typeof runPlan> =>
      runPlan({
        plan,
        workspace,
        batchRows: 25,
        context: {
          workspace,
          secrets: new MemorySecretStore(),
          env: { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}) },
        },
        ...extra,
      });

    async function targetRows(): Promise<string[]> {
      const session = await fresh.open();
      try {
        const q = (n: string): string => session.dialect.quoteIdentifier(n);
        const table = session.dialect.quoteTable(base.tables[0]?.target ?? { schema: null, name: 'items' });
        const rows = await session.query(
          `SELECT ${q('id')} AS id, ${q('name')} AS name, ${q('qty')} AS qty FROM ${table} ORDER BY ${q('id')}`,
        );
        return rows.map((r) => `${String(r.id)}|${String(r.name)}|${String(r.qty)}`);
      } finally {
        await session.close();
      }
    }

    function sourceRows(where = '1 = 1'): string[] {
      const db = openSqliteDatabase(sourceFile);
      try {
        return (
          db.prepare(`SELECT id, name, qty FROM items WHERE ${where} ORDER BY id`).all() as {
            id: number;
            name: string;
            qty: number;
          }[]
        ).map((r) => `${r.id}|${r.name}|${r.qty}`);
      } finally {
        db.close();
      }
    }

    beforeAll(async () => {
      temp = makeTempDir('modes');
      sourceFile = join(temp.dir, 'source.db');
      makeSource(sourceFile);
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'run.tally'));
      base = await planFor(sourceFile, fresh);
    });

    afterAll(async () => {
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    it('counts the rows a plan filter leaves out: read = written + filtered, and only the kept rows arrive', async () => {
      const summary = await run(withTable(base, (t) => ({ ...t, filter: 'qty >= 3' })));
      expect(summary.error).toBeUndefined();
      const kept = sourceRows('qty >= 3');
      expect(summary.tables[0]).toMatchObject({
        read: 120,
        written: kept.length,
        filtered: 120 - kept.length,
        rejected: 0,
      });
      expect(await targetRows()).toEqual(kept);
    });

    it('reads a source query in key pages, and refuses one that does not return the key', async () => {
      const query = 'SELECT id, name, qty * 10 AS qty, updated_at FROM items WHERE id <= 90';
      const summary = await run(
        withTable(base, (t) => ({ ...t, source: { query } })),
        { fresh: true },
      );
      expect(summary.error).toBeUndefined();
      expect(summary.tables[0]).toMatchObject({ source: '(query)', read: 90, written: 90, filtered: 0 });
      expect(await targetRows()).toEqual(
        sourceRows('id <= 90').map((r) => {
          const [id, name, qty] = r.split('|');
          return `${id}|${name}|${Number(qty) * 10}`;
        }),
      );

      const keyless = await run(
        withTable(base, (t) => ({ ...t, source: { query: 'SELECT name, qty, updated_at FROM items' } })),
        { fresh: true },
      );
      expect(keyless.status).toBe('failed');
      expect(keyless.error?.message).toMatch(
        /^items: the source query must return the key column id to be read in key order/,
      );
    });

    it('runs incrementally twice: new and changed rows arrive, the target equals the source, the mark advances only on commit', async () => {
      const incremental = withTable(base, (t) => ({ ...t, writeMode: 'incremental', watermarkColumn: 'updated_at' }));
      const first = await run(incremental, { fresh: true });
      expect(first.error).toBeUndefined();
      expect(first.tables[0]).toMatchObject({ read: 120, written: 120 });
      expect(await targetRows()).toEqual(sourceRows());

      const db = openSqliteDatabase(sourceFile);
      db.exec(`
        UPDATE items SET name = name || ' (changed)', updated_at = '2026-02-01T00:00:00' WHERE id IN (3, 40, 77);
        INSERT INTO items VALUES (121, 'item 121', 5, '2026-02-01T00:00:01'), (122, 'item 122', 6, '2026-02-01T00:00:02');
      `);
      db.close();

      const second = await run(incremental, { fresh: true });
      expect(second.error).toBeUndefined();
      expect(second.tables[0]).toMatchObject({ read: 5, written: 5, rejected: 0, filtered: 0 });
      expect(await targetRows()).toEqual(sourceRows());

      // Nothing new: a third run reads nothing.
      const third = await run(incremental, { fresh: true });
      expect(third.tables[0]).toMatchObject({ read: 0, written: 0 });
    });

    it('rolls back an upsert and an incremental run to the exact before-state, and forgets a run on request', async () => {
      const context = {
        workspace,
        secrets: new MemorySecretStore(),
        env: { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}) },
      };
      const before = await targetRows();
      const db = openSqliteDatabase(sourceFile);
      db.exec(`
        UPDATE items SET qty = qty + 100, updated_at = '2026-03-01T00:00:00' WHERE id IN (5, 6);
        INSERT INTO items VALUES (123, 'item 123', 1, '2026-03-01T00:00:01');
      `);
      db.close();
      const incremental = withTable(base, (t) => ({ ...t, writeMode: 'incremental', watermarkColumn: 'updated_at' }));
      const changed = await run(incremental, { fresh: true });
      expect(changed.tables[0]).toMatchObject({ read: 3, written: 3 });
      expect(await targetRows()).toEqual(sourceRows());
      await rollbackRun({ workspace, runId: changed.runId, context });
      expect(await targetRows()).toEqual(before);
      // The high-water mark went back with it: the same rows come again.
      const again = await run(incremental, { fresh: true });
      expect(again.tables[0]).toMatchObject({ read: 3, written: 3 });
      expect(await targetRows()).toEqual(sourceRows());

      const afterIncremental = await targetRows();
      const upsert = await run(base, { fresh: true, mode: 'upsert' });
      expect(upsert.error).toBeUndefined();
      await rollbackRun({ workspace, runId: upsert.runId, context });
      expect(await targetRows()).toEqual(afterIncremental);

      const forgotten = await forgetRun({ workspace, runId: again.runId, context });
      expect(forgotten.dropped.length).toBeGreaterThan(0);
      await expect(rollbackRun({ workspace, runId: again.runId, context })).rejects.toThrow(
        /can no longer be rolled back/,
      );
    });

    it('finds deletes by merging both key sets: reported, then applied, counted and rolled back', async () => {
      const context = {
        workspace,
        secrets: new MemorySecretStore(),
        env: { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}) },
      };
      const before = await targetRows();
      const db = openSqliteDatabase(sourceFile);
      db.exec(`DELETE FROM items WHERE id IN (10, 11, 50)`);
      db.close();
      const plan = (deletes: 'apply' | 'report'): Plan =>
        withTable(base, (t) => ({ ...t, writeMode: 'incremental', watermarkColumn: 'updated_at', deletes }));
      const reported = await run(plan('report'), { fresh: true, batchRows: 7 });
      expect(reported.error).toBeUndefined();
      expect(reported.tables[0]?.note).toBe(
        '3 target rows are no longer in the source (not deleted: the plan\'s deletes is "report").',
      );
      expect(await targetRows()).toEqual(before);

      const applied = await run(plan('apply'), { fresh: true });
      expect(applied.error).toBeUndefined();
      expect(applied.tables[0]).toMatchObject({ read: 0, deleted: 3 });
      expect(await targetRows()).toEqual(sourceRows());

      await rollbackRun({ workspace, runId: applied.runId, context });
      expect(await targetRows()).toEqual(before);
    });

    it('replays rejects after the mapping is fixed: the rows leave the quarantine and the accounting holds', async () => {
      const db = openSqliteDatabase(sourceFile);
      db.exec(`UPDATE items SET qty = 'many' WHERE id IN (2, 4)`);
      db.close();
      const broken = await run(base, { fresh: true });
      expect(broken.tables[0]).toMatchObject({ rejected: 2 });
      const fixed = withTable(base, (t) => ({
        ...t,
        columns: t.columns.map((c) =>
          c.target === 'qty' ? { ...c, sources: [], transforms: [], defaultForNull: 0 } : c,
        ),
      }));
      const context = {
        workspace,
        secrets: new MemorySecretStore(),
        env: { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}) },
      };
      const replay = await replayRejects({ workspace, runId: broken.runId, tableId: 'items', plan: fixed, context });
      expect(replay, replay.reasons.join(' ')).toMatchObject({ replayed: 2, loaded: 2, stillRejected: 0 });
      const state = workspace.runs.table(broken.runId, 'items');
      expect(state.rejected).toBe(0);
      expect(state.read).toBe(state.written + state.rejected + state.filtered);
      expect(workspace.runs.rejects(broken.runId)).toEqual([]);
      expect((await targetRows()).filter((r) => r.startsWith('2|') || r.startsWith('4|'))).toEqual([
        '2|item 2|0',
        '4|item 4|0',
      ]);
      const restore = openSqliteDatabase(sourceFile);
      restore.exec(`UPDATE items SET qty = id % 7 WHERE id IN (2, 4)`);
      restore.close();
    });

    it('takes the plan mode from --mode incremental and refuses a table without a watermark column', async () => {
      const summary = await run(base, { fresh: true, mode: 'incremental' });
      expect(summary.status).toBe('failed');
      expect(summary.error?.message).toBe(
        'items: the incremental mode reads the rows whose watermark column grew; the plan names no watermarkColumn for this table.',
      );
    });
  });
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`a table with no key → ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;

    beforeAll(async () => {
      temp = makeTempDir('keyless');
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'run.tally'));
    });

    afterAll(async () => {
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    it('reads it in one pass by row identity, duplicates included, with a warning in the events and the summary', async () => {
      const sourceFile = join(temp.dir, 'keyless.db');
      const db = openSqliteDatabase(sourceFile);
      db.exec(`CREATE TABLE notes (body TEXT, n INTEGER)`);
      const insert = db.prepare('INSERT INTO notes VALUES (?, ?)');
      // Identical rows are legal without a key and must each arrive.
      for (let i = 0; i < 95; i += 1) insert.run(`note ${i % 30}`, i % 30);
      db.close();
      const plan = await planFor(sourceFile, fresh);
      const warnings: string[] = [];
      const summary = await runPlan({
        plan,
        workspace,
        batchRows: 10,
        context: {
          workspace,
          secrets: new MemorySecretStore(),
          env: { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password, MYSQL_PWD: fresh.password } : {}) },
        },
        onEvent: (event) => {
          if (event.type === 'log' && event.level === 'warn') warnings.push(event.message);
        },
      });
      expect(summary.error).toBeUndefined();
      expect(summary.tables[0]).toMatchObject({ read: 95, written: 95, rejected: 0, filtered: 0, status: 'done' });
      expect(summary.tables[0]?.note).toMatch(/no primary or unique key: it was read in one pass/);
      expect(warnings.some((w) => w.includes('no primary or unique key'))).toBe(true);
      const session = await fresh.open();
      try {
        const q = (n: string): string => session.dialect.quoteIdentifier(n);
        const rows = await session.query(
          `SELECT ${q('n')} AS n, count(*) AS c FROM ${session.dialect.quoteTable(plan.tables[0]?.target ?? { schema: null, name: 'notes' })} GROUP BY ${q('n')} ORDER BY ${q('n')}`,
        );
        expect(rows.map((r) => Number(r.c))).toEqual(Array.from({ length: 30 }, (_, n) => (n < 5 ? 4 : 3)));
      } finally {
        await session.close();
      }
    });
  });
}
