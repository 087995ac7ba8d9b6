/**
 * MySQL's bulk path: multi-row INSERT statements of about a megabyte each, inside one
 * transaction, with values escaped by mysql2 (times in UTC, as every Tally session runs).
 */
import type { Knex } from 'knex';
import { escape } from 'mysql2';
import type { TableRef } from '../../../src-shared/schema-info';
import { canonicalValue } from '../../../src-shared/canonical';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn, WriteOptions } from '../dialect';

type Quote = { quoteIdentifier(name: string): string; quoteTable(ref: TableRef): string };

const statementBytes = 1_000_000;
const withOffset = /\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(?:[zZ]|[-+]\d\d(?::?\d\d)?)$/;

export function mysqlLiteral(value: CellValue, column?: WriteColumn): string {
  if (value === null) return 'NULL';
  // DATETIME has no offset and refuses text with one: a timestamptz is stored as its UTC time
  // (as mysql2 does with a Date), a timestamp as its wall-clock time.
  const kind = column?.type.kind;
  if (
    column &&
    typeof value === 'string' &&
    (kind === 'timestamptz' || kind === 'timestamp') &&
    withOffset.test(value)
  ) {
    const wallClock = canonicalValue(value, { type: column.type, padded: false });
    if (wallClock !== null && !wallClock.startsWith('?')) return escape(wallClock);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL';
    // A number literal bound for a text column would be re-spelled by the server (1.5e-7 as 0.00000015).
    return kind === 'text' ? escape(String(value)) : String(value);
  }
  if (value instanceof Uint8Array)
    return `X'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`;
  return escape(value, false, 'Z');
}

/** The INSERT statements for a batch, each below about a megabyte. */
export function mysqlInsertStatements(
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): string[] {
  const head = `INSERT INTO ${quote.quoteTable(table)} (${columns.map((c) => quote.quoteIdentifier(c.name)).join(', ')}) VALUES `;
  const keys = options.upsertKeys ?? [];
  const others = columns.filter((c) => !keys.includes(c.name)).map((c) => quote.quoteIdentifier(c.name));
  // With no other column to update, re-assigning a key to itself makes the duplicate a no-op.
  const updates = others.length > 0 ? others : keys.slice(0, 1).map((k) => quote.quoteIdentifier(k));
  const tail =
    keys.length === 0
      ? ''
      : ` ON DUPLICATE KEY UPDATE ${updates.map((name) => `${name} = VALUES(${name})`).join(', ')}`;
  const statements: string[] = [];
  let values: string[] = [];
  let size = head.length;
  for (const row of rows) {
    const tuple = `(${row.map((value, i) => mysqlLiteral(value, columns[i])).join(', ')})`;
    if (values.length > 0 && size + tuple.length > statementBytes) {
      statements.push(head + values.join(', ') + tail);
      values = [];
      size = head.length;
    }
    values.push(tuple);
    size += tuple.length + 2;
  }
  if (values.length > 0) statements.push(head + values.join(', ') + tail);
  return statements;
}

export async function writeMysqlRows(
  knex: Knex,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): Promise<void> {
  const statements = mysqlInsertStatements(quote, table, columns, rows, options);
  // No bindings: the values are already literals, and knex must not read `?` inside them.
  await knex.transaction(async (trx) => {
    for (const sql of statements) await trx.raw(sql);
  });
}
