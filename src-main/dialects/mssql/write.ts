/**
 * SQL Server's write path for now: parameterised multi-row INSERTs inside one transaction,
 * chunked below SQL Server's limits (1,000 rows per VALUES list, 2,100 parameters per request).
 * Not yet run against a live server (none here); the bulk-load API is the next step.
 */
import type { Knex } from 'knex';
import type { TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn } from '../dialect';
import { escapeKnexPlaceholders } from './sql-text';

type Quote = { quoteIdentifier(name: string): string; quoteTable(ref: TableRef): string };

export function mssqlInsertChunks(
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
): { sql: string; bindings: unknown[] }[] {
  const perStatement = Math.max(1, Math.min(1000, Math.floor(2000 / Math.max(1, columns.length))));
  const head = `INSERT INTO ${quote.quoteTable(table)} (${columns.map((c) => quote.quoteIdentifier(c.name)).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const chunks: { sql: string; bindings: unknown[] }[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const slice = rows.slice(start, start + perStatement);
    chunks.push({
      sql: escapeKnexPlaceholders(head) + slice.map(() => tuple).join(', '),
      bindings: slice.flatMap((row) => row.map((value) => (value instanceof Uint8Array ? Buffer.from(value) : value))),
    });
  }
  return chunks;
}

export async function writeMssqlRows(
  knex: Knex,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
): Promise<void> {
  const chunks = mssqlInsertChunks(quote, table, columns, rows);
  await knex.transaction(async (trx) => {
    for (const chunk of chunks) await trx.raw(chunk.sql, chunk.bindings as Knex.RawBinding[]);
  });
}
