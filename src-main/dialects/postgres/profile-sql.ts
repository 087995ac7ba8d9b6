/**
 * Profiling SQL for PostgreSQL. Samples use TABLESAMPLE SYSTEM with REPEATABLE, so every statement
 * of one profile reads the same pages; patterns come from translate(); exact comparisons use the
 * "C" collation, which also makes lower() fold ASCII letters only, as SQLite's does.
 */
import { formatTableRef } from '../../../src-shared/schema-info';
import { formatPercent } from '../common/profile-sample';
import type { ProfileSql } from '../dialect';

// translate() looks each character up in this list in order: digits and lower case, the most
// common, come first (three times faster on dates than A–Z first).
const patternFrom = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const patternTo = `${'9'.repeat(10)}${'a'.repeat(26)}${'A'.repeat(26)}`;

export const postgresProfileSql: ProfileSql = {
  // The pool holds four connections.
  parallelStatements: 3,
  async prepare() {},

  async sample(session, request) {
    const { table, alias } = request;
    // The dialect's own quoting, not a second copy of it.
    const quoted = session.dialect.quoteTable(table);
    const fraction = Math.min(1, request.rows / Math.max(1, request.estimatedRows));
    const percent = Number((fraction * 100).toFixed(4)) || 0.0001;
    return {
      from: `${quoted} AS ${alias} TABLESAMPLE SYSTEM (${percent}) REPEATABLE (${Math.floor(request.seed)})`,
      method: `TABLESAMPLE SYSTEM (${formatPercent(fraction)} of the pages of ${formatTableRef(table)}) REPEATABLE (${Math.floor(request.seed)})`,
    };
  },

  text: (expr) => `CAST(${expr} AS text)`,
  textLength: (expr) => `char_length(${expr})`,
  exactKey: (expr) => `(${expr} COLLATE "C")`,
  keyText: (expr) => expr,
  normalizedKey: (expr) => `(lower(btrim(${expr}) COLLATE "C"))`,
  pattern: (expr, maxLength) =>
    `(translate(substr(${expr}, 1, ${Math.floor(maxLength)}), '${patternFrom}', '${patternTo}') || CASE WHEN char_length(${expr}) > ${Math.floor(maxLength)} THEN '…' ELSE '' END)`,
  number: (expr) => `CAST(${expr} AS double precision)`,
  float: (expr) => `CAST(${expr} AS double precision)`,
  epochSeconds: (expr) => `extract(epoch from ${expr})`,
  floor: (expr) => `floor(${expr})`,
  storageClass: () => null,
  looksNumeric: (expr) => `(${expr} ~ '^[+-]?[0-9.]*[0-9][0-9.]*$')`,
  limit: (count, offset = 0) =>
    ` LIMIT ${Math.max(1, Math.floor(count))}${offset > 0 ? ` OFFSET ${Math.floor(offset)}` : ''}`,
};
