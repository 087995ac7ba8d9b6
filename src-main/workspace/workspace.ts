/**
 * The workspace: one `.tally` project file (a SQLite database) holding saved connections without
 * secrets, and, as later steps arrive, plans, runs, checkpoints, rejects, reviews and the audit trail.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { connectionSpecSchema, type ConnectionRole, type ConnectionSpec } from '../../src-shared/connection';
import { TallyError } from '../../src-shared/errors';
import { openSqliteDatabase, type SqliteDatabase } from '../dialects/sqlite/native';
import { latestWorkspaceVersion, workspaceMigrations, type WorkspaceMigration } from './migrations';
import { RunStore } from './run-store';
import { ValidationStore } from '../validate/validation-store';
import { AuditLog } from '../audit/audit-log';
import { ReviewStore } from '../review/review-store';

export type StoredConnection = {
  id: string;
  name: string;
  role: ConnectionRole;
  spec: ConnectionSpec;
  createdAt: string;
  updatedAt: string;
};

type ConnectionRow = {
  id: string;
  name: string;
  role: string;
  spec_json: string;
  created_at: string;
  updated_at: string;
};

export class Workspace {
  readonly path: string;
  /** Runs, checkpoints, accounting and rejects. */
  readonly runs: RunStore;
  /** Validations, their per-table results and checkpointed segments. */
  readonly validations: ValidationStore;
  /** The hash-chained audit trail of runs, plan changes, rollbacks, review decisions and sign-offs. */
  readonly audit: AuditLog;
  /** Sample reviews, reviewer decisions, pinned records and exported review packs. */
  readonly reviews: ReviewStore;
  private readonly db: SqliteDatabase;

  private constructor(path: string, db: SqliteDatabase) {
    this.path = path;
    this.db = db;
    this.audit = new AuditLog(db);
    this.runs = new RunStore(db, this.audit);
    this.validations = new ValidationStore(db);
    this.reviews = new ReviewStore(db, this.audit);
  }

  /** Opens (creating if needed) a project file and brings its schema up to date. */
  static open(path: string, migrations: readonly WorkspaceMigration[] = workspaceMigrations): Workspace {
    const absolute = resolve(path);
    if (!existsSync(dirname(absolute))) mkdirSync(dirname(absolute), { recursive: true });
    let db: SqliteDatabase;
    try {
      db = openSqliteDatabase(absolute);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (error) {
      throw new TallyError('bad-input', `${path} is not a Tally workspace: ${(error as Error).message}.`);
    }
    try {
      migrate(db, path, migrations);
    } catch (error) {
      db.close();
      throw error;
    }
    return new Workspace(absolute, db);
  }

  get schemaVersion(): number {
    return Number(this.db.pragma('user_version', { simple: true }));
  }

  listConnections(): StoredConnection[] {
    const rows = this.db.prepare('SELECT * FROM connections ORDER BY updated_at DESC, name').all() as ConnectionRow[];
    return rows.map(toStoredConnection);
  }

  getConnection(id: string): StoredConnection | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE id = ?').get(id) as ConnectionRow | undefined;
    return row ? toStoredConnection(row) : undefined;
  }

  findConnectionByName(name: string): StoredConnection | undefined {
    const row = this.db.prepare('SELECT * FROM connections WHERE name = ?').get(name) as ConnectionRow | undefined;
    return row ? toStoredConnection(row) : undefined;
  }

  saveConnection(input: { id?: string; name: string; role: ConnectionRole; spec: ConnectionSpec }): StoredConnection {
    const now = new Date().toISOString();
    const clash = this.findConnectionByName(input.name);
    if (clash && clash.id !== input.id)
      throw new TallyError('bad-input', `A connection named "${input.name}" already exists.`);
    const specJson = JSON.stringify(connectionSpecSchema.parse(input.spec));
    if (input.id) {
      const existing = this.getConnection(input.id);
      if (!existing) throw new TallyError('not-found', `There is no saved connection with id ${input.id}.`);
      this.db
        .prepare('UPDATE connections SET name = ?, role = ?, spec_json = ?, updated_at = ? WHERE id = ?')
        .run(input.name, input.role, specJson, now, input.id);
      return { ...existing, name: input.name, role: input.role, spec: input.spec, updatedAt: now };
    }
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO connections (id, name, role, spec_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, input.name, input.role, specJson, now, now);
    return { id, name: input.name, role: input.role, spec: input.spec, createdAt: now, updatedAt: now };
  }

  deleteConnection(id: string): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  /** Encrypted secrets (ciphertext from the OS keychain) by connection. */
  readSecretCiphertext(connectionId: string): Buffer | undefined {
    const row = this.db
      .prepare('SELECT ciphertext FROM connection_secrets WHERE connection_id = ?')
      .get(connectionId) as { ciphertext: Buffer } | undefined;
    return row?.ciphertext;
  }

  writeSecretCiphertext(connectionId: string, ciphertext: Buffer): void {
    this.db
      .prepare(
        'INSERT INTO connection_secrets (connection_id, ciphertext) VALUES (?, ?) ON CONFLICT (connection_id) DO UPDATE SET ciphertext = excluded.ciphertext',
      )
      .run(connectionId, ciphertext);
  }

  deleteSecretCiphertext(connectionId: string): void {
    this.db.prepare('DELETE FROM connection_secrets WHERE connection_id = ?').run(connectionId);
  }

  /**
   * Saves a plan as its next version. A save identical to the latest version adds nothing and
   * says so, so pressing Save twice does not fill the history.
   */
  savePlanVersion(input: { planId?: string; name: string; contentJson: string; contentHash: string; note?: string }): {
    planId: string;
    version: number;
    savedAt: string;
    unchanged: boolean;
  } {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      let planId = input.planId;
      if (planId) {
        const exists = this.db.prepare('SELECT 1 FROM plans WHERE id = ?').get(planId);
        if (!exists) throw new TallyError('not-found', `There is no saved plan with id ${planId}.`);
        this.db.prepare('UPDATE plans SET name = ? WHERE id = ?').run(input.name, planId);
      } else {
        planId = randomUUID();
        this.db.prepare('INSERT INTO plans (id, name, created_at) VALUES (?, ?, ?)').run(planId, input.name, now);
      }
      const latest = this.db
        .prepare(
          'SELECT version, saved_at, content_hash FROM plan_versions WHERE plan_id = ? ORDER BY version DESC LIMIT 1',
        )
        .get(planId) as { version: number; saved_at: string; content_hash: string } | undefined;
      if (latest && latest.content_hash === input.contentHash)
        return { planId, version: latest.version, savedAt: latest.saved_at, unchanged: true };
      const version = (latest?.version ?? 0) + 1;
      this.db
        .prepare(
          'INSERT INTO plan_versions (plan_id, version, saved_at, note, content_hash, content_json) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(planId, version, now, input.note ?? null, input.contentHash, input.contentJson);
      return { planId, version, savedAt: now, unchanged: false };
    })();
  }

  listPlans(): { planId: string; name: string; latestVersion: number; savedAt: string }[] {
    return this.db
      .prepare(
        `SELECT p.id AS planId, p.name AS name, v.version AS latestVersion, v.saved_at AS savedAt
           FROM plans p JOIN plan_versions v ON v.plan_id = p.id
          WHERE v.version = (SELECT max(version) FROM plan_versions WHERE plan_id = p.id)
          ORDER BY v.saved_at DESC`,
      )
      .all() as { planId: string; name: string; latestVersion: number; savedAt: string }[];
  }

  getPlanVersion(planId: string, version?: number): { version: number; savedAt: string; contentJson: string } {
    const row = (
      version === undefined
        ? this.db
            .prepare(
              'SELECT version, saved_at, content_json FROM plan_versions WHERE plan_id = ? ORDER BY version DESC LIMIT 1',
            )
            .get(planId)
        : this.db
            .prepare('SELECT version, saved_at, content_json FROM plan_versions WHERE plan_id = ? AND version = ?')
            .get(planId, version)
    ) as { version: number; saved_at: string; content_json: string } | undefined;
    if (!row) {
      throw new TallyError(
        'not-found',
        version === undefined
          ? `There is no saved plan with id ${planId}.`
          : `Plan ${planId} has no version ${version}.`,
      );
    }
    return { version: row.version, savedAt: row.saved_at, contentJson: row.content_json };
  }

  planHistory(planId: string): { version: number; savedAt: string; note: string | null; hash: string }[] {
    return this.db
      .prepare(
        'SELECT version, saved_at AS savedAt, note, content_hash AS hash FROM plan_versions WHERE plan_id = ? ORDER BY version DESC',
      )
      .all(planId) as { version: number; savedAt: string; note: string | null; hash: string }[];
  }

  close(): void {
    this.db.close();
  }
}

function migrate(db: SqliteDatabase, path: string, migrations: readonly WorkspaceMigration[]): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new TallyError(
      'bad-input',
      `${path} was written by a newer Tally (workspace version ${current}; this Tally knows up to ${latest}).`,
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    // Each step and its version bump commit together: a crash leaves the file at a known version.
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      db.prepare(
        `INSERT INTO project_meta (key, value) VALUES ('last_migrated_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      ).run(new Date().toISOString());
    })();
  }
}

function toStoredConnection(row: ConnectionRow): StoredConnection {
  return {
    id: row.id,
    name: row.name,
    role: row.role === 'target' ? 'target' : 'source',
    spec: connectionSpecSchema.parse(JSON.parse(row.spec_json)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export { latestWorkspaceVersion };
