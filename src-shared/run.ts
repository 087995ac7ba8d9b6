/** Runs as the API reports them: each table's accounting and the events a running plan pushes. */
import { z } from 'zod';
import { tallyErrorSchema } from './errors';

export const tableAccountingSchema = z.object({
  tableId: z.string(),
  source: z.string(),
  target: z.string(),
  read: z.number(),
  written: z.number(),
  rejected: z.number(),
  filtered: z.number(),
  /** Incremental runs: target rows deleted because their key left the source. */
  deleted: z.number().optional(),
  /** A warning that belongs to the table's result (deletes only reported, …). */
  note: z.string().optional(),
  seconds: z.number(),
  status: z.enum(['pending', 'loading', 'loaded', 'done', 'failed']),
});
export type TableAccounting = z.infer<typeof tableAccountingSchema>;

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), resumed: z.boolean(), tables: z.array(z.string()) }),
  z.object({
    type: z.literal('progress'),
    runId: z.string(),
    tableId: z.string(),
    read: z.number(),
    written: z.number(),
    rejected: z.number(),
    filtered: z.number(),
    rowsPerSecond: z.number(),
    totalRows: z.number().nullable(),
    etaSeconds: z.number().nullable(),
  }),
  z.object({
    type: z.literal('reject'),
    runId: z.string(),
    tableId: z.string(),
    rowKey: z.string(),
    column: z.string().nullable(),
    reason: z.string(),
  }),
  /** Keys travel as JSON-safe values (big integers as text). */
  z.object({ type: z.literal('checkpoint'), runId: z.string(), tableId: z.string(), lastKey: z.array(z.unknown()) }),
  z.object({ type: z.literal('log'), runId: z.string(), level: z.enum(['info', 'warn']), message: z.string() }),
  z.object({ type: z.literal('table-done'), runId: z.string(), table: tableAccountingSchema }),
  /** Up front, once the source is inspected: each table's row count or estimate (null for a query). */
  z.object({
    type: z.literal('planned'),
    runId: z.string(),
    tables: z.array(z.object({ tableId: z.string(), estimatedRows: z.number().nullable() })),
  }),
  /** A table's rows are all in (its accounting is proven with the others' at the end). */
  z.object({ type: z.literal('table-loaded'), runId: z.string(), table: tableAccountingSchema }),
  /** The run holds at a batch boundary until resumed. */
  z.object({ type: z.literal('paused'), runId: z.string(), tableId: z.string() }),
  z.object({ type: z.literal('resumed'), runId: z.string(), tableId: z.string() }),
  z.object({
    type: z.literal('done'),
    runId: z.string(),
    status: z.enum(['done', 'cancelled']),
    tables: z.array(tableAccountingSchema),
  }),
  z.object({
    type: z.literal('failed'),
    runId: z.string().nullable(),
    error: tallyErrorSchema,
    tables: z.array(tableAccountingSchema),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;

export const runSummarySchema = z.object({
  runId: z.string(),
  planName: z.string(),
  /** The mode the run was asked for: full, upsert, incremental, or plan (each table's own). */
  mode: z.string().optional(),
  dryRun: z.boolean().optional(),
  status: z.enum(['running', 'paused', 'done', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
  tables: z.array(tableAccountingSchema),
});
export type RunSummaryInfo = z.infer<typeof runSummarySchema>;

export const rejectSchema = z.object({
  id: z.number(),
  tableId: z.string(),
  rowKey: z.string(),
  column: z.string().nullable(),
  rawValue: z.string().nullable(),
  reason: z.string(),
  /** The source row as read, JSON. */
  rowJson: z.string(),
  createdAt: z.string(),
});
export type RejectInfo = z.infer<typeof rejectSchema>;
