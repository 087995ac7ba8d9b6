/**
 * Profiling SQL for MySQL 8 and MariaDB 10.5+. Their usual collations ignore case (and trailing
 * spaces), so values are grouped and compared as binary strings: `USD` and `usd` are two values,
 * as they are everywhere else. Patterns use REGEXP_REPLACE with `(?-i)`, which keeps the classes
 * case-sensitive whatever the collation. Samples are keyset slices of an integer primary key
 * (range reads of the clustered index), or RAND(seed) over a full scan for tables without one.
 */
import { formatTableRef } from '../../../src-shared/schema-info';
import { formatPercent, integerKeyOf, keyRangeCondition, planKeyRanges } from '../common/profile-sample';
import type { ProfileSql } from '../dialect';

export const mysqlProfileSql: ProfileSql = {
  parallelStatements: 3,
  async prepare() {},

  async sample(session, request) {
    const { table, alias } = request;
    // The dialect's own quoting, not a second copy of it.
    const quoted = session.dialect.quoteTable(table);
    const key = integerKeyOf(table);
    if (key !== null) {
      const quotedKey = session.dialect.quoteIdentifier(key);
      const [bounds] = await session.query<{ low: unknown; high: unknown }>(
        `SELECT MIN(${quotedKey}) AS low, MAX(${quotedKey}) AS high FROM ${quoted}`,
      );
      const ranges = planKeyRanges({
        low: Number(bounds?.low),
        high: Number(bounds?.high),
        wanted: request.rows,
        estimatedRows: request.estimatedRows,
        seed: request.seed,
      });
      if (ranges.length > 0)
        return {
          from: `(SELECT * FROM ${quoted} WHERE ${keyRangeCondition(quotedKey, ranges)}) AS ${alias}`,
          method: `${ranges.length} ranges of ${formatTableRef(table)}.${key} (keyset slices, seed ${request.seed})`,
        };
    }
    const fraction = Math.min(1, request.rows / Math.max(1, request.estimatedRows));
    return {
      from: `(SELECT * FROM ${quoted} WHERE RAND(${Math.floor(request.seed)}) < ${fraction}) AS ${alias}`,
      method: `RAND(${Math.floor(request.seed)}) < ${formatPercent(fraction)} over all rows of ${formatTableRef(table)}`,
    };
  },

  text: (expr) => `CAST(${expr} AS CHAR)`,
  textLength: (expr) => `CHAR_LENGTH(${expr})`,
  // Through utf8mb4 first, so a latin1 (or any other) column reads back correctly from its bytes.
  exactKey: (expr) => `CAST(CONVERT(${expr} USING utf8mb4) AS BINARY)`,
  keyText: (expr) => `CONVERT(${expr} USING utf8mb4)`,
  normalizedKey: (expr) => `CAST(CONVERT(LOWER(TRIM(${expr})) USING utf8mb4) AS BINARY)`,
  pattern: (expr, maxLength) =>
    `CONCAT(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(SUBSTRING(${expr}, 1, ${Math.floor(maxLength)}), '(?-i)[A-Z]', 'A'), '(?-i)[a-z]', 'a'), '[0-9]', '9'), CASE WHEN CHAR_LENGTH(${expr}) > ${Math.floor(maxLength)} THEN '…' ELSE '' END)`,
  number: (expr) => `CAST(${expr} AS DOUBLE)`,
  float: (expr) => `CAST(${expr} AS DOUBLE)`,
  epochSeconds: (expr, type) =>
    type === 'time' ? `TIME_TO_SEC(${expr})` : `TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', ${expr})`,
  floor: (expr) => `FLOOR(${expr})`,
  storageClass: () => null,
  looksNumeric: (expr) => `(${expr} REGEXP '^[+-]?[0-9.]*[0-9][0-9.]*$')`,
  limit: (count, offset = 0) =>
    ` LIMIT ${Math.max(1, Math.floor(count))}${offset > 0 ? ` OFFSET ${Math.floor(offset)}` : ''}`,
};
