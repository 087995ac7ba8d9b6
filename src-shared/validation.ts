/**
 * Validation results as the API, the CLI (`tally validate --json`) and the sign-off report see
 * them. A validation compares the source *as seen through the plan's mapping and transforms* with
 * the target, in layers: counts (against the latest run's accounting), then checksums of key-range
 * segments bisected down to the rows that differ, each difference with the columns that changed,
 * both values and a classified cause. Pure: no Node APIs.
 */
import { z } from 'zod';
import { tallyErrorSchema } from './errors';
import { columnToleranceSchema } from './plan';

export { columnToleranceSchema };
export type { ColumnTolerance } from './plan';

/** A value as it crosses the wire: dates as ISO text, binary as hex, big integers as text. */
export const jsonCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type JsonCell = z.infer<typeof jsonCellSchema>;

/**
 * Why a value differs, where Tally can tell: the same instant in another zone, digits lost or added
 * past a scale, spaces at the end, letter case, a character-encoding round trip (mojibake, Unicode
 * normalisation), null against '' — or none of these: a real change.
 */
export const differenceCauses = [
  'time_zone',
  'precision',
  'trailing_space',
  'case',
  'encoding',
  'null_vs_empty',
  'real_change',
] as const;
export const differenceCauseSchema = z.enum(differenceCauses);
export type DifferenceCause = z.infer<typeof differenceCauseSchema>;

export const differenceKindSchema = z.enum(['missing', 'extra', 'changed']);
export type DifferenceKind = z.infer<typeof differenceKindSchema>;

/** One column of a changed row: what the mapping says the target should hold, and what it holds. */
export const columnDifferenceSchema = z.object({
  column: z.string(),
  /** The source value after the plan's mapping and transforms. */
  expected: jsonCellSchema,
  /** The value the target holds. */
  actual: jsonCellSchema,
  /** Both values in the canonical encoding the checksums hash (null as the null marker). */
  expectedCanonical: z.string().nullable(),
  actualCanonical: z.string().nullable(),
  cause: differenceCauseSchema,
});
export type ColumnDifference = z.infer<typeof columnDifferenceSchema>;

/** One row that differs between the expected (mapped source) rows and the target. */
export const rowDifferenceSchema = z.object({
  tableId: z.string(),
  /** The row's key spelled out for people, e.g. `id=42` or `order_id=7, line=2`. */
  key: z.string(),
  /** The key's values, in the order of the table's key columns (target names). */
  keyValues: z.array(jsonCellSchema),
  /** missing: expected but not in the target; extra: in the target only; changed: both, with different values. */
  kind: differenceKindSchema,
  /** Changed rows: the columns that differ beyond their tolerance. Empty for missing and extra rows. */
  columns: z.array(columnDifferenceSchema),
  /** The row's cause: its columns' single cause, or real_change when they disagree; missing/extra rows are real_change. */
  cause: differenceCauseSchema,
  /** The expected row (target column → value), when there is one (not for extra rows). */
  expectedRow: z.record(z.string(), jsonCellSchema).nullable(),
  /** The target row, when there is one (not for missing rows). */
  actualRow: z.record(z.string(), jsonCellSchema).nullable(),
});
export type RowDifference = z.infer<typeof rowDifferenceSchema>;

/** Differences that share one cause (and the columns it touched), so a thousand time-zone shifts read as one line. */
export const differenceGroupSchema = z.object({
  cause: differenceCauseSchema,
  kind: differenceKindSchema,
  columns: z.array(z.string()),
  count: z.number().int(),
  /** A few keys of the group, for people to look at. */
  exampleKeys: z.array(z.string()),
});
export type DifferenceGroup = z.infer<typeof differenceGroupSchema>;

/** The counts layer: the source after the plan's filters, the target, and the latest run's accounting. */
export const countCheckSchema = z.object({
  /** Source rows the plan reads (its filter applied). */
  sourceRows: z.number().int(),
  /** Source rows the plan's filter leaves out (0 without a filter). */
  filteredRows: z.number().int(),
  targetRows: z.number().int(),
  /** The latest finished run of this plan's table, or null when the workspace has none. */
  run: z
    .object({
      runId: z.string(),
      read: z.number().int(),
      written: z.number().int(),
      rejected: z.number().int(),
      filtered: z.number().int(),
      /** read = written + rejected + filtered */
      balanced: z.boolean(),
      /** The run read what the source holds now (source + filtered = read). */
      readMatchesSource: z.boolean(),
      /** The target holds what the run wrote. */
      writtenMatchesTarget: z.boolean(),
    })
    .nullable(),
  /** Counts agree: target = source − rows the run quarantined (or = source when there is no run). */
  ok: z.boolean(),
  /** One sentence saying what disagrees, or null. */
  message: z.string().nullable(),
});
export type CountCheck = z.infer<typeof countCheckSchema>;

export const tableValidationStatusSchema = z.enum(['pending', 'running', 'match', 'differ', 'failed']);

/** One table's validation. The first fields are the CLI contract (`tally validate --json`). */
export const tableValidationSchema = z.object({
  source: z.string(),
  target: z.string(),
  sourceRows: z.number().int(),
  targetRows: z.number().int(),
  segments: z.number().int(),
  mismatchedSegments: z.number().int(),
  missing: z.number().int(),
  extra: z.number().int(),
  changed: z.number().int(),
  /** The first differences (at most `exampleLimit`), for people. */
  examples: z.array(rowDifferenceSchema),

  tableId: z.string(),
  status: tableValidationStatusSchema,
  keyColumns: z.array(z.string()),
  counts: countCheckSchema,
  /** Rows compared (expected rows plus target rows hashed). */
  rowsCompared: z.number().int(),
  /** Missing rows the run quarantined with a reason: accounted for, not differences. */
  quarantined: z.number().int(),
  /** Rows whose values differ only within the columns' tolerances (not counted as changed). */
  withinTolerance: z.number().int(),
  /** The per-column tolerances applied (target column → tolerance). */
  tolerances: z.record(z.string(), columnToleranceSchema),
  /** Digits after the point floats are rounded to before hashing. */
  floatDigits: z.number().int(),
  /** Where each side's hashes were computed: in the database (plain copies and casts) or in Node (transforms). */
  hashedIn: z.object({ source: z.enum(['database', 'node']), target: z.enum(['database', 'node']) }),
  groups: z.array(differenceGroupSchema),
  seconds: z.number(),
  error: tallyErrorSchema.nullable(),
});
export type TableValidation = z.infer<typeof tableValidationSchema>;

export const validationStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);
export type ValidationStatus = z.infer<typeof validationStatusSchema>;

/** A whole validation. `tables` and `ok` are the CLI contract. */
export const validationResultSchema = z.object({
  tables: z.array(tableValidationSchema),
  /** Every table matched within tolerance and its counts agree. */
  ok: z.boolean(),

  validationId: z.string(),
  status: validationStatusSchema,
  planName: z.string(),
  /** The saved plan this validated, when it came from the workspace. */
  planId: z.string().nullable(),
  planVersion: z.number().int().nullable(),
  /** sha256 of the plan's canonical JSON. */
  planHash: z.string(),
  /** Connection URLs as in the plan (never a password). */
  source: z.string(),
  target: z.string(),
  /** The run whose accounting the counts were checked against (the latest one), or null. */
  runId: z.string().nullable(),
  /** Rows per table asked for the sample review (layer 3), when asked. */
  sample: z.number().int().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** True when this validation picked up checkpointed segments of an earlier, unfinished one. */
  resumed: z.boolean(),
  tallyVersion: z.string(),
  error: tallyErrorSchema.nullable(),
});
export type ValidationResult = z.infer<typeof validationResultSchema>;

/** A line of the validation list. */
export const validationSummarySchema = z.object({
  validationId: z.string(),
  status: validationStatusSchema,
  ok: z.boolean().nullable(),
  planName: z.string(),
  planId: z.string().nullable(),
  planVersion: z.number().int().nullable(),
  planHash: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  tables: z.number().int(),
  missing: z.number().int(),
  extra: z.number().int(),
  changed: z.number().int(),
});
export type ValidationSummary = z.infer<typeof validationSummarySchema>;

/** What a running validation pushes (`validate.event`). */
export const validationEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    validationId: z.string(),
    resumed: z.boolean(),
    tables: z.array(z.string()),
  }),
  z.object({
    type: z.literal('progress'),
    validationId: z.string(),
    tableId: z.string(),
    phase: z.enum(['counts', 'segments', 'bisect', 'rows']),
    segmentsDone: z.number().int(),
    segmentsTotal: z.number().int(),
    rowsCompared: z.number().int(),
    rowsPerSecond: z.number(),
  }),
  z.object({ type: z.literal('table-done'), validationId: z.string(), table: tableValidationSchema }),
  z.object({ type: z.literal('done'), validationId: z.string(), result: validationResultSchema }),
  z.object({ type: z.literal('failed'), validationId: z.string(), error: tallyErrorSchema }),
]);
export type ValidationEvent = z.infer<typeof validationEventSchema>;

/** How many differences a table keeps as examples. */
export const exampleLimit = 50;
