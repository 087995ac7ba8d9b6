/**
 * Validations in the workspace: each validation, each finished table's result, and every compared
 * segment, so an interrupted validation resumes after the last segment it finished.
 */
import { randomUUID } from 'node:crypto';
import { TallyError, type TallyErrorData } from '../../src-shared/errors';
import { tableValidationSchema, type TableValidation, type ValidationStatus } from '../../src-shared/validation';
import type { SqliteDatabase } from '../dialects/sqlite/native';
import { keyJson } from '../workspace/run-store';
import type { FoundDifference } from './compare';

export type ValidationRecord = {
  id: string;
  planName: string;
  planHash: string;
  planId: string | null;
  planVersion: number | null;
  planJson: string;
  tableIds: string[];
  status: ValidationStatus;
  ok: boolean | null;
  runId: string | null;
  sample: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: TallyErrorData | null;
};

/** One compared key range: (lower, upper], bounds null for open ends. */
export type SegmentRecord = {
  segment: number;
  lower: unknown[] | null;
  upper: unknown[] | null;
  sourceCount: number;
  sourceHash: string;
  targetCount: number;
  targetHash: string;
  matched: boolean;
  /** What the rows of the range showed (after bisection), tolerated and quarantined ones included. */
  differences: FoundDifference[];
};

type ValidationRow = {
  id: string;
  plan_name: string;
  plan_hash: string;
  plan_id: string | null;
  plan_version: number | null;
  plan_json: string;
  table_ids_json: string;
  status: ValidationStatus;
  ok: number | null;
  run_id: string | null;
  sample: number | null;
  started_at: string;
  finished_at: string | null;
  error_json: string | null;
};

function toRecord(row: ValidationRow): ValidationRecord {
  return {
    id: row.id,
    planName: row.plan_name,
    planHash: row.plan_hash,
    planId: row.plan_id,
    planVersion: row.plan_version,
    planJson: row.plan_json,
    tableIds: JSON.parse(row.table_ids_json) as string[],
    status: row.status,
    ok: row.ok === null ? null : row.ok === 1,
    runId: row.run_id,
    sample: row.sample,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error_json === null ? null : (JSON.parse(row.error_json) as TallyErrorData),
  };
}

export class ValidationStore {
  constructor(private readonly db: SqliteDatabase) {}

  create(input: {
    planName: string;
    planHash: string;
    planId: string | null;
    planVersion: number | null;
    planJson: string;
    tableIds: readonly string[];
    runId: string | null;
    sample: number | null;
  }): ValidationRecord {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO validations (id, plan_name, plan_hash, plan_id, plan_version, plan_json, table_ids_json, status, run_id, sample, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
      )
      .run(
        id,
        input.planName,
        input.planHash,
        input.planId,
        input.planVersion,
        input.planJson,
        JSON.stringify(input.tableIds),
        input.runId,
        input.sample,
        new Date().toISOString(),
      );
    return this.get(id);
  }

  get(validationId: string): ValidationRecord {
    const row = this.db.prepare('SELECT * FROM validations WHERE id = ?').get(validationId) as
      ValidationRow | undefined;
    if (!row) throw new TallyError('not-found', `There is no validation with id ${validationId}.`);
    return toRecord(row);
  }

  /** The newest validation of a plan (by its hash) that did not finish, to resume. */
  findUnfinished(planHash: string): ValidationRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT * FROM validations WHERE plan_hash = ? AND status IN ('running', 'failed', 'cancelled') ORDER BY started_at DESC LIMIT 1`,
      )
      .get(planHash) as ValidationRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  list(): ValidationRecord[] {
    return (this.db.prepare('SELECT * FROM validations ORDER BY started_at DESC').all() as ValidationRow[]).map(
      toRecord,
    );
  }

  /** Marks a resumed validation as running again. */
  reopen(validationId: string): void {
    this.db
      .prepare(
        "UPDATE validations SET status = 'running', ok = NULL, finished_at = NULL, error_json = NULL WHERE id = ?",
      )
      .run(validationId);
  }

  setStatus(validationId: string, status: ValidationStatus, ok: boolean | null, error: TallyErrorData | null): void {
    this.db
      .prepare('UPDATE validations SET status = ?, ok = ?, finished_at = ?, error_json = ? WHERE id = ?')
      .run(
        status,
        ok === null ? null : ok ? 1 : 0,
        status === 'running' ? null : new Date().toISOString(),
        error === null ? null : JSON.stringify(error),
        validationId,
      );
  }

  saveTable(validationId: string, position: number, result: TableValidation): void {
    this.db
      .prepare(
        `INSERT INTO validation_tables (validation_id, table_id, position, result_json) VALUES (?, ?, ?, ?)
         ON CONFLICT (validation_id, table_id) DO UPDATE SET result_json = excluded.result_json, position = excluded.position`,
      )
      .run(validationId, result.tableId, position, JSON.stringify(result));
  }

  tables(validationId: string): TableValidation[] {
    const rows = this.db
      .prepare('SELECT result_json FROM validation_tables WHERE validation_id = ? ORDER BY position')
      .all(validationId) as { result_json: string }[];
    return rows.map((r) => tableValidationSchema.parse(JSON.parse(r.result_json)));
  }

  saveSegment(validationId: string, tableId: string, segment: SegmentRecord): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO validation_segments (validation_id, table_id, segment, lower_json, upper_json, source_count,
           source_hash, target_count, target_hash, matched, differences_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        validationId,
        tableId,
        segment.segment,
        keyJson(segment.lower),
        keyJson(segment.upper),
        segment.sourceCount,
        segment.sourceHash,
        segment.targetCount,
        segment.targetHash,
        segment.matched ? 1 : 0,
        JSON.stringify(segment.differences),
      );
  }

  segments(validationId: string, tableId: string): SegmentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM validation_segments WHERE validation_id = ? AND table_id = ? ORDER BY segment')
      .all(validationId, tableId) as {
      segment: number;
      lower_json: string | null;
      upper_json: string | null;
      source_count: number;
      source_hash: string;
      target_count: number;
      target_hash: string;
      matched: number;
      differences_json: string;
    }[];
    return rows.map((r) => ({
      segment: r.segment,
      lower: r.lower_json === null ? null : (JSON.parse(r.lower_json) as unknown[]),
      upper: r.upper_json === null ? null : (JSON.parse(r.upper_json) as unknown[]),
      sourceCount: r.source_count,
      sourceHash: r.source_hash,
      targetCount: r.target_count,
      targetHash: r.target_hash,
      matched: r.matched === 1,
      differences: JSON.parse(r.differences_json) as FoundDifference[],
    }));
  }

  /** Forgets a table's checkpointed segments (its boundaries changed, or it starts over). */
  clearSegments(validationId: string, tableId: string): void {
    this.db
      .prepare('DELETE FROM validation_segments WHERE validation_id = ? AND table_id = ?')
      .run(validationId, tableId);
  }
}
