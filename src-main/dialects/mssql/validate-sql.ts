/**
 * Validation SQL for SQL Server: the canonical encoding (src-shared/canonical.ts) as expressions,
 * HASHBYTES('MD5') of the row text as UTF-8 (a _UTF8 collation, SQL Server 2019+), and bigint sums
 * of the two 32-bit words reduced mod 2^32 (each word < 2^32, so a segment below 2^31 rows cannot
 * overflow). Unit-tested as text only: no SQL Server here.
 */
import { canonicalFloatDigits, nullMarker, valuePrefix } from '../../../src-shared/canonical';
import { zeroAtScale } from '../common/validate-sql-hash';
import type { CanonicalSqlColumn, ValidateSql } from '../dialect';

function fixed(e: string, scale: number): string {
  return `CASE WHEN ROUND(${e}, ${scale}) = 0 THEN '${zeroAtScale(scale)}' ELSE CONVERT(varchar(80), CAST(ROUND(${e}, ${scale}) AS decimal(38, ${scale}))) END`;
}

function canonical(column: CanonicalSqlColumn): string | null {
  const e = `(${column.expr})`;
  const { type } = column;
  switch (type.kind) {
    case 'integer':
      return `CONVERT(varchar(40), ${e})`;
    case 'decimal':
      return type.scale === undefined ? null : fixed(e, type.scale);
    case 'float':
      return fixed(`CAST(${e} AS float)`, canonicalFloatDigits);
    case 'boolean':
      return `CASE WHEN ${e} IS NULL THEN NULL WHEN ${e} = 1 THEN '1' ELSE '0' END`;
    case 'text':
      return column.padded ? `RTRIM(CAST(${e} AS nvarchar(max)))` : `CAST(${e} AS nvarchar(max))`;
    case 'binary':
      return `LOWER(CONVERT(varchar(max), CAST(${e} AS varbinary(max)), 2))`;
    case 'date':
      return `CONVERT(char(10), CAST(${e} AS date), 23)`;
    case 'time':
      return `CONVERT(varchar(15), CAST(${e} AS time(6)))`;
    case 'timestamp':
      return `CONVERT(varchar(26), CAST(${e} AS datetime2(6)), 121)`;
    case 'timestamptz':
      return `CONVERT(varchar(26), CAST(SWITCHOFFSET(CAST(${e} AS datetimeoffset(6)), '+00:00') AS datetime2(6)), 121)`;
    case 'uuid':
      return `LOWER(CONVERT(char(36), ${e}))`;
    case 'json':
      return null;
  }
}

export function mssqlRowText(columns: readonly CanonicalSqlColumn[]): string | null {
  const parts: string[] = [];
  for (const column of columns) {
    const text = canonical(column);
    if (text === null) return null;
    parts.push(`COALESCE(N'${valuePrefix}' + ${text}, N'${nullMarker}')`);
  }
  return `CAST(${parts.join(' + NCHAR(31) + ')} COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max))`;
}

export const mssqlValidateSql: ValidateSql = {
  async prepare() {},
  canonical,
  segmentHashSql(from, columns, where) {
    const rowText = mssqlRowText(columns);
    if (rowText === null) return null;
    const word = (start: number): string =>
      `CONVERT(varchar(20), COALESCE(SUM(CAST(SUBSTRING(h, ${start}, 4) AS bigint)) % 4294967296, 0))`;
    return `SELECT COUNT_BIG(*) AS n, ${word(1)} + ':' + ${word(5)} AS h FROM (SELECT HASHBYTES('MD5', ${rowText}) AS h FROM ${from} WHERE ${where}) AS rows_hashed`;
  },
  binaryKey(expr, type) {
    return type.kind === 'text' ? `(${expr} COLLATE Latin1_General_100_BIN2)` : expr;
  },
  randomOrder: 'NEWID()',
};
