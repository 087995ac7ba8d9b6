/**
 * Runs in the workspace: each run, each table's checkpoint and accounting, and the quarantine.
 * A batch's rejects, its checkpoint and its counts are committed in one transaction, so the
 * workspace never says a batch was loaded without also holding what it rejected.
 */
import { randomUUID } from 'node:crypto';
import { TallyError } from '../../src-shared/errors';
import type { TableRef } from '../../src-shared/schema-info';
import type { SqliteDatabase } from '../dialects/sqlite/native';

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
  };
}

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
  constructor(private readonly db: SqliteDatabase) {}

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
  }

  rolledBackAt(runId: string): string | null {
    const row = this.db.prepare('SELECT rolled_back_at FROM runs WHERE id = ?').get(runId) as
      { rolled_back_at: string | null } | undefined;
    return row?.rolled_back_at ?? null;
  }

  rejects(runId: string, tableId?: string, limit = 1000): RejectRecord[] {
    const rows = (
      tableId === undefined
        ? this.db.prepare('SELECT * FROM rejects WHERE run_id = ? ORDER BY id LIMIT ?').all(runId, limit)
        : this.db
            .prepare('SELECT * FROM rejects WHERE run_id = ? AND table_id = ? ORDER BY id LIMIT ?')
            .all(runId, tableId, limit)
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
