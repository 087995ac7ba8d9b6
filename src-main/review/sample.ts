/**
 * Draws the sample a reviewer looks at, per table, reproducibly from a seed: ordinary rows (a
 * seeded reservoir over the whole table), rows whose value in some column has a rare format
 * pattern or a rare value, rows next (by key) to rows the run quarantined, and pinned rows. Each
 * sampled source row goes through the plan's own row mapper to the row the target should hold,
 * and the target's row is fetched by the key the mapping gives; every field is compared through
 * its portable type and a difference gets its likeliest cause.
 */
import { formatPattern } from '../../src-shared/profile';
import type { Plan, TableMapping } from '../../src-shared/plan';
import type { ReviewField, ReviewRecord, ReviewStratum, ReviewTable } from '../../src-shared/review';
import { formatTableRef, type TableInfo } from '../../src-shared/schema-info';
import type { JsonCell } from '../../src-shared/validation';
import type { DatabaseSession } from '../dialects/dialect';
import { SeededRandom, mixSeed } from '../demo/seeded-random';
import { createRowMapper, sourceColumnsOf } from '../engine/row-mapper';
import { jsonCell } from '../api/plan-api';
import { compareField } from './field-compare';
import { looksPersonal, piiAllowed } from './pii';

export type SampleOptions = {
  /** Records per table (all strata together). */
  perTable: number;
  seed: number;
  /** Source keys (as the quarantine spells them, `id=42`) the latest run rejected, per table id. */
  rejectedKeys: ReadonlyMap<string, ReadonlySet<string>>;
  /** Pinned source keys per table id, with the note that pinned them. */
  pinnedKeys: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /** At most this many source rows are read per table to draw the sample. */
  scanLimit?: number;
  /** Only these table ids. */
  tables?: readonly string[];
};

export type DrawnSample = { tables: ReviewTable[]; records: ReviewRecord[] };

const pageRows = 5_000;
/** Columns with more format patterns (or values) than this are too varied for one to be "rare". */
const trackedPatterns = 500;
const trackedValues = 100;

function describeKey(names: readonly string[], values: readonly unknown[]): string {
  return names.map((name, i) => `${name}=${String(values[i])}`).join(', ');
}

type Candidate = { row: unknown[]; stratum: ReviewStratum; why: string };

type Tally = { count: number; row: unknown[] };

/** Counts patterns (or values) of one column, keeping the first row of each; gives up past a limit. */
class RarityCounter {
  readonly counts = new Map<string, Tally>();
  overflowed = false;
  constructor(private readonly limit: number) {}
  add(label: string, row: unknown[]): void {
    if (this.overflowed) return;
    const seen = this.counts.get(label);
    if (seen) seen.count += 1;
    else if (this.counts.size >= this.limit) {
      this.overflowed = true;
      this.counts.clear();
    } else this.counts.set(label, { count: 1, row });
  }
}

function findSourceTable(tables: readonly TableInfo[], mapping: TableMapping): TableInfo | undefined {
  if (!('table' in mapping.source)) return undefined;
  const ref = mapping.source.table;
  return tables.find((t) => t.name === ref.name && (ref.schema === null || t.schema === ref.schema));
}

function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export async function drawSample(
  plan: Plan,
  source: DatabaseSession,
  target: DatabaseSession,
  options: SampleOptions,
): Promise<DrawnSample> {
  const sourceSchema = await source.inspect({ exactCountLimit: 0 });
  const tables: ReviewTable[] = [];
  const records: ReviewRecord[] = [];
  const chosen = plan.tables.filter((t) => !options.tables || options.tables.includes(t.id));
  for (const [position, mapping] of chosen.entries()) {
    const sourceLabel = 'table' in mapping.source ? formatTableRef(mapping.source.table) : '(query)';
    const base = { tableId: mapping.id, source: sourceLabel, target: formatTableRef(mapping.target) };
    const info = findSourceTable(sourceSchema.tables, mapping);
    const sourceKey = info?.primaryKey?.columns ?? info?.uniqueConstraints[0]?.columns ?? [];
    if (!info || sourceKey.length === 0) {
      tables.push({
        ...base,
        scanned: 0,
        truncated: false,
        records: 0,
        byStratum: {},
        piiColumns: [],
        error: !info
          ? `${mapping.id}: the source has no table ${sourceLabel} to sample.`
          : `${mapping.id}: ${sourceLabel} has no primary or unique key to sample by.`,
      });
      continue;
    }
    const drawn = await drawTable(plan, mapping, info, sourceKey, source, target, {
      ...options,
      seed: mixSeed(options.seed, position),
    });
    tables.push({ ...base, ...drawn.table, error: null });
    records.push(...drawn.records);
  }
  return { tables, records };
}

async function drawTable(
  plan: Plan,
  mapping: TableMapping,
  info: TableInfo,
  sourceKey: readonly string[],
  source: DatabaseSession,
  target: DatabaseSession,
  options: SampleOptions,
): Promise<{ table: Omit<ReviewTable, 'tableId' | 'source' | 'target' | 'error'>; records: ReviewRecord[] }> {
  const random = new SeededRandom(options.seed);
  const readColumns = sourceColumnsOf(mapping, sourceKey);
  const scanLimit = options.scanLimit ?? 1_000_000;
  const quota = Math.max(1, options.perTable);
  const rejected = options.rejectedKeys.get(mapping.id) ?? new Set<string>();
  const pinned = options.pinnedKeys.get(mapping.id) ?? new Map<string, string | null>();
  const nearQuota = rejected.size > 0 ? Math.max(1, Math.floor(quota / 4)) : 0;
  const rareQuota = Math.max(1, Math.floor(quota / 4));

  // Text columns (not the key) are where rare patterns and values show.
  const textColumns = readColumns
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => !sourceKey.includes(name))
    .filter(({ name }) => {
      const column = info.columns.find((c) => c.name === name);
      return column !== undefined && (column.portableType.kind === 'text' || column.portableType.kind === 'uuid');
    });
  const patterns = textColumns.map(() => new RarityCounter(trackedPatterns));
  const values = textColumns.map(() => new RarityCounter(trackedValues));

  const reservoir: unknown[][] = [];
  const near: Candidate[] = [];
  const pins: Candidate[] = [];
  let previous: unknown[] | null = null;
  let takeNext: string | null = null;
  let scanned = 0;
  let truncated = false;
  let after: unknown[] | null = null;
  scan: for (;;) {
    const page = source.dialect.keysetPageSql(info, readColumns, sourceKey, after, pageRows);
    const rows = await source.queryArrays(page.sql, page.bindings);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (scanned >= scanLimit) {
        truncated = true;
        break scan;
      }
      scanned += 1;
      // Reservoir sampling: after n rows every row has had the same chance, whatever n ends as.
      if (reservoir.length < quota) reservoir.push(row);
      else {
        const slot = random.int(0, scanned - 1);
        if (slot < quota) reservoir[slot] = row;
      }
      textColumns.forEach(({ index }, i) => {
        const value = row[index];
        if (typeof value !== 'string') return;
        patterns[i]?.add(formatPattern(value), row);
        values[i]?.add(value, row);
      });
      const key = describeKey(sourceKey, row.slice(0, sourceKey.length));
      if (takeNext !== null && !rejected.has(key) && near.length < nearQuota * 2) {
        near.push({ row, stratum: 'near-reject', why: `the row after ${takeNext}, which the run quarantined` });
        takeNext = null;
      }
      if (rejected.has(key)) {
        if (previous && near.length < nearQuota * 2)
          near.push({ row: previous, stratum: 'near-reject', why: `the row before ${key}, which the run quarantined` });
        takeNext = key;
      }
      if (pinned.has(key)) {
        const note = pinned.get(key);
        pins.push({ row, stratum: 'pinned', why: `pinned for re-checking${note ? `: ${note}` : ''}` });
      }
      previous = row;
    }
    after = (rows[rows.length - 1] ?? []).slice(0, sourceKey.length);
  }

  // Rare: the least common patterns (then values) of any column, ties broken by the seed.
  const rare: Candidate[] = [];
  const rareLimit = Math.max(1, Math.floor(scanned / 100));
  const gather = (counters: RarityCounter[], kind: string): (Candidate & { count: number })[] =>
    counters.flatMap((counter, i) => {
      // A column where most rows have a pattern of their own (addresses, free text) has no "rare" one.
      const tooVaried = counter.counts.size > Math.max(20, scanned / 10);
      if (counter.overflowed || counter.counts.size < 2 || tooVaried) return [];
      const column = textColumns[i]?.name ?? '';
      return [...counter.counts.entries()]
        .filter(([, tally]) => tally.count <= rareLimit)
        .map(([label, tally]) => ({
          row: tally.row,
          stratum: 'rare' as const,
          why: `a rare ${kind} of ${column}: ${JSON.stringify(label)} (${tally.count} of ${scanned} rows)`,
          count: tally.count,
        }));
    });
  const byRarity = (list: (Candidate & { count: number })[]): Candidate[] =>
    shuffled(list, random).sort((a, b) => a.count - b.count);
  rare.push(...byRarity(gather(patterns, 'pattern')), ...byRarity(gather(values, 'value')));

  // Pinned rows always; then rare and near-reject rows up to their share; ordinary rows fill the rest.
  const picked = new Map<string, Candidate>();
  const keyOf = (row: unknown[]): string => describeKey(sourceKey, row.slice(0, sourceKey.length));
  const take = (candidate: Candidate, limit: number): void => {
    if (picked.size >= limit) return;
    const key = keyOf(candidate.row);
    if (!picked.has(key)) picked.set(key, candidate);
  };
  pins.forEach((c) => take(c, Number.POSITIVE_INFINITY));
  const afterPins = picked.size;
  shuffled(near, random).forEach((c) => take(c, afterPins + nearQuota));
  const afterNear = picked.size;
  rare.forEach((c) => take(c, afterNear + rareQuota));
  const ordinaryLimit = Math.max(picked.size, quota + afterPins);
  reservoir.forEach((row) => take({ row, stratum: 'ordinary', why: 'a random row of the table' }, ordinaryLimit));

  const piiColumns = personalColumns(
    plan,
    mapping,
    readColumns,
    [...picked.values()].map((c) => c.row),
  );
  const records: ReviewRecord[] = [];
  const mapper = createRowMapper(mapping, readColumns);
  const targetKeyIndexes = mapping.keyColumns.map((name) => mapping.columns.findIndex((c) => c.target === name));
  for (const candidate of picked.values())
    records.push(await buildRecord(mapping, candidate, readColumns, sourceKey, mapper, targetKeyIndexes, target));
  records.sort((a, b) => strataOrder.indexOf(a.stratum) - strataOrder.indexOf(b.stratum));
  records.forEach((record, i) => (record.recordId = `${mapping.id}#${i + 1}`));

  const byStratum: Record<string, number> = {};
  for (const record of records) byStratum[record.stratum] = (byStratum[record.stratum] ?? 0) + 1;
  return { table: { scanned, truncated, records: records.length, byStratum, piiColumns }, records };
}

const strataOrder: readonly ReviewStratum[] = ['pinned', 'near-reject', 'rare', 'ordinary'];

function personalColumns(
  plan: Plan,
  mapping: TableMapping,
  readColumns: readonly string[],
  rows: unknown[][],
): string[] {
  const tableName = 'table' in mapping.source ? mapping.source.table.name : mapping.target.name;
  const sourceSide = readColumns.filter(
    (name, i) =>
      looksPersonal(
        tableName,
        name,
        rows.map((r) => r[i]),
      ) && !piiAllowed(plan, mapping, name),
  );
  const targetSide = mapping.columns
    .filter(
      (column) =>
        (column.sources.some((s) => sourceSide.includes(s)) || looksPersonal(mapping.target.name, column.target, [])) &&
        !piiAllowed(plan, mapping, column.target),
    )
    .map((c) => c.target);
  return [...new Set([...sourceSide, ...targetSide])];
}

async function buildRecord(
  mapping: TableMapping,
  candidate: Candidate,
  readColumns: readonly string[],
  sourceKey: readonly string[],
  mapper: ReturnType<typeof createRowMapper>,
  targetKeyIndexes: readonly number[],
  target: DatabaseSession,
): Promise<ReviewRecord> {
  const { row } = candidate;
  const rowKey = describeKey(sourceKey, row.slice(0, sourceKey.length));
  const sourceRow: Record<string, JsonCell> = Object.fromEntries(
    readColumns.map((name, i) => [name, jsonCell(row[i])]),
  );
  const mapped = mapper.map(row, () => rowKey);
  const expectedValues = mapped.ok ? mapped.values : null;
  const targetKey = expectedValues ? targetKeyIndexes.map((i) => expectedValues[i] ?? null) : null;
  let actual: Record<string, unknown> | null = null;
  if (targetKey && targetKey.every((v) => v !== null)) {
    const q = (name: string): string => target.dialect.quoteIdentifier(name);
    const rows = await target.query(
      `SELECT ${mapping.columns.map((c) => q(c.target)).join(', ')} FROM ${target.dialect.quoteTable(mapping.target)} WHERE ${mapping.keyColumns
        .map((k) => `${q(k)} = ?`)
        .join(' AND ')}`,
      targetKey,
    );
    actual = rows[0] ?? null;
  }
  const fields: ReviewField[] = mapping.columns.map((column, i) => {
    const expected = expectedValues ? (expectedValues[i] ?? null) : null;
    const held = actual ? (actual[column.target] ?? null) : null;
    const comparison = expectedValues && actual ? compareField(expected, held, column.targetType) : null;
    return {
      column: column.target,
      sources: column.sources,
      expected: jsonCell(expected),
      actual: jsonCell(held),
      differs: comparison?.differs ?? false,
      cause: comparison?.cause ?? null,
      masked: false,
    };
  });
  const status = !expectedValues
    ? 'rejected'
    : !actual
      ? 'missing'
      : fields.some((f) => f.differs)
        ? 'differ'
        : 'match';
  return {
    recordId: '',
    tableId: mapping.id,
    sourceTable: 'table' in mapping.source ? formatTableRef(mapping.source.table) : '(query)',
    targetTable: formatTableRef(mapping.target),
    stratum: candidate.stratum,
    why: candidate.why,
    rowKey,
    sourceKey: row.slice(0, sourceKey.length).map(jsonCell),
    targetKey: targetKey ? targetKey.map(jsonCell) : null,
    source: sourceRow,
    maskedSource: [],
    expected: expectedValues
      ? Object.fromEntries(mapping.columns.map((c, i) => [c.target, jsonCell(expectedValues[i] ?? null)]))
      : null,
    expectedError: mapped.ok ? null : mapped.reason,
    actual: actual
      ? Object.fromEntries(mapping.columns.map((c) => [c.target, jsonCell(actual[c.target] ?? null)]))
      : null,
    fields,
    status,
  };
}
