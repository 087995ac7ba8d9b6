/**
 * The conformance suite every live dialect must pass: connect, read-only sources, hostile
 * identifiers, inspection of keys and types, and classified connection failures.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TallyError } from '../../../src-shared/errors';
import type { ConnectionSpec } from '../../../src-shared/connection';
import type { SchemaInfo } from '../../../src-shared/schema-info';
import { dialectFor } from '../index';
import type { DatabaseSession } from '../dialect';
import { createFixture, customersTable, fixtureTables, linesTable, ordersTable } from './fixture';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

const targets = liveTargets(inject('embeddedPostgresUrl'));

async function expectTallyError(promise: Promise<unknown>, code: string): Promise<TallyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a TallyError with code ${code}`).toBeInstanceOf(TallyError);
  const tallyError = error as TallyError;
  expect(tallyError.code, tallyError.message).toBe(code);
  return tallyError;
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`conformance: ${target.label}`, () => {
    const dialect = dialectFor(target.dialect);
    let fresh: FreshDatabase;
    let writer: DatabaseSession;
    let schema: SchemaInfo;

    beforeAll(async () => {
      fresh = await createFreshDatabase(target);
      writer = await fresh.open();
      await createFixture(writer);
      schema = await writer.inspect({ exactCountLimit: 100_000 });
    });

    afterAll(async () => {
      await writer?.close();
      await fresh?.drop();
    });

    it('reports the server version', async () => {
      expect(await writer.serverVersion()).toMatch(/\d+\.\d+/);
    });

    it('round-trips hostile table and column names', () => {
      const names = schema.tables.map((t) => t.name);
      for (const table of fixtureTables) expect(names).toContain(table.name);
      const customers = schema.tables.find((t) => t.name === customersTable);
      expect(customers?.columns.map((c) => c.name)).toEqual(fixtureTables[0]?.columns.map((c) => c.name));
    });

    it('maps core types exactly and every type as the dialect itself maps its DDL', () => {
      for (const table of fixtureTables) {
        const inspected = schema.tables.find((t) => t.name === table.name);
        for (const column of table.columns) {
          const actual = inspected?.columns.find((c) => c.name === column.name);
          expect(actual, `${table.name}.${column.name}`).toBeDefined();
          expect(actual?.nullable, `${table.name}.${column.name} nullable`).toBe(column.nullable);
          if (['integer', 'text', 'decimal', 'float', 'date', 'timestamp'].includes(column.type.kind)) {
            // SQLite's declared integer sizes are advisory; every other dialect keeps them.
            if (column.type.kind !== 'integer' || target.dialect !== 'sqlite')
              expect(actual?.portableType, `${table.name}.${column.name}`).toEqual(column.type);
          }
          expect(actual?.portableType, `${table.name}.${column.name} vs its native type`).toEqual(
            dialect.toPortableType(actual?.nativeType ?? '').type,
          );
        }
      }
    });

    it('finds primary keys, composite foreign keys, unique constraints and indexes', () => {
      const customers = schema.tables.find((t) => t.name === customersTable);
      const orders = schema.tables.find((t) => t.name === ordersTable);
      const lines = schema.tables.find((t) => t.name === linesTable);
      expect(customers?.primaryKey?.columns).toEqual(['id']);
      expect(customers?.uniqueConstraints.map((u) => u.columns)).toContainEqual(['e"mail']);
      expect(orders?.primaryKey?.columns).toEqual(['tenant', 'number']);
      expect(orders?.foreignKeys).toHaveLength(1);
      expect(orders?.foreignKeys[0]).toMatchObject({
        columns: ['customer_id'],
        referencedTable: { name: customersTable },
        referencedColumns: ['id'],
      });
      expect(orders?.indexes.map((i) => i.columns)).toContainEqual(['customer_id']);
      expect(lines?.primaryKey?.columns).toEqual(['tenant', 'number', 'line']);
      expect(lines?.foreignKeys[0]).toMatchObject({
        columns: ['tenant', 'number'],
        referencedTable: { name: ordersTable },
        referencedColumns: ['tenant', 'number'],
      });
    });

    it('counts rows exactly for small tables', () => {
      expect(schema.tables.find((t) => t.name === customersTable)?.rowCount).toEqual({ value: 3, exact: true });
      expect(schema.tables.find((t) => t.name === ordersTable)?.rowCount).toEqual({ value: 1, exact: true });
      expect(schema.tables.find((t) => t.name === linesTable)?.rowCount).toEqual({ value: 0, exact: true });
    });

    it('refuses writes through a read-only (source) session', async () => {
      const reader = await fresh.open({ readOnly: true });
      try {
        const q = (name: string): string => dialect.quoteIdentifier(name);
        const rows = await reader.query(`SELECT ${q('id')} FROM ${q(customersTable)} ORDER BY ${q('id')}`);
        expect(rows).toHaveLength(3);
        await expectTallyError(
          reader.query(`INSERT INTO ${q(customersTable)} (${q('id')}, ${q('e"mail')}) VALUES (?, ?)`, [9, 'x@y.z']),
          'read-only',
        );
        await expectTallyError(reader.query(`DELETE FROM ${q(customersTable)}`), 'read-only');
        await expectTallyError(reader.query(`CREATE TABLE ${q('sneaky')} (${q('id')} INTEGER)`), 'read-only');
      } finally {
        await reader.close();
      }
      const after = await writer.query(`SELECT count(*) AS n FROM ${dialect.quoteIdentifier(customersTable)}`);
      expect(Number(Object.values(after[0] ?? {})[0])).toBe(3);
    });

    it('names a missing database in one sentence', async () => {
      if (target.dialect === 'sqlite') {
        const spec: ConnectionSpec = { dialect: 'sqlite', file: '/nonexistent/tally/missing.db' };
        const error = await expectTallyError(
          dialect.connect(spec, { password: undefined, readOnly: true, timeoutMs: 5000 }),
          'file-missing',
        );
        expect(error.message).toContain('/nonexistent/tally/missing.db');
        return;
      }
      const spec = { ...fresh.spec, database: 'tally_no_such_database' } as ConnectionSpec;
      const error = await expectTallyError(
        dialect.connect(spec, { password: fresh.password, readOnly: true, timeoutMs: 15_000 }),
        'database-missing',
      );
      expect(error.message).toContain('tally_no_such_database');
    });

    it.skipIf(target.dialect === 'sqlite')('classifies an unreachable port', async () => {
      const spec = { ...fresh.spec, host: '127.0.0.1', port: 1 } as ConnectionSpec;
      const error = await expectTallyError(
        dialect.connect(spec, { password: fresh.password, readOnly: true, timeoutMs: 5000 }),
        'host-unreachable',
      );
      expect(error.message).toMatch(/127\.0\.0\.1:1\b/);
    });

    it.skipIf(target.dialect === 'sqlite')('classifies a wrong password without showing it', async () => {
      const wrong = 'wrong-Pa55word-xyz';
      let error: unknown;
      try {
        const session = await dialect.connect(fresh.spec, { password: wrong, readOnly: true, timeoutMs: 15_000 });
        await session.close();
      } catch (e) {
        error = e;
      }
      if (error === undefined) {
        // A server with trust authentication accepts any password: nothing to classify.
        expect(fresh.password).toBeUndefined();
        return;
      }
      expect(error).toBeInstanceOf(TallyError);
      expect((error as TallyError).code).toBe('auth-failed');
      expect((error as TallyError).message).not.toContain(wrong);
    });
  });
}

describe('live targets', () => {
  it('lists every target, with a reason for each one that does not run', () => {
    expect(targets.map((t) => t.label)).toEqual([
      'SQLite (file)',
      'PostgreSQL (embedded)',
      'PostgreSQL (PG15_URL)',
      'MySQL/MariaDB (MYSQL_URL)',
      'SQL Server (MSSQL_URL)',
    ]);
    for (const target of targets) if (target.notRun) expect(target.notRun).toMatch(/unset|did not start/);
  });
});
