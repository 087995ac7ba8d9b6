/**
 * Validation SQL for SQLite: values carry their own storage class, so the canonical encoding runs
 * as functions registered on the session's connection, calling the TypeScript definition itself
 * (src-shared/canonical.ts, compiled once per statement's columns): `tally_canon(spec, value)` per
 * value and the aggregate
 * `tally_segment_hash(spec, v1, …, vn)` per segment. Both only read their arguments, so a
 * read-only (query_only) session stays read-only.
 */
import {
  canonicalEncoder,
  canonicalRowEncoder,
  type CanonicalColumn,
  type CanonicalEncoder,
} from '../../../src-shared/canonical';
import type { CellValue } from '../../../src-shared/transforms/transform';
import { SegmentHasher, sqlString } from '../common/validate-sql-hash';
import type { CanonicalSqlColumn, ValidateSql } from '../dialect';
import type { SqliteDatabase } from './native';

type PooledClient = {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
};

// A statement names its columns' encodings by a short id (`c3`), registered when its SQL is
// built: the registered functions look it up for every row, and a long JSON key would be hashed
// again each time.
// (Encoding the plain integer and text columns in SQL instead was measured: no faster.)
type CompiledSpec = { value: CanonicalEncoder; row: (values: ArrayLike<unknown>) => string };
const specIds = new Map<string, string>();
const specsById = new Map<string, CompiledSpec>();

function compiledOf(spec: unknown): CompiledSpec {
  const compiled = specsById.get(String(spec));
  if (!compiled) throw new Error(`Unknown column encoding ${String(spec)} in a validation statement.`);
  return compiled;
}

function cell(value: unknown): CellValue {
  return value === undefined ? null : (value as CellValue);
}

const registered = new WeakSet<object>();

export function registerValidateFunctions(database: SqliteDatabase): void {
  if (registered.has(database)) return;
  registered.add(database);
  database.function('tally_canon', { deterministic: true }, (spec: unknown, value: unknown) =>
    compiledOf(spec).value(cell(value)),
  );
  database.aggregate('tally_segment_hash', {
    varargs: true,
    start: () => new SegmentHasher(),
    step: (hasher: SegmentHasher, spec: unknown, ...values: unknown[]) => {
      hasher.add(compiledOf(spec).row(values));
    },
    result: (hasher: SegmentHasher) => hasher.words(),
  });
}

function specOf(columns: readonly CanonicalSqlColumn[]): string {
  const canonical: CanonicalColumn[] = columns.map((c) => ({ type: c.type, ...(c.padded ? { padded: true } : {}) }));
  const key = JSON.stringify(canonical);
  let id = specIds.get(key);
  if (id === undefined) {
    id = `c${specIds.size}`;
    specIds.set(key, id);
    const [first = { type: { kind: 'text' } }] = canonical;
    specsById.set(id, { value: canonicalEncoder(first), row: canonicalRowEncoder(canonical) });
  }
  return sqlString(id);
}

export const sqliteValidateSql: ValidateSql = {
  async prepare(session) {
    const pool = session.knex.client as PooledClient;
    const connection = await pool.acquireConnection();
    try {
      registerValidateFunctions(connection as SqliteDatabase);
    } finally {
      await pool.releaseConnection(connection);
    }
  },
  canonical(column) {
    return `tally_canon(${specOf([column])}, ${column.expr})`;
  },
  segmentHashSql(from, columns, where) {
    const values = columns.map((c) => c.expr).join(', ');
    return `SELECT COUNT(*) AS n, coalesce(tally_segment_hash(${specOf(columns)}, ${values}), '0:0') AS h FROM ${from} WHERE ${where}`;
  },
  binaryKey(expr, type) {
    return type.kind === 'text' ? `${expr} COLLATE BINARY` : expr;
  },
  randomOrder: 'random()',
};
