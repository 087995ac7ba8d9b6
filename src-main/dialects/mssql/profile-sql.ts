/**
 * Profiling SQL for SQL Server 2017+ (TRANSLATE). Not run against a live server here (see
 * index.ts); covered by string tests. Comparisons use a binary collation, since the usual ones
 * ignore case; lengths count trailing spaces (LEN does not); samples use TABLESAMPLE SYSTEM with
 * REPEATABLE. Every statement stays a plain SELECT, as the read-only guard demands.
 */
import { formatTableRef } from '../../../src-shared/schema-info';
import { formatPercent } from '../common/profile-sample';
import type { ProfileSql } from '../dialect';

const binary = 'Latin1_General_BIN2';
const patternFrom = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const patternTo = `${'A'.repeat(26)}${'a'.repeat(26)}${'9'.repeat(10)}`;

function textLength(expr: string): string {
  return `(LEN(${expr} + N'x') - 1)`;
}

export const mssqlProfileSql: ProfileSql = {
  parallelStatements: 3,
  async prepare() {},

  async sample(session, request) {
    const { table, alias } = request;
    // The dialect's own quoting, not a second copy of it.
    const quoted = session.dialect.quoteTable(table);
    const fraction = Math.min(1, request.rows / Math.max(1, request.estimatedRows));
    const percent = Number((fraction * 100).toFixed(4)) || 0.0001;
    return {
      from: `${quoted} AS ${alias} TABLESAMPLE SYSTEM (${percent} PERCENT) REPEATABLE (${Math.floor(request.seed)})`,
      method: `TABLESAMPLE SYSTEM (${formatPercent(fraction)} of the pages of ${formatTableRef(table)}) REPEATABLE (${Math.floor(request.seed)})`,
    };
  },

  text: (expr, kind) =>
    kind === 'temporal' ? `CONVERT(nvarchar(40), ${expr}, 126)` : `CAST(${expr} AS nvarchar(max))`,
  textLength,
  exactKey: (expr) => `(${expr} COLLATE ${binary})`,
  keyText: (expr) => expr,
  normalizedKey: (expr) => `(LOWER(LTRIM(RTRIM(${expr}))) COLLATE ${binary})`,
  pattern: (expr, maxLength) =>
    `(TRANSLATE(SUBSTRING(${expr}, 1, ${Math.floor(maxLength)}) COLLATE ${binary}, '${patternFrom}', '${patternTo}') + CASE WHEN ${textLength(expr)} > ${Math.floor(maxLength)} THEN N'…' ELSE N'' END)`,
  number: (expr) => `CAST(${expr} AS float)`,
  float: (expr) => `CAST(${expr} AS float)`,
  epochSeconds: (expr, type) =>
    type === 'time'
      ? `DATEDIFF(SECOND, CAST('00:00:00' AS time), ${expr})`
      : `DATEDIFF_BIG(SECOND, '1970-01-01', ${expr})`,
  floor: (expr) => `FLOOR(${expr})`,
  storageClass: () => null,
  looksNumeric: (expr) =>
    `((CASE WHEN LEFT(${expr}, 1) IN ('+', '-') THEN SUBSTRING(${expr}, 2, 4000) ELSE ${expr} END) NOT LIKE '%[^0-9.]%' AND ${expr} LIKE '%[0-9]%')`,
  limit: (count, offset = 0) =>
    ` OFFSET ${Math.max(0, Math.floor(offset))} ROWS FETCH NEXT ${Math.max(1, Math.floor(count))} ROWS ONLY`,
};
