/**
 * The canonical expressions a dialect picks from a column's native type (cheaper, exact) give the
 * texts of the general expressions and of the TypeScript definition, on every live PostgreSQL and
 * MySQL/MariaDB server; and a segment's SQL hash equals Node's hash of the same rows.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalRowEncoder, canonicalValue } from '../../../src-shared/canonical';
import type { PortableType } from '../../../src-shared/portable-types';
import { SegmentHasher } from '../common/validate-sql-hash';
import type { CanonicalSqlColumn, DatabaseSession } from '../dialect';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

const targets = liveTargets(inject('embeddedPostgresUrl')).filter(
  (t) => t.dialect === 'postgres' || t.dialect === 'mysql',
);

const columns: { name: string; type: PortableType; postgres: string; mysql: string }[] = [
  { name: 'id', type: { kind: 'integer', bits: 64 }, postgres: 'bigint', mysql: 'BIGINT' },
  { name: 'small', type: { kind: 'integer', bits: 16 }, postgres: 'smallint', mysql: 'SMALLINT' },
  {
    name: 'amount',
    type: { kind: 'decimal', precision: 12, scale: 2 },
    postgres: 'numeric(12,2)',
    mysql: 'DECIMAL(12,2)',
  },
  {
    name: 'rate',
    type: { kind: 'decimal', precision: 12, scale: 2 },
    postgres: 'numeric(12,4)',
    mysql: 'DECIMAL(12,4)',
  },
  { name: 'flag', type: { kind: 'boolean' }, postgres: 'boolean', mysql: 'TINYINT(1)' },
  { name: 'doc', type: { kind: 'json' }, postgres: 'jsonb', mysql: 'JSON' },
  { name: 'label', type: { kind: 'text' }, postgres: 'varchar(20)', mysql: 'VARCHAR(20)' },
];

const rows: unknown[][] = [
  [1, 0, '0.00', '0.0050', true, '{"b": 1, "a": [1, 2]}', 'Zoë'],
  [2, -7, '-12.34', '-12.3450', false, '{"x": null}', ''],
  [3, 32767, '9999999999.99', '1.9999', null, null, null],
  [-4, null, null, '-0.0049', true, '[]', 'a b '],
];

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`validation SQL by native type: ${target.label}`, () => {
    let fresh: FreshDatabase;
    let session: DatabaseSession;

    beforeAll(async () => {
      fresh = await createFreshDatabase(target);
      session = await fresh.open();
      const q = (n: string): string => session.dialect.quoteIdentifier(n);
      const native = (c: (typeof columns)[number]): string => (target.dialect === 'postgres' ? c.postgres : c.mysql);
      await session.query(`CREATE TABLE ${q('kinds')} (${columns.map((c) => `${q(c.name)} ${native(c)}`).join(', ')})`);
      for (const row of rows)
        await session.query(`INSERT INTO ${q('kinds')} VALUES (${row.map(() => '?').join(', ')})`, row);
    });

    afterAll(async () => {
      await session?.close();
      await fresh?.drop();
    });

    it('gives the same canonical text with and without the native type, and the same as TypeScript', async () => {
      const schema = await session.inspect({ exactCountLimit: 0 });
      const table = schema.tables.find((t) => t.name === 'kinds');
      const { validate } = session.dialect;
      const quoteIdentifier = (name: string): string => session.dialect.quoteIdentifier(name);
      const sqlColumns: CanonicalSqlColumn[] = columns.map((c) => ({
        expr: quoteIdentifier(c.name),
        type: c.type,
        padded: false,
        nativeType: table?.columns.find((info) => info.name === c.name)?.nativeType ?? '',
      }));
      const items: string[] = [];
      for (const column of sqlColumns) {
        const { nativeType: _native, ...general } = column;
        const withNative = validate.canonical(column);
        const without = validate.canonical(general);
        if (withNative === null || without === null) continue;
        items.push(withNative, without);
      }
      const ordered = await session.queryArrays(
        `SELECT ${quoteIdentifier('id')} AS k, ${items.map((item, i) => `${item} AS c${i}`).join(', ')} FROM ${quoteIdentifier('kinds')} ORDER BY 1`,
      );
      expect(ordered).toHaveLength(rows.length);
      for (const row of ordered) {
        const source = rows.find((r) => r[0] === Number(row[0]));
        let item = 1;
        for (const [i, column] of sqlColumns.entries()) {
          if (validate.canonical(column) === null) continue;
          const expected = canonicalValue((source?.[i] ?? null) as never, { type: column.type });
          expect([column.expr, row[item]]).toEqual([column.expr, row[item + 1]]);
          if (column.type.kind !== 'json') expect([column.expr, row[item]]).toEqual([column.expr, expected]);
          item += 2;
        }
      }

      const hashSql = validate.segmentHashSql(quoteIdentifier('kinds'), sqlColumns, '1 = 1');
      if (hashSql === null) return;
      const [hashed] = await session.queryArrays(hashSql);
      const values = await session.queryArrays(
        `SELECT ${sqlColumns.map((c) => c.expr).join(', ')} FROM ${quoteIdentifier('kinds')}`,
      );
      const encode = canonicalRowEncoder(sqlColumns);
      const hasher = new SegmentHasher();
      for (const row of values)
        hasher.add(
          encode(
            row.map((v, i) =>
              sqlColumns[i]?.type.kind === 'json' && v !== null && typeof v !== 'string' ? JSON.stringify(v) : v,
            ),
          ),
        );
      expect([Number(hashed?.[0]), hashed?.[1]]).toEqual([rows.length, hasher.words()]);
    });
  });
}
