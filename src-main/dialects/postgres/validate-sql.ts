/**
 * Validation SQL for PostgreSQL: the canonical encoding (src-shared/canonical.ts) as expressions,
 * md5 per row and the two 32-bit word sums (numeric sums, reduced mod 2^32) per segment. The
 * subquery is fenced (OFFSET 0): flattened, PostgreSQL computed each row's md5 once per word.
 */
import { canonicalFloatDigits, nullMarker, valuePrefix } from '../../../src-shared/canonical';
import type { CanonicalSqlColumn, ValidateSql } from '../dialect';

const integerTypes = new Set(['smallint', 'integer', 'bigint']);

/** The scale of a `numeric(p,s)` column, which already prints exactly that many places. */
function numericScale(nativeType: string | undefined): number | undefined {
  const match = /^numeric\(\d+,(\d+)\)$/.exec(nativeType ?? '');
  return match ? Number(match[1]) : undefined;
}

function canonical(column: CanonicalSqlColumn): string {
  const e = `(${column.expr})`;
  const { type, nativeType = '' } = column;
  switch (type.kind) {
    case 'integer':
      // An integer column's own text is the canonical one; anything else goes through numeric.
      return integerTypes.has(nativeType) ? `${e}::text` : `trim_scale(${e}::numeric)::text`;
    case 'decimal':
      if (type.scale !== undefined && numericScale(nativeType) === type.scale) return `${e}::text`;
      return type.scale === undefined ? `trim_scale(${e}::numeric)::text` : `round(${e}::numeric, ${type.scale})::text`;
    case 'float':
      return `round(${e}::float8::numeric, ${canonicalFloatDigits})::text`;
    case 'boolean':
      if (nativeType === 'boolean') return `CASE WHEN ${e} THEN '1' WHEN NOT ${e} THEN '0' END`;
      return `CASE WHEN ${e} IS NULL THEN NULL WHEN lower(${e}::text) IN ('1','t','true','y','yes') THEN '1' WHEN lower(${e}::text) IN ('0','f','false','n','no') THEN '0' ELSE '?' || ${e}::text END`;
    case 'text':
      // ::text of a char(n) drops its padding; padded columns are trimmed on both sides anyway.
      return column.padded ? `rtrim(${e}::text, ' ')` : `${e}::text`;
    case 'binary':
      return `encode(${e}::bytea, 'hex')`;
    case 'date':
      return `to_char(${e}::date, 'YYYY-MM-DD')`;
    case 'time':
      return `to_char(${e}::time, 'HH24:MI:SS.US')`;
    case 'timestamp':
      return `to_char(${e}::timestamp, 'YYYY-MM-DD HH24:MI:SS.US')`;
    case 'timestamptz':
      return `to_char(${e}::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`;
    case 'uuid':
      return `lower(${e}::text)`;
    case 'json':
      return nativeType === 'jsonb' ? `${e}::text` : `${e}::jsonb::text`;
  }
}

export function postgresRowText(columns: readonly CanonicalSqlColumn[]): string {
  return columns.map((c) => `coalesce('${valuePrefix}' || ${canonical(c)}, '${nullMarker}')`).join(' || chr(31) || ');
}

export const postgresValidateSql: ValidateSql = {
  async prepare() {},
  canonical,
  segmentHashSql(from, columns, where) {
    const word = (start: number): string =>
      `coalesce(sum(('x' || substr(h, ${start}, 8))::bit(32)::bigint) % 4294967296, 0)::text`;
    return `SELECT count(*) AS n, ${word(1)} || ':' || ${word(9)} AS h FROM (SELECT md5(${postgresRowText(columns)}) AS h FROM ${from} WHERE ${where} OFFSET 0) AS rows_hashed`;
  },
  binaryKey(expr, type) {
    return type.kind === 'text' ? `(${expr} COLLATE "C")` : expr;
  },
  randomOrder: 'random()',
};
