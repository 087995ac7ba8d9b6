/**
 * PostgreSQL's bulk path: COPY … FROM STDIN through pg-copy-streams, in the binary format where
 * every column's type and every value of the batch allow it (see binary-copy.ts), else in the
 * text format. One COPY is one statement, so a batch is all or nothing.
 */
import type { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn, WriteOptions } from '../dialect';
import { binaryEncodersFor, encodeBinaryCopy, plainTextValue } from './binary-copy';

type Quote = { quoteIdentifier(name: string): string; quoteTable(ref: TableRef): string };

const needsEscape = /[\\\t\n\r]/;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for null, with backslash, tab and line breaks escaped. */
export function copyTextValue(value: CellValue, column: WriteColumn): string {
  if (value === null) return '\\N';
  const text = plainTextValue(value, column);
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

/** The type oid of each column, in the order given, as the table into which the COPY goes has them. */
async function columnTypeOids(
  client: PgClient,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
): Promise<number[]> {
  const result = await client.query<{ attname: string; oid: string }>({
    text: 'SELECT attname, atttypid::int8::text AS oid FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped',
    values: [quote.quoteTable(table)],
  });
  const byName = new Map(result.rows.map((row) => [row.attname, Number(row.oid)]));
  // A column the table lacks gets no encoder; the COPY then names it in the server's own words.
  return columns.map((column) => byName.get(column.name) ?? 0);
}

/**
 * The server says where a COPY failed in its context line ("COPY t, line 3, column amount: …");
 * the column goes into the message, which is what the quarantine shows.
 */
function withColumn(error: unknown, columns: readonly WriteColumn[]): unknown {
  if (!(error instanceof Error)) return error;
  const where = (error as { where?: unknown }).where;
  if (typeof where !== 'string') return error;
  const at = /, line \d+, column /.exec(where);
  if (!at) return error;
  const rest = where.slice(at.index + at[0].length);
  // The longest column name the context starts with: names may hold commas or colons.
  const column = columns
    .map((c) => c.name)
    .filter((name) => rest.startsWith(name) && /^(:|$)/.test(rest.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
  if (column !== undefined) {
    const [first = '', ...others] = error.message.split('\n');
    error.message = [`${first.replace(/\.?\s*$/, '')} (column ${column})`, ...others].join('\n');
  }
  return error;
}

/** A batch encoded for COPY: the binary format's buffers where every value allows it, else the text format. */
type EncodedBatch = { binary: true; chunks: Buffer[] } | { binary: false; text: string };

function encodeBatch(
  typeOids: readonly number[],
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
): EncodedBatch {
  const encoders = binaryEncodersFor(typeOids);
  const chunks = encoders ? encodeBinaryCopy(encoders, columns, rows) : undefined;
  return chunks ? { binary: true, chunks } : { binary: false, text: copyTextRows(columns, rows) };
}

/** One COPY of an encoded batch into `into`; `sent` is called once all of it is on its way. */
async function copyBatch(
  client: PgClient,
  quote: Quote,
  into: string,
  columns: readonly WriteColumn[],
  batch: EncodedBatch,
  sent?: () => void,
): Promise<void> {
  const names = columns.map((c) => quote.quoteIdentifier(c.name)).join(', ');
  try {
    const stream = client.query(
      copyFrom(`COPY ${into} (${names}) FROM STDIN${batch.binary ? ' (FORMAT binary)' : ''}`),
    );
    // Listens for the COPY's end (or failure) from the start; awaited below.
    const completed = finished(stream);
    completed.catch(() => undefined);
    for (const chunk of batch.binary ? batch.chunks : [batch.text])
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), completed]);
    sent?.();
    stream.end();
    await completed;
  } catch (error) {
    throw withColumn(error, columns);
  }
}

/**
 * Encodes a batch for the table's column types, so that the work is done before the write (and
 * can overlap the previous one); the function returned writes it, and may be called again.
 */
export async function preparePostgresRows(
  client: PgClient,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): Promise<(client: PgClient, sent?: () => void) => Promise<void>> {
  const batch = encodeBatch(await columnTypeOids(client, quote, table, columns), columns, rows);
  return (writer, sent) => writeEncoded(writer, quote, table, columns, batch, options, sent);
}

export async function writePostgresRows(
  client: PgClient,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
  options: WriteOptions = {},
): Promise<void> {
  const write = await preparePostgresRows(client, quote, table, columns, rows, options);
  await write(client);
}

async function writeEncoded(
  client: PgClient,
  quote: Quote,
  table: TableRef,
  columns: readonly WriteColumn[],
  batch: EncodedBatch,
  options: WriteOptions,
  sent?: () => void,
): Promise<void> {
  const names = columns.map((c) => quote.quoteIdentifier(c.name)).join(', ');
  const keys = options.upsertKeys ?? [];
  if (keys.length === 0) {
    await copyBatch(client, quote, quote.quoteTable(table), columns, batch, sent);
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
    // The twin has the target's column types, for which the batch was encoded.
    await copyBatch(client, quote, 'tally_upsert', columns, batch, sent);
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
