/**
 * The API contract: every method Tally's UI, CLI and tests can call, declared once with its
 * input and output schema. The dispatcher validates both at the boundary; every host (Electron
 * IPC, the WebSocket web host, the in-process CLI) serves exactly this map.
 */
import { z } from 'zod';
import { tallyErrorSchema } from '../errors';
import {
  connectionRoleSchema,
  connectionSpecSchema,
  connectionTargetSchema,
  dialectInfoSchema,
  savedConnectionSchema,
} from '../connection';
import { schemaInfoSchema } from '../schema-info';
import { planSchema } from '../plan';
import { driftReportSchema, planChangeSchema } from '../plan-compare';
import { rejectSchema, runSummarySchema } from '../run';
import {
  databaseProfileSchema,
  profileAlertSchema,
  profileOptionsSchema,
  profileThresholdsSchema,
  tableProfileSchema,
} from '../profile';
import { validationResultSchema, validationSummarySchema } from '../validation';
import { auditEntrySchema, auditVerificationSchema } from '../audit';
import {
  pinSchema,
  reviewDecisionSchema,
  reviewerNameSchema,
  reviewPackSchema,
  reviewSchema,
  reviewSummarySchema,
  reviewVerdictSchema,
} from '../review';

type MethodDefinition<I extends z.ZodType, O extends z.ZodType> = { input: I; output: O };

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDefinition<I, O> {
  return { input, output };
}

const empty = z.object({});

export const hostKinds = ['electron', 'web', 'cli', 'test'] as const;

export const methods = {
  /** Which host serves the API, the workspace it has open, and the demo database if one was set up. */
  'app.info': method(
    empty,
    z.object({
      version: z.string(),
      host: z.enum(hostKinds),
      workspacePath: z.string(),
      /** Where passwords the user asks to remember are kept: the OS keychain, or nowhere. */
      secretStore: z.enum(['keychain', 'memory']),
      demoDatabasePath: z.string().nullable(),
    }),
  ),

  /** The dialects Tally speaks, with what a connection form needs to know of each. */
  'dialects.list': method(empty, z.array(dialectInfoSchema)),

  /** Saved connections of the open workspace, newest first. */
  'connections.list': method(empty, z.array(savedConnectionSchema)),

  /**
   * Creates or updates a saved connection. A password is kept only in the host's secret store
   * (the OS keychain in the desktop app; the process memory elsewhere) and never in the workspace.
   */
  'connections.save': method(
    z.object({
      id: z.string().optional(),
      name: z.string().trim().min(1, 'A connection needs a name.'),
      role: connectionRoleSchema,
      spec: connectionSpecSchema,
      password: z.string().optional(),
    }),
    savedConnectionSchema,
  ),

  /** Deletes a saved connection and its stored secret. */
  'connections.delete': method(z.object({ id: z.string() }), z.object({ deleted: z.boolean() })),

  /** Reads a connection URL (`postgres://user@host:5432/db?sslmode=require`, `sqlite:file.db`…) into a spec. */
  'connections.parseUrl': method(
    z.object({ url: z.string() }),
    z.object({ spec: connectionSpecSchema, url: z.string() }),
  ),

  /**
   * Opens a connection and reports whether it works. A failure is data, not an exception: one
   * classified sentence (unreachable host, authentication failed, database missing, TLS refused,
   * timeout). Source connections are opened read-only and say whether the database enforces it.
   */
  'connections.test': method(
    z.object({ target: connectionTargetSchema, password: z.string().optional() }),
    z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        serverVersion: z.string(),
        latencyMs: z.number(),
        readOnly: z.boolean(),
      }),
      z.object({ ok: z.literal(false), error: tallyErrorSchema }),
    ]),
  ),

  /** Inspects a database: tables and views, columns with native and portable types, keys, indexes and row counts. */
  'schema.inspect': method(
    z.object({
      target: connectionTargetSchema,
      password: z.string().optional(),
      /** Only these schemas; all user schemas when absent. */
      schemas: z.array(z.string()).optional(),
    }),
    schemaInfoSchema,
  ),

  /**
   * Builds a plan by inspecting both sides and auto-mapping: every source table (or the chosen
   * ones) to the target table of the same or normalised name, or to a new one; columns by exact,
   * normalised, then fuzzy name, each with its reason; tables in foreign-key order. Not saved.
   */
  'plan.create': method(
    z.object({
      source: connectionTargetSchema,
      target: connectionTargetSchema,
      tables: z.array(z.string()).optional(),
      name: z.string().optional(),
    }),
    planSchema,
  ),

  /** Saves a plan as a new version in the workspace (every save is kept). */
  'plan.save': method(
    z.object({ planId: z.string().optional(), plan: planSchema, note: z.string().optional() }),
    z.object({ planId: z.string(), version: z.number().int(), savedAt: z.string(), unchanged: z.boolean() }),
  ),

  /**
   * Reads a plan file's text (as exported, or written by `tally plan`), checks it, and saves it as
   * a new plan or as the next version of `planId`. A bad file is refused with one sentence saying where.
   */
  'plan.import': method(
    z.object({ content: z.string(), planId: z.string().optional(), note: z.string().optional() }),
    z.object({
      planId: z.string(),
      version: z.number().int(),
      savedAt: z.string(),
      unchanged: z.boolean(),
      plan: planSchema,
    }),
  ),

  /** Plans of the workspace with their latest version. */
  'plan.list': method(
    empty,
    z.array(z.object({ planId: z.string(), name: z.string(), latestVersion: z.number().int(), savedAt: z.string() })),
  ),

  /** One version of a saved plan (the latest when no version is given). */
  'plan.get': method(
    z.object({ planId: z.string(), version: z.number().int().optional() }),
    z.object({ planId: z.string(), version: z.number().int(), savedAt: z.string(), plan: planSchema }),
  ),

  /** Every saved version of a plan, newest first. */
  'plan.history': method(
    z.object({ planId: z.string() }),
    z.array(
      z.object({ version: z.number().int(), savedAt: z.string(), note: z.string().nullable(), hash: z.string() }),
    ),
  ),

  /** What changed between two versions of a plan, table by table and column by column. */
  'plan.diff': method(
    z.object({ planId: z.string(), from: z.number().int(), to: z.number().int() }),
    z.object({ changes: z.array(planChangeSchema) }),
  ),

  /** Compares the plan's recorded schemas with the databases as they are now. */
  'plan.drift': method(z.object({ plan: planSchema }), driftReportSchema),

  /** The DDL Tally would run on the target for a table the plan creates, in the target's dialect. */
  'plan.ddl': method(
    z.object({ plan: planSchema, tableId: z.string() }),
    z.object({
      dialect: z.string(),
      createTable: z.array(z.string()),
      indexes: z.array(z.string()),
      foreignKeys: z.array(z.string()),
    }),
  ),

  /**
   * A sample of real source rows for the live preview. Values arrive JSON-safe: dates as ISO
   * text, binary as hex, big integers as text.
   */
  'plan.sampleRows': method(
    z.object({ plan: planSchema, tableId: z.string(), limit: z.number().int().min(1).max(1000).default(50) }),
    z.object({
      columns: z.array(z.string()),
      rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
      /** True when the rows are a random sample rather than the first rows. */
      sampled: z.boolean(),
    }),
  ),

  /**
   * Profiles one table (`table` or `schema.table`) inside the database, on a read-only session:
   * per column nulls, empty strings, distinct values, min/max, lengths, top values, format
   * patterns and a histogram; duplicate candidate keys; orphans of declared and likely foreign
   * keys; alerts against the given thresholds. Tables above `sampleAbove` rows are profiled on a
   * sample, labelled as such, unless `full` is set.
   */
  'profile.table': method(
    z.object({ target: connectionTargetSchema, table: z.string().min(1), options: profileOptionsSchema.optional() }),
    tableProfileSchema,
  ),

  /** Profiles every table of the database (or the named ones), one after the other, on one read-only session. */
  'profile.database': method(
    z.object({
      target: connectionTargetSchema,
      tables: z.array(z.string().min(1)).optional(),
      options: profileOptionsSchema.optional(),
    }),
    databaseProfileSchema,
  ),

  /**
   * Starts profiling a source (every table, or the named ones) in a worker process and answers
   * with the job's id at once; each step, each finished table and the end arrive as
   * `profile.event` events. The host stays responsive; `profile.cancel` stops the job.
   */
  'profile.start': method(
    z.object({
      target: connectionTargetSchema,
      tables: z.array(z.string().min(1)).optional(),
      options: profileOptionsSchema.optional(),
    }),
    z.object({ jobId: z.string() }),
  ),

  /** Cancels a profile job at its next statement; the tables already profiled were reported. */
  'profile.cancel': method(z.object({ jobId: z.string() }), z.object({ ok: z.boolean() })),

  /** The alerts of a finished table profile against other thresholds (no database is read). */
  'profile.alerts': method(
    z.object({ profile: tableProfileSchema, thresholds: profileThresholdsSchema.partial().optional() }),
    z.array(profileAlertSchema),
  ),

  /** A self-contained HTML report (inline charts, no script, no network) of the given table profiles. */
  'profile.report': method(
    z.object({ source: z.string(), profiledAt: z.string(), tables: z.array(tableProfileSchema) }),
    z.object({ html: z.string() }),
  ),

  /**
   * Starts (or resumes, when an unfinished run of the same plan exists) a run in a worker
   * process and answers once the run exists; progress arrives as `run.event` events.
   */
  'run.start': method(
    z.object({
      plan: planSchema,
      fresh: z.boolean().optional(),
      /** Rehearse into scratch twins of the target tables, dropped at the end. */
      dryRun: z.boolean().optional(),
      /** Overrides every table's write mode. */
      mode: z.enum(['full', 'upsert', 'incremental']).optional(),
      allowDrift: z.boolean().optional(),
      batchRows: z.number().int().min(1).optional(),
    }),
    z.object({ runId: z.string(), resumed: z.boolean() }),
  ),

  /** Pauses a running run at its next batch boundary. */
  'run.pause': method(z.object({ runId: z.string() }), z.object({ ok: z.boolean() })),

  /** Resumes a paused run. */
  'run.resume': method(z.object({ runId: z.string() }), z.object({ ok: z.boolean() })),

  /** Cancels a run at its next batch boundary; what was committed stays, and the run can resume later. */
  'run.cancel': method(z.object({ runId: z.string() }), z.object({ ok: z.boolean() })),

  /** The workspace's runs, newest first, with each table's accounting. */
  'run.list': method(empty, z.array(runSummarySchema)),

  /** The quarantine of a run: rejected rows with their reasons, optionally of one table. */
  'run.rejects': method(
    z.object({
      runId: z.string(),
      tableId: z.string().optional(),
      limit: z.number().int().min(1).max(10_000).default(500),
      /** Paging: how many rejects (in the order they were quarantined) to skip. */
      offset: z.number().int().min(0).optional(),
    }),
    z.array(rejectSchema),
  ),

  /**
   * Replays a table's rejects of a run with the given (fixed) plan: each row is read again from the
   * source by its key and written; rows that load leave the quarantine and count as written.
   */
  'run.replayRejects': method(
    z.object({ runId: z.string(), tableId: z.string(), plan: planSchema }),
    z.object({
      runId: z.string(),
      tableId: z.string(),
      replayed: z.number(),
      loaded: z.number(),
      stillRejected: z.number(),
      reasons: z.array(z.string()),
    }),
  ),

  /** A run's quarantine (optionally of one table) as CSV text, with how many rows it holds. */
  'run.rejectsCsv': method(
    z.object({ runId: z.string(), tableId: z.string().optional() }),
    z.object({ csv: z.string(), rows: z.number() }),
  ),

  /**
   * Starts (or resumes, when an unfinished validation of the same plan exists) a validation of the
   * plan's tables: counts against the latest run's accounting, then segment checksums bisected down
   * to the rows that differ, compared through the plan's mapping. Answers once it exists; progress
   * arrives as `validate.event` events, the result through `validate.get`.
   */
  'validate.start': method(
    z.object({
      plan: planSchema,
      /** The saved plan (and version) this is, so the result can name it. */
      planId: z.string().optional(),
      planVersion: z.number().int().optional(),
      /** Rows per table for the sample review (layer 3). */
      sample: z.number().int().min(0).optional(),
      /** Only these table ids; all of the plan's tables when absent. */
      tables: z.array(z.string()).optional(),
      /** Start over instead of resuming an unfinished validation's checkpointed segments. */
      fresh: z.boolean().optional(),
    }),
    z.object({ validationId: z.string(), resumed: z.boolean() }),
  ),

  /** A validation's result so far (status `running` while it runs). */
  'validate.get': method(z.object({ validationId: z.string() }), validationResultSchema),

  /** The workspace's validations, newest first. */
  'validate.list': method(empty, z.array(validationSummarySchema)),

  /** Cancels a running validation at its next segment; its checkpointed segments stay for a resume. */
  'validate.cancel': method(z.object({ validationId: z.string() }), z.object({ ok: z.boolean() })),

  /**
   * Draws a sample review (validation layer 3), reproducible by seed: per table ordinary rows,
   * rows with rare patterns or values, rows beside the latest run's rejects, and pinned rows; each
   * as a record card (source row, the row the mapping expects, the target's row) with differing
   * fields and their causes. Kept in the workspace.
   */
  'review.create': method(
    z.object({
      plan: planSchema,
      planId: z.string().optional(),
      planVersion: z.number().int().optional(),
      validationId: z.string().optional(),
      perTable: z.number().int().min(1).max(500).default(8),
      seed: z.number().int().min(0).optional(),
      tables: z.array(z.string()).optional(),
    }),
    reviewSchema,
  ),

  /** A review with its records and decisions (the latest when no id is given; null when there is none). Reviewer mode asks for it masked. */
  'review.get': method(
    z.object({ reviewId: z.string().optional(), masked: z.boolean().optional() }),
    reviewSchema.nullable(),
  ),

  /** The workspace's reviews, newest first, with their decision counts. */
  'review.list': method(empty, z.array(reviewSummarySchema)),

  /** Approves or flags (with a note) one record; recorded with the reviewer's name and time, and in the audit trail. */
  'review.decide': method(
    z.object({
      reviewId: z.string(),
      recordId: z.string(),
      decision: reviewVerdictSchema,
      note: z.string().optional(),
      reviewer: reviewerNameSchema,
    }),
    reviewDecisionSchema,
  ),

  /** Pins a record so every later validation of the plan re-checks it. */
  'review.pin': method(
    z.object({ reviewId: z.string(), recordId: z.string(), note: z.string().optional(), by: reviewerNameSchema }),
    pinSchema,
  ),

  'review.unpin': method(z.object({ pinId: z.number().int(), by: reviewerNameSchema }), z.object({ ok: z.boolean() })),

  /** Pinned records (of one plan, by name, or all). */
  'review.pins': method(z.object({ planName: z.string().optional() }), z.array(pinSchema)),

  /**
   * Exports a review as one pack file for a reviewer without database access: its records with
   * personal data masked, sealed with a content hash the workspace records.
   */
  'review.exportPack': method(
    z.object({ reviewId: z.string(), exportedBy: reviewerNameSchema.optional() }),
    z.object({
      packId: z.string(),
      fileName: z.string(),
      content: z.string(),
      contentHash: z.string(),
      records: z.number().int(),
      masked: z.array(z.string()),
    }),
  ),

  /** Opens a review pack in reviewer mode; an altered pack is refused with one sentence. */
  'review.openPack': method(z.object({ content: z.string() }), reviewPackSchema),

  /** Imports a reviewer's decisions file into the review its pack came from; refused when the pack or file was altered. */
  'review.importDecisions': method(
    z.object({ content: z.string(), importedBy: reviewerNameSchema.optional() }),
    z.object({ packId: z.string(), reviewId: z.string(), imported: z.number().int(), reviewers: z.array(z.string()) }),
  ),

  /** The audit trail, newest first. */
  'audit.list': method(
    z.object({ limit: z.number().int().min(1).max(10_000).default(200) }),
    z.array(auditEntrySchema),
  ),

  /** Walks the audit trail's hash chain; names the first entry that does not hold. */
  'audit.verify': method(empty, auditVerificationSchema),

  /**
   * The sign-off report as one printable HTML document. With `signedBy`, the sign-off is first
   * appended to the audit trail and the report states it.
   */
  'report.signoff': method(
    z.object({
      planId: z.string().optional(),
      planVersion: z.number().int().optional(),
      reviewId: z.string().optional(),
      validationId: z.string().optional(),
      signedBy: reviewerNameSchema.optional(),
      statement: z.string().optional(),
    }),
    z.object({ html: z.string(), fileName: z.string(), audit: auditVerificationSchema }),
  ),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
