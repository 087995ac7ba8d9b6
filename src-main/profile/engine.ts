/**
 * The profiler: what a source table holds, computed inside the database. A table is read by a few
 * statements (statistics, values, patterns, histograms, duplicates, one or two per foreign key),
 * each an aggregate that returns a handful of rows, so memory stays flat in the number of rows.
 * Tables above `sampleAbove` rows are profiled on the dialect's reproducible sample unless a full
 * pass is asked for. Dialect SQL comes from `session.dialect.profile` only: the engine branches on
 * what a dialect can do (storage classes, patterns in SQL), never on its name.
 */
import { TallyError } from '../../src-shared/errors';
import {
  formatPattern,
  patternMaxLength,
  type ColumnProfile,
  type DuplicateFinding,
  type ExampleRow,
  type HistogramBucket,
  type OrphanFinding,
  type ProfileStep,
  type ResolvedProfileOptions,
  type TableProfile,
} from '../../src-shared/profile';
import { formatPortableType } from '../../src-shared/portable-types';
import { formatTableRef, type SchemaInfo, type TableInfo } from '../../src-shared/schema-info';
import type { DatabaseSession, ProfileSource } from '../dialects/dialect';
import { buildAlerts } from './alerts';
import { fillBuckets, planBuckets } from './buckets';
import {
  isNumericKind,
  profileKindOf,
  temporalTypeOf,
  toCount,
  toNumber,
  toText,
  type ProfiledColumn,
} from './columns';
import { keysToCheck } from './relationships';
import { inferType } from './semantics';
import {
  histogramFromValues,
  histogramStatement,
  normalizedDuplicatesStatement,
  orphansStatement,
  statAlias,
  statisticsStatement,
  storageClassOf,
  tracksNumericText,
  valueRowKinds,
  valuesStatement,
  withSource,
  type HistogramRequest,
  type StatementContext,
} from './statements';

/** `details`: values, patterns, histograms and foreign keys, several statements at once where the dialect allows. */
export type { ProfileStep } from '../../src-shared/profile';

export type ProfileProgress = { table: string; step: ProfileStep };

export type ProfileRun = {
  /** Checked between statements: an aborted signal stops the profile with a `cancelled` error. */
  signal?: AbortSignal;
  onProgress?: (progress: ProfileProgress) => void;
};

/** The sample's seed: the same table gives the same sample, run after run. */
export const sampleSeed = 42;
/** Patterns read per column to infer its type (free text has many), and how many the profile keeps. */
const patternsRead = 200;
const patternsKept = 30;
const duplicateExamples = 5;
const orphanExamples = 5;
/** Whole rows shown with a finding. */
const exampleRowCount = 5;
/** Values read into Tally when a dialect cannot compute patterns in SQL. */
const patternSampleRows = 10_000;

type Statistics = Record<string, unknown>;
type ValueSummary = { distinct: number; dupGroups: number; dupRows: number; top: { value: string; count: number }[] };
type PatternSummary = NonNullable<ColumnProfile['patterns']>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupByColumn<Row extends { col?: unknown }>(rows: readonly Row[]): Map<number, Row[]> {
  const groups = new Map<number, Row[]>();
  for (const row of rows) {
    const index = toCount(row.col);
    const group = groups.get(index);
    if (group) group.push(row);
    else groups.set(index, [row]);
  }
  return groups;
}

/** Columns that are a key on their own: a one-column primary key, unique constraint or unique index. */
export function singleColumnKeys(table: TableInfo): Set<string> {
  const keys = [
    table.primaryKey?.columns ?? [],
    ...table.uniqueConstraints.map((u) => u.columns),
    ...table.indexes.filter((i) => i.unique).map((i) => i.columns),
  ];
  return new Set(keys.filter((columns) => columns.length === 1).map((columns) => columns[0] ?? ''));
}

export async function profileTable(
  session: DatabaseSession,
  schema: SchemaInfo,
  table: TableInfo,
  options: ResolvedProfileOptions,
  run: ProfileRun = {},
): Promise<TableProfile> {
  const started = performance.now();
  const { dialect } = session;
  const sql = dialect.profile;
  const label = formatTableRef(table);
  const checkCancelled = (): void => {
    if (run.signal?.aborted) throw new TallyError('cancelled', `Profiling ${label} was cancelled.`, { table: label });
  };
  // A yield to the event loop before each statement: better-sqlite3 answers synchronously, and
  // without it a cancel message (or any I/O of the worker) would wait until the whole profile ends.
  const betweenStatements = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    checkCancelled();
  };
  const step = async (name: ProfileStep): Promise<void> => {
    await betweenStatements();
    run.onProgress?.({ table: label, step: name });
  };
  // Cheap and idempotent; run per table, so a connection the pool replaced is prepared too.
  await sql.prepare(session);

  const columns: ProfiledColumn[] = table.columns.map((info, index) => ({
    index,
    info,
    name: info.name,
    expr: `t.${dialect.quoteIdentifier(info.name)}`,
    kind: profileKindOf(info.portableType),
    temporalType: temporalTypeOf(info.portableType),
  }));

  const estimated = table.rowCount?.value ?? null;
  const large = table.kind === 'table' && estimated !== null && estimated > options.sampleAbove;
  const sampleOf = async (): Promise<ProfileSource> =>
    sql.sample(session, {
      table,
      rows: options.sampleRows,
      estimatedRows: estimated ?? 0,
      seed: sampleSeed,
      alias: 't',
    });
  let source: ProfileSource | null = null;
  if (large && !options.full) {
    await step('sample');
    source = await sampleOf();
  }
  const context: StatementContext = {
    sql,
    from: source?.from ?? `${dialect.quoteTable(table)} AS t`,
    with: source?.with ?? null,
  };

  await step('statistics');
  const stats: Statistics = {};
  for (const chunk of columns.length === 0 ? [[]] : chunks(columns, 40)) {
    const [row] = await session.query(statisticsStatement(context, chunk));
    Object.assign(stats, row);
  }
  const stat = (column: ProfiledColumn, name: string): unknown => stats[statAlias(column, name)];
  const total = toCount(stats.total);
  const present = (column: ProfiledColumn): number => toCount(stat(column, 'present'));
  const keyColumns = singleColumnKeys(table);

  await step('details');
  // Declared one-column keys are unique: their distinct count is their non-null count. Text keys
  // (codes such as SKUs) are still read for their formats.
  const valued = columns.filter(
    (c) => c.kind !== 'binary' && present(c) > 0 && !(keyColumns.has(c.name) && c.kind !== 'text'),
  );
  const patternColumns = columns.filter(
    (c) =>
      present(c) > 0 && (c.kind === 'text' || (storageClassOf(context, c) !== null && toCount(stat(c, 'sc_text')) > 0)),
  );
  const patternsInSql = sql.pattern('x', patternMaxLength) !== null;
  // A full pass over a table the profile would sample takes its patterns from the sample all the
  // same: the masks of a million distinct addresses cost more than the rest of the profile.
  const patternsOnSample = large && options.full && patternsInSql && patternColumns.length > 0;
  const patternsWithValues = new Set(patternsInSql && !patternsOnSample ? patternColumns.map((c) => c.index) : []);
  const patternLimit = Math.max(options.topN, patternsRead);
  const parallel = Math.max(1, Math.floor(sql.parallelStatements));
  const perStatement = parallel > 1 ? 1 : 8;

  const values = new Map<number, ValueSummary>();
  const patterns = new Map<number, PatternSummary>();
  const histograms = new Map<number, { of: HistogramRequest['of']; buckets: HistogramBucket[] }>();
  const orphanResults: (OrphanFinding | null)[] = [];
  const tasks: (() => Promise<void>)[] = [];

  const histogramRequests: HistogramRequest[] = [];
  for (const column of columns) {
    if (keyColumns.has(column.name) && column.kind !== 'text') continue;
    const buckets = options.histogramBuckets;
    const plan = isNumericKind(column.kind)
      ? planBuckets(toNumber(stat(column, 'nmin')), toNumber(stat(column, 'nmax')), column.kind === 'integer', buckets)
      : column.temporalType !== null
        ? planBuckets(toNumber(stat(column, 'emin')), toNumber(stat(column, 'emax')), false, buckets)
        : column.kind === 'text'
          ? planBuckets(toNumber(stat(column, 'lmin')), toNumber(stat(column, 'lmax')), true, buckets)
          : null;
    if (!plan) continue;
    const of = isNumericKind(column.kind) ? 'values' : column.temporalType !== null ? 'dates' : 'lengths';
    histogramRequests.push({ column, of, plan });
  }
  // Numbers and dates take their histogram from the values statement's distinct values: one pass
  // over the table fewer per column.
  const valuedIndexes = new Set(valued.map((c) => c.index));
  const foldedHistograms = new Map(
    histogramRequests
      .filter((request) => valuedIndexes.has(request.column.index) && histogramFromValues(request))
      .map((request) => [request.column.index, request]),
  );
  const ownHistograms = histogramRequests.filter((request) => !foldedHistograms.has(request.column.index));
  const readHistogram = (request: HistogramRequest, rows: readonly ValueRow[], kind?: number): void => {
    const counts = new Map<number, number>();
    for (const row of rows) {
      if (kind !== undefined && toCount(row.kind) !== kind) continue;
      counts.set(toCount(kind === undefined ? row.b : row.a), toCount(row.n));
    }
    histograms.set(request.column.index, { of: request.of, buckets: fillBuckets(request.plan, counts) });
  };

  for (const chunk of chunks(valued, perStatement))
    tasks.push(async () => {
      const rows = await session.query(
        valuesStatement(context, chunk, {
          top: options.topN,
          patterns: patternsWithValues,
          patternLimit,
          patternMaxLength,
          histograms: foldedHistograms,
        }),
      );
      for (const [index, group] of groupByColumn(rows)) {
        const column = columns[index];
        if (!column) continue;
        values.set(index, readValues(column, group));
        const found = readPatterns(group, null, 0);
        if (found) patterns.set(index, found);
      }
      for (const column of chunk) {
        const request = foldedHistograms.get(column.index);
        if (request)
          readHistogram(
            request,
            rows.filter((row) => toCount(row.col) === column.index),
            valueRowKinds.histogram,
          );
      }
    });

  if (patternsOnSample)
    tasks.push(async () => {
      const sample = await sampleOf();
      const sampleContext: StatementContext = { sql, from: sample.from, with: sample.with ?? null };
      const counts: Statistics = {};
      for (const chunk of chunks(patternColumns, 40))
        Object.assign(counts, (await session.query(statisticsStatement(sampleContext, chunk)))[0]);
      const count = (column: ProfiledColumn, name: string): number => toCount(counts[statAlias(column, name)]);
      for (const chunk of chunks(patternColumns, 8)) {
        const rows = await session.query(
          valuesStatement(sampleContext, chunk, {
            top: 1,
            patterns: new Set(chunk.map((c) => c.index)),
            patternLimit,
            patternMaxLength,
          }),
        );
        for (const [index, group] of groupByColumn(rows)) {
          const column = columns[index];
          if (!column) continue;
          const found = readPatterns(group, toCount(counts.total), count(column, 'present') - count(column, 'empty'));
          if (found) patterns.set(index, found);
        }
      }
    });

  if (!patternsInSql && patternColumns.length > 0)
    tasks.push(async () => {
      for (const [index, summary] of await patternsFromSample(session, context, patternColumns, patternLimit))
        patterns.set(index, summary);
    });

  for (const chunk of chunks(ownHistograms, parallel > 1 ? 3 : 24))
    tasks.push(async () => {
      const byColumn = groupByColumn(await session.query(histogramStatement(context, chunk)));
      for (const request of chunk) readHistogram(request, byColumn.get(request.column.index) ?? []);
    });

  keysToCheck(table, schema).forEach((key, position) => {
    const keyColumnsProfiled = key.columns.map((name) => columns.find((c) => c.name === name));
    if (keyColumnsProfiled.some((c) => c === undefined)) return;
    const checkColumns = keyColumnsProfiled as ProfiledColumn[];
    tasks.push(async () => {
      const check = {
        columns: checkColumns,
        parent: dialect.quoteTable(key.referencedTable),
        parentColumns: key.referencedColumns.map((name) => dialect.quoteIdentifier(name)),
      };
      const rows = await session.query(orphansStatement(context, check, orphanExamples));
      const checked = toCount(rows.find((row) => toCount(row.kind) === 0)?.n);
      const missingRow = rows.find((row) => toCount(row.kind) === 1);
      const missing = toCount(missingRow?.n);
      const matchedShare = checked === 0 ? 1 : 1 - missing / checked;
      // A likely key is one only when most of its values are found.
      if (!key.declared && (checked === 0 || matchedShare < options.thresholds.likelyForeignKey)) return;
      const compare = checkColumns.map(tieBreak);
      orphanResults[position] = {
        columns: key.columns,
        references: { table: formatTableRef(key.referencedTable), columns: key.referencedColumns },
        declared: key.declared,
        matchedShare,
        rows: missing,
        distinctValues: missing === 0 ? 0 : toCount(missingRow?.a),
        exampleRows: [],
        examples: rows
          .filter((row) => toCount(row.kind) === 2)
          .map((row) => ({ values: key.columns.map((_, i) => toText(row[`v${i}`]) ?? ''), count: toCount(row.n) }))
          .sort(
            (a, b) =>
              b.count - a.count ||
              compare.reduce((order, by, i) => order || by(a.values[i] ?? '', b.values[i] ?? ''), 0),
          ),
      };
    });
  });

  await runTasks(tasks, parallel, betweenStatements);
  for (const column of valued)
    if (!values.has(column.index)) values.set(column.index, { distinct: 0, dupGroups: 0, dupRows: 0, top: [] });
  for (const column of columns)
    if (keyColumns.has(column.name) && !values.has(column.index))
      values.set(column.index, { distinct: present(column), dupGroups: 0, dupRows: 0, top: [] });
  const orphans = orphanResults.filter((finding): finding is OrphanFinding => Boolean(finding));

  const profiles = columns.map((column) =>
    columnProfile(column, {
      total,
      stat: (name) => stat(column, name),
      values: values.get(column.index),
      patterns: patterns.get(column.index) ?? null,
      histogram: histograms.get(column.index) ?? null,
      storage: storageClassOf(context, column) !== null,
      numericText: tracksNumericText(context, column),
      options,
    }),
  );

  await step('duplicates');
  // Candidate keys: nearly unique columns of the kinds keys are made of. Dates written as text
  // repeat by nature and are no keys.
  const candidates = columns.filter((column) => {
    const count = present(column);
    const distinct = values.get(column.index)?.distinct ?? 0;
    return (
      (column.kind === 'integer' || column.kind === 'text' || column.kind === 'uuid') &&
      !keyColumns.has(column.name) &&
      profiles[column.index]?.inferred?.type !== 'date' &&
      count >= 2 &&
      distinct / count >= options.thresholds.candidateKey
    );
  });
  const duplicates: DuplicateFinding[] = [];
  for (const column of candidates) {
    const summary = values.get(column.index);
    if (!summary || summary.dupGroups === 0) continue;
    duplicates.push({
      columns: [column.name],
      normalization: 'exact',
      exampleRows: [],
      groups: summary.dupGroups,
      rows: summary.dupRows,
      examples: summary.top
        .filter((v) => v.count > 1 && v.value !== '')
        .slice(0, duplicateExamples)
        .map((v) => ({ value: v.value, count: v.count, variants: [] })),
    });
  }
  // Case and spaces only matter where there are letters: not for numbers or phone numbers.
  const normalizable = candidates.filter(
    (c) => c.kind === 'text' && !['number', 'phone'].includes(profiles[c.index]?.inferred?.type ?? ''),
  );
  for (const chunk of chunks(normalizable, 8)) {
    const rows = await session.query(normalizedDuplicatesStatement(context, chunk, duplicateExamples));
    for (const [index, group] of groupByColumn(rows)) {
      const column = columns[index];
      const totals = group.find((row) => toCount(row.kind) === 1);
      const exactRows = values.get(index)?.dupRows ?? 0;
      if (!column || !totals || toCount(totals.a) === 0 || toCount(totals.b) <= exactRows) continue;
      duplicates.push({
        columns: [column.name],
        normalization: 'lower-trim',
        exampleRows: [],
        groups: toCount(totals.a),
        rows: toCount(totals.b),
        examples: group
          .filter((row) => toCount(row.kind) === 0)
          .map((row) => ({
            value: toText(row.v) ?? '',
            count: toCount(row.n),
            variants: [...new Set([toText(row.v1) ?? '', toText(row.v2) ?? ''])],
          }))
          .sort((a, b) => b.count - a.count || byteOrder(a.value, b.value)),
      });
    }
  }
  const position = (finding: DuplicateFinding): number => columns.findIndex((c) => c.name === finding.columns[0]);
  duplicates.sort((a, b) => position(a) - position(b) || a.normalization.localeCompare(b.normalization));

  const profiled = (names: readonly string[]): ProfiledColumn[] =>
    names.map((name) => columns.find((c) => c.name === name)).filter((c): c is ProfiledColumn => c !== undefined);
  // Whole rows for each finding, read from the table itself (a sample's rows are in it too).
  const rowsWhere = async (
    matches: readonly {
      columns: readonly ProfiledColumn[];
      key: (expr: string) => string;
      values: readonly string[];
    }[],
  ): Promise<ExampleRow[]> => {
    if (matches.length === 0) return [];
    await betweenStatements();
    const bindings: string[] = [];
    const conditions = matches.map((match) => {
      bindings.push(...match.values);
      return `(${match.columns.map((c) => `${match.key(c.expr)} = ?`).join(' AND ')})`;
    });
    // The primary key after the finding's columns: every database shows the same rows.
    const order = [
      ...(matches[0]?.columns ?? []),
      ...profiled(table.primaryKey?.columns ?? []).filter((c) => !matches[0]?.columns.includes(c)),
    ]
      // Text in binary order: collations (MySQL's ignore case) would each order it their own way.
      .map((c) => (c.kind === 'text' ? sql.exactKey(c.expr) : c.expr))
      .join(', ');
    const rows = await session.query(
      `SELECT * FROM ${dialect.quoteTable(table)} AS t WHERE ${conditions.join(' OR ')} ORDER BY ${order}${sql.limit(exampleRowCount)}`,
      bindings,
    );
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([name, value]) => {
          const text = toText(value);
          return [name, text !== null && text.length > 200 ? `${text.slice(0, 200)}…` : text];
        }),
      ),
    );
  };
  for (const orphan of orphans) {
    const keyColumnsOf = profiled(orphan.columns);
    if (keyColumnsOf.length !== orphan.columns.length) continue;
    orphan.exampleRows = await rowsWhere(
      orphan.examples.slice(0, exampleRowCount).map((example) => ({
        columns: keyColumnsOf,
        key: (expr) => expr,
        values: example.values,
      })),
    );
  }
  for (const duplicate of duplicates) {
    const keyColumnsOf = profiled(duplicate.columns);
    if (keyColumnsOf.length !== duplicate.columns.length) continue;
    const key =
      duplicate.normalization === 'exact' ? (expr: string) => expr : (expr: string) => sql.normalizedKey(expr);
    // The two most repeated values: enough to see what the repeats have in common.
    duplicate.exampleRows = await rowsWhere(
      duplicate.examples.slice(0, 2).map((example) => ({ columns: keyColumnsOf, key, values: [example.value] })),
    );
  }

  const sampled = source ? { rows: total, method: source.method } : null;
  return {
    table: label,
    schema: table.schema,
    name: table.name,
    rowCount: sampled ? (estimated ?? total) : total,
    rowCountExact: sampled ? (table.rowCount?.exact ?? false) : true,
    profiledRows: total,
    sampled,
    columns: profiles,
    duplicates,
    orphans,
    alerts: buildAlerts({
      profiledRows: total,
      sampled: sampled !== null,
      columns: profiles,
      duplicates,
      orphans,
      keyColumns,
      thresholds: options.thresholds,
    }),
    keyColumns: [...keyColumns].filter((name) => name !== ''),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Runs the tasks, at most `limit` at a time; the first failure stops the rest from starting. */
async function runTasks(
  tasks: readonly (() => Promise<void>)[],
  limit: number,
  beforeEach: () => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++];
      if (!task) continue;
      try {
        await beforeEach();
        await task();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

type ValueRow = Record<string, unknown>;

/** A column's rows of the values statement: its distinct count, repeated values and most common values. */
function readValues(column: ProfiledColumn, group: readonly ValueRow[]): ValueSummary {
  const totals = group.find((row) => toCount(row.kind) === valueRowKinds.valueTotals);
  const compare = tieBreak(column);
  return {
    distinct: toCount(totals?.a),
    dupGroups: toCount(totals?.b),
    dupRows: toCount(totals?.c),
    top: group
      .filter((row) => toCount(row.kind) === valueRowKinds.value)
      .map((row) => ({ value: toText(row.v) ?? '', count: toCount(row.n) }))
      .sort((a, b) => b.count - a.count || compare(a.value, b.value)),
  };
}

/**
 * A column's pattern rows of the values statement, if it had any. `sampleRows` and `total` are set
 * when the patterns come from a sample (the non-empty values they are of); otherwise the column's
 * profile fills them in.
 */
function readPatterns(group: readonly ValueRow[], sampleRows: number | null, total: number): PatternSummary | null {
  const totals = group.find((row) => toCount(row.kind) === valueRowKinds.patternTotals);
  if (!totals) return null;
  return {
    computedIn: 'sql',
    sampleRows,
    distinct: toCount(totals.a),
    total,
    values: group
      .filter((row) => toCount(row.kind) === valueRowKinds.pattern)
      .map((row) => ({
        pattern: toText(row.v) ?? '',
        count: toCount(row.n),
        share: 0,
        distinctValues: toCount(row.a),
        example: toText(row.ex) ?? '',
      }))
      .sort((a, b) => b.count - a.count || byteOrder(a.pattern, b.pattern)),
  };
}

/** Text order of exact values: UTF-8 bytes, as the databases compare them (COLLATE "C", BINARY). */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** How equally frequent values are ordered (as the database's ORDER BY n DESC, key): numbers as numbers. */
function tieBreak(column: ProfiledColumn): (a: string, b: string) => number {
  if (isNumericKind(column.kind))
    return (a, b) => {
      const order = Number(a) - Number(b);
      return Number.isNaN(order) ? byteOrder(a, b) : order;
    };
  return byteOrder;
}

/** Patterns of the columns whose dialect cannot write them in SQL: in Tally, over a bounded read. */
async function patternsFromSample(
  session: DatabaseSession,
  context: StatementContext,
  columns: readonly ProfiledColumn[],
  keep: number,
): Promise<Map<number, PatternSummary>> {
  const found = new Map<number, PatternSummary>();
  if (columns.length === 0) return found;
  const list = columns.map((c, i) => `${c.expr} AS c${i}`).join(', ');
  const rows = await session.query(
    withSource(
      context,
      session.dialect.sampleSql(`(SELECT ${list} FROM ${context.from}) tally_patterns`, patternSampleRows, false),
    ),
  );
  columns.forEach((column, i) => {
    const counts = new Map<string, { count: number; example: string; values: Set<string> }>();
    for (const row of rows) {
      const text = toText(row[`c${i}`]);
      if (text === null || text === '') continue;
      const pattern = formatPattern(text);
      const seen = counts.get(pattern);
      if (!seen) counts.set(pattern, { count: 1, example: text, values: new Set([text]) });
      else {
        seen.count += 1;
        seen.values.add(text);
        if (byteOrder(text, seen.example) < 0) seen.example = text;
      }
    }
    const sorted = [...counts.entries()]
      .map(([pattern, { count, example, values }]) => ({
        pattern,
        count,
        share: 0,
        distinctValues: values.size,
        example,
      }))
      .sort((a, b) => b.count - a.count || byteOrder(a.pattern, b.pattern));
    found.set(column.index, {
      computedIn: 'sample',
      sampleRows: rows.length,
      distinct: sorted.length,
      total: sorted.reduce((sum, p) => sum + p.count, 0),
      values: sorted.slice(0, keep),
    });
  });
  return found;
}

type ColumnInputs = {
  total: number;
  stat: (name: string) => unknown;
  values: ValueSummary | undefined;
  patterns: PatternSummary | null;
  histogram: { of: HistogramRequest['of']; buckets: HistogramBucket[] } | null;
  storage: boolean;
  numericText: boolean;
  options: ResolvedProfileOptions;
};

function columnProfile(column: ProfiledColumn, input: ColumnInputs): ColumnProfile {
  const { total, stat } = input;
  const present = toCount(stat('present'));
  const nulls = Math.max(0, total - present);
  const share = (part: number, whole: number): number => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);
  const isText = column.kind === 'text';
  const empty = isText ? toCount(stat('empty')) : null;
  const distinct = input.values?.distinct ?? (column.kind === 'binary' ? null : 0);

  let numbers: ColumnProfile['numbers'] = null;
  const n = toCount(stat('ncount'));
  if (isNumericKind(column.kind) && n > 0) {
    const mean = (toNumber(stat('nsum')) ?? 0) / n;
    const variance = Math.max(0, (toNumber(stat('nsum2')) ?? 0) / n - mean * mean);
    const third = (toNumber(stat('nsum3')) ?? 0) / n - 3 * mean * ((toNumber(stat('nsum2')) ?? 0) / n) + 2 * mean ** 3;
    // Below a relative spread of 1e-9 the moments are rounding noise.
    const spread = Math.sqrt(variance);
    const skewness = n >= 3 && spread > 1e-9 * Math.max(1, Math.abs(mean)) ? third / spread ** 3 : null;
    numbers = {
      count: n,
      min: toNumber(stat('nmin')) ?? mean,
      max: toNumber(stat('nmax')) ?? mean,
      mean,
      stddev: spread,
      skewness: skewness !== null && Number.isFinite(skewness) ? skewness : null,
    };
  }

  let patterns = input.patterns;
  if (patterns && patterns.computedIn === 'sql' && patterns.sampleRows === null) {
    // SQL counts are over every non-empty value of the profiled rows.
    const totalValues = present - (empty ?? 0);
    patterns = {
      ...patterns,
      total: totalValues,
      values: patterns.values.map((p) => ({ ...p, share: share(p.count, totalValues) })),
    };
  } else if (patterns) {
    const totalValues = patterns.total;
    patterns = { ...patterns, values: patterns.values.map((p) => ({ ...p, share: share(p.count, totalValues) })) };
  }

  const top = (input.values?.top ?? []).map((v) => ({ ...v, share: share(v.count, present) }));
  const lengthMean = toNumber(stat('lavg'));
  const profile: ColumnProfile = {
    name: column.name,
    nativeType: column.info.nativeType,
    portableType: formatPortableType(column.info.portableType),
    kind: column.kind,
    nulls,
    nullShare: share(nulls, total),
    emptyStrings: empty,
    emptyShare: empty === null ? null : share(empty, total),
    distinct,
    distinctShare: distinct === null ? null : share(distinct, present),
    min: toText(stat('min')),
    max: toText(stat('max')),
    length:
      isText && present > 0 ? { min: toCount(stat('lmin')), max: toCount(stat('lmax')), mean: lengthMean ?? 0 } : null,
    numbers,
    storageClasses: input.storage
      ? {
          integer: toCount(stat('sc_integer')),
          real: toCount(stat('sc_real')),
          text: toCount(stat('sc_text')),
          blob: toCount(stat('sc_blob')),
        }
      : null,
    numericText: input.numericText ? toCount(stat('numtext')) : null,
    top,
    patterns,
    histogram: input.histogram,
    inferred: null,
  };
  if (isText && patterns)
    profile.inferred = inferType({
      patterns: patterns.values,
      values: patterns.total,
      top,
      distinct,
      minShare: input.options.thresholds.typedAsTextShare,
    });
  if (patterns)
    profile.patterns = { ...patterns, values: patterns.values.slice(0, Math.max(input.options.topN, patternsKept)) };
  return profile;
}

/** Every table (or the chosen ones) in turn, on one session. */
export async function profileTables(
  session: DatabaseSession,
  schema: SchemaInfo,
  tables: readonly TableInfo[],
  options: ResolvedProfileOptions,
  run: ProfileRun = {},
): Promise<TableProfile[]> {
  const profiles: TableProfile[] = [];
  for (const table of tables) profiles.push(await profileTable(session, schema, table, options, run));
  return profiles;
}

/**
 * The table a name means: `schema.table` or `table` exactly, else the one table of that name in
 * any schema, else the one that matches ignoring case. A `not-found` error lists what there is.
 */
export function findTable(schema: SchemaInfo, name: string): TableInfo {
  const wanted = name.trim();
  const exact = schema.tables.find((t) => formatTableRef(t) === wanted);
  if (exact) return exact;
  const pick = (matches: TableInfo[]): TableInfo | undefined => {
    if (matches.length > 1)
      throw new TallyError(
        'bad-input',
        `"${wanted}" names ${matches.length} tables (${matches.map(formatTableRef).join(', ')}); write it as schema.table.`,
      );
    return matches[0];
  };
  const found =
    pick(schema.tables.filter((t) => t.name === wanted)) ??
    pick(schema.tables.filter((t) => formatTableRef(t).toLowerCase() === wanted.toLowerCase())) ??
    pick(schema.tables.filter((t) => t.name.toLowerCase() === wanted.toLowerCase()));
  if (found) return found;
  const known = schema.tables.map(formatTableRef);
  throw new TallyError(
    'not-found',
    `The database has no table "${wanted}"${known.length > 0 ? `; it has ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` : ''}.`,
  );
}
