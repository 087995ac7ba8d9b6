/**
 * Profiles: what Tally learns about the data of a source table before moving it. Computed inside
 * the database (src-main/profile/), on a sample where the table is large, and shown, exported
 * (HTML, JSON) and turned into mapping rules by the UI.
 *
 * Counts of a column are over the profiled rows: the whole table, or the sample when `sampled`
 * is set. Shares are 0–1.
 */
import { z } from 'zod';
import { tallyErrorSchema } from './errors';

/** How a column is profiled, from its portable type. */
export const profileKinds = [
  'text',
  'integer',
  'decimal',
  'float',
  'boolean',
  'temporal',
  'uuid',
  'json',
  'binary',
] as const;
export const profileKindSchema = z.enum(profileKinds);
export type ProfileKind = z.infer<typeof profileKindSchema>;

/** The thresholds behind the alerts; every one can be changed by the caller. */
export const profileThresholdsSchema = z.object({
  /** Share of NULLs from which a column is reported as mostly missing. */
  highNullRate: z.number().min(0).max(1),
  /** Share of empty strings ('') from which a text column is reported. */
  emptyStringRate: z.number().min(0).max(1),
  /** Distinct share of the non-null values from which a text column is reported as high-cardinality. */
  highCardinality: z.number().min(0).max(1),
  /** A format (pattern) counts toward "mixed formats" when it holds at least this share of the values. */
  mixedFormatShare: z.number().min(0).max(1),
  /** Share of a text column's values that must look like numbers or dates to report them as stored as text. */
  typedAsTextShare: z.number().min(0).max(1),
  /** Distinct share of the non-null values from which a column is a candidate key whose duplicates are reported. */
  candidateKey: z.number().min(0).max(1),
  /** Share of a likely foreign key's values that must exist in the referenced key for it to count as one. */
  likelyForeignKey: z.number().min(0).max(1),
  /** Share of the most common value from which a (non-constant) column is reported as skewed. */
  dominantValue: z.number().min(0).max(1),
  /** Absolute skewness of a numeric column from which it is reported as skewed. */
  skewness: z.number().min(0),
});
export type ProfileThresholds = z.infer<typeof profileThresholdsSchema>;

export const defaultProfileThresholds: ProfileThresholds = {
  highNullRate: 0.5,
  emptyStringRate: 0.01,
  highCardinality: 0.95,
  mixedFormatShare: 0.05,
  typedAsTextShare: 0.5,
  candidateKey: 0.9,
  likelyForeignKey: 0.8,
  dominantValue: 0.9,
  skewness: 3,
};

export const profileOptionsSchema = z.object({
  /** Tables with more rows than this are profiled on a sample, unless `full` is set. */
  sampleAbove: z.number().int().min(1).optional(),
  /** About how many rows a sample holds. */
  sampleRows: z.number().int().min(100).optional(),
  /** Profile every row, whatever the size. */
  full: z.boolean().optional(),
  /** How many of the most common values (and formats) to list per column. */
  topN: z.number().int().min(1).max(100).optional(),
  /** Bars per histogram. */
  histogramBuckets: z.number().int().min(2).max(100).optional(),
  thresholds: profileThresholdsSchema.partial().optional(),
});
export type ProfileOptions = z.infer<typeof profileOptionsSchema>;
export type ResolvedProfileOptions = Required<Omit<ProfileOptions, 'thresholds'>> & { thresholds: ProfileThresholds };

export const defaultProfileOptions: Omit<ResolvedProfileOptions, 'thresholds'> = {
  sampleAbove: 500_000,
  sampleRows: 100_000,
  full: false,
  topN: 10,
  histogramBuckets: 20,
};

export function resolveProfileOptions(options: ProfileOptions = {}): ResolvedProfileOptions {
  const defined = <T extends object>(value: T | undefined): Partial<T> =>
    Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { thresholds, ...rest } = options;
  return {
    ...defaultProfileOptions,
    ...defined(rest),
    thresholds: { ...defaultProfileThresholds, ...defined(thresholds) },
  };
}

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

export const profileValueSchema = z.object({
  /** The value as text (numbers and dates as the database prints them). */
  value: z.string(),
  count,
  /** Of the column's non-null values. */
  share,
});
export type ProfileValue = z.infer<typeof profileValueSchema>;

export const profilePatternSchema = z.object({
  /** Upper-case letters as `A`, lower-case as `a`, digits as `9`, everything else as it is. */
  pattern: z.string(),
  count,
  /** Of the column's non-empty values. */
  share,
  /** Distinct values written this way: one means the pattern is one value's, not a format. */
  distinctValues: count,
  example: z.string(),
});
export type ProfilePattern = z.infer<typeof profilePatternSchema>;

export const histogramBucketSchema = z.object({
  /** Lower edge (included). Dates as seconds since 1970-01-01 UTC; lengths in characters. */
  from: z.number(),
  /** Upper edge: excluded, except for the last bucket. */
  to: z.number(),
  count,
});
export type HistogramBucket = z.infer<typeof histogramBucketSchema>;

export const inferredTypes = ['email', 'phone', 'date', 'number', 'boolean'] as const;

export const columnProfileSchema = z.object({
  name: z.string(),
  nativeType: z.string(),
  /** The portable type as a label, e.g. `text(120)`. */
  portableType: z.string(),
  kind: profileKindSchema,
  nulls: count,
  nullShare: share,
  /** '' values (text columns only). */
  emptyStrings: count.nullable(),
  emptyShare: share.nullable(),
  /** Distinct non-null values, compared exactly (case, accents and trailing spaces count); null for binary columns. */
  distinct: count.nullable(),
  /** distinct / non-null values. */
  distinctShare: share.nullable(),
  /** Smallest and largest value in the column's own order (its collation), as text. */
  min: z.string().nullable(),
  max: z.string().nullable(),
  /** Text length in characters. */
  length: z.object({ min: count, max: count, mean: z.number() }).nullable(),
  /** Numeric columns: the values that are numbers, their range, mean, standard deviation and skewness. */
  numbers: z
    .object({
      count,
      min: z.number(),
      max: z.number(),
      mean: z.number(),
      stddev: z.number(),
      skewness: z.number().nullable(),
    })
    .nullable(),
  /**
   * Where the database stores each value in a type of its own choosing (SQLite): how many values
   * are stored as each storage class. Null elsewhere.
   */
  storageClasses: z.object({ integer: count, real: count, text: count, blob: count }).nullable(),
  /** Values stored as text that are plain numbers (digits and dots, an optional sign). */
  numericText: count.nullable(),
  top: z.array(profileValueSchema),
  patterns: z
    .object({
      /** `sql`: computed by the database; `sample`: in Tally, over values read from the database. */
      computedIn: z.enum(['sql', 'sample']),
      /**
       * Rows the patterns were taken from when not the profiled rows: the dialect's sample, also in a
       * full pass over a table above the sampling threshold, or the rows Tally read. Null: all profiled rows.
       */
      sampleRows: count.nullable(),
      /** Non-empty values the patterns were taken of (the shares are of these). */
      total: count,
      /** Distinct patterns seen. */
      distinct: count,
      values: z.array(profilePatternSchema),
    })
    .nullable(),
  histogram: z
    .object({ of: z.enum(['values', 'dates', 'lengths']), buckets: z.array(histogramBucketSchema) })
    .nullable(),
  /** What the values look like, when most of them agree. */
  inferred: z
    .object({
      type: z.enum(inferredTypes),
      share,
      /** Date columns: how many different formats the dates are written in. */
      formats: count.optional(),
    })
    .nullable(),
});
export type ColumnProfile = z.infer<typeof columnProfileSchema>;

/** A whole source row a finding is about, each value as text (long ones cut), null for null. */
export const exampleRowSchema = z.record(z.string(), z.string().nullable());
export type ExampleRow = z.infer<typeof exampleRowSchema>;

export const duplicateFindingSchema = z.object({
  columns: z.array(z.string()),
  /** `exact`: the values themselves; `lower-trim`: after lower-casing and trimming spaces. */
  normalization: z.enum(['exact', 'lower-trim']),
  /** Values held by more than one row. */
  groups: count,
  /** Rows in those groups, first occurrences included. */
  rows: count,
  examples: z.array(z.object({ value: z.string(), count, variants: z.array(z.string()) })),
  /** A few rows holding the most repeated values, in their order. */
  exampleRows: z.array(exampleRowSchema).default([]),
});
export type DuplicateFinding = z.infer<typeof duplicateFindingSchema>;

export const orphanFindingSchema = z.object({
  columns: z.array(z.string()),
  references: z.object({ table: z.string(), columns: z.array(z.string()) }),
  /** True for a declared foreign key; false for a likely one (found by its name and its values). */
  declared: z.boolean(),
  /** Share of the non-null values found in the referenced key. */
  matchedShare: share,
  /** Rows whose value is not in the referenced key. */
  rows: count,
  distinctValues: count,
  examples: z.array(z.object({ values: z.array(z.string()), count })),
  /** A few of the rows that point at missing values. */
  exampleRows: z.array(exampleRowSchema).default([]),
});
export type OrphanFinding = z.infer<typeof orphanFindingSchema>;

export const profileAlertCodes = [
  'high-null-rate',
  'empty-strings',
  'constant-column',
  'high-cardinality',
  'mixed-formats',
  'numbers-as-text',
  'dates-as-text',
  'orphans',
  'duplicates',
  'skew',
] as const;
export type ProfileAlertCode = (typeof profileAlertCodes)[number];

export const profileAlertSchema = z.object({
  code: z.enum(profileAlertCodes),
  severity: z.enum(['info', 'warning', 'error']),
  column: z.string().optional(),
  /** One sentence. */
  message: z.string(),
  /** The rows (or values) the finding is about. */
  count: count.optional(),
});
export type ProfileAlert = z.infer<typeof profileAlertSchema>;

export const tableProfileSchema = z.object({
  /** `schema.table`, or `table` where the dialect has no schemas. */
  table: z.string(),
  schema: z.string().nullable(),
  name: z.string(),
  rowCount: count,
  /** False when rowCount is the catalogue's estimate (a sampled table in PostgreSQL or MySQL). */
  rowCountExact: z.boolean(),
  /** Rows the statistics are computed over: the table's, or the sample's. */
  profiledRows: count,
  /** Set when the profile was computed on a sample: its size and how its rows were chosen. */
  sampled: z.object({ rows: count, method: z.string() }).nullable(),
  columns: z.array(columnProfileSchema),
  duplicates: z.array(duplicateFindingSchema),
  orphans: z.array(orphanFindingSchema),
  alerts: z.array(profileAlertSchema),
  /**
   * Columns that are a declared key on their own (primary key, unique): never reported as
   * high-cardinality. Kept so the alerts can be recomputed with other thresholds.
   */
  keyColumns: z.array(z.string()).optional(),
  durationMs: z.number().min(0),
});
export type TableProfile = z.infer<typeof tableProfileSchema>;

export const databaseProfileSchema = z.object({
  tables: z.array(tableProfileSchema),
  profiledAt: z.string(),
});
export type DatabaseProfile = z.infer<typeof databaseProfileSchema>;

/** The steps of a table's profile, in order, as progress reports them. */
export const profileSteps = ['sample', 'statistics', 'details', 'duplicates'] as const;
export type ProfileStep = (typeof profileSteps)[number];

const jobId = z.string();

/**
 * What a profile job in the worker reports, pushed as `profile.event`: the tables it will profile,
 * each step of each table, each table's profile as soon as it is done, and how the job ended.
 */
export const profileEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), jobId, tables: z.array(z.string()) }),
  z.object({
    type: z.literal('progress'),
    jobId,
    table: z.string(),
    /** 0-based position of the table in `started.tables`. */
    tableIndex: count,
    step: z.enum(profileSteps),
  }),
  z.object({ type: z.literal('table'), jobId, tableIndex: count, profile: tableProfileSchema }),
  z.object({ type: z.literal('done'), jobId, profiledAt: z.string() }),
  z.object({ type: z.literal('cancelled'), jobId, tablesDone: count }),
  z.object({ type: z.literal('failed'), jobId, error: tallyErrorSchema }),
]);
export type ProfileEvent = z.infer<typeof profileEventSchema>;

/** Longest part of a value a pattern describes; longer values end in `…`. */
export const patternMaxLength = 40;

/**
 * The format pattern of a text: A–Z as `A`, a–z as `a`, 0–9 as `9`, every other character (spaces,
 * punctuation, letters outside ASCII) kept as it is, runs not collapsed: "Main St. 12" → "Aaaa Aa. 99".
 * The databases compute the same function in SQL (see each dialect's profile-sql.ts).
 */
export function formatPattern(text: string, maxLength = patternMaxLength): string {
  // A loop over UTF-16 units (a surrogate pair is one character): the profiler calls this per value.
  let pattern = '';
  let taken = 0;
  for (let i = 0; i < text.length; i++) {
    if (taken === maxLength) return `${pattern}…`;
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) pattern += 'A';
    else if (code >= 97 && code <= 122) pattern += 'a';
    else if (code >= 48 && code <= 57) pattern += '9';
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      pattern += text.slice(i, i + 2);
      i++;
    } else pattern += text.charAt(i);
    taken++;
  }
  return pattern;
}
