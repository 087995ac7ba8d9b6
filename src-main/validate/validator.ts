/**
 * The validation engine. Per table: counts (the plan's filter applied) against the latest run's
 * accounting; then key-range segments hashed on both sides (inside the database where the mapping
 * is a plain copy, in Node through the row mapper where transforms run); a segment whose count or
 * hash differs is bisected until it is small enough to read both sides row by row, compare their
 * canonical texts, apply the tolerances and classify each difference. Segments are checkpointed.
 */
import { canonicalEncoder, canonicalRowText } from '../../src-shared/canonical';
import { TallyError } from '../../src-shared/errors';
import type { Plan, TableMapping } from '../../src-shared/plan';
import type { PortableType } from '../../src-shared/portable-types';
import type { TableInfo } from '../../src-shared/schema-info';
import type { TableValidation, ValidationEvent } from '../../src-shared/validation';
import { openConnection, type ConnectionContext } from '../connections/connections';
import { SegmentHasher } from '../dialects/common/validate-sql-hash';
import type { CanonicalSqlColumn, DatabaseSession } from '../dialects/dialect';
import { toErrorData } from '../api/dispatcher';
import { createRowMapper, toCellValue, type RowMapper } from '../engine/row-mapper';
import { compareRows, type SideRow } from './compare';
import { compareKeyValues, jsonKey } from './keys';
import { pendingTable, validationResultOf } from './result';
import type { SegmentRecord } from './validation-store';

export type ValidateOptions = {
  plan: Plan;
  validationId: string;
  tableIds: readonly string[];
  resumed: boolean;
  context: ConnectionContext;
  signal: AbortSignal;
  emit: (event: ValidationEvent) => void;
  /** Resolved by the host when the validation runs in the worker, which has no secret store. */
  passwords?: { source?: string; target?: string };
  /** Rows per segment and the row count below which a mismatched segment is compared row by row. */
  tuning?: { segmentRows?: number; diffRows?: number };
};

type Bound = unknown[] | null;

/** One side of a table: how to count, hash and read a key range of it. */
type Side = {
  session: DatabaseSession;
  from: string;
  /** Key columns as compared (binary order), in key order. */
  keyExprs: string[];
  /** Extra condition (the plan's filter on the source). */
  filter: string | null;
  /** The columns hashed, in the target's column order; null where the side hashes in Node. */
  sqlColumns: CanonicalSqlColumn[] | null;
  hashedIn: 'database' | 'node';
  /** Node path: the columns read and how a read row becomes canonical texts (null when the mapper rejects it). */
  readColumns: string[];
  /** The key columns, quoted, as plain select items. */
  keyNames: string[];
  toTexts(row: readonly unknown[]): (string | null)[] | null;
};

const optionalNative = (nativeType: string | undefined): { nativeType?: string } =>
  nativeType === undefined ? {} : { nativeType };

const isPadded = (native: string | undefined): boolean =>
  native !== undefined && /^\s*(n?char|character|bpchar)\b(?!\s*varying)/i.test(native);

function rangeCondition(side: Side, lower: Bound, upper: Bound): { sql: string; bindings: unknown[] } {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  const compare = (bound: unknown[], op: '>' | '<='): void => {
    // (k1 > ?) OR (k1 = ? AND k2 > ?) …; the last column takes op, earlier ones strict.
    const ors: string[] = [];
    side.keyExprs.forEach((_, i) => {
      const ands: string[] = [];
      for (let j = 0; j < i; j += 1) {
        ands.push(`${side.keyExprs[j]} = ?`);
        bindings.push(bound[j]);
      }
      const last = i === side.keyExprs.length - 1;
      ands.push(`${side.keyExprs[i]} ${last ? op : op === '>' ? '>' : '<'} ?`);
      bindings.push(bound[i]);
      ors.push(`(${ands.join(' AND ')})`);
    });
    parts.push(`(${ors.join(' OR ')})`);
  };
  if (lower) compare(lower, '>');
  if (upper) compare(upper, '<=');
  if (side.filter) parts.push(`(${side.filter})`);
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1 = 1', bindings };
}

async function hashRange(side: Side, lower: Bound, upper: Bound): Promise<{ count: number; hash: string }> {
  const where = rangeCondition(side, lower, upper);
  if (side.sqlColumns) {
    const sql = side.session.dialect.validate.segmentHashSql(side.from, side.sqlColumns, where.sql);
    if (sql) {
      const [row] = await side.session.queryArrays(sql, where.bindings);
      return { count: Number(row?.[0] ?? 0), hash: typeof row?.[1] === 'string' ? row[1] : '0:0' };
    }
  }
  const hasher = new SegmentHasher();
  for (const row of await readRange(side, lower, upper)) {
    const texts = side.toTexts(row);
    // A row the mapping refuses still counts: the run quarantined it, and bisection must find it to say so.
    hasher.add(texts ? canonicalRowText(texts) : `\u0000refused ${jsonKey(row.slice(0, side.keyNames.length))}`);
  }
  return { count: hasher.count, hash: hasher.words() };
}

type RangeHash = { count: number; hash: string };

/** A range's hash on the side that runs ahead: sent (handed to its driver) first, answered later. */
type AheadHash = { sent: Promise<void>; hash: Promise<RangeHash> };

/**
 * One side's hashes of every range, each statement sent as soon as the previous one answers, so
 * that side never waits for the other between segments. Ranges `skip` names (done in an earlier
 * pass) are not hashed.
 */
function hashesAhead(
  side: Side,
  ranges: readonly { lower: Bound; upper: Bound }[],
  skip: (index: number) => boolean,
  stopped: () => boolean,
): (AheadHash | null)[] {
  let previous: Promise<unknown> = Promise.resolve();
  return ranges.map((range, index) => {
    if (skip(index)) return null;
    let markSent: () => void = () => undefined;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const hash = previous.then(() => {
      if (stopped()) throw new TallyError('cancelled', 'The validation was cancelled.');
      const hashed = hashRange(side, range.lower, range.upper);
      // One turn of the event loop lets the driver write the statement to its server.
      setImmediate(markSent);
      return hashed;
    });
    // The loop awaits each result in turn; a failure is seen there, not as an unhandled rejection.
    hash.catch(() => markSent());
    previous = hash.catch(() => undefined);
    return { sent, hash };
  });
}

/**
 * Whether the source goes first (runs ahead): only when the target is the in-process (SQLite) side
 * and the source is not. An in-process side holds the thread while it hashes, so the other side's
 * statement must have left before it starts.
 */
function sourceGoesFirst(table: PreparedTable): boolean {
  return table.target.session.dialect.capabilities.inProcess && !table.source.session.dialect.capabilities.inProcess;
}

/** Both sides' hash of a range, computed at once: the side that goes first is given a turn of the event loop to send its statement. */
async function hashBothSides(table: PreparedTable, lower: Bound, upper: Bound): Promise<[RangeHash, RangeHash]> {
  const sourceFirst = sourceGoesFirst(table);
  const [firstSide, secondSide] = sourceFirst ? [table.source, table.target] : [table.target, table.source];
  const first = hashRange(firstSide, lower, upper);
  first.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  const second = await hashRange(secondSide, lower, upper);
  return sourceFirst ? [await first, second] : [second, await first];
}

async function readRange(side: Side, lower: Bound, upper: Bound): Promise<unknown[][]> {
  const where = rangeCondition(side, lower, upper);
  const sql = `SELECT ${side.readColumns.join(', ')} FROM ${side.from} WHERE ${where.sql} ORDER BY ${side.keyExprs.join(', ')}`;
  return side.session.queryArrays(sql, where.bindings);
}

/** Rows of a range as key → canonical texts (Node encoding of the values read, or the mapper's output). */
async function rowsOf(side: Side, lower: Bound, upper: Bound, keyCount: number): Promise<Map<string, SideRow>> {
  const rows = new Map<string, SideRow>();
  for (const row of await readRange(side, lower, upper)) {
    const texts = side.toTexts(row);
    const key = row.slice(0, keyCount).map((v) => toCellValue(v));
    rows.set(jsonKey(key), texts ? { key, texts } : { key, texts: [], refused: true });
  }
  return rows;
}

async function keyAt(
  side: Side,
  lower: Bound,
  upper: Bound,
  offset: number,
  keyCount: number,
): Promise<unknown[] | null> {
  const where = rangeCondition(side, lower, upper);
  const keys = side.keyNames;
  const sql = `SELECT ${keys.join(', ')} FROM ${side.from} WHERE ${where.sql} ORDER BY ${side.keyExprs.join(', ')}${side.session.dialect.profile.limit(1, offset)}`;
  const [row] = await side.session.queryArrays(sql, where.bindings);
  return row ? row.slice(0, keyCount).map((v) => toCellValue(v)) : null;
}

type PreparedTable = {
  mapping: TableMapping;
  source: Side;
  target: Side;
  keyTypes: PortableType[];
  keyColumns: string[];
  sourceKeyNames: string[];
  targetColumns: string[];
};

function findTable(tables: readonly TableInfo[], ref: { schema: string | null; name: string }): TableInfo | undefined {
  return tables.find((t) => t.name === ref.name && (ref.schema === null || t.schema === ref.schema));
}

function prepareTable(
  mapping: TableMapping,
  source: DatabaseSession,
  target: DatabaseSession,
  sourceInfo: TableInfo,
  targetInfo: TableInfo,
): PreparedTable {
  const sq = (n: string): string => source.dialect.quoteIdentifier(n);
  const tq = (n: string): string => target.dialect.quoteIdentifier(n);
  if (!('table' in mapping.source))
    throw new TallyError('unsupported', `${mapping.id}: validating a source query is not supported yet.`, {
      table: mapping.id,
    });
  const byTarget = new Map(mapping.columns.map((c) => [c.target, c]));
  const sourceKeyNames = mapping.keyColumns.map((k) => {
    const column = byTarget.get(k);
    if (!column || column.sources.length !== 1 || column.transforms.length > 0)
      throw new TallyError(
        'unsupported',
        `${mapping.id}: key column ${k} must be a plain copy of one source column to line the two sides up.`,
        { table: mapping.id, column: k },
      );
    return column.sources[0] ?? k;
  });
  const keyTypes = mapping.keyColumns.map((k) => byTarget.get(k)?.targetType ?? { kind: 'text' as const });
  const nativeOf = (info: TableInfo, name: string): string | undefined =>
    info.columns.find((c) => c.name === name)?.nativeType;
  const canonicalColumns = mapping.columns.map((c) => ({
    type: c.targetType,
    padded:
      c.targetType.kind === 'text' &&
      (isPadded(nativeOf(targetInfo, c.target)) || c.sources.some((s) => isPadded(nativeOf(sourceInfo, s)))),
  }));
  const targetColumns = mapping.columns.map((c) => c.target);
  const encoders = canonicalColumns.map(canonicalEncoder);

  // Target: its own columns, always plain.
  const targetSql: CanonicalSqlColumn[] = mapping.columns.map((c, i) => ({
    expr: tq(c.target),
    type: c.targetType,
    padded: canonicalColumns[i]?.padded ?? false,
    ...optionalNative(nativeOf(targetInfo, c.target)),
  }));
  const targetSqlOk = target.dialect.validate.segmentHashSql('t', targetSql, '1 = 1') !== null;
  // Keys read under their own aliases: drivers that build row objects collapse repeated names.
  const targetReadColumns = [
    ...mapping.keyColumns.map((k, i) => `${tq(k)} AS ${tq(`tally_key_${i}`)}`),
    ...targetColumns.map(tq),
  ];
  const targetSide: Side = {
    session: target,
    from: target.dialect.quoteTable(mapping.target),
    keyExprs: mapping.keyColumns.map((k, i) =>
      target.dialect.validate.binaryKey(tq(k), keyTypes[i] ?? { kind: 'text' }),
    ),
    filter: null,
    sqlColumns: targetSqlOk ? targetSql : null,
    hashedIn: targetSqlOk ? 'database' : 'node',
    readColumns: targetReadColumns,
    keyNames: mapping.keyColumns.map(tq),
    toTexts: (row) => encoders.map((encode, i) => encode(toCellValue(row[mapping.keyColumns.length + i]))),
  };

  // Source: in the database when every column is a plain copy (no transforms, no default).
  const plain = mapping.columns.every(
    (c) => c.sources.length === 1 && c.transforms.length === 0 && c.defaultForNull === undefined,
  );
  const sourceSql: CanonicalSqlColumn[] = mapping.columns.map((c, i) => ({
    expr: sq(c.sources[0] ?? c.target),
    type: c.targetType,
    padded: canonicalColumns[i]?.padded ?? false,
    ...optionalNative(nativeOf(sourceInfo, c.sources[0] ?? c.target)),
  }));
  const sourceSqlOk = plain && source.dialect.validate.segmentHashSql('t', sourceSql, '1 = 1') !== null;
  const readNames = [...new Set([...sourceKeyNames, ...mapping.columns.flatMap((c) => c.sources)])];
  const mapper: RowMapper = createRowMapper(mapping, readNames);
  const sourceSide: Side = {
    session: source,
    from: source.dialect.quoteTable(mapping.source.table),
    keyExprs: sourceKeyNames.map((k, i) => source.dialect.validate.binaryKey(sq(k), keyTypes[i] ?? { kind: 'text' })),
    filter: mapping.filter ?? null,
    sqlColumns: sourceSqlOk ? sourceSql : null,
    hashedIn: sourceSqlOk ? 'database' : 'node',
    readColumns: readNames.map(sq),
    keyNames: sourceKeyNames.map(sq),
    toTexts: (row) => {
      const mapped = mapper.map(row, () => '');
      if (!mapped.ok) return null;
      return encoders.map((encode, i) => encode(mapped.values[i] ?? null));
    },
  };
  return {
    mapping,
    source: sourceSide,
    target: targetSide,
    keyTypes,
    keyColumns: mapping.keyColumns,
    sourceKeyNames,
    targetColumns,
  };
}

async function countRows(side: Side, condition: string | null): Promise<number> {
  const [row] = await side.session.queryArrays(
    `SELECT COUNT(*) FROM ${side.from}${condition ? ` WHERE ${condition}` : ''}`,
  );
  return Number(row?.[0] ?? 0);
}

/** Segment boundaries (upper bounds; the last segment is open) from sampled keys, in binary order. */
async function boundaries(table: PreparedTable, rows: number, segmentRows: number): Promise<unknown[][]> {
  const segments = Math.ceil(rows / segmentRows);
  if (segments <= 1) return [];
  const side = table.target;
  const keyCount = table.keyColumns.length;
  const keys = side.keyNames;
  const integerKey = keyCount === 1 && table.keyTypes[0]?.kind === 'integer';
  if (integerKey) {
    // A single integer key: equal-width ranges between its extremes (one index lookup each).
    const [row] = await side.session.queryArrays(`SELECT MIN(${keys[0]}), MAX(${keys[0]}) FROM ${side.from}`);
    const low = Number(row?.[0]);
    const high = Number(row?.[1]);
    if (!Number.isFinite(low) || !Number.isFinite(high)) return [];
    const step = Math.max(1, Math.ceil((high - low + 1) / segments));
    const result: unknown[][] = [];
    for (let upper = low + step - 1; upper < high; upper += step) result.push([upper]);
    return result;
  }
  const sampleSize = Math.min(rows, segments * 32);
  const sampled = await side.session.queryArrays(
    `SELECT ${keys.join(', ')} FROM ${side.from} ORDER BY ${side.session.dialect.validate.randomOrder}${side.session.dialect.profile.limit(sampleSize)}`,
  );
  const sorted = sampled.map((r) => r.map((v) => toCellValue(v))).sort(compareKeyValues);
  const result: unknown[][] = [];
  for (let i = 1; i < segments; i += 1) {
    const key = sorted[Math.floor((i * sorted.length) / segments)];
    if (key && (result.length === 0 || compareKeyValues(result[result.length - 1] ?? [], key) < 0)) result.push(key);
  }
  return result;
}

export async function runValidation(options: ValidateOptions): Promise<void> {
  const { plan, validationId, context, emit } = options;
  const store = context.workspace.validations;
  const segmentRows = options.tuning?.segmentRows ?? 100_000;
  const diffRows = options.tuning?.diffRows ?? 2_000;
  const record = store.get(validationId);
  let source: DatabaseSession | undefined;
  let target: DatabaseSession | undefined;
  try {
    emit({ type: 'started', validationId, resumed: options.resumed, tables: [...options.tableIds] });
    const side = (c: Plan['source'], role: 'source' | 'target') => ({
      url: c.url,
      role,
      ...(c.name ? { name: c.name } : {}),
    });
    const { passwords } = options;
    source = await openConnection(side(plan.source, 'source'), context, {
      readOnly: true,
      ...(passwords?.source ? { password: passwords.source } : {}),
    });
    target = await openConnection(side(plan.target, 'target'), context, {
      readOnly: true,
      ...(passwords?.target ? { password: passwords.target } : {}),
    });
    await source.dialect.validate.prepare(source);
    await target.dialect.validate.prepare(target);
    const sourceSchemas = plan.tables.flatMap((t) =>
      'table' in t.source && t.source.table.schema ? [t.source.table.schema] : [],
    );
    const targetSchemas = plan.tables.flatMap((t) => (t.target.schema ? [t.target.schema] : []));
    const sourceInfo = await source.inspect({
      exactCountLimit: 0,
      ...(sourceSchemas.length > 0 ? { schemas: [...new Set(sourceSchemas)] } : {}),
    });
    const targetInfo = await target.inspect({
      exactCountLimit: 0,
      ...(targetSchemas.length > 0 ? { schemas: [...new Set(targetSchemas)] } : {}),
    });
    const finished = new Set(
      store
        .tables(validationId)
        .filter((t) => t.status !== 'running')
        .map((t) => t.tableId),
    );
    for (const [position, tableId] of options.tableIds.entries()) {
      if (options.signal.aborted) throw new TallyError('cancelled', 'The validation was cancelled.');
      if (finished.has(tableId)) continue;
      const mapping = plan.tables.find((t) => t.id === tableId);
      if (!mapping) throw new TallyError('bad-input', `The plan has no table ${tableId}.`);
      const started = performance.now();
      let result: TableValidation = { ...pendingTable(plan, tableId), status: 'running' };
      try {
        const sourceTable = 'table' in mapping.source ? findTable(sourceInfo.tables, mapping.source.table) : undefined;
        const targetTable = findTable(targetInfo.tables, mapping.target);
        if (!sourceTable)
          throw new TallyError('not-found', `${tableId}: the source has no table ${JSON.stringify(mapping.source)}.`, {
            table: tableId,
          });
        if (!targetTable)
          throw new TallyError(
            'not-found',
            `${tableId}: the target has no table ${mapping.target.name}; run the plan first.`,
            {
              table: tableId,
            },
          );
        const table = prepareTable(mapping, source, target, sourceTable, targetTable);
        result = await validateTable(table, {
          validationId,
          runId: record.runId,
          context,
          emit,
          signal: options.signal,
          segmentRows,
          diffRows,
          base: result,
        });
      } catch (error) {
        if (error instanceof TallyError && error.code === 'cancelled') throw error;
        result = { ...result, status: 'failed', error: toErrorData(error) };
      }
      result.seconds = Math.round((performance.now() - started) / 10) / 100;
      store.saveTable(validationId, position, result);
      emit({ type: 'table-done', validationId, table: result });
    }
    const tables = store.tables(validationId);
    const ok = tables.length === options.tableIds.length && tables.every((t) => t.status === 'match');
    store.setStatus(validationId, 'done', ok, null);
    emit({ type: 'done', validationId, result: validationResultOf(context.workspace, validationId) });
  } catch (error) {
    const data = toErrorData(error);
    store.setStatus(validationId, data.code === 'cancelled' ? 'cancelled' : 'failed', null, data);
    emit({ type: 'failed', validationId, error: data });
  } finally {
    await source?.close();
    await target?.close();
  }
}

type TableContext = {
  validationId: string;
  runId: string | null;
  context: ConnectionContext;
  emit: (event: ValidationEvent) => void;
  signal: AbortSignal;
  segmentRows: number;
  diffRows: number;
  base: TableValidation;
};

async function validateTable(table: PreparedTable, ctx: TableContext): Promise<TableValidation> {
  const { mapping } = table;
  const store = ctx.context.workspace.validations;
  const tableId = mapping.id;
  const started = performance.now();
  // Layer 1: counts, the plan's filter applied, against the latest run's accounting.
  const [sourceRows, allSourceRows, targetRows] = await Promise.all([
    countRows(table.source, mapping.filter ? `(${mapping.filter})` : null),
    mapping.filter ? countRows(table.source, null) : Promise.resolve(-1),
    countRows(table.target, null),
  ]);
  const filteredRows = mapping.filter ? allSourceRows - sourceRows : 0;
  const runTable = ctx.runId
    ? ctx.context.workspace.runs.tables(ctx.runId).find((t) => t.tableId === tableId)
    : undefined;
  const run =
    runTable && ctx.runId
      ? {
          runId: ctx.runId,
          read: runTable.read,
          written: runTable.written,
          rejected: runTable.rejected,
          filtered: runTable.filtered,
          balanced: runTable.read === runTable.written + runTable.rejected + runTable.filtered,
          readMatchesSource: runTable.read === sourceRows + filteredRows,
          writtenMatchesTarget: runTable.written === targetRows,
        }
      : null;
  const countProblems: string[] = [];
  if (run) {
    if (!run.balanced)
      countProblems.push(`the run's accounting does not add up (read ${run.read} ≠ written + rejected + filtered)`);
    if (!run.readMatchesSource)
      countProblems.push(`the run read ${run.read} rows but the source now holds ${sourceRows + filteredRows}`);
    if (!run.writtenMatchesTarget)
      countProblems.push(`the run wrote ${run.written} rows but the target holds ${targetRows}`);
  } else if (sourceRows !== targetRows)
    countProblems.push(`the source has ${sourceRows} rows and the target ${targetRows}`);
  const counts = {
    sourceRows,
    filteredRows,
    targetRows,
    run,
    ok: countProblems.length === 0,
    message: countProblems.length === 0 ? null : `${tableId}: ${countProblems.join('; ')}.`,
  };
  ctx.emit({
    type: 'progress',
    validationId: ctx.validationId,
    tableId,
    phase: 'counts',
    segmentsDone: 0,
    segmentsTotal: 0,
    rowsCompared: 0,
    rowsPerSecond: 0,
  });

  // Layer 2: segments.
  const uppers = await boundaries(table, Math.max(sourceRows, targetRows), ctx.segmentRows);
  const ranges: { lower: Bound; upper: Bound }[] = [];
  let previous: Bound = null;
  for (const upper of uppers) {
    ranges.push({ lower: previous, upper });
    previous = upper;
  }
  ranges.push({ lower: previous, upper: null });
  const saved = new Map(store.segments(ctx.validationId, tableId).map((s) => [s.segment, s]));
  const rejectKeys = new Set(
    ctx.runId ? ctx.context.workspace.runs.rejects(ctx.runId, tableId, 1_000_000).map((r) => r.rowKey) : [],
  );
  const describeKey = (key: readonly unknown[]): string =>
    table.keyColumns.map((name, i) => `${name}=${String(key[i])}`).join(', ');
  const describeSourceKey = (key: readonly unknown[]): string =>
    table.sourceKeyNames.map((name, i) => `${name}=${String(key[i])}`).join(', ');

  const segments: SegmentRecord[] = [];
  let rowsCompared = 0;
  const savedRun = (index: number): SegmentRecord | undefined => {
    const previousRun = saved.get(index);
    const range = ranges[index];
    return previousRun &&
      range &&
      JSON.stringify(previousRun.lower) === JSON.stringify(range.lower) &&
      JSON.stringify(previousRun.upper) === JSON.stringify(range.upper)
      ? previousRun
      : undefined;
  };
  // One side runs ahead through the ranges while this loop hashes the other, starting a range only
  // once the other side's statement for it has left.
  const sourceAhead = sourceGoesFirst(table);
  const [aheadSide, loopSide] = sourceAhead ? [table.source, table.target] : [table.target, table.source];
  // Stops the chain when this loop ends early (a failure, a cancel).
  let loopEnded = false;
  const aheadHashes = hashesAhead(
    aheadSide,
    ranges,
    (index) => savedRun(index) !== undefined,
    () => loopEnded || ctx.signal.aborted,
  );
  try {
    for (const [index, range] of ranges.entries()) {
      if (ctx.signal.aborted) throw new TallyError('cancelled', 'The validation was cancelled.');
      const previousRun = savedRun(index);
      if (previousRun) {
        segments.push(previousRun);
        rowsCompared += previousRun.sourceCount + previousRun.targetCount;
        continue;
      }
      const ahead = aheadHashes[index] as AheadHash;
      await ahead.sent;
      const loopHash = await hashRange(loopSide, range.lower, range.upper);
      const aheadHash = await ahead.hash;
      const [sourceHash, targetResult] = sourceAhead ? [aheadHash, loopHash] : [loopHash, aheadHash];
      const segment: SegmentRecord = {
        segment: index,
        lower: range.lower,
        upper: range.upper,
        sourceCount: sourceHash.count,
        sourceHash: sourceHash.hash,
        targetCount: targetResult.count,
        targetHash: targetResult.hash,
        matched: sourceHash.count === targetResult.count && sourceHash.hash === targetResult.hash,
        differences: [],
      };
      if (!segment.matched) {
        segment.differences = await bisect(table, ctx, range.lower, range.upper, sourceHash, targetResult, 0, {
          describeKey,
          describeSourceKey,
          rejectKeys,
        });
      }
      rowsCompared += segment.sourceCount + segment.targetCount;
      store.saveSegment(ctx.validationId, tableId, segment);
      segments.push(segment);
      const seconds = (performance.now() - started) / 1000;
      ctx.emit({
        type: 'progress',
        validationId: ctx.validationId,
        tableId,
        phase: 'segments',
        segmentsDone: index + 1,
        segmentsTotal: ranges.length,
        rowsCompared,
        rowsPerSecond: seconds > 0 ? Math.round(rowsCompared / 2 / seconds) : 0,
      });
    }
  } finally {
    loopEnded = true;
  }

  const all = segments.flatMap((s) => s.differences);
  const quarantined = all.filter((d) => d.difference.kind === 'missing' && d.quarantined).length;
  const withinTolerance = all.filter((d) => d.withinTolerance).length;
  const differences = all
    .filter((d) => !d.withinTolerance && !(d.difference.kind === 'missing' && d.quarantined))
    .map((d) => d.difference);
  const groups = new Map<
    string,
    {
      cause: (typeof differences)[number]['cause'];
      kind: (typeof differences)[number]['kind'];
      columns: string[];
      count: number;
      exampleKeys: string[];
    }
  >();
  for (const d of differences) {
    const columns = d.columns.map((c) => c.column).sort();
    const id = `${d.kind}\u0000${d.cause}\u0000${columns.join('\u0000')}`;
    const group = groups.get(id) ?? { cause: d.cause, kind: d.kind, columns, count: 0, exampleKeys: [] };
    group.count += 1;
    if (group.exampleKeys.length < 5) group.exampleKeys.push(d.key);
    groups.set(id, group);
  }
  const missing = differences.filter((d) => d.kind === 'missing').length;
  const extra = differences.filter((d) => d.kind === 'extra').length;
  const changed = differences.filter((d) => d.kind === 'changed').length;
  const match = missing + extra + changed === 0 && counts.ok;
  return {
    ...ctx.base,
    sourceRows,
    targetRows,
    segments: segments.length,
    mismatchedSegments: segments.filter((s) => !s.matched).length,
    missing,
    extra,
    changed,
    examples: differences.slice(0, 50),
    status: match ? 'match' : 'differ',
    keyColumns: table.keyColumns,
    counts,
    rowsCompared,
    quarantined,
    withinTolerance,
    tolerances: mapping.tolerances ?? {},
    floatDigits: 6,
    hashedIn: { source: table.source.hashedIn, target: table.target.hashedIn },
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    error: null,
  };
}

type KeyText = {
  describeKey: (key: readonly unknown[]) => string;
  describeSourceKey: (key: readonly unknown[]) => string;
  rejectKeys: ReadonlySet<string>;
};

async function bisect(
  table: PreparedTable,
  ctx: TableContext,
  lower: Bound,
  upper: Bound,
  sourceHash: { count: number; hash: string },
  targetHash: { count: number; hash: string },
  depth: number,
  keys: KeyText,
): Promise<SegmentRecord['differences']> {
  const largest = Math.max(sourceHash.count, targetHash.count);
  const keyCount = table.keyColumns.length;
  if (largest > ctx.diffRows && depth < 40) {
    const side = sourceHash.count >= targetHash.count ? table.source : table.target;
    const middle = await keyAt(side, lower, upper, Math.floor(largest / 2) - 1, keyCount);
    const progress =
      middle !== null &&
      (lower === null || compareKeyValues(lower, middle) < 0) &&
      (upper === null || compareKeyValues(middle, upper) < 0);
    if (progress) {
      ctx.emit({
        type: 'progress',
        validationId: ctx.validationId,
        tableId: table.mapping.id,
        phase: 'bisect',
        segmentsDone: 0,
        segmentsTotal: 0,
        rowsCompared: 0,
        rowsPerSecond: 0,
      });
      const out: SegmentRecord['differences'] = [];
      for (const [from, to] of [
        [lower, middle],
        [middle, upper],
      ] as const) {
        const [s, tr] = await hashBothSides(table, from, to);
        if (s.count === tr.count && s.hash === tr.hash) continue;
        out.push(...(await bisect(table, ctx, from, to, s, tr, depth + 1, keys)));
      }
      return out;
    }
  }
  const [expected, actual] = await Promise.all([
    rowsOf(table.source, lower, upper, keyCount),
    rowsOf(table.target, lower, upper, keyCount),
  ]);
  return compareRows({
    tableId: table.mapping.id,
    columns: table.targetColumns,
    types: table.mapping.columns.map((c) => c.targetType),
    tolerances: table.mapping.tolerances ?? {},
    expected,
    actual,
    describeKey: keys.describeKey,
    isQuarantined: (key) => keys.rejectKeys.has(keys.describeSourceKey(key)),
  });
}
