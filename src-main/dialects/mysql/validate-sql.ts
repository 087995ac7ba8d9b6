/**
 * Validation SQL for MySQL and MariaDB: the canonical encoding (src-shared/canonical.ts) as
 * expressions, MD5 of the UTF-8 row text, and DECIMAL sums of the two 32-bit words per segment.
 * JSON columns (MariaDB keeps them as text, unnormalised) are encoded in Node instead.
 */
import { canonicalFloatDigits, nullMarker, valuePrefix } from '../../../src-shared/canonical';
import { zeroAtScale } from '../common/validate-sql-hash';
import type { CanonicalSqlColumn, ValidateSql } from '../dialect';

function fixed(e: string, scale: number): string {
  // A negative value that rounds to zero prints as 0, as everywhere else.
  return `CASE WHEN ROUND(${e}, ${scale}) = 0 THEN '${zeroAtScale(scale)}' ELSE CAST(CAST(${e} AS DECIMAL(65, ${scale})) AS CHAR) END`;
}

function canonical(column: CanonicalSqlColumn): string | null {
  const e = `(${column.expr})`;
  const { type } = column;
  switch (type.kind) {
    case 'integer':
      return `CAST(${e} AS CHAR)`;
    case 'decimal': {
      if (type.scale !== undefined) return fixed(e, type.scale);
      const text = `CAST(${e} AS CHAR)`;
      return `CASE WHEN LOCATE('.', ${text}) > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM ${text})) ELSE ${text} END`;
    }
    case 'float':
      return fixed(e, canonicalFloatDigits);
    case 'boolean':
      return `CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} <> 0 THEN '1' ELSE '0' END`;
    case 'text': {
      const text = `CONVERT(${e} USING utf8mb4)`;
      return column.padded ? `TRIM(TRAILING ' ' FROM ${text})` : text;
    }
    case 'binary':
      return `LOWER(HEX(${e}))`;
    case 'date':
      return `DATE_FORMAT(${e}, '%Y-%m-%d')`;
    case 'time':
      return `TIME_FORMAT(${e}, '%H:%i:%s.%f')`;
    case 'timestamp':
    case 'timestamptz':
      // Sessions run in UTC ('+00:00'), so TIMESTAMP columns read back as UTC.
      return `DATE_FORMAT(${e}, '%Y-%m-%d %H:%i:%s.%f')`;
    case 'uuid':
      return `LOWER(CAST(${e} AS CHAR))`;
    case 'json':
      return null;
  }
}

export function mysqlRowText(columns: readonly CanonicalSqlColumn[]): string | null {
  const parts: string[] = [];
  for (const column of columns) {
    const text = canonical(column);
    if (text === null) return null;
    parts.push(`COALESCE(CONCAT('${valuePrefix}', ${text}), '${nullMarker}')`);
  }
  return `CONVERT(CONCAT_WS(CHAR(31 USING utf8mb4), ${parts.join(', ')}) USING utf8mb4)`;
}

export const mysqlValidateSql: ValidateSql = {
  async prepare() {},
  canonical,
  segmentHashSql(from, columns, where) {
    const rowText = mysqlRowText(columns);
    if (rowText === null) return null;
    const word = (start: number): string =>
      `CAST(COALESCE(MOD(SUM(CAST(CONV(SUBSTRING(h, ${start}, 8), 16, 10) AS UNSIGNED)), 4294967296), 0) AS CHAR)`;
    // The LIMIT keeps the derived table from being merged: merged, each row's MD5 ran once per word.
    return `SELECT COUNT(*) AS n, CONCAT(${word(1)}, ':', ${word(9)}) AS h FROM (SELECT MD5(${rowText}) AS h FROM ${from} WHERE ${where} LIMIT 18446744073709551615) AS rows_hashed`;
  },
  binaryKey(expr, type) {
    return type.kind === 'text' ? `CAST(${expr} AS BINARY)` : expr;
  },
  randomOrder: 'RAND()',
};
