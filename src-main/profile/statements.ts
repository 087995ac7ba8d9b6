/**
 * The statements of a profile, assembled from a dialect's ProfileSql pieces. Each reads the source
 * (the table or its sample) once per column at most: one aggregate SELECT for the plain statistics
 * of every column, and UNION ALLs of per-column GROUP BYs (values and their patterns, histograms,
 * normalised duplicates, orphans), each group read once through a common table expression and
 * cut to its first rows with ORDER BY and the dialect's LIMIT. No statement brings rows into
 * Tally beyond the few it reports.
 */
import type { ProfileSql } from '../dialects/dialect';
import { lastEdge, sqlNumber, type BucketPlan } from './buckets';
import { comparedAsText, hasOrder, isNumericKind, type ProfiledColumn } from './columns';

export type StatementContext = {
  sql: ProfileSql;
  /** The FROM item, aliased `t`. */
  from: string;
  /** A common table expression the FROM item reads (a materialised sample), or null. */
  with: string | null;
};

/** A statement as sent: the source's WITH clause (a materialised sample) and the statement's own first. */
export function withSource(context: StatementContext, statement: string, ctes: readonly string[] = []): string {
  const all = [...(context.with === null ? [] : [context.with]), ...ctes];
  return all.length === 0 ? statement : `WITH ${all.join(', ')} ${statement}`;
}

/** Aliases of one column's figures in the statistics row. */
export const statAlias = (column: ProfiledColumn, stat: string): string => `s${column.index}_${stat}`;

/** Whether the statistics statement reads storage classes and numeric text for this column. */
export function storageClassOf(context: StatementContext, column: ProfiledColumn): string | null {
  return column.kind === 'binary' ? null : context.sql.storageClass(column.expr);
}

export function tracksNumericText(context: StatementContext, column: ProfiledColumn): boolean {
  return column.kind === 'text' || storageClassOf(context, column) !== null;
}

const countIf = (condition: string): string => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/** One row: count(*) and, per column, non-null count, min/max, lengths, number moments, storage classes. */
export function statisticsStatement(context: StatementContext, columns: readonly ProfiledColumn[]): string {
  const { sql } = context;
  const items = ['count(*) AS total'];
  for (const column of columns) {
    const { expr, kind } = column;
    const as = (stat: string): string => ` AS ${statAlias(column, stat)}`;
    items.push(`count(${expr})${as('present')}`);
    if (hasOrder(kind)) {
      items.push(`${sql.text(`min(${expr})`, kind)}${as('min')}`, `${sql.text(`max(${expr})`, kind)}${as('max')}`);
    }
    if (kind === 'text') {
      const length = sql.textLength(expr);
      items.push(
        `${countIf(`${length} = 0`)}${as('empty')}`,
        `min(${length})${as('lmin')}`,
        `max(${length})${as('lmax')}`,
        `avg(${sql.float(length)})${as('lavg')}`,
      );
    }
    if (isNumericKind(kind)) {
      const n = sql.number(expr);
      items.push(
        `count(${n})${as('ncount')}`,
        `sum(${n})${as('nsum')}`,
        `sum(${n} * ${n})${as('nsum2')}`,
        `sum(${n} * ${n} * ${n})${as('nsum3')}`,
        `min(${n})${as('nmin')}`,
        `max(${n})${as('nmax')}`,
      );
    }
    if (column.temporalType !== null) {
      const epoch = sql.epochSeconds(expr, column.temporalType);
      items.push(`min(${epoch})${as('emin')}`, `max(${epoch})${as('emax')}`);
    }
    const storage = storageClassOf(context, column);
    if (storage !== null) {
      for (const storageClass of ['integer', 'real', 'text', 'blob'])
        items.push(`${countIf(`${storage} = '${storageClass}'`)}${as(`sc_${storageClass}`)}`);
    }
    if (tracksNumericText(context, column)) {
      const numeric = sql.looksNumeric(expr);
      items.push(`${countIf(storage === null ? numeric : `${storage} = 'text' AND ${numeric}`)}${as('numtext')}`);
    }
  }
  return withSource(context, `SELECT ${items.join(', ')} FROM ${context.from}`);
}

/** The exact grouping key of a column's values, and how to print a key back as text. */
function valueKey(context: StatementContext, column: ProfiledColumn): { key: string; display: (k: string) => string } {
  const { sql } = context;
  if (column.kind === 'text') return { key: sql.exactKey(column.expr), display: (k) => sql.keyText(k) };
  if (comparedAsText(column.kind))
    return { key: sql.exactKey(sql.text(column.expr, column.kind)), display: (k) => sql.keyText(k) };
  // Every branch of a UNION ALL prints its values the same way (one type, one collation).
  return { key: column.expr, display: (k) => sql.keyText(sql.exactKey(sql.text(k, column.kind))) };
}

/** Columns of every row the values statement returns; `kind` says what the row is. */
export const valueRowKinds = { value: 0, valueTotals: 1, pattern: 2, patternTotals: 3, histogram: 4 } as const;

/**
 * Per column, one GROUP BY of its exact values (a common table expression, read once) gives:
 * the most common values (kind 0); the number of distinct values and of values held by more than
 * one row, empty strings left out (kind 1: a, b, c); and, for pattern columns, the format patterns
 * of the distinct values weighted by their counts, most common first with an example each (kind 2),
 * and how many distinct values each covers (a), and how many patterns there are (kind 3: a).
 * Patterns of distinct values cost no more than of rows. A column given a histogram here gets its
 * buckets from the same distinct values, weighted by their counts (kind 4: bucket a, rows n),
 * instead of another pass over the table.
 * Rows: col, kind, v, ex, n, a, b, c.
 */
export function valuesStatement(
  context: StatementContext,
  columns: readonly ProfiledColumn[],
  options: {
    top: number;
    patterns: ReadonlySet<number>;
    patternLimit: number;
    patternMaxLength: number;
    histograms?: ReadonlyMap<number, HistogramRequest>;
  },
): string {
  const { sql } = context;
  const ctes: string[] = [];
  const branches: string[] = [];
  for (const column of columns) {
    const i = column.index;
    const { key, display } = valueKey(context, column);
    const empty = column.kind === 'text' ? `max(CASE WHEN ${sql.textLength(column.expr)} = 0 THEN 1 ELSE 0 END)` : '0';
    ctes.push(
      `v${i} AS (SELECT ${key} AS k, count(*) AS n, ${empty} AS e FROM ${context.from} WHERE ${column.expr} IS NOT NULL GROUP BY ${key})`,
    );
    branches.push(
      `SELECT ${i} AS col, ${valueRowKinds.value} AS kind, ${display('k')} AS v, NULL AS ex, n, 0 AS a, 0 AS b, 0 AS c FROM (SELECT k, n FROM v${i} ORDER BY n DESC, k${sql.limit(options.top)}) top${i}`,
      `SELECT ${i} AS col, ${valueRowKinds.valueTotals} AS kind, NULL AS v, NULL AS ex, NULL AS n, count(*) AS a, ` +
        `${countIf('n > 1 AND e = 0')} AS b, sum(CASE WHEN n > 1 AND e = 0 THEN n ELSE 0 END) AS c FROM v${i}`,
    );
    const histogram = options.histograms?.get(i);
    if (histogram) {
      const value = histogramExpression(context, histogram, 'k');
      branches.push(
        `SELECT ${i} AS col, ${valueRowKinds.histogram} AS kind, NULL AS v, NULL AS ex, sum(n) AS n, hb AS a, 0 AS b, 0 AS c ` +
          `FROM (SELECT ${bucketOf(context, histogram, value)} AS hb, n FROM v${i} WHERE ${value} IS NOT NULL) h${i} GROUP BY hb`,
      );
    }
    if (!options.patterns.has(i)) continue;
    const text = comparedAsText(column.kind) ? sql.keyText('k') : sql.text('k', column.kind);
    const pattern = sql.pattern(text, options.patternMaxLength);
    if (pattern === null) continue;
    const patternKey = sql.exactKey(pattern);
    ctes.push(
      `p${i} AS (SELECT ${patternKey} AS p, sum(n) AS n, count(*) AS d, min(k) AS ex FROM v${i} WHERE e = 0 GROUP BY ${patternKey})`,
    );
    branches.push(
      `SELECT ${i} AS col, ${valueRowKinds.pattern} AS kind, ${sql.keyText('p')} AS v, ${display('ex')} AS ex, n, d AS a, 0 AS b, 0 AS c ` +
        `FROM (SELECT p, n, d, ex FROM p${i} ORDER BY n DESC, p${sql.limit(options.patternLimit)}) toppattern${i}`,
      `SELECT ${i} AS col, ${valueRowKinds.patternTotals} AS kind, NULL AS v, NULL AS ex, NULL AS n, count(*) AS a, 0 AS b, 0 AS c FROM p${i}`,
    );
  }
  return withSource(context, branches.join(' UNION ALL '), ctes);
}

export type HistogramRequest = { column: ProfiledColumn; of: 'values' | 'dates' | 'lengths'; plan: BucketPlan };

/**
 * Whether the values statement can give the column's histogram: it divides the column's own value
 * (numbers and dates), which is the statement's key as it is; a text column's key is not its text.
 */
export function histogramFromValues(request: HistogramRequest): boolean {
  return request.of !== 'lengths' && !comparedAsText(request.column.kind);
}

/** The expression a histogram divides: the number, the date in seconds, or the text length (of `expr`, the column by default). */
export function histogramExpression(
  context: StatementContext,
  request: HistogramRequest,
  expr: string = request.column.expr,
): string {
  const { sql } = context;
  const { column } = request;
  switch (request.of) {
    case 'values':
      return sql.number(expr);
    case 'dates':
      return sql.epochSeconds(expr, column.temporalType ?? 'timestamp');
    case 'lengths':
      return sql.textLength(expr);
  }
}

/** The bucket (0 … count-1) of a histogram's value; the top edge belongs to the last bucket. */
function bucketOf(context: StatementContext, request: HistogramRequest, value: string): string {
  const { plan } = request;
  if (plan.count === 1) return '0';
  return `CASE WHEN ${value} >= ${sqlNumber(lastEdge(plan))} THEN ${plan.count - 1} ELSE ${context.sql.floor(`(${value} - ${sqlNumber(plan.start)}) / ${sqlNumber(plan.width)}`)} END`;
}

/** Per histogram: the count of each non-empty bucket. Columns: col, b, n. */
export function histogramStatement(context: StatementContext, requests: readonly HistogramRequest[]): string {
  const statement = requests
    .map((request) => {
      const value = histogramExpression(context, request);
      return `SELECT ${request.column.index} AS col, b, count(*) AS n FROM (SELECT ${bucketOf(context, request, value)} AS b FROM ${context.from} WHERE ${value} IS NOT NULL) h GROUP BY b`;
    })
    .join(' UNION ALL ');
  return withSource(context, statement);
}

/**
 * Per text column: the values that repeat once lower-cased and trimmed, with two spellings of each
 * (the smallest and largest exact value), most repeated first (kind 0), and the number of such
 * groups and of their rows (kind 1: a, b). Rows: col, kind, v, v1, v2, n, a, b.
 */
export function normalizedDuplicatesStatement(
  context: StatementContext,
  columns: readonly ProfiledColumn[],
  examples: number,
): string {
  const { sql } = context;
  const ctes: string[] = [];
  const branches: string[] = [];
  for (const column of columns) {
    const i = column.index;
    const key = sql.normalizedKey(column.expr);
    const exact = sql.exactKey(column.expr);
    ctes.push(
      `d${i} AS (SELECT ${key} AS k, count(*) AS n, min(${exact}) AS v1, max(${exact}) AS v2 FROM ${context.from} ` +
        `WHERE ${column.expr} IS NOT NULL AND ${sql.textLength(key)} > 0 GROUP BY ${key})`,
    );
    branches.push(
      `SELECT ${i} AS col, 0 AS kind, ${sql.keyText('k')} AS v, ${sql.keyText('v1')} AS v1, ${sql.keyText('v2')} AS v2, n, 0 AS a, 0 AS b ` +
        `FROM (SELECT k, n, v1, v2 FROM d${i} WHERE n > 1 ORDER BY n DESC, k${sql.limit(examples)}) top${i}`,
      `SELECT ${i} AS col, 1 AS kind, NULL AS v, NULL AS v1, NULL AS v2, NULL AS n, ${countIf('n > 1')} AS a, ` +
        `sum(CASE WHEN n > 1 THEN n ELSE 0 END) AS b FROM d${i}`,
    );
  }
  return withSource(context, branches.join(' UNION ALL '), ctes);
}

export type KeyCheck = {
  /** Child columns on the source alias `t`, with their kinds. */
  columns: readonly ProfiledColumn[];
  /** The referenced table, quoted, and its referenced columns, quoted. */
  parent: string;
  parentColumns: readonly string[];
};

function presentCondition(check: KeyCheck): string {
  return check.columns.map((column) => `${column.expr} IS NOT NULL`).join(' AND ');
}

/**
 * One foreign key: the rows whose key columns are all set (kind 0: n), the rows and distinct keys
 * not found in the parent (kind 1: n, a), and the most frequent missing keys (kind 2: n, v0…).
 * NOT EXISTS, so the database may run it as an anti-join. Rows: kind, n, a, v0….
 */
export function orphansStatement(context: StatementContext, check: KeyCheck, examples: number): string {
  const { sql } = context;
  const keys = check.columns.map((column, i) => ({ column, alias: `k${i}` }));
  const aliases = keys.map((k) => k.alias).join(', ');
  const pairs = check.columns.map((column, i) => `p.${check.parentColumns[i] ?? ''} = ${column.expr}`);
  const missing = `NOT EXISTS (SELECT 1 FROM ${check.parent} p WHERE ${pairs.join(' AND ')})`;
  const nulls = keys.map((_, i) => `NULL AS v${i}`).join(', ');
  const cte =
    `o AS (SELECT ${keys.map(({ column, alias }) => `${column.expr} AS ${alias}`).join(', ')}, count(*) AS n FROM ${context.from} ` +
    `WHERE ${presentCondition(check)} AND ${missing} GROUP BY ${check.columns.map((c) => c.expr).join(', ')})`;
  const shown = keys
    .map(({ column, alias }, i) => `${sql.keyText(sql.exactKey(sql.text(alias, column.kind)))} AS v${i}`)
    .join(', ');
  return withSource(
    context,
    [
      `SELECT 0 AS kind, count(*) AS n, 0 AS a, ${nulls} FROM ${context.from} WHERE ${presentCondition(check)}`,
      `SELECT 1 AS kind, sum(n) AS n, count(*) AS a, ${nulls} FROM o`,
      `SELECT 2 AS kind, n, 0 AS a, ${shown} FROM (SELECT ${aliases}, n FROM o ORDER BY n DESC, ${aliases}${sql.limit(examples)}) missing`,
    ].join(' UNION ALL '),
    [cte],
  );
}
