/**
 * The plan: what a consultant rehearses, versions and re-runs. A JSON file (`"tally": 1`) that
 * says, for every target table, where its rows come from and how every target column is filled.
 * It never holds a secret: connections are URLs without passwords.
 */
import { z } from 'zod';
import { portableTypeSchema } from './portable-types';
import { tableRefSchema } from './schema-info';

export const planFormatVersion = 1;

export const transformStepSchema = z.object({
  name: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
});

export const reviewStatusSchema = z.enum(['draft', 'needs-decision', 'agreed']);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

/** Why the auto-mapper proposed a source column, so a person can judge the suggestion. */
export const columnMatchSchema = z.object({
  method: z.enum(['exact', 'normalized', 'fuzzy', 'manual', 'none']),
  /** 0–1; 1 for exact matches. */
  score: z.number().min(0).max(1),
  reason: z.string(),
});
export type ColumnMatch = z.infer<typeof columnMatchSchema>;

export const columnMappingSchema = z.object({
  /** The target column this row fills. */
  target: z.string().min(1),
  targetType: portableTypeSchema,
  targetNullable: z.boolean(),
  /** Source columns fed to the transform chain, in order; empty for constants and defaults. */
  sources: z.array(z.string()),
  transforms: z.array(transformStepSchema).default([]),
  /**
   * What a null (after the transforms) becomes; absent means null stays null (and a NOT NULL
   * target then rejects the row).
   */
  defaultForNull: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** A value that cannot be converted rejects the row, or takes `defaultForNull`. */
  onError: z.enum(['reject', 'default']).default('reject'),
  match: columnMatchSchema.optional(),
  review: z
    .object({
      status: reviewStatusSchema,
      owner: z.string().optional(),
      comment: z.string().optional(),
    })
    .default({ status: 'draft' }),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** The definition of a target table Tally creates when it does not exist yet. */
export const targetTableSchema = z.object({
  columns: z.array(
    z.object({
      name: z.string(),
      type: portableTypeSchema,
      nullable: z.boolean(),
      /** A default expression kept from the source only where it is portable (a literal). */
      defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
    }),
  ),
  primaryKey: z.array(z.string()),
  uniqueConstraints: z.array(z.object({ name: z.string().optional(), columns: z.array(z.string()) })).default([]),
  foreignKeys: z
    .array(
      z.object({
        name: z.string().optional(),
        columns: z.array(z.string()),
        referencedTable: tableRefSchema,
        referencedColumns: z.array(z.string()),
        /** Set when the key closes a cycle: created after the load, or deferred. */
        deferred: z.boolean().default(false),
      }),
    )
    .default([]),
  indexes: z.array(z.object({ name: z.string(), columns: z.array(z.string()), unique: z.boolean() })).default([]),
});
export type TargetTable = z.infer<typeof targetTableSchema>;

/**
 * How far apart a target value may be from the expected one before validation calls it changed:
 * numbers within `absolute` or `relative` (a fraction of the expected value), timestamps within
 * `seconds`. Absent means exact (after the canonical encoding).
 */
export const columnToleranceSchema = z.object({
  absolute: z.number().min(0).optional(),
  relative: z.number().min(0).optional(),
  seconds: z.number().min(0).optional(),
});
export type ColumnTolerance = z.infer<typeof columnToleranceSchema>;

export const writeModeSchema = z.enum(['full', 'upsert', 'incremental']);

export const tableMappingSchema = z.object({
  /** Stable id within the plan (phases and runs refer to it). */
  id: z.string().min(1),
  source: z.union([z.object({ table: tableRefSchema }), z.object({ query: z.string().min(1) })]),
  target: tableRefSchema,
  createIfMissing: z.boolean(),
  /** The table Tally creates when it is missing; derived from the source's portable types. */
  targetTable: targetTableSchema.optional(),
  /** Target columns that identify a row (upserts, keyset reads, validation). */
  keyColumns: z.array(z.string()),
  /** A source-side condition (SQL) that filters rows out; filtered rows are counted, not lost. */
  filter: z.string().optional(),
  writeMode: writeModeSchema.default('full'),
  /** How many rejected rows the run accepts before it stops (all when absent: nothing is lost either way). */
  errorBudget: z
    .object({ rows: z.number().int().min(0).optional(), percent: z.number().min(0).max(100).optional() })
    .optional(),
  /** Incremental mode: the source column whose growth marks new rows. */
  watermarkColumn: z.string().optional(),
  /**
   * Incremental mode: target rows whose key is no longer in the source are deleted (`apply`,
   * recorded for rollback) or only counted and reported (`report`); absent means neither.
   */
  deletes: z.enum(['apply', 'report']).optional(),
  columns: z.array(columnMappingSchema),
  /** Validation: per target column, how far a value may differ and still count as the same. */
  tolerances: z.record(z.string(), columnToleranceSchema).optional(),
});
export type TableMapping = z.infer<typeof tableMappingSchema>;

export const schemaFingerprintSchema = z.object({
  /** sha256 of the canonical snapshot below. */
  hash: z.string(),
  /** Tables and their columns as inspected: enough to say what drifted. */
  tables: z.array(
    z.object({
      schema: z.string().nullable(),
      name: z.string(),
      columns: z.array(z.object({ name: z.string(), type: z.string(), nullable: z.boolean() })),
    }),
  ),
});
export type SchemaFingerprint = z.infer<typeof schemaFingerprintSchema>;

export const planConnectionSchema = z.object({
  /** A URL without a password (`${env:VAR}` references are allowed in it). */
  url: z
    .string()
    .refine((url) => !/:\/\/[^/@\s]*:[^@\s/]+@/.test(url.replace(/\$\{env:[A-Za-z_][A-Za-z0-9_]*\}/g, '')), {
      message: 'A plan never holds a password: remove it from the URL and use PGPASSWORD or TALLY_PASSWORD_<NAME>.',
    }),
  /** The saved connection's name, used for TALLY_PASSWORD_<NAME>. */
  name: z.string().optional(),
});

export const planSchema = z.object({
  tally: z.literal(planFormatVersion),
  name: z.string(),
  createdAt: z.string(),
  source: planConnectionSchema,
  target: planConnectionSchema,
  sourceFingerprint: schemaFingerprintSchema,
  targetFingerprint: schemaFingerprintSchema.optional(),
  /** Ordered groups of table ids: a phase starts when the one before it has finished. */
  phases: z.array(z.object({ name: z.string(), tables: z.array(z.string()) })),
  tables: z.array(tableMappingSchema),
  /**
   * Personal data reviewers may see: `table.column` or `column` entries. Columns that look
   * personal (names, e-mail, phone, address…) are masked in reviewer mode and review packs unless listed.
   */
  pii: z.object({ allow: z.array(z.string()).default([]) }).optional(),
});
export type Plan = z.infer<typeof planSchema>;
export type PlanInput = z.input<typeof planSchema>;
