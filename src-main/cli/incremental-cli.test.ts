/**
 * `tally run --mode incremental` end to end as a user runs it: the built binary, a SQLite source
 * and target, two runs, the quarantine exported as CSV, a rollback and a forget, the quarantine
 * replayed before and after its mapping is fixed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import { appRoot } from '../app-paths';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { makeTempDir } from '../testing/fixtures';

const root = appRoot();

function tally(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tally.cjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function rows(file: string): string[] {
  const db = openSqliteDatabase(file);
  try {
    return (db.prepare('SELECT id, name FROM people ORDER BY id').all() as { id: number; name: string }[]).map(
      (r) => `${r.id}|${r.name}`,
    );
  } finally {
    db.close();
  }
}

describe('tally run --mode incremental', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
      const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`);
    }
    temp = makeTempDir('incremental-cli');
  }, 180_000);
  afterAll(() => temp?.remove());

  it('loads what changed since the last run, exports rejects as CSV, rolls back and forgets', () => {
    const source = join(temp.dir, 'source.db');
    const target = join(temp.dir, 'target.db');
    const db = openSqliteDatabase(source);
    db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, age INTEGER, changed_at TEXT NOT NULL)`);
    for (let id = 1; id <= 50; id += 1)
      db.prepare('INSERT INTO people VALUES (?, ?, ?, ?)').run(
        id,
        `person ${id}`,
        id,
        `2026-01-01 00:00:${String(id).padStart(2, '0')}`,
      );
    db.prepare("UPDATE people SET age = 'old' WHERE id = 7").run();
    db.close();
    const planFile = join(temp.dir, 'plan.json');
    expect(tally(['plan', `sqlite:${source}`, `sqlite:${target}`, '-o', planFile]).status).toBe(0);
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
    writeFileSync(
      planFile,
      JSON.stringify({
        ...plan,
        tables: plan.tables.map((t) => ({ ...t, watermarkColumn: 'changed_at', deletes: 'apply' })),
      }),
    );

    const first = tally(['run', planFile, '--mode', 'incremental', '--json']);
    expect(first.status, first.stderr).toBe(1); // one row rejected
    const firstRun = JSON.parse(first.stdout) as {
      runId: string;
      tables: { read: number; written: number; rejected: number }[];
    };
    expect(firstRun.tables[0]).toMatchObject({ read: 50, written: 49, rejected: 1 });

    const csvFile = join(temp.dir, 'rejects.csv');
    const exported = tally(['runs', planFile, '--rejects', firstRun.runId, '--csv', csvFile]);
    expect(exported.status, exported.stderr).toBe(0);
    const csv = readFileSync(csvFile, 'utf8').split('\r\n');
    expect(csv[0]).toBe('"table","row_key","column","raw_value","reason","row_json","rejected_at"');
    expect(csv[1]).toMatch(/^"people","id=7","age","old",/);

    const before = rows(target);
    const change = openSqliteDatabase(source);
    change.exec(`
      UPDATE people SET name = 'renamed', changed_at = '2026-02-01 00:00:00' WHERE id = 3;
      INSERT INTO people VALUES (51, 'person 51', 51, '2026-02-01 00:00:01');
      DELETE FROM people WHERE id = 9;
    `);
    change.close();
    const second = tally(['run', planFile, '--mode', 'incremental', '--json']);
    expect(second.status, second.stderr).toBe(0);
    const secondRun = JSON.parse(second.stdout) as { runId: string; tables: { read: number; written: number }[] };
    expect(secondRun.tables[0]).toMatchObject({ read: 2, written: 2 });
    expect(rows(target)).toEqual(rows(source).filter((r) => !r.startsWith('7|')));

    const listed = JSON.parse(tally(['runs', planFile, '--json']).stdout) as { mode: string; dryRun: boolean }[];
    expect(listed[0]).toMatchObject({ mode: 'incremental', dryRun: false });

    const rolledBack = tally(['rollback', planFile, '--run', secondRun.runId]);
    expect(rolledBack.status, rolledBack.stderr).toBe(0);
    expect(rows(target)).toEqual(before);

    const forgotten = tally(['rollback', planFile, '--forget', firstRun.runId]);
    expect(forgotten.status, forgotten.stderr).toBe(0);
    expect(forgotten.stdout).toMatch(/can no longer be rolled back: dropped tally_rb_/);

    // A run that does not exist is refused in one sentence, not taken for one without rejects.
    const unknown = tally(['runs', planFile, '--replay', 'no-such-run']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('tally: There is no run with id no-such-run.\n');

    // The quarantine replayed: refused again through the same mapping, loaded once it is fixed.
    const unchanged = tally(['runs', planFile, '--replay', firstRun.runId]);
    expect(unchanged.status, unchanged.stderr).toBe(1);
    expect(unchanged.stdout).toMatch(/^people: 1 replayed, 0 loaded, 1 still rejected \(.*"old".*\)\.$/m);
    const current = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
    writeFileSync(
      planFile,
      JSON.stringify({
        ...current,
        tables: current.tables.map((t) => ({
          ...t,
          columns: t.columns.map((c) => (c.target === 'age' ? { ...c, targetType: { kind: 'text' } } : c)),
        })),
      }),
    );
    const fixed = tally(['runs', planFile, '--replay', firstRun.runId]);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(fixed.stdout).toBe('people: 1 replayed, 1 loaded, 0 still rejected.\n');
    expect(rows(target)).toContain('7|person 7');
  });
});
