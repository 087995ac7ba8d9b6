/**
 * The live databases the conformance suite runs against: SQLite and the embedded PostgreSQL
 * always; the machine's PostgreSQL 15, MariaDB/MySQL and SQL Server when their URL is set. A
 * target without a URL is reported as "not run", never passed silently.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSpec, DialectName } from '../../../src-shared/connection';
import { dialectFor, dialectForUrl } from '../index';
import type { DatabaseSession } from '../dialect';

export type FreshDatabase = {
  spec: ConnectionSpec;
  password: string | undefined;
  /** Opens a session on the fresh database (writable unless asked). */
  open(options?: { readOnly?: boolean }): Promise<DatabaseSession>;
  drop(): Promise<void>;
};

export type LiveTarget = {
  label: string;
  dialect: DialectName;
  /** Why the target does not run here, or undefined when it runs. */
  notRun: string | undefined;
  adminUrl: string | undefined;
};

const envTargets: { label: string; dialect: DialectName; env: string }[] = [
  { label: 'PostgreSQL (PG15_URL)', dialect: 'postgres', env: 'PG15_URL' },
  { label: 'MySQL/MariaDB (MYSQL_URL)', dialect: 'mysql', env: 'MYSQL_URL' },
  { label: 'SQL Server (MSSQL_URL)', dialect: 'mssql', env: 'MSSQL_URL' },
];

export function liveTargets(embeddedPostgresUrl: string | undefined): LiveTarget[] {
  return [
    { label: 'SQLite (file)', dialect: 'sqlite', notRun: undefined, adminUrl: undefined },
    {
      label: 'PostgreSQL (embedded)',
      dialect: 'postgres',
      notRun: embeddedPostgresUrl ? undefined : 'the embedded server did not start',
      adminUrl: embeddedPostgresUrl,
    },
    ...envTargets.map(({ label, dialect, env }) => {
      const url = process.env[env];
      return { label, dialect, notRun: url ? undefined : `${env} unset`, adminUrl: url || undefined };
    }),
  ];
}

export function describeTargets(embeddedPostgresUrl: string | undefined): string[] {
  return liveTargets(embeddedPostgresUrl).map((t) =>
    t.notRun ? `not run: ${t.label}: ${t.notRun}` : `run: ${t.label}`,
  );
}

function uniqueName(): string {
  return `tally_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/** Opens the admin URL writable, with the password the URL or the environment carries. */
async function openAdmin(
  url: string,
): Promise<{ session: DatabaseSession; spec: ConnectionSpec; password: string | undefined }> {
  const dialect = dialectForUrl(url);
  const { spec, password: urlPassword } = dialect.parseUrl(url);
  const password = urlPassword ?? dialect.info.passwordEnvVars.map((name) => process.env[name]).find(Boolean);
  const session = await dialect.connect(spec, { password, readOnly: false, timeoutMs: 15_000 });
  return { session, spec, password };
}

/** Creates an empty database on the target for one test. */
export async function createFreshDatabase(target: LiveTarget): Promise<FreshDatabase> {
  if (target.dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tally-sqlite-'));
    const spec: ConnectionSpec = { dialect: 'sqlite', file: join(dir, 'test.db') };
    return {
      spec,
      password: undefined,
      open: (options = {}) =>
        dialectFor('sqlite').connect(spec, {
          password: undefined,
          readOnly: options.readOnly ?? false,
          timeoutMs: 5_000,
        }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!target.adminUrl) throw new Error(`${target.label} does not run here.`);
  const admin = await openAdmin(target.adminUrl);
  const name = uniqueName();
  const dialect = admin.session.dialect;
  try {
    await admin.session.query(`CREATE DATABASE ${dialect.quoteIdentifier(name)}`);
  } finally {
    await admin.session.close();
  }
  const spec = { ...admin.spec, database: name } as ConnectionSpec;
  return {
    spec,
    password: admin.password,
    open: (options = {}) =>
      dialect.connect(spec, { password: admin.password, readOnly: options.readOnly ?? false, timeoutMs: 15_000 }),
    async drop() {
      const again = await openAdmin(target.adminUrl ?? '');
      try {
        const quoted = dialect.quoteIdentifier(name);
        if (target.dialect === 'postgres') await again.session.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
        else if (target.dialect === 'mssql')
          await again.session.query(
            `IF DB_ID(?) IS NOT NULL BEGIN ALTER DATABASE ${quoted} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ${quoted}; END`,
            [name],
          );
        else await again.session.query(`DROP DATABASE IF EXISTS ${quoted}`);
      } finally {
        await again.session.close();
      }
    },
  };
}
