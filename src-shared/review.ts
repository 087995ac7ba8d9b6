/**
 * The sample review (validation layer 3) as the API, the screens, review packs and the sign-off
 * report see it: record cards (the source row, the row the plan's mapping expects, the row the
 * target holds), reviewer decisions, pinned records, and the review-pack file format. Pure.
 */
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './audit';
import { differenceCauseSchema, jsonCellSchema } from './validation';

/** Why a record is in the sample. */
export const reviewStrata = ['ordinary', 'rare', 'near-reject', 'pinned'] as const;
export const reviewStratumSchema = z.enum(reviewStrata);
export type ReviewStratum = z.infer<typeof reviewStratumSchema>;

const rowSchema = z.record(z.string(), jsonCellSchema);

/** One target column of a record: expected against actual. */
export const reviewFieldSchema = z.object({
  /** The target column. */
  column: z.string(),
  /** The source columns that feed it (empty for constants). */
  sources: z.array(z.string()),
  expected: jsonCellSchema,
  actual: jsonCellSchema,
  differs: z.boolean(),
  /** Why they differ, where Tally can tell; null when they agree. */
  cause: differenceCauseSchema.nullable(),
  /** The value is personal data hidden from this reviewer (the difference and its cause still show). */
  masked: z.boolean(),
});
export type ReviewField = z.infer<typeof reviewFieldSchema>;

export const reviewRecordStatusSchema = z.enum(['match', 'differ', 'missing', 'rejected']);
export type ReviewRecordStatus = z.infer<typeof reviewRecordStatusSchema>;

export const reviewRecordSchema = z.object({
  recordId: z.string(),
  tableId: z.string(),
  sourceTable: z.string(),
  targetTable: z.string(),
  stratum: reviewStratumSchema,
  /** Why this row was picked, for people: "a rare pattern of email: Aaaa.aaaa@aaaa (2 rows)". */
  why: z.string(),
  /** The source key spelled out (`id=42`), as the quarantine names rows. */
  rowKey: z.string(),
  sourceKey: z.array(jsonCellSchema),
  /** The target key the mapping gives (null when the mapping rejects the row). */
  targetKey: z.array(jsonCellSchema).nullable(),
  /** The source row as read (source column → value). */
  source: rowSchema,
  /** Source columns hidden from this reviewer. */
  maskedSource: z.array(z.string()),
  /** The row after the plan's mapping, or null when the mapping rejects it. */
  expected: rowSchema.nullable(),
  /** The mapping's one-sentence refusal, when it rejects the row. */
  expectedError: z.string().nullable(),
  /** The target row fetched by key, or null when the target has none. */
  actual: rowSchema.nullable(),
  fields: z.array(reviewFieldSchema),
  status: reviewRecordStatusSchema,
});
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

export const reviewVerdictSchema = z.enum(['approved', 'flagged']);
export type ReviewVerdict = z.infer<typeof reviewVerdictSchema>;

export const reviewerNameSchema = z.string().trim().min(1, 'A decision needs the reviewer’s name.').max(200);

export const reviewDecisionSchema = z.object({
  recordId: z.string(),
  decision: reviewVerdictSchema,
  note: z.string().nullable(),
  reviewer: z.string(),
  decidedAt: z.string(),
  /** Made in this project, or brought back from a review pack. */
  via: z.enum(['app', 'pack']),
  packId: z.string().nullable(),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const reviewTableSchema = z.object({
  tableId: z.string(),
  source: z.string(),
  target: z.string(),
  /** Source rows read to draw the sample (all of them unless the table is above the scan limit). */
  scanned: z.number().int(),
  /** True when the table had more rows than were scanned: strata come from the first `scanned` rows. */
  truncated: z.boolean(),
  records: z.number().int(),
  byStratum: z.record(z.string(), z.number().int()),
  /** Target and source columns treated as personal data (masked in reviewer mode and packs unless allowed). */
  piiColumns: z.array(z.string()),
  /** One sentence when the table could not be sampled. */
  error: z.string().nullable(),
});
export type ReviewTable = z.infer<typeof reviewTableSchema>;

export const pinSchema = z.object({
  id: z.number().int(),
  planName: z.string(),
  tableId: z.string(),
  rowKey: z.string(),
  /** The source key values (what a re-check reads). */
  sourceKey: z.array(jsonCellSchema),
  /** The target key values (what a re-check fetches on the target), when the mapping gives one. */
  targetKey: z.array(jsonCellSchema).nullable(),
  reviewId: z.string().nullable(),
  recordId: z.string().nullable(),
  note: z.string().nullable(),
  pinnedBy: z.string(),
  pinnedAt: z.string(),
});
export type Pin = z.infer<typeof pinSchema>;

export const reviewSummarySchema = z.object({
  reviewId: z.string(),
  planName: z.string(),
  planHash: z.string(),
  planId: z.string().nullable(),
  planVersion: z.number().int().nullable(),
  validationId: z.string().nullable(),
  runId: z.string().nullable(),
  seed: z.number().int(),
  perTable: z.number().int(),
  createdAt: z.string(),
  records: z.number().int(),
  approved: z.number().int(),
  flagged: z.number().int(),
  undecided: z.number().int(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

export const reviewSchema = reviewSummarySchema.extend({
  source: z.string(),
  target: z.string(),
  tables: z.array(reviewTableSchema),
  records: z.array(reviewRecordSchema),
  /** The latest decision per record. */
  decisions: z.array(reviewDecisionSchema),
  /** Every decision ever taken, oldest first (a changed mind is a new decision). */
  history: z.array(reviewDecisionSchema),
  /** Records of this plan pinned for re-checking. */
  pins: z.array(pinSchema),
  /** True when personal data is masked in this view (reviewer mode). */
  masked: z.boolean(),
  recordCount: z.number().int(),
});
export type Review = z.infer<typeof reviewSchema>;

/* ---------------------------------------------------------------- review packs */

export const reviewPackFormat = 'tally-review-pack';
export const reviewDecisionsFormat = 'tally-review-decisions';

/** Everything of a pack its content hash covers. */
export const reviewPackBodySchema = z.object({
  format: z.literal(reviewPackFormat),
  version: z.literal(1),
  packId: z.string(),
  reviewId: z.string(),
  planName: z.string(),
  planHash: z.string(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  source: z.string(),
  target: z.string(),
  tallyVersion: z.string(),
  /** Columns masked in this pack (`table.column`). */
  masked: z.array(z.string()),
  tables: z.array(reviewTableSchema),
  records: z.array(reviewRecordSchema),
});
export type ReviewPackBody = z.infer<typeof reviewPackBodySchema>;

export const reviewPackSchema = reviewPackBodySchema.extend({ contentHash: z.string() });
export type ReviewPack = z.infer<typeof reviewPackSchema>;

export const reviewDecisionsBodySchema = z.object({
  format: z.literal(reviewDecisionsFormat),
  version: z.literal(1),
  packId: z.string(),
  /** The content hash of the pack the decisions were made on. */
  packHash: z.string(),
  reviewId: z.string(),
  exportedAt: z.string(),
  decisions: z.array(
    z.object({
      recordId: z.string(),
      decision: reviewVerdictSchema,
      note: z.string().nullable(),
      reviewer: reviewerNameSchema,
      decidedAt: z.string(),
    }),
  ),
});
export type ReviewDecisionsBody = z.infer<typeof reviewDecisionsBodySchema>;
export const reviewDecisionsFileSchema = reviewDecisionsBodySchema.extend({ contentHash: z.string() });
export type ReviewDecisionsFile = z.infer<typeof reviewDecisionsFileSchema>;

/** The sha256 of a file's body (everything but its own hash), in canonical JSON. */
export function contentHashOf(body: ReviewPackBody | ReviewDecisionsBody): string {
  return sha256Hex(canonicalJson(body));
}

/** A pack or decisions file as text: its body and the hash of that body. */
export function sealFile<B extends ReviewPackBody | ReviewDecisionsBody>(body: B): string {
  return `${JSON.stringify({ ...body, contentHash: contentHashOf(body) }, null, 2)}\n`;
}

/** Masked text keeps only its length's shape, so a reviewer sees that a value is there, not what it is. */
export function maskedValue(value: z.infer<typeof jsonCellSchema>): z.infer<typeof jsonCellSchema> {
  if (value === null) return null;
  return '•••••';
}
