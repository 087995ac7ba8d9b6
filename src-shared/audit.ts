/**
 * The audit trail as the API and the sign-off report see it: every run, plan change, rollback,
 * review decision and sign-off, each entry hashing the previous entry's hash and its own
 * canonical content, so an entry edited or removed behind Tally's back breaks the chain.
 * Also the canonical JSON and sha256 every content hash of Tally's files is taken of. Pure.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

export const auditKinds = [
  'plan.saved',
  'run.started',
  'run.finished',
  'run.rolled-back',
  'validation.finished',
  'review.created',
  'review.decision',
  'review.pinned',
  'review.unpinned',
  'pack.exported',
  'pack.imported',
  'signoff',
] as const;
export const auditKindSchema = z.enum(auditKinds);
export type AuditKind = z.infer<typeof auditKindSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: auditKindSchema,
  /** Who did it: the reviewer's name for decisions, the operating-system user otherwise. */
  actor: z.string(),
  /** What it concerns: a run id, a plan name, a review and record. */
  subject: z.string(),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The hash of the last entry: a report that records it lets a later reader spot a truncated log. */
  headHash: z.string().nullable(),
  /** The first entry that does not hold, with one sentence saying why. */
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

/** The hash the first entry chains to. */
export const auditGenesisHash = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => [key, sortKeys(record[key])]),
    );
  }
  return value;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** An entry's hash: the previous hash, then its own content in canonical JSON. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { prevHash, ...content } = entry;
  return sha256Hex(`${prevHash}\n${canonicalJson(content)}`);
}
