/**
 * PostgreSQL's bulk path: COPY … FROM STDIN in text format through pg-copy-streams. One COPY is
 * one statement, so a batch is all or nothing.
 */
import type { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn, WriteOptions } from '../dialect';

type Quote = { quoteIdentifier(name: string): string; quoteTable(ref: TableRef): string };

const needsEscape = /[\\\t\n\r]/;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, with backslash, tab and line breaks escaped. */
export function copyTextValue(value: CellValue, column: WriteColumn): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  // bytea's hex input form, its backslash escaped for the text format.
  if (value instanceof Uint8Array)
    return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  const text = column.type.kind === 'binary' ? `\\x${Buffer.from(value, 'utf8').toString('hex')}` : value;
  // Most values need no escaping: test once rather than scan four times.
  if (!needsEscape.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (ch) => copyEscapes[ch] ?? ch);
}

export function copyTextRows(columns: readonly WriteColumn[], rows: readonly (readonly CellValue[])[]): string {
  let out = '';
  for (const row of rows) {
    out += row.map((value, i) => copyTextValue(value, columns[i] ?? { name: '', type: { kind: 'text' } })).join('\t');
    out += '\n';
  }
  return out;
}

export async function writePostgresRows(
  client: PgClient,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): Promise<void> {
  const names = columns.map((c) => quote.quoteIdentifier(c.name)).join(', ');
  const keys = options.upsertKeys ?? [];
  if (keys.length === 0) {
    const stream = client.query(copyFrom(`COPY ${quote.quoteTable(table)} (${names}) FROM STDIN`));
    await pipeline(Readable.from([copyTextRows(columns, rows)]), stream);
    return;
  }
  // Upsert: COPY into a temporary twin, then one INSERT … ON CONFLICT, in one transaction.
  const others = columns.filter((c) => !keys.includes(c.name)).map((c) => quote.quoteIdentifier(c.name));
  const conflict =
    others.length === 0 ? 'NOTHING' : `UPDATE SET ${others.map((name) => `${name} = EXCLUDED.${name}`).join(', ')}`;
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE TEMPORARY TABLE tally_upsert ON COMMIT DROP AS SELECT ${names} FROM ${quote.quoteTable(table)} WITH NO DATA`,
    );
    const stream = client.query(copyFrom(`COPY tally_upsert (${names}) FROM STDIN`));
    await pipeline(Readable.from([copyTextRows(columns, rows)]), stream);
    await client.query(
      `INSERT INTO ${quote.quoteTable(table)} (${names}) SELECT ${names} FROM tally_upsert ON CONFLICT (${keys
        .map((k) => quote.quoteIdentifier(k))
        .join(', ')}) DO ${conflict}`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
