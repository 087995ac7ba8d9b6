/**
 * Profiling SQL for SQLite. Values carry their own storage class (typeof), so numeric columns are
 * read through typeof and the profile counts the classes found. Format patterns come from
 * `tally_pattern`, a deterministic function registered on the session's own connection (it reads
 * its argument only, so a read-only, query_only session stays read-only). Samples are keyset
 * slices of the rowid: index range reads, never a full scan.
 */
import { formatPattern } from '../../../src-shared/profile';
import { formatTableRef } from '../../../src-shared/schema-info';
import { formatPercent, integerKeyOf, keyRangeCondition, planKeyRanges } from '../common/profile-sample';
import type { DatabaseSession, ProfileSql } from '../dialect';
import type { SqliteDatabase } from './native';

export const sqlitePatternFunction = 'tally_pattern';

/** The part of knex's (untyped) client that lends out raw driver connections. */
type PooledClient = {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
};

/** SQL calls it with CAST(x AS TEXT), so the value is text or null; a blob is read as UTF-8. */
function patternOf(value: unknown, maxLength: unknown): string | null {
  const text = typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
  return text === null ? null : formatPattern(text, typeof maxLength === 'number' ? maxLength : Number(maxLength));
}

/** Registers the pattern function on a raw better-sqlite3 handle. */
export function registerProfileFunctions(database: SqliteDatabase): void {
  database.function(sqlitePatternFunction, { deterministic: true }, patternOf);
}

/** A text condition: only digits and dots, with at least one digit. */
function digitsAndDots(expr: string): string {
  return `${expr} NOT GLOB '*[^0-9.]*' AND ${expr} GLOB '*[0-9]*'`;
}

export const sqliteProfileSql: ProfileSql = {
  // One connection, and better-sqlite3 blocks while a statement runs.
  parallelStatements: 1,
  async prepare(session) {
    const pool = session.knex.client as PooledClient;
    const connection = await pool.acquireConnection();
    try {
      registerProfileFunctions(connection as SqliteDatabase);
    } finally {
      await pool.releaseConnection(connection);
    }
  },

  async sample(session: DatabaseSession, request) {
    const { table, alias } = request;
    // The dialect's own quoting, not a second copy of it.
    const quoted = session.dialect.quoteTable(table);
    // rowid, unless a column took the name; WITHOUT ROWID tables slice on an integer primary key.
    const names = new Set(table.columns.map((c) => c.name.toLowerCase()));
    const rowidAlias = ['rowid', '_rowid_', 'oid'].find((name) => !names.has(name));
    const integerKey = integerKeyOf(table);
    for (const key of [rowidAlias, integerKey === null ? undefined : session.dialect.quoteIdentifier(integerKey)]) {
      if (key === undefined) continue;
      let bounds: { low: unknown; high: unknown } | undefined;
      try {
        [bounds] = await session.query<{ low: unknown; high: unknown }>(
          `SELECT min(${key}) AS low, max(${key}) AS high FROM ${quoted}`,
        );
      } catch {
        continue; // a WITHOUT ROWID table has no rowid
      }
      const ranges = planKeyRanges({
        low: Number(bounds?.low),
        high: Number(bounds?.high),
        wanted: request.rows,
        estimatedRows: request.estimatedRows,
        seed: request.seed,
      });
      if (ranges.length === 0) continue;
      // Materialised: the planner would otherwise merge the ranges into each statement and may
      // then prefer a full scan (GROUP BY the rowid, or an index on a column tested IS NOT NULL).
      return {
        with: `tally_sample AS MATERIALIZED (SELECT * FROM ${quoted} WHERE ${keyRangeCondition(key, ranges)})`,
        from: `tally_sample AS ${alias}`,
        method: `${ranges.length} ${key === rowidAlias ? 'rowid' : 'key'} ranges spread over ${formatTableRef(table)} (keyset slices, seed ${request.seed})`,
      };
    }
    const fraction = Math.min(1, request.rows / Math.max(1, request.estimatedRows));
    const threshold = Math.round(fraction * 1_000_000);
    return {
      with: `tally_sample AS MATERIALIZED (SELECT * FROM ${quoted} WHERE abs(random() % 1000000) < ${threshold})`,
      from: `tally_sample AS ${alias}`,
      method: `random ${formatPercent(fraction)} of the rows of ${formatTableRef(table)} (drawn again by each statement)`,
    };
  },

  text: (expr) => `CAST(${expr} AS TEXT)`,
  textLength: (expr) => `length(${expr})`,
  exactKey: (expr) => `(${expr} COLLATE BINARY)`,
  keyText: (expr) => expr,
  normalizedKey: (expr) => `(lower(trim(${expr})) COLLATE BINARY)`,
  pattern: (expr, maxLength) => `${sqlitePatternFunction}(CAST(${expr} AS TEXT), ${Math.floor(maxLength)})`,
  number: (expr) => `(CASE WHEN typeof(${expr}) IN ('integer', 'real') THEN CAST(${expr} AS REAL) END)`,
  float: (expr) => `CAST(${expr} AS REAL)`,
  epochSeconds(expr, type) {
    // Dates are text (ISO 8601) or numbers (taken as Unix seconds).
    if (type === 'time') return `((julianday(${expr}) - julianday(date(${expr}))) * 86400.0)`;
    return `(CASE WHEN typeof(${expr}) IN ('integer', 'real') THEN CAST(${expr} AS REAL) ELSE (julianday(${expr}) - 2440587.5) * 86400.0 END)`;
  },
  floor: (expr) => `CAST(${expr} AS INTEGER)`,
  storageClass: (expr) => `typeof(${expr})`,
  looksNumeric: (expr) =>
    `((${digitsAndDots(expr)}) OR (substr(${expr}, 1, 1) IN ('+', '-') AND ${digitsAndDots(`substr(${expr}, 2)`)}))`,
  limit: (count, offset = 0) =>
    ` LIMIT ${Math.max(1, Math.floor(count))}${offset > 0 ? ` OFFSET ${Math.floor(offset)}` : ''}`,
};
