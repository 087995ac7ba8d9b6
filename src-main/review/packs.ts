/**
 * Review packs: the sample as one file a domain expert opens in Tally's reviewer mode on their
 * own laptop (the records inside, personal data masked), and the decisions file they send back.
 * Each file carries the sha256 of its canonical content; the project also records the pack's
 * hash at export, so a pack or its decisions altered on the way are refused with one sentence.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { TallyError } from '../../src-shared/errors';
import {
  contentHashOf,
  reviewDecisionsFileSchema,
  reviewPackSchema,
  sealFile,
  type ReviewDecisionsFile,
  type ReviewPack,
  type ReviewPackBody,
  type ReviewRecord,
  type ReviewTable,
} from '../../src-shared/review';
import { describeValidationError } from '../api/dispatcher';
import { maskedColumnNames, maskRecord } from './masking';

export type PackSource = {
  reviewId: string;
  planName: string;
  planHash: string;
  source: string;
  target: string;
  tables: ReviewTable[];
  records: ReviewRecord[];
};

/** Builds a pack's text; the caller records `contentHash` in the workspace. */
export function buildReviewPack(
  review: PackSource,
  exportedBy: string,
  tallyVersion: string,
): { packId: string; content: string; contentHash: string; body: ReviewPackBody } {
  const tablesById = new Map(review.tables.map((t) => [t.tableId, t]));
  const body: ReviewPackBody = {
    format: 'tally-review-pack',
    version: 1,
    packId: randomUUID(),
    reviewId: review.reviewId,
    planName: review.planName,
    planHash: review.planHash,
    exportedAt: new Date().toISOString(),
    exportedBy,
    source: review.source,
    target: review.target,
    tallyVersion,
    masked: maskedColumnNames(review.tables),
    tables: review.tables,
    records: review.records.map((record) => maskRecord(record, tablesById.get(record.tableId))),
  };
  return { packId: body.packId, content: sealFile(body), contentHash: contentHashOf(body), body };
}

function parseJson(content: string, what: string): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new TallyError('bad-input', `This ${what} is not valid JSON: ${(error as Error).message}.`);
  }
}

function checked<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) throw new TallyError('bad-input', describeValidationError(result.error, what));
  return result.data;
}

/**
 * Reads a pack and checks it was not altered: its content must match the hash it carries and,
 * when the project that exported it is the one reading it, the hash recorded at export.
 */
export function readReviewPack(content: string, recordedHash?: string): ReviewPack {
  const json = parseJson(content, 'review pack');
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format !== 'tally-review-pack')
    throw new TallyError(
      'bad-input',
      'This file is not a Tally review pack (it has no "format": "tally-review-pack").',
    );
  const pack = checked(reviewPackSchema, json, 'review pack');
  const { contentHash, ...body } = pack;
  const actual = contentHashOf(body);
  if (actual !== contentHash)
    throw new TallyError(
      'bad-input',
      `Review pack ${pack.packId} was altered after it was exported: its content no longer matches the hash it was sealed with, so it is refused.`,
    );
  if (recordedHash !== undefined && recordedHash !== contentHash)
    throw new TallyError(
      'bad-input',
      `Review pack ${pack.packId} is not the pack this project exported: its hash differs from the one recorded at export, so it is refused.`,
    );
  return pack;
}

/** Reads a decisions file and checks it against its own hash. */
export function readDecisionsFile(content: string): ReviewDecisionsFile {
  const json = parseJson(content, 'decisions file');
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format !== 'tally-review-decisions')
    throw new TallyError(
      'bad-input',
      'This file is not a Tally review decisions file (it has no "format": "tally-review-decisions").',
    );
  const file = checked(reviewDecisionsFileSchema, json, 'decisions file');
  const { contentHash, ...body } = file;
  if (contentHashOf(body) !== contentHash)
    throw new TallyError(
      'bad-input',
      `The decisions file for review pack ${file.packId} was altered after the reviewer saved it: its content no longer matches its hash, so it is refused.`,
    );
  return file;
}
