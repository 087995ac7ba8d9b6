/**
 * Reviews in the workspace: each sample with its record cards, the reviewers' decisions
 * (appended, never rewritten: the latest per record counts), pinned records that later
 * validations re-check, and the content hash of every review pack exported. Each decision, pin
 * and pack is written to the audit log in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { TallyError } from '../../src-shared/errors';
import type {
  Pin,
  ReviewDecision,
  ReviewRecord,
  ReviewSummary,
  ReviewTable,
  ReviewVerdict,
} from '../../src-shared/review';
import type { JsonCell } from '../../src-shared/validation';
import type { AuditLog } from '../audit/audit-log';
import type { SqliteDatabase } from '../dialects/sqlite/native';

export type StoredReview = {
  reviewId: string;
  planName: string;
  planHash: string;
  planJson: string;
  planId: string | null;
  planVersion: number | null;
  validationId: string | null;
  runId: string | null;
  seed: number;
  perTable: number;
  createdAt: string;
  source: string;
  target: string;
  tables: ReviewTable[];
};

type ReviewRow = {
  id: string;
  plan_name: string;
  plan_hash: string;
  plan_json: string;
  plan_id: string | null;
  plan_version: number | null;
  validation_id: string | null;
  run_id: string | null;
  seed: number;
  per_table: number;
  created_at: string;
  summary_json: string;
};

type DecisionRow = {
  record_id: string;
  decision: ReviewVerdict;
  note: string | null;
  reviewer: string;
  decided_at: string;
  source: 'app' | 'pack';
  pack_id: string | null;
};

type PinRow = {
  id: number;
  plan_name: string;
  table_id: string;
  row_key: string;
  key_json: string;
  source_key_json: string;
  review_id: string | null;
  record_id: string | null;
  note: string | null;
  pinned_by: string;
  pinned_at: string;
};

export type StoredPack = {
  packId: string;
  reviewId: string;
  contentHash: string;
  records: number;
  masked: string[];
  exportedAt: string;
  importedAt: string | null;
};

function toReview(row: ReviewRow): StoredReview {
  const summary = JSON.parse(row.summary_json) as { source: string; target: string; tables: ReviewTable[] };
  return {
    reviewId: row.id,
    planName: row.plan_name,
    planHash: row.plan_hash,
    planJson: row.plan_json,
    planId: row.plan_id,
    planVersion: row.plan_version,
    validationId: row.validation_id,
    runId: row.run_id,
    seed: row.seed,
    perTable: row.per_table,
    createdAt: row.created_at,
    ...summary,
  };
}

function toDecision(row: DecisionRow): ReviewDecision {
  return {
    recordId: row.record_id,
    decision: row.decision,
    note: row.note,
    reviewer: row.reviewer,
    decidedAt: row.decided_at,
    via: row.source,
    packId: row.pack_id,
  };
}

function toPin(row: PinRow): Pin {
  return {
    id: row.id,
    planName: row.plan_name,
    tableId: row.table_id,
    rowKey: row.row_key,
    sourceKey: JSON.parse(row.source_key_json) as JsonCell[],
    targetKey: JSON.parse(row.key_json) as JsonCell[] | null,
    reviewId: row.review_id,
    recordId: row.record_id,
    note: row.note,
    pinnedBy: row.pinned_by,
    pinnedAt: row.pinned_at,
  };
}

export class ReviewStore {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly audit: AuditLog,
  ) {}

  create(input: Omit<StoredReview, 'reviewId' | 'createdAt'>, records: readonly ReviewRecord[]): StoredReview {
    const reviewId = randomUUID();
    const createdAt = new Date().toISOString();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO reviews (id, plan_name, plan_hash, plan_json, plan_id, plan_version, validation_id, run_id, seed, per_table, created_at, summary_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            reviewId,
            input.planName,
            input.planHash,
            input.planJson,
            input.planId,
            input.planVersion,
            input.validationId,
            input.runId,
            input.seed,
            input.perTable,
            createdAt,
            JSON.stringify({ source: input.source, target: input.target, tables: input.tables }),
          );
        const insert = this.db.prepare(
          'INSERT INTO review_records (review_id, record_id, position, table_id, row_key, record_json) VALUES (?, ?, ?, ?, ?, ?)',
        );
        records.forEach((record, position) =>
          insert.run(reviewId, record.recordId, position, record.tableId, record.rowKey, JSON.stringify(record)),
        );
        this.audit.append({
          kind: 'review.created',
          subject: reviewId,
          summary: `Sample review of plan "${input.planName}" drawn: ${records.length} records from ${input.tables.length} tables (seed ${input.seed}).`,
          details: { planHash: input.planHash, seed: input.seed, perTable: input.perTable, records: records.length },
        });
      })
      .immediate();
    return this.get(reviewId);
  }

  get(reviewId: string): StoredReview {
    const row = this.db.prepare('SELECT * FROM reviews WHERE id = ?').get(reviewId) as ReviewRow | undefined;
    if (!row) throw new TallyError('not-found', `There is no review with id ${reviewId}.`);
    return toReview(row);
  }

  latest(): StoredReview | undefined {
    const row = this.db.prepare('SELECT * FROM reviews ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as
      ReviewRow | undefined;
    return row ? toReview(row) : undefined;
  }

  records(reviewId: string): ReviewRecord[] {
    return (
      this.db.prepare('SELECT record_json FROM review_records WHERE review_id = ? ORDER BY position').all(reviewId) as {
        record_json: string;
      }[]
    ).map((r) => JSON.parse(r.record_json) as ReviewRecord);
  }

  list(): (ReviewSummary & { tables: number })[] {
    const rows = this.db.prepare('SELECT * FROM reviews ORDER BY created_at DESC, rowid DESC').all() as ReviewRow[];
    return rows.map((row) => {
      const review = toReview(row);
      const latest = this.latestDecisions(review.reviewId);
      const records = (
        this.db.prepare('SELECT count(*) AS n FROM review_records WHERE review_id = ?').get(review.reviewId) as {
          n: number;
        }
      ).n;
      const approved = latest.filter((d) => d.decision === 'approved').length;
      const flagged = latest.filter((d) => d.decision === 'flagged').length;
      return {
        reviewId: review.reviewId,
        planName: review.planName,
        planHash: review.planHash,
        planId: review.planId,
        planVersion: review.planVersion,
        validationId: review.validationId,
        runId: review.runId,
        seed: review.seed,
        perTable: review.perTable,
        createdAt: review.createdAt,
        records,
        approved,
        flagged,
        undecided: records - approved - flagged,
        tables: review.tables.length,
      };
    });
  }

  /** Records one decision (and its audit entry); the record must belong to the review. */
  decide(
    reviewId: string,
    decision: Omit<ReviewDecision, 'via' | 'packId'> & { via?: 'app' | 'pack'; packId?: string | null },
  ): ReviewDecision {
    const record = this.db
      .prepare('SELECT table_id, row_key FROM review_records WHERE review_id = ? AND record_id = ?')
      .get(reviewId, decision.recordId) as { table_id: string; row_key: string } | undefined;
    if (!record) throw new TallyError('not-found', `Review ${reviewId} has no record ${decision.recordId}.`);
    if (decision.decision === 'flagged' && !decision.note?.trim())
      throw new TallyError(
        'bad-input',
        `Flagging ${record.table_id} row ${record.row_key} needs a note saying what is wrong.`,
        { table: record.table_id, rowKey: record.row_key },
      );
    const stored: ReviewDecision = {
      recordId: decision.recordId,
      decision: decision.decision,
      note: decision.note?.trim() ? decision.note.trim() : null,
      reviewer: decision.reviewer.trim(),
      decidedAt: decision.decidedAt,
      via: decision.via ?? 'app',
      packId: decision.packId ?? null,
    };
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO review_decisions (review_id, record_id, decision, note, reviewer, decided_at, source, pack_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            reviewId,
            stored.recordId,
            stored.decision,
            stored.note,
            stored.reviewer,
            stored.decidedAt,
            stored.via,
            stored.packId,
          );
        this.audit.append({
          kind: 'review.decision',
          actor: stored.reviewer,
          subject: `${reviewId}/${stored.recordId}`,
          summary: `${stored.reviewer} ${stored.decision} ${record.table_id} row ${record.row_key}${stored.note ? `: ${stored.note}` : '.'}`,
          details: {
            reviewId,
            recordId: stored.recordId,
            table: record.table_id,
            rowKey: record.row_key,
            decision: stored.decision,
            note: stored.note,
            decidedAt: stored.decidedAt,
            via: stored.via,
            packId: stored.packId,
          },
        });
      })
      .immediate();
    return stored;
  }

  /** Every decision of a review, oldest first. */
  decisions(reviewId: string): ReviewDecision[] {
    return (
      this.db
        .prepare(
          'SELECT record_id, decision, note, reviewer, decided_at, source, pack_id FROM review_decisions WHERE review_id = ? ORDER BY id',
        )
        .all(reviewId) as DecisionRow[]
    ).map(toDecision);
  }

  /** The decision that counts per record: the latest one. */
  latestDecisions(reviewId: string): ReviewDecision[] {
    const latest = new Map<string, ReviewDecision>();
    for (const decision of this.decisions(reviewId)) latest.set(decision.recordId, decision);
    return [...latest.values()];
  }

  pin(input: {
    planName: string;
    tableId: string;
    rowKey: string;
    sourceKey: readonly JsonCell[];
    targetKey: readonly JsonCell[] | null;
    reviewId: string | null;
    recordId: string | null;
    note: string | null;
    pinnedBy: string;
  }): Pin {
    const now = new Date().toISOString();
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO pins (plan_name, table_id, row_key, key_json, source_key_json, review_id, record_id, note, pinned_by, pinned_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (plan_name, table_id, row_key) DO UPDATE SET key_json = excluded.key_json,
             source_key_json = excluded.source_key_json, review_id = excluded.review_id, record_id = excluded.record_id,
             note = excluded.note, pinned_by = excluded.pinned_by, pinned_at = excluded.pinned_at, unpinned_at = NULL`,
          )
          .run(
            input.planName,
            input.tableId,
            input.rowKey,
            JSON.stringify(input.targetKey),
            JSON.stringify(input.sourceKey),
            input.reviewId,
            input.recordId,
            input.note,
            input.pinnedBy,
            now,
          );
        this.audit.append({
          kind: 'review.pinned',
          actor: input.pinnedBy,
          subject: `${input.tableId} ${input.rowKey}`,
          summary: `${input.pinnedBy} pinned ${input.tableId} row ${input.rowKey} of plan "${input.planName}" for every later validation to re-check.`,
          details: { planName: input.planName, table: input.tableId, rowKey: input.rowKey, note: input.note },
        });
      })
      .immediate();
    const pin = this.pins(input.planName).find((p) => p.tableId === input.tableId && p.rowKey === input.rowKey);
    if (!pin) throw new TallyError('internal', 'The pin was not stored.');
    return pin;
  }

  unpin(pinId: number, by: string): boolean {
    const row = this.db.prepare('SELECT * FROM pins WHERE id = ? AND unpinned_at IS NULL').get(pinId) as
      PinRow | undefined;
    if (!row) return false;
    this.db
      .transaction(() => {
        this.db.prepare('UPDATE pins SET unpinned_at = ? WHERE id = ?').run(new Date().toISOString(), pinId);
        this.audit.append({
          kind: 'review.unpinned',
          actor: by,
          subject: `${row.table_id} ${row.row_key}`,
          summary: `${by} unpinned ${row.table_id} row ${row.row_key} of plan "${row.plan_name}".`,
          details: { planName: row.plan_name, table: row.table_id, rowKey: row.row_key },
        });
      })
      .immediate();
    return true;
  }

  /** Pinned records of a plan (by name), for validations to re-check; all plans when no name is given. */
  pins(planName?: string): Pin[] {
    const rows = (
      planName === undefined
        ? this.db.prepare('SELECT * FROM pins WHERE unpinned_at IS NULL ORDER BY id').all()
        : this.db.prepare('SELECT * FROM pins WHERE plan_name = ? AND unpinned_at IS NULL ORDER BY id').all(planName)
    ) as PinRow[];
    return rows.map(toPin);
  }

  recordPack(pack: Omit<StoredPack, 'importedAt'>, exportedBy: string): void {
    this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO review_packs (id, review_id, content_hash, records, masked_json, exported_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            pack.packId,
            pack.reviewId,
            pack.contentHash,
            pack.records,
            JSON.stringify(pack.masked),
            pack.exportedAt,
          );
        this.audit.append({
          kind: 'pack.exported',
          actor: exportedBy,
          subject: pack.packId,
          summary: `Review pack ${pack.packId} exported with ${pack.records} records (${pack.masked.length} columns masked).`,
          details: { reviewId: pack.reviewId, contentHash: pack.contentHash, masked: pack.masked },
        });
      })
      .immediate();
  }

  pack(packId: string): StoredPack | undefined {
    const row = this.db.prepare('SELECT * FROM review_packs WHERE id = ?').get(packId) as
      | {
          id: string;
          review_id: string;
          content_hash: string;
          records: number;
          masked_json: string;
          exported_at: string;
          imported_at: string | null;
        }
      | undefined;
    if (!row) return undefined;
    return {
      packId: row.id,
      reviewId: row.review_id,
      contentHash: row.content_hash,
      records: row.records,
      masked: JSON.parse(row.masked_json) as string[],
      exportedAt: row.exported_at,
      importedAt: row.imported_at,
    };
  }

  /** Decisions from a returned pack, all or none, with the import itself in the audit log. */
  importDecisions(
    packId: string,
    reviewId: string,
    decisions: readonly Omit<ReviewDecision, 'via' | 'packId'>[],
    importedBy: string,
  ): ReviewDecision[] {
    return this.db
      .transaction(() => {
        const stored = decisions.map((d) => this.decide(reviewId, { ...d, via: 'pack', packId }));
        this.db.prepare('UPDATE review_packs SET imported_at = ? WHERE id = ?').run(new Date().toISOString(), packId);
        const reviewers = [...new Set(decisions.map((d) => d.reviewer))];
        this.audit.append({
          kind: 'pack.imported',
          actor: importedBy,
          subject: packId,
          summary: `Decisions of review pack ${packId} imported: ${decisions.length} from ${reviewers.join(', ') || 'nobody'}.`,
          details: { reviewId, decisions: decisions.length, reviewers },
        });
        return stored;
      })
      .immediate();
  }
}
