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
];

export const latestWorkspaceVersion = workspaceMigrations.reduce((max, m) => Math.max(max, m.version), 0);
