/**
 * The workspace's audit log: appended to, never rewritten (triggers refuse updates and deletes,
 * and the hash chain shows an edit made around them). Appends take SQLite's write lock first, so
 * the API process and a run's worker, both appending to one file, never fork the chain.
 */
import { userInfo } from 'node:os';
import {
  auditEntryHash,
  auditGenesisHash,
  canonicalJson,
  type AuditEntry,
  type AuditKind,
  type AuditVerification,
} from '../../src-shared/audit';
import type { SqliteDatabase } from '../dialects/sqlite/native';

type AuditRow = {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  subject: string;
  summary: string;
  details_json: string;
  prev_hash: string;
  hash: string;
};

export type AuditAppend = {
  kind: AuditKind;
  subject: string;
  summary: string;
  details?: Record<string, unknown>;
  /** Defaults to the operating-system user running Tally. */
  actor?: string;
};

/** The person at the keyboard, as far as the machine knows. */
export function localActor(): string {
  try {
    return userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    kind: row.kind as AuditKind,
    actor: row.actor,
    subject: row.subject,
    summary: row.summary,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class AuditLog {
  constructor(private readonly db: SqliteDatabase) {}

  append(input: AuditAppend): AuditEntry {
    const write = this.db.transaction((): AuditEntry => {
      const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined;
      // Details go through JSON once here, so what is hashed is exactly what a reader gets back.
      const details = JSON.parse(canonicalJson(input.details ?? {})) as Record<string, unknown>;
      const unhashed = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        kind: input.kind,
        actor: input.actor ?? localActor(),
        subject: input.subject,
        summary: input.summary,
        details,
        prevHash: last?.hash ?? auditGenesisHash,
      };
      const entry: AuditEntry = { ...unhashed, hash: auditEntryHash(unhashed) };
      this.db
        .prepare(
          'INSERT INTO audit_log (seq, at, kind, actor, subject, summary, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          entry.seq,
          entry.at,
          entry.kind,
          entry.actor,
          entry.subject,
          entry.summary,
          canonicalJson(entry.details),
          entry.prevHash,
          entry.hash,
        );
      return entry;
    });
    // Inside another transaction (a run's own bookkeeping) this is a savepoint of it; on its own it
    // starts IMMEDIATE so two processes cannot both read the same last hash.
    return this.db.inTransaction ? write() : write.immediate();
  }

  /** Entries, newest first. */
  list(limit = 500): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit) as AuditRow[]).map(toEntry);
  }

  /** Walks the whole chain from the first entry; names the first entry that does not hold. */
  verify(): AuditVerification {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    let previous = auditGenesisHash;
    let expectedSeq = 1;
    let entries = 0;
    for (const row of rows) {
      entries += 1;
      const bad = (reason: string): AuditVerification => ({
        ok: false,
        entries,
        headHash: null,
        firstBad: { seq: row.seq, reason },
      });
      if (row.seq !== expectedSeq)
        return bad(`entry ${expectedSeq} is missing: the log jumps from entry ${expectedSeq - 1} to ${row.seq}.`);
      if (row.prev_hash !== previous)
        return bad(
          `entry ${row.seq} (${row.kind}) does not chain to the entry before it: that entry was changed or removed.`,
        );
      let details: Record<string, unknown>;
      try {
        details = JSON.parse(row.details_json) as Record<string, unknown>;
      } catch {
        return bad(`entry ${row.seq} (${row.kind}) has details that are not JSON: it was edited outside Tally.`);
      }
      const recomputed = auditEntryHash({
        seq: row.seq,
        at: row.at,
        kind: row.kind as AuditKind,
        actor: row.actor,
        subject: row.subject,
        summary: row.summary,
        details,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash)
        return bad(
          `entry ${row.seq} (${row.kind}, ${row.at}) was edited after it was written: its content no longer matches its hash.`,
        );
      previous = row.hash;
      expectedSeq += 1;
    }
    return { ok: true, entries, headHash: entries > 0 ? previous : null, firstBad: null };
  }
}
