/**
 * The `tally` command as a user runs it: the built binary in a child process, its stdout, stderr
 * and exit status. `npm test` builds before it runs these.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { planSchema } from '../../src-shared/plan';
import { schemaInfoSchema } from '../../src-shared/schema-info';
import { createFreshDatabase, liveTargets } from '../dialects/conformance/targets';
import { appRoot } from '../app-paths';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';

const root = appRoot();

function tally(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'tally.cjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: '', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}\n${build.stderr}`);
  }
}, 180_000);

describe('tally inspect', () => {
  it('lists Chinook with keys and exact row counts as JSON', () => {
    const result = tally(['inspect', `sqlite:${requireChinook()}`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const schema = schemaInfoSchema.parse(JSON.parse(result.stdout));
    expect(schema.tables).toHaveLength(11);
    for (const table of schema.tables) {
      expect(table.rowCount, table.name).toEqual({ value: chinookRowCounts[table.name], exact: true });
    }
    const playlistTrack = schema.tables.find((t) => t.name === 'PlaylistTrack');
    expect(playlistTrack?.primaryKey?.columns).toEqual(['PlaylistId', 'TrackId']);
    expect(schema.tables.flatMap((t) => t.foreignKeys)).toHaveLength(11);
    const employee = schema.tables.find((t) => t.name === 'Employee');
    expect(employee?.foreignKeys[0]).toMatchObject({
      columns: ['ReportsTo'],
      referencedTable: { name: 'Employee' },
      referencedColumns: ['EmployeeId'],
    });
  });

  it('prints a readable table for people', () => {
    const result = tally(['inspect', `sqlite:${requireChinook()}`]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^SQLite 3\.\d+\.\d+ · .*Chinook_Sqlite\.sqlite · 11 tables/);
    expect(result.stdout).toMatch(/Track\s+3,503\s+PK \(TrackId\); FK \(AlbumId\) → Album \(AlbumId\)/);
  });

  it('names a missing SQLite file in one sentence and exits 2', () => {
    const result = tally(['inspect', 'sqlite:/no/such/dir/shop.db']);
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'tally: The SQLite file /no/such/dir/shop.db does not exist.\n',
    });
  });

  it('says an unreachable port in one sentence and exits 2', () => {
    const result = tally(['inspect', 'postgres://someone@127.0.0.1:1/db?sslmode=disable']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('tally: Cannot reach PostgreSQL at 127.0.0.1:1: nothing is listening on that port.\n');
  });

  it('says a wrong password in one sentence, exits 2, and never shows the password', () => {
    const admin = new URL(inject('embeddedPostgresUrl'));
    const wrong = 'Not-The-Password-99';
    const viaUrl = tally(['inspect', `postgres://postgres:${wrong}@127.0.0.1:${admin.port}/postgres?sslmode=disable`]);
    expect(viaUrl.status).toBe(2);
    expect(viaUrl.stderr).toMatch(/^tally: .*password.*\.\n$/i);
    expect(viaUrl.stderr.split('\n')).toHaveLength(2);
    expect(viaUrl.stderr + viaUrl.stdout).not.toContain(wrong);
    const viaEnv = tally(['inspect', `postgres://postgres@127.0.0.1:${admin.port}/postgres?sslmode=disable`], {
      PGPASSWORD: wrong,
    });
    expect(viaEnv.status).toBe(2);
    expect(viaEnv.stderr + viaEnv.stdout).not.toContain(wrong);
  });

  it('inspects PostgreSQL with the password from PGPASSWORD', () => {
    const admin = new URL(inject('embeddedPostgresUrl'));
    const result = tally(
      ['inspect', `postgres://postgres@127.0.0.1:${admin.port}/postgres?sslmode=disable`, '--json'],
      {
        PGPASSWORD: decodeURIComponent(admin.password),
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(schemaInfoSchema.parse(JSON.parse(result.stdout))).toMatchObject({
      dialect: 'postgres',
      database: 'postgres',
    });
  });

  it('rejects a malformed URL and an unknown command with exit 2', () => {
    const badUrl = tally(['inspect', 'postgres://user@:5432']);
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/^tally: .*URL.*\.\n$/);
    const unknown = tally(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });
});

describe('tally demo', () => {
  it('writes the demo database with the requested size', () => {
    const temp = makeTempDir('cli-demo');
    try {
      const file = join(temp.dir, 'shop.db');
      const result = tally(['demo', '-o', file, '--rows', '300', '--json']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const manifest = JSON.parse(result.stdout) as { file: string; tables: Record<string, number> };
      expect(manifest.file).toBe(file);
      expect(manifest.tables.orders).toBe(300);
      const inspected = tally(['inspect', `sqlite:${file}`, '--json']);
      const schema = schemaInfoSchema.parse(JSON.parse(inspected.stdout));
      expect(schema.tables.find((t) => t.name === 'orders')?.rowCount).toEqual({ value: 300, exact: true });
    } finally {
      temp.remove();
    }
  });
});

describe('tally plan', () => {
  it('writes an auto-mapped plan for Chinook into an empty PostgreSQL database', async () => {
    const target = liveTargets(inject('embeddedPostgresUrl')).find((t) => t.label === 'PostgreSQL (embedded)');
    if (!target) throw new Error('The embedded PostgreSQL target is missing.');
    const fresh = await createFreshDatabase(target);
    const temp = makeTempDir('cli-plan');
    try {
      const spec = fresh.spec;
      if (spec.dialect !== 'postgres') throw new Error('expected a PostgreSQL database');
      const targetUrl = `postgres://${spec.user ?? 'postgres'}@127.0.0.1:${spec.port ?? 5432}/${spec.database}?sslmode=disable`;
      const file = join(temp.dir, 'chinook.plan.json');
      const result = tally(['plan', `sqlite:${requireChinook()}`, targetUrl, '-o', file], {
        PGPASSWORD: fresh.password ?? '',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(
        /^Wrote .*chinook\.plan\.json: 11 tables \(11 to create on the target\) in 4 phases; 64 columns mapped, 0 need a decision\./,
      );
      expect(result.stdout).toContain(
        'Keys added after the load (cycles, self-references): Employee (ReportsTo) → Employee',
      );
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(fresh.password ?? '\u0000');
      const plan = planSchema.parse(JSON.parse(text));
      expect(plan.target.url).toBe(targetUrl);
      expect(
        plan.tables.find((t) => t.id === 'InvoiceLine')?.targetTable?.columns.find((c) => c.name === 'UnitPrice')?.type,
      ).toEqual({
        kind: 'decimal',
        precision: 10,
        scale: 2,
      });
      expect(plan.tables.every((t) => t.target.schema === 'public')).toBe(true);
    } finally {
      temp.remove();
      await fresh.drop();
    }
  });

  it('names an unknown table and exits 2', () => {
    const temp = makeTempDir('cli-plan-bad');
    try {
      const result = tally([
        'plan',
        `sqlite:${requireChinook()}`,
        `sqlite:${join(temp.dir, 'new.db')}`,
        '-o',
        join(temp.dir, 'p.json'),
        '--table',
        'Invoices',
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^tally: The source has no table named Invoices \(it has: Album, Artist, .*\)\.\n$/,
      );
    } finally {
      temp.remove();
    }
  });
});
