/**
 * Runs in the workspace: each run, each table's checkpoint and accounting, and the quarantine.
 * A batch's rejects, its checkpoint and its counts are committed in one transaction, so the
 * workspace never says a batch was loaded without also holding what it rejected.
 */
import { randomUUID } from 'node:crypto';
import { TallyError } from '../../src-shared/errors';
import type { TableRef } from '../../src-shared/schema-info';
import type { SqliteDatabase } from '../dialects/sqlite/native';
import type { AuditLog } from '../audit/audit-log';

export type RunStatus = 'running' | 'paused' | 'done' | 'failed' | 'cancelled';
export type RunTableStatus = 'pending' | 'loading' | 'loaded' | 'done' | 'failed';

export type RunTableState = {
  tableId: string;
  position: number;
  status: RunTableStatus;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  /** The last source key whose batch is committed, or null before the first batch. */
  lastKey: unknown[] | null;
  /** A batch that was being written when the process stopped: keys after `after` up to `last`. */
  pending: { after: unknown[] | null; last: unknown[] } | null;
  seconds: number;
  message: string | null;
  /** Target rows an incremental run deleted because their key left the source. */
  deleted: number;
  /** Incremental: the watermark range (from, to] this run reads, fixed at its start. */
  watermark: { from: unknown; to: unknown } | null;
  /** Target keys whose deletion was under way when the process stopped. */
  deletesPending: unknown[][] | null;
  /** A warning that belongs to the table's result (e.g. a table without a key). */
  note: string | null;
};

export type RunRecord = {
  id: string;
  planName: string;
  planHash: string;
  planJson: string;
  mode: string;
  dryRun: boolean;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
};

export type RejectInput = {
  rowKey: string;
  column: string | null;
  rawValue: string | null;
  reason: string;
  rowJson: string;
};

export type RejectRecord = RejectInput & { id: number; runId: string; tableId: string; createdAt: string };

type RunRow = {
  id: string;
  plan_name: string;
  plan_hash: string;
  plan_json: string;
  mode: string;
  dry_run: number;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  message: string | null;
};

type RunTableRow = {
  table_id: string;
  position: number;
  status: RunTableStatus;
  rows_read: number;
  rows_written: number;
  rows_rejected: number;
  rows_filtered: number;
  last_key_json: string | null;
  pending_json: string | null;
  seconds: number;
  message: string | null;
  rows_deleted: number;
  watermark_json: string | null;
  deletes_pending_json: string | null;
  note: string | null;
};

function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    planName: row.plan_name,
    planHash: row.plan_hash,
    planJson: row.plan_json,
    mode: row.mode,
    dryRun: row.dry_run === 1,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    message: row.message,
  };
}

function toTable(row: RunTableRow): RunTableState {
  return {
    tableId: row.table_id,
    position: row.position,
    status: row.status,
    read: row.rows_read,
    written: row.rows_written,
    rejected: row.rows_rejected,
    filtered: row.rows_filtered,
    lastKey: row.last_key_json === null ? null : (JSON.parse(row.last_key_json) as unknown[]),
    pending: row.pending_json === null ? null : (JSON.parse(row.pending_json) as RunTableState['pending']),
    seconds: row.seconds,
    message: row.message,
    deleted: row.rows_deleted,
    watermark: row.watermark_json === null ? null : (reviveJson(row.watermark_json) as { from: unknown; to: unknown }),
    deletesPending: row.deletes_pending_json === null ? null : (reviveJson(row.deletes_pending_json) as unknown[][]),
    note: row.note,
  };
}

/**
 * JSON that gives values back with their JavaScript type: dates, big integers and bytes are
 * tagged, so a watermark or key bound to a statement later compares as the value it was read as.
 */
export function taggedJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, name: string, v: unknown) {
    const raw = this[name];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof v === 'bigint') return { $bigint: v.toString() };
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString('base64') };
    return v;
  });
}

export function reviveJson(text: string): unknown {
  return JSON.parse(text, (_name, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const tagged = v as { $date?: string; $bigint?: string; $bytes?: string };
      if (typeof tagged.$date === 'string') return new Date(tagged.$date);
      if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
      if (typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
    }
    return v;
  });
}

/** Where an upsert or incremental run keeps, on the target, what it needs to be rolled back. */
export type RunRowLog = {
  tableId: string;
  position: number;
  target: TableRef;
  /** The target rows as they were before the run first touched them (same columns as the target). */
  preimage: TableRef;
  /** Every target key the run wrote or deleted. */
  keys: TableRef;
  keyColumns: string[];
};

/** Keys go through JSON; big integers as text so no digit is lost. */
export function keyJson(key: readonly unknown[] | null): string | null {
  return key === null
    ? null
    : JSON.stringify(key, (_name, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

export type RunChange = {
  tableId: string;
  position: number;
  kind: 'created' | 'emptied';
  target: TableRef;
  /** Where an emptied table's previous rows were copied (null when it held none). */
  backup: TableRef | null;
  backupComplete: boolean;
};

export class RunStore {
  constructor(
    private readonly db: SqliteDatabase,
    /** Where run starts, ends and rollbacks are recorded (absent in stores made for a test). */
    private readonly audit?: AuditLog,
  ) {}

  createRun(input: {
    planName: string;
    planHash: string;
    planJson: string;
    mode: string;
    dryRun: boolean;
    tableIds: readonly string[];
  }): RunRecord {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO runs (id, plan_name, plan_hash, plan_json, mode, dry_run, status, started_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`,
        )
        .run(id, input.planName, input.planHash, input.planJson, input.mode, input.dryRun ? 1 : 0, now);
      const insert = this.db.prepare(
        `INSERT INTO run_tables (run_id, table_id, position, status) VALUES (?, ?, ?, 'pending')`,
      );
      input.tableIds.forEach((tableId, position) => insert.run(id, tableId, position));
    })();
    // Its own (immediate) transaction: another process may be appending to the audit log at the same moment.
    this.audit?.append({
      kind: 'run.started',
      subject: id,
      summary: `${input.dryRun ? 'Dry run' : 'Run'} of plan "${input.planName}" started (${input.mode}, ${input.tableIds.length} tables).`,
      details: { planHash: input.planHash, mode: input.mode, dryRun: input.dryRun, tables: [...input.tableIds] },
    });
    return this.getRun(id);
  }

  getRun(runId: string): RunRecord {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
    if (!row) throw new TallyError('not-found', `There is no run with id ${runId}.`);
    return toRun(row);
  }

  /** The newest run of a plan (by its hash) that did not finish, to resume. */
  findUnfinishedRun(planHash: string, mode: string): RunRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM runs WHERE plan_hash = ? AND mode = ? AND dry_run = 0 AND status IN ('running', 'paused', 'failed') ORDER BY started_at DESC LIMIT 1`,
      )
      .get(planHash, mode) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  listRuns(): RunRecord[] {
    return (this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC').all() as RunRow[]).map(toRun);
  }

  setRunStatus(runId: string, status: RunStatus, message: string | null = null): void {
    const finished =
      status === 'done' || status === 'failed' || status === 'cancelled' ? new Date().toISOString() : null;
    this.db
      .prepare('UPDATE runs SET status = ?, message = ?, finished_at = ? WHERE id = ?')
      .run(status, message, finished, runId);
    if (finished && this.audit) {
      const run = this.getRun(runId);
      const tables = this.tables(runId).map((t) => ({
        table: t.tableId,
        read: t.read,
        written: t.written,
        rejected: t.rejected,
        filtered: t.filtered,
      }));
      this.audit.append({
        kind: 'run.finished',
        subject: runId,
        summary: `${run.dryRun ? 'Dry run' : 'Run'} of plan "${run.planName}" ${status}${message ? `: ${message}` : '.'}`,
        details: { status, planHash: run.planHash, dryRun: run.dryRun, tables },
      });
    }
  }

  tables(runId: string): RunTableState[] {
    return (
      this.db.prepare('SELECT * FROM run_tables WHERE run_id = ? ORDER BY position').all(runId) as RunTableRow[]
    ).map(toTable);
  }

  table(runId: string, tableId: string): RunTableState {
    const row = this.db.prepare('SELECT * FROM run_tables WHERE run_id = ? AND table_id = ?').get(runId, tableId) as
      RunTableRow | undefined;
    if (!row) throw new TallyError('not-found', `Run ${runId} has no table ${tableId}.`);
    return toTable(row);
  }

  setTableStatus(runId: string, tableId: string, status: RunTableStatus, message: string | null = null): void {
    this.db
      .prepare('UPDATE run_tables SET status = ?, message = ? WHERE run_id = ? AND table_id = ?')
      .run(status, message, runId, tableId);
  }

  /** Written before a batch goes to the target: if the process dies, resume knows which keys to clear. */
  markPending(runId: string, tableId: string, pending: { after: unknown[] | null; last: unknown[] }): void {
    this.db.prepare('UPDATE run_tables SET pending_json = ? WHERE run_id = ? AND table_id = ?').run(
      JSON.stringify({ after: pending.after, last: pending.last }, (_n, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
      runId,
      tableId,
    );
  }

  clearPending(runId: string, tableId: string): void {
    this.db.prepare('UPDATE run_tables SET pending_json = NULL WHERE run_id = ? AND table_id = ?').run(runId, tableId);
  }

  /** One committed batch: its counts, its rejects and the new checkpoint, together. */
  commitBatch(
    runId: string,
    tableId: string,
    batch: {
      lastKey: readonly unknown[];
      read: number;
      written: number;
      filtered: number;
      rejects: readonly RejectInput[];
      seconds: number;
    },
  ): void {
    this.db.transaction(() => {
      const rejected = this.insertRejects(runId, tableId, batch.rejects);
      this.db
        .prepare(
          `UPDATE run_tables SET rows_read = rows_read + ?, rows_written = rows_written + ?, rows_rejected = rows_rejected + ?,
             rows_filtered = rows_filtered + ?, last_key_json = ?, pending_json = NULL, seconds = seconds + ?, status = 'loading'
           WHERE run_id = ? AND table_id = ?`,
        )
        .run(
          batch.read,
          batch.written,
          rejected,
          batch.filtered,
          keyJson(batch.lastKey),
          batch.seconds,
          runId,
          tableId,
        );
    })();
  }

  /** Adds rejects, each row at most once per run and table; answers how many were new. */
  private insertRejects(runId: string, tableId: string, rejects: readonly RejectInput[]): number {
    const now = new Date().toISOString();
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO rejects (run_id, table_id, row_key, column_name, raw_value, reason, row_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let added = 0;
    for (const r of rejects)
      added += insert.run(runId, tableId, r.rowKey, r.column, r.rawValue, r.reason, r.rowJson, now).changes;
    return added;
  }

  /** Rows removed after the load (orphans of a key): they move from written to rejected. */
  quarantineWritten(runId: string, tableId: string, rejects: readonly RejectInput[]): number {
    return this.db.transaction(() => {
      const moved = this.insertRejects(runId, tableId, rejects);
      this.db
        .prepare(
          'UPDATE run_tables SET rows_written = rows_written - ?, rows_rejected = rows_rejected + ? WHERE run_id = ? AND table_id = ?',
        )
        .run(moved, moved, runId, tableId);
      return moved;
    })();
  }

  /** Recorded before the change is made, so a rollback knows of every change that may have happened. */
  recordChange(runId: string, change: Omit<RunChange, 'backupComplete'>): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO run_changes (run_id, table_id, position, kind, target_json, backup_json) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        change.tableId,
        change.position,
        change.kind,
        JSON.stringify(change.target),
        change.backup ? JSON.stringify(change.backup) : null,
      );
  }

  changes(runId: string): RunChange[] {
    const rows = this.db.prepare('SELECT * FROM run_changes WHERE run_id = ? ORDER BY position').all(runId) as {
      table_id: string;
      position: number;
      kind: 'created' | 'emptied';
      target_json: string;
      backup_json: string | null;
      backup_complete: number;
    }[];
    return rows.map((r) => ({
      tableId: r.table_id,
      position: r.position,
      kind: r.kind,
      target: JSON.parse(r.target_json) as TableRef,
      backup: r.backup_json ? (JSON.parse(r.backup_json) as TableRef) : null,
      backupComplete: r.backup_complete === 1,
    }));
  }

  markBackupComplete(runId: string, tableId: string): void {
    this.db.prepare('UPDATE run_changes SET backup_complete = 1 WHERE run_id = ? AND table_id = ?').run(runId, tableId);
  }

  markRolledBack(runId: string): void {
    this.db.prepare('UPDATE runs SET rolled_back_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
    const run = this.getRun(runId);
    this.audit?.append({
      kind: 'run.rolled-back',
      subject: runId,
      summary: `Run of plan "${run.planName}" was rolled back.`,
      details: {
        planHash: run.planHash,
        changes: this.changes(runId).map((c) => ({ table: c.tableId, kind: c.kind })),
      },
    });
  }

  rolledBackAt(runId: string): string | null {
    const row = this.db.prepare('SELECT rolled_back_at FROM runs WHERE id = ?').get(runId) as
      { rolled_back_at: string | null } | undefined;
    return row?.rolled_back_at ?? null;
  }

  /** Incremental: the range a run reads, fixed when the table starts so that a resume reads the same rows. */
  setWatermarkRange(runId: string, tableId: string, range: { from: unknown; to: unknown }): void {
    this.db
      .prepare('UPDATE run_tables SET watermark_json = ? WHERE run_id = ? AND table_id = ?')
      .run(taggedJson(range), runId, tableId);
  }

  /** The high-water mark of a table (see `table_watermarks`), or undefined before its first committed run. */
  watermark(tableKey: string): { value: unknown; runId: string } | undefined {
    const row = this.db
      .prepare('SELECT watermark_json, run_id FROM table_watermarks WHERE table_key = ?')
      .get(tableKey) as { watermark_json: string; run_id: string } | undefined;
    return row ? { value: reviveJson(row.watermark_json), runId: row.run_id } : undefined;
  }

  /** A run commits: its tables' high-water marks advance and it is done, in one transaction. */
  finishWithWatermarks(runId: string, marks: readonly { tableKey: string; value: unknown }[]): void {
    this.db.transaction(() => {
      const upsert = this.db.prepare(
        `INSERT INTO table_watermarks (table_key, watermark_json, run_id, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (table_key) DO UPDATE SET watermark_json = excluded.watermark_json, run_id = excluded.run_id, updated_at = excluded.updated_at`,
      );
      const now = new Date().toISOString();
      for (const mark of marks) upsert.run(mark.tableKey, taggedJson(mark.value), runId, now);
      this.setRunStatus(runId, 'done');
    })();
  }

  /** A rolled-back run's marks go back to what they were before it (or away, when it set the first one). */
  restoreWatermarks(runId: string, previous: readonly { tableKey: string; value: unknown }[]): void {
    this.db.transaction(() => {
      for (const mark of previous)
        if (mark.value === null || mark.value === undefined)
          this.db.prepare('DELETE FROM table_watermarks WHERE table_key = ? AND run_id = ?').run(mark.tableKey, runId);
        else
          this.db
            .prepare(
              'UPDATE table_watermarks SET watermark_json = ?, run_id = ?, updated_at = ? WHERE table_key = ? AND run_id = ?',
            )
            .run(taggedJson(mark.value), `before ${runId}`, new Date().toISOString(), mark.tableKey, runId);
    })();
  }

  /** Written before target rows are deleted: a resume deletes them again and counts them once. */
  markDeletesPending(runId: string, tableId: string, keys: readonly (readonly unknown[])[]): void {
    this.db
      .prepare('UPDATE run_tables SET deletes_pending_json = ? WHERE run_id = ? AND table_id = ?')
      .run(taggedJson(keys), runId, tableId);
  }

  commitDeletes(runId: string, tableId: string, count: number): void {
    this.db
      .prepare(
        'UPDATE run_tables SET rows_deleted = rows_deleted + ?, deletes_pending_json = NULL WHERE run_id = ? AND table_id = ?',
      )
      .run(count, runId, tableId);
  }

  setTableNote(runId: string, tableId: string, note: string | null): void {
    this.db.prepare('UPDATE run_tables SET note = ? WHERE run_id = ? AND table_id = ?').run(note, runId, tableId);
  }

  /** A table read again from its start (a keyless table after a crash): counts, checkpoint and rejects go. */
  resetTable(runId: string, tableId: string): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE run_tables SET rows_read = 0, rows_written = 0, rows_rejected = 0, rows_filtered = 0, last_key_json = NULL,
             pending_json = NULL, seconds = 0 WHERE run_id = ? AND table_id = ?`,
        )
        .run(runId, tableId);
      this.db.prepare('DELETE FROM rejects WHERE run_id = ? AND table_id = ?').run(runId, tableId);
    })();
  }

  /** Recorded before the first batch of an upsert or incremental table is written. */
  recordRowLog(runId: string, log: RunRowLog): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO run_row_logs (run_id, table_id, position, target_json, preimage_json, keys_json, key_columns_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        runId,
        log.tableId,
        log.position,
        JSON.stringify(log.target),
        JSON.stringify(log.preimage),
        JSON.stringify(log.keys),
        JSON.stringify(log.keyColumns),
      );
  }

  rowLogs(runId: string): RunRowLog[] {
    const rows = this.db.prepare('SELECT * FROM run_row_logs WHERE run_id = ? ORDER BY position').all(runId) as {
      table_id: string;
      position: number;
      target_json: string;
      preimage_json: string;
      keys_json: string;
      key_columns_json: string;
    }[];
    return rows.map((r) => ({
      tableId: r.table_id,
      position: r.position,
      target: JSON.parse(r.target_json) as TableRef,
      preimage: JSON.parse(r.preimage_json) as TableRef,
      keys: JSON.parse(r.keys_json) as TableRef,
      keyColumns: JSON.parse(r.key_columns_json) as string[],
    }));
  }

  /** The run's copies on the target were dropped: it can no longer be rolled back. */
  markForgotten(runId: string): void {
    this.db.prepare('UPDATE runs SET forgotten_at = ? WHERE id = ?').run(new Date().toISOString(), runId);
  }

  forgottenAt(runId: string): string | null {
    const row = this.db.prepare('SELECT forgotten_at FROM runs WHERE id = ?').get(runId) as
      { forgotten_at: string | null } | undefined;
    return row?.forgotten_at ?? null;
  }

  rejectCount(runId: string, tableId?: string): number {
    const row = (
      tableId === undefined
        ? this.db.prepare('SELECT count(*) AS n FROM rejects WHERE run_id = ?').get(runId)
        : this.db.prepare('SELECT count(*) AS n FROM rejects WHERE run_id = ? AND table_id = ?').get(runId, tableId)
    ) as { n: number };
    return row.n;
  }

  /** Replayed rows that now loaded leave the quarantine: they move from rejected to written. */
  releaseRejects(runId: string, tableId: string, ids: readonly number[]): number {
    return this.db.transaction(() => {
      const remove = this.db.prepare('DELETE FROM rejects WHERE id = ? AND run_id = ? AND table_id = ?');
      let released = 0;
      for (const id of ids) released += remove.run(id, runId, tableId).changes;
      this.db
        .prepare(
          'UPDATE run_tables SET rows_written = rows_written + ?, rows_rejected = rows_rejected - ? WHERE run_id = ? AND table_id = ?',
        )
        .run(released, released, runId, tableId);
      return released;
    })();
  }

  rejects(runId: string, tableId?: string, limit = 1000, offset = 0): RejectRecord[] {
    const rows = (
      tableId === undefined
        ? this.db
            .prepare('SELECT * FROM rejects WHERE run_id = ? ORDER BY id LIMIT ? OFFSET ?')
            .all(runId, limit, offset)
        : this.db
            .prepare('SELECT * FROM rejects WHERE run_id = ? AND table_id = ? ORDER BY id LIMIT ? OFFSET ?')
            .all(runId, tableId, limit, offset)
    ) as {
      id: number;
      run_id: string;
      table_id: string;
      row_key: string;
      column_name: string | null;
      raw_value: string | null;
      reason: string;
      row_json: string;
      created_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      tableId: r.table_id,
      rowKey: r.row_key,
      column: r.column_name,
      rawValue: r.raw_value,
      reason: r.reason,
      rowJson: r.row_json,
      createdAt: r.created_at,
    }));
  }
}
