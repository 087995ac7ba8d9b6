/**
 * The workspace's own schema, versioned with SQLite's user_version. Migrations only ever append:
 * a released step is never edited, so every older project file upgrades the same way.
 */
import type { SqliteDatabase } from '../dialects/sqlite/native';

export type WorkspaceMigration = { version: number; description: string; up(db: SqliteDatabase): void };

export const workspaceMigrations: readonly WorkspaceMigration[] = [
  {
    version: 1,
    description: 'project metadata, saved connections and their encrypted secrets',
    up(db) {
      db.exec(`
        CREATE TABLE project_meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE connections (
          id         TEXT PRIMARY KEY,
          name       TEXT NOT NULL UNIQUE,
          role       TEXT NOT NULL CHECK (role IN ('source', 'target')),
          spec_json  TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        -- Only ever ciphertext from the OS keychain (Electron safeStorage); never a plain password.
        CREATE TABLE connection_secrets (
          connection_id TEXT PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
          ciphertext    BLOB NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    description: 'plans and every saved version of them',
    up(db) {
      db.exec(`
        CREATE TABLE plans (
          id         TEXT PRIMARY KEY,
          name       TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;
        -- Append-only: a save adds a version, nothing rewrites an old one.
        CREATE TABLE plan_versions (
          plan_id      TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
          version      INTEGER NOT NULL,
          saved_at     TEXT NOT NULL,
          note         TEXT,
          content_hash TEXT NOT NULL,
          content_json TEXT NOT NULL,
          PRIMARY KEY (plan_id, version)
        ) STRICT;
        CREATE TRIGGER plan_versions_are_append_only BEFORE UPDATE ON plan_versions
        BEGIN
          SELECT RAISE(ABORT, 'plan versions cannot be changed');
        END;
      `);
    },
  },
  {
    version: 3,
    description: 'runs, per-table checkpoints and accounting, and the quarantine of rejected rows',
    up(db) {
      db.exec(`
        CREATE TABLE runs (
          id          TEXT PRIMARY KEY,
          plan_name   TEXT NOT NULL,
          plan_hash   TEXT NOT NULL,
          plan_json   TEXT NOT NULL,
          mode        TEXT NOT NULL,
          dry_run     INTEGER NOT NULL,
          status      TEXT NOT NULL CHECK (status IN ('running', 'paused', 'done', 'failed', 'cancelled')),
          started_at  TEXT NOT NULL,
          finished_at TEXT,
          message     TEXT
        ) STRICT;
        -- One row per table and run: its checkpoint (the last source key committed) and its
        -- accounting. pending_json names a batch that was being written when the process stopped.
        CREATE TABLE run_tables (
          run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          table_id      TEXT NOT NULL,
          position      INTEGER NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('pending', 'loading', 'loaded', 'done', 'failed')),
          rows_read     INTEGER NOT NULL DEFAULT 0,
          rows_written  INTEGER NOT NULL DEFAULT 0,
          rows_rejected INTEGER NOT NULL DEFAULT 0,
          rows_filtered INTEGER NOT NULL DEFAULT 0,
          last_key_json TEXT,
          pending_json  TEXT,
          seconds       REAL NOT NULL DEFAULT 0,
          message       TEXT,
          PRIMARY KEY (run_id, table_id)
        ) STRICT;
        CREATE TABLE rejects (
          id          INTEGER PRIMARY KEY,
          run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          table_id    TEXT NOT NULL,
          row_key     TEXT NOT NULL,
          column_name TEXT,
          raw_value   TEXT,
          reason      TEXT NOT NULL,
          row_json    TEXT NOT NULL,
          created_at  TEXT NOT NULL,
          UNIQUE (run_id, table_id, row_key)
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    description: 'what each run changed on the target, so that it can be rolled back',
    up(db) {
      db.exec(`
        -- created: the run created the table; emptied: the run emptied it after copying its rows to backup_table.
        CREATE TABLE run_changes (
          run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          table_id     TEXT NOT NULL,
          position     INTEGER NOT NULL,
          kind         TEXT NOT NULL CHECK (kind IN ('created', 'emptied')),
          target_json  TEXT NOT NULL,
          backup_json  TEXT,
          -- Set once the backup copy is complete: a resumed run must never copy an emptied table over it.
          backup_complete INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (run_id, table_id)
        ) STRICT;
        ALTER TABLE runs ADD COLUMN rolled_back_at TEXT;
      `);
    },
  },
  {
    version: 5,
    description: 'incremental runs: high-water marks per table, deletes, and the row-level change logs of upserts',
    up(db) {
      db.exec(`
        -- The high-water mark of each table loaded incrementally: the largest watermark value a
        -- committed run brought over. table_key names source and target (JSON), not a plan version.
        CREATE TABLE table_watermarks (
          table_key      TEXT PRIMARY KEY,
          watermark_json TEXT NOT NULL,
          run_id         TEXT NOT NULL,
          updated_at     TEXT NOT NULL
        ) STRICT;
        -- watermark_json: the range (from, to] an incremental run reads, fixed when it starts so a
        -- resume reads the same rows. deletes_pending_json: target keys being deleted when the
        -- process stopped. note: a warning that belongs to the table's result (a keyless table).
        ALTER TABLE run_tables ADD COLUMN rows_deleted INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE run_tables ADD COLUMN watermark_json TEXT;
        ALTER TABLE run_tables ADD COLUMN deletes_pending_json TEXT;
        ALTER TABLE run_tables ADD COLUMN note TEXT;
        -- Upserts and incremental runs change rows in place: before a batch is written, the target
        -- rows it will replace are copied to preimage_json's table and every key it touches to
        -- keys_json's table (both on the target), so a rollback puts exactly those rows back.
        CREATE TABLE run_row_logs (
          run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          table_id      TEXT NOT NULL,
          position      INTEGER NOT NULL,
          target_json   TEXT NOT NULL,
          preimage_json TEXT NOT NULL,
          keys_json     TEXT NOT NULL,
          key_columns_json TEXT NOT NULL,
          PRIMARY KEY (run_id, table_id)
        ) STRICT;
        -- Set when a run's copies on the target (tally_rb_…) were dropped: it can no longer be rolled back.
        ALTER TABLE runs ADD COLUMN forgotten_at TEXT;
      `);
    },
  },
  {
    version: 6,
    description: 'validations, their per-table results and checkpointed segment hashes',
    up(db) {
      db.exec(`
        CREATE TABLE validations (
          id            TEXT PRIMARY KEY,
          plan_name     TEXT NOT NULL,
          plan_hash     TEXT NOT NULL,
          plan_id       TEXT,
          plan_version  INTEGER,
          plan_json     TEXT NOT NULL,
          -- The plan's table ids this validation covers, in order (JSON array).
          table_ids_json TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
          ok            INTEGER,
          run_id        TEXT,
          sample        INTEGER,
          started_at    TEXT NOT NULL,
          finished_at   TEXT,
          error_json    TEXT
        ) STRICT;
        -- A table's result once it is finished (JSON of the shared TableValidation).
        CREATE TABLE validation_tables (
          validation_id TEXT NOT NULL REFERENCES validations (id) ON DELETE CASCADE,
          table_id      TEXT NOT NULL,
          position      INTEGER NOT NULL,
          result_json   TEXT NOT NULL,
          PRIMARY KEY (validation_id, table_id)
        ) STRICT;
        -- One key range of a table with both sides' count and hash, written as soon as it is
        -- compared, so a long validation resumes after the last segment it finished.
        CREATE TABLE validation_segments (
          validation_id    TEXT NOT NULL REFERENCES validations (id) ON DELETE CASCADE,
          table_id         TEXT NOT NULL,
          segment          INTEGER NOT NULL,
          lower_json       TEXT,
          upper_json       TEXT,
          source_count     INTEGER NOT NULL,
          source_hash      TEXT NOT NULL,
          target_count     INTEGER NOT NULL,
          target_hash      TEXT NOT NULL,
          matched          INTEGER NOT NULL,
          differences_json TEXT NOT NULL,
          PRIMARY KEY (validation_id, table_id, segment)
        ) STRICT;
      `);
    },
  },
  {
    version: 7,
    description: 'sample reviews, reviewer decisions, pinned records, review packs and the hash-chained audit log',
    up(db) {
      db.exec(`
        -- A review: the stratified sample drawn for one plan (its records are the cards a reviewer sees).
        CREATE TABLE reviews (
          id            TEXT PRIMARY KEY,
          plan_name     TEXT NOT NULL,
          plan_hash     TEXT NOT NULL,
          plan_json     TEXT NOT NULL,
          plan_id       TEXT,
          plan_version  INTEGER,
          validation_id TEXT,
          run_id        TEXT,
          seed          INTEGER NOT NULL,
          per_table     INTEGER NOT NULL,
          created_at    TEXT NOT NULL,
          summary_json  TEXT NOT NULL
        ) STRICT;
        CREATE TABLE review_records (
          review_id   TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
          record_id   TEXT NOT NULL,
          position    INTEGER NOT NULL,
          table_id    TEXT NOT NULL,
          row_key     TEXT NOT NULL,
          record_json TEXT NOT NULL,
          PRIMARY KEY (review_id, record_id)
        ) STRICT;
        -- Append-only: a changed mind is a new decision; the latest one per record counts.
        CREATE TABLE review_decisions (
          id          INTEGER PRIMARY KEY,
          review_id   TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
          record_id   TEXT NOT NULL,
          decision    TEXT NOT NULL CHECK (decision IN ('approved', 'flagged')),
          note        TEXT,
          reviewer    TEXT NOT NULL,
          decided_at  TEXT NOT NULL,
          source      TEXT NOT NULL,
          pack_id     TEXT
        ) STRICT;
        -- Records every later validation re-checks (table and key, target key values as JSON).
        CREATE TABLE pins (
          id          INTEGER PRIMARY KEY,
          plan_name   TEXT NOT NULL,
          table_id    TEXT NOT NULL,
          row_key     TEXT NOT NULL,
          key_json    TEXT NOT NULL,
          source_key_json TEXT NOT NULL,
          review_id   TEXT,
          record_id   TEXT,
          note        TEXT,
          pinned_by   TEXT NOT NULL,
          pinned_at   TEXT NOT NULL,
          unpinned_at TEXT,
          UNIQUE (plan_name, table_id, row_key)
        ) STRICT;
        -- The content hash of every pack exported, so an altered pack is refused at import.
        CREATE TABLE review_packs (
          id           TEXT PRIMARY KEY,
          review_id    TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
          content_hash TEXT NOT NULL,
          records      INTEGER NOT NULL,
          masked_json  TEXT NOT NULL,
          exported_at  TEXT NOT NULL,
          imported_at  TEXT
        ) STRICT;
        -- Each entry hashes the previous entry's hash and its own canonical content, so an edit
        -- made behind Tally's back (these triggers dropped, a row changed) breaks the chain.
        CREATE TABLE audit_log (
          seq          INTEGER PRIMARY KEY,
          at           TEXT NOT NULL,
          kind         TEXT NOT NULL,
          actor        TEXT NOT NULL,
          subject      TEXT NOT NULL,
          summary      TEXT NOT NULL,
          details_json TEXT NOT NULL,
          prev_hash    TEXT NOT NULL,
          hash         TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN
          SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN
          SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
      `);
    },
  },
];

export const latestWorkspaceVersion = workspaceMigrations.reduce((max, m) => Math.max(max, m.version), 0);
