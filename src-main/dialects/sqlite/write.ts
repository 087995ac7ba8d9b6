/** SQLite's bulk path: one prepared INSERT, run for every row inside one transaction. */
import type { TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn, WriteOptions } from '../dialect';
import type { SqliteDatabase, SqliteStatement } from './native';

type Quote = { quoteIdentifier(name: string): string; quoteTable(ref: TableRef): string };

const statements = new WeakMap<SqliteDatabase, Map<string, SqliteStatement>>();

/** better-sqlite3 binds numbers, strings, bigints, buffers and null. */
export function sqliteValue(value: CellValue, column: WriteColumn): number | string | bigint | Uint8Array | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  // TEXT affinity would spell a bound double 3 as "3.0": write the number's own shortest text.
  if (typeof value === 'number' && column.type.kind === 'text') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && column.type.kind === 'boolean') {
    if (value === 'true') return 1;
    if (value === 'false') return 0;
  }
  return value;
}

export function writeSqliteRows(
  db: SqliteDatabase,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): void {
  const names = columns.map((c) => quote.quoteIdentifier(c.name));
  const insertSql = `INSERT INTO ${quote.quoteTable(table)} (${names.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const keys = options.upsertKeys ?? [];
  const others = columns.filter((c) => !keys.includes(c.name)).map((c) => quote.quoteIdentifier(c.name));
  const onConflict =
    others.length === 0 ? 'NOTHING' : `UPDATE SET ${others.map((name) => `${name} = excluded.${name}`).join(', ')}`;
  const sql =
    keys.length === 0
      ? insertSql
      : `${insertSql} ON CONFLICT (${keys.map((k) => quote.quoteIdentifier(k)).join(', ')}) DO ${onConflict}`;
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  const insert = statement;
  db.transaction(() => {
    for (const row of rows)
      insert.run(...row.map((value, i) => sqliteValue(value, columns[i] ?? { name: '', type: { kind: 'text' } })));
  })();
}
