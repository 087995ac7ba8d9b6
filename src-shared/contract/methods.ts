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
import { databaseProfileSchema, profileOptionsSchema, tableProfileSchema } from '../profile';

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
      mode: z.enum(['full', 'upsert']).optional(),
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
    }),
    z.array(rejectSchema),
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
