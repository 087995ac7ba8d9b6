/**
 * Validation across live databases: a SQLite source and every live target, loaded through the
 * same row mapper and bulk writers a run uses. Identical data through a mapping with transforms
 * (and through plain copies hashed inside both databases) is reported identical — -0, 16-digit
 * decimals in a SQLite REAL, non-ASCII text, CHAR padding, timestamps with offsets — and planted
 * differences of every kind are found, keyed and classified.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan, TableMapping } from '../../src-shared/plan';
import type { PortableType } from '../../src-shared/portable-types';
import type { CellValue } from '../../src-shared/transforms/transform';
import type { ValidationEvent, ValidationResult } from '../../src-shared/validation';
import type { ApiClient } from '../../src-shared/rpc/client';
import { createApi } from '../api/api';
import { createInProcessClient } from '../api/in-process';
import { MemorySecretStore } from '../connections/secret-store';
import { dialectFor } from '../dialects';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../dialects/conformance/targets';
import type { DatabaseSession } from '../dialects/dialect';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { createRowMapper } from '../engine/row-mapper';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';

const targets = liveTargets(inject('embeddedPostgresUrl')).filter((t) => t.dialect !== 'mssql');

const rowsCount = 60;

function sourceRows(): unknown[][] {
  const rows: unknown[][] = [
    [1, '  Zoë 表 ünïcødé  ', 'AB', 12.34, 1234567890123.45, '2024-03-01T10:00:00+02:00', 'Y'],
    [2, 'minus zero', 'X', -0.0, -0.0, '2024-03-01 08:00:00.123456+00:00', 'N'],
    [3, 'Ünïcode 😀', 'CDE', 0.1, 9999999999999.99, '2024-02-29T23:30:00-05:30', 'yes'],
  ];
  for (let id = 4; id <= rowsCount; id += 1)
    rows.push([
      id,
      `name ${id}`,
      `C${id % 10}`,
      id * 1.25,
      Math.round(id * 100001) / 100,
      `2024-01-${String(1 + (id % 28)).padStart(2, '0')}T12:00:00Z`,
      id % 2 ? 'Y' : 'N',
    ]);
  return rows;
}

const types: Record<string, PortableType> = {
  id: { kind: 'integer', bits: 64 },
  name: { kind: 'text', length: 100 },
  code: { kind: 'text', length: 5 },
  amount: { kind: 'decimal', precision: 12, scale: 2 },
  big: { kind: 'decimal', precision: 18, scale: 2 },
  placed_at: { kind: 'timestamptz' },
  active: { kind: 'boolean' },
};

function mapping(id: string, target: string, transforms: boolean): TableMapping {
  return {
    id,
    source: { table: { schema: null, name: 'orders' } },
    target: { schema: null, name: target },
    createIfMissing: false,
    keyColumns: ['id'],
    writeMode: 'full',
    columns: Object.entries(types).map(([name, type]) => ({
      target: name,
      targetType: transforms || name !== 'active' ? type : { kind: 'text' as const, length: 5 },
      targetNullable: name !== 'id',
      sources: [name],
      transforms:
        transforms && name === 'name'
          ? [{ name: 'trim', params: {} }]
          : transforms && name === 'active'
            ? [{ name: 'to_boolean', params: {} }]
            : [],
      onError: 'reject' as const,
      review: { status: 'draft' as const },
    })),
  };
}

function targetDdl(session: DatabaseSession, name: string, plainActive: boolean): string {
  const kind = session.dialect.info.name;
  const ts = kind === 'postgres' ? 'timestamptz' : kind === 'mysql' ? 'DATETIME(6)' : 'TEXT';
  const bool = plainActive ? 'VARCHAR(5)' : kind === 'postgres' ? 'boolean' : kind === 'mysql' ? 'BOOLEAN' : 'INTEGER';
  return `CREATE TABLE ${session.dialect.quoteIdentifier(name)} (id BIGINT PRIMARY KEY, name VARCHAR(100), code CHAR(5), amount DECIMAL(12,2), big DECIMAL(18,2), placed_at ${ts}, active ${bool})`;
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`validation, SQLite → ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let session: DatabaseSession;
    let workspace: Workspace;
    let api: ApiClient;
    let plan: Plan;

    async function load(table: TableMapping, plant: boolean): Promise<void> {
      const readColumns = Object.keys(types);
      const mapper = createRowMapper(table, readColumns);
      const rows: CellValue[][] = [];
      for (const row of sourceRows()) {
        const mapped = mapper.map(row, () => String(row[0]));
        if (!mapped.ok) throw new Error(mapped.reason);
        const values = [...mapped.values];
        if (plant) {
          const id = Number(values[0]);
          if (id === 6) continue; // missing
          if (id === 5) values[1] = 'Changed'; // real change
          if (id === 7) values[5] = '2024-01-08T14:00:00Z'; // 12:00Z shifted two hours
          if (id === 8) values[1] = `${String(values[1])} `; // trailing space
          if (id === 9) values[3] = 11.2; // 11.25 at the wrong scale
        }
        rows.push(values);
      }
      if (plant) rows.push([1000, 'extra row', 'ZZ', 1, 1, '2024-01-01T00:00:00Z', rows[0]?.[6] ?? null]);
      await session.writeRows(table.target, mapper.targetColumns, rows);
    }

    async function validate(tables: string[]): Promise<ValidationResult> {
      const done = new Promise<ValidationEvent>((resolve) => {
        const off = api.on('validate.event', (event) => {
          if (event.type === 'done' || event.type === 'failed') {
            off();
            resolve(event);
          }
        });
      });
      await api.call('validate.start', { plan, tables, fresh: true });
      const end = await done;
      if (end.type === 'failed') throw new Error(end.error.message);
      if (end.type !== 'done') throw new Error('no result');
      return end.result;
    }

    beforeAll(async () => {
      temp = makeTempDir('validate');
      const sourceFile = join(temp.dir, 'source.db');
      const db = openSqliteDatabase(sourceFile);
      db.exec(
        'CREATE TABLE orders (id INTEGER PRIMARY KEY, name TEXT, code CHAR(5), amount NUMERIC(12,2), big REAL, placed_at TEXT, active TEXT)',
      );
      const insert = db.prepare('INSERT INTO orders VALUES (?,?,?,?,?,?,?)');
      for (const row of sourceRows()) insert.run(...row);
      db.close();
      fresh = await createFreshDatabase(target);
      session = await fresh.open();
      for (const [name, plain] of [
        ['orders_mapped', false],
        ['orders_plain', true],
        ['planted_mapped', false],
        ['planted_plain', true],
      ] as const)
        await session.query(targetDdl(session, name, plain));
      const tables = [
        mapping('orders_mapped', 'orders_mapped', true),
        mapping('orders_plain', 'orders_plain', false),
        mapping('planted_mapped', 'planted_mapped', true),
        mapping('planted_plain', 'planted_plain', false),
      ];
      for (const table of tables) await load(table, table.id.startsWith('planted'));
      plan = {
        tally: 1,
        name: 'validation test',
        createdAt: new Date().toISOString(),
        source: { url: `sqlite:${sourceFile}` },
        target: { url: dialectFor(target.dialect).formatUrl(fresh.spec), name: 'validation target' },
        sourceFingerprint: { hash: 'x', tables: [] },
        phases: [{ name: 'all', tables: tables.map((t) => t.id) }],
        tables,
      };
      workspace = Workspace.open(join(temp.dir, 'project.tally'));
      api = createInProcessClient(
        createApi({
          workspace,
          secrets: new MemorySecretStore(),
          host: 'test',
          env: fresh.password ? { TALLY_PASSWORD_VALIDATION_TARGET: fresh.password } : {},
        }),
      );
    }, 120_000);

    afterAll(async () => {
      api?.dispose();
      workspace?.close();
      await session?.close();
      await fresh?.drop();
      temp?.remove();
    });

    it('reports identical data through transforms and through plain copies as identical', async () => {
      const result = await validate(['orders_mapped', 'orders_plain']);
      for (const table of result.tables) {
        expect(table.examples, `${table.tableId}: ${JSON.stringify(table.examples.slice(0, 3))}`).toEqual([]);
        expect(table.status).toBe('match');
        expect(table.sourceRows).toBe(rowsCount);
        expect(table.targetRows).toBe(rowsCount);
      }
      expect(result.ok).toBe(true);
      const [mapped, plain] = result.tables;
      expect(mapped?.hashedIn.source).toBe('node');
      expect(plain?.hashedIn.source).toBe('database');
    }, 60_000);

    it('finds and classifies a changed value, a missing row, an extra row, a zone shift, a trailing space and a scale change', async () => {
      const result = await validate(['planted_mapped', 'planted_plain']);
      expect(result.ok).toBe(false);
      for (const table of result.tables) {
        expect(table.status).toBe('differ');
        expect(table.missing).toBe(1);
        expect(table.extra).toBe(1);
        expect(
          table.changed,
          JSON.stringify(table.examples.filter((d) => d.kind === 'changed').map((d) => [d.key, d.columns])),
        ).toBe(4);
        const byKey = new Map(table.examples.map((d) => [d.key, d]));
        expect(byKey.get('id=6')?.kind).toBe('missing');
        expect(byKey.get('id=1000')?.kind).toBe('extra');
        expect(byKey.get('id=5')?.cause).toBe('real_change');
        expect(byKey.get('id=5')?.columns.map((c) => c.column)).toEqual(['name']);
        expect(byKey.get('id=7')?.cause).toBe('time_zone');
        expect(byKey.get('id=8')?.cause).toBe('trailing_space');
        expect(byKey.get('id=9')?.cause).toBe('precision');
        expect(byKey.get('id=9')?.columns[0]).toMatchObject({ column: 'amount', expected: '11.25', actual: '11.20' });
        expect(table.groups.find((g) => g.cause === 'time_zone')?.columns).toEqual(['placed_at']);
      }
    }, 60_000);

    it('bisects segments down to the differing rows and checkpoints every segment', async () => {
      const result = await validate(['planted_plain']);
      const table = result.tables[0];
      expect(table?.segments).toBeGreaterThanOrEqual(1);
      expect(table?.mismatchedSegments).toBeGreaterThanOrEqual(1);
      expect(workspace.validations.segments(result.validationId, 'planted_plain').length).toBe(table?.segments);
    }, 60_000);

    it('is cancelled in the worker between segments, and the next start resumes it', async () => {
      const ended = new Promise<ValidationEvent>((resolve) => {
        const off = api.on('validate.event', (event) => {
          if (event.type === 'done' || event.type === 'failed') {
            off();
            resolve(event);
          }
        });
      });
      const { validationId } = await api.call('validate.start', { plan, tables: ['orders_plain'], fresh: true });
      expect(await api.call('validate.cancel', { validationId })).toEqual({ ok: true });
      const end = await ended;
      expect(end.type === 'failed' && end.error.code).toBe('cancelled');
      expect(workspace.validations.get(validationId)?.status).toBe('cancelled');

      const resumedDone = new Promise<ValidationEvent>((resolve) => {
        const off = api.on('validate.event', (event) => {
          if (event.type === 'done' || event.type === 'failed') {
            off();
            resolve(event);
          }
        });
      });
      const again = await api.call('validate.start', { plan, tables: ['orders_plain'] });
      expect(again).toEqual({ validationId, resumed: true });
      const done = await resumedDone;
      expect(done.type === 'done' && done.result.ok).toBe(true);
    }, 60_000);
  });
}
