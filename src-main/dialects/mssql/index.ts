/**
 * SQL Server through tedious (via knex's mssql client). Not tested against a live server here:
 * the unit tests cover URLs, types, quoting, the catalogue SQL, error classification and the
 * read-only guard; the conformance suite runs when MSSQL_URL is set.
 *
 * Read-only sessions: SQL Server has no session switch that makes the server refuse writes.
 * ApplicationIntent=ReadOnly (set here) only routes an Availability Group connection to a
 * readable secondary; on a single server it changes nothing. Database-level READ_ONLY affects
 * every user, and an application role or EXECUTE AS needs objects a DBA creates first. So a
 * read-only session refuses, before sending, any statement that is not a plain SELECT
 * (sql-text.ts), and capabilities.enforcesReadOnlySessions is false. The real protection for
 * a source is a login that can only read (db_datareader).
 */
import { existsSync, readFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { ConnectionConfiguration } from 'tedious';
import type { ConnectionSpec, MssqlSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { noCapabilities, type ConnectOptions, type DatabaseSession, type Dialect } from '../dialect';
import { versionSql } from './catalog-sql';
import { classifyMssqlError, describeMssql, mssqlDefaultPort } from './errors';
import { inspectMssql } from './inspect';
import { escapeKnexPlaceholders, mssqlReadOnlyViolation } from './sql-text';
import { mssqlNativeTypeFor, mssqlToPortable } from './types';
import { formatMssqlUrl, mssqlSpecOf, parseMssqlUrl } from './url';
import { buildTableDdl } from '../common/ddl';
import { writeMssqlRows } from './write';
import { keysetPageParts } from '../common/keyset';
import { mssqlProfileSql } from './profile-sql';
import { mssqlValidateSql } from './validate-sql';

const quietKnexLog = {
  warn: (): void => undefined,
  error: (): void => undefined,
  deprecate: (): void => undefined,
  debug: (): void => undefined,
};

export function quoteIdentifier(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** tedious options Tally sets; knex passes `options` through to tedious unchanged. */
export type MssqlDriverOptions = {
  encrypt: boolean;
  trustServerCertificate: boolean;
  cryptoCredentialsDetails?: { ca: string };
  instanceName?: string;
  /** ApplicationIntent=ReadOnly: routes to a readable secondary, refuses nothing by itself. */
  readOnlyIntent: boolean;
  /** datetime values without an offset are read and written as UTC, never in the laptop's zone. */
  useUTC: boolean;
  appName: string;
};

/** knex's mssql connection settings (its names: `server`, `userName`, `connectionTimeout`). */
export type MssqlConnectionSettings = {
  server: string;
  port?: number;
  database: string;
  userName?: string;
  password?: string;
  connectionTimeout: number;
  requestTimeout: number;
  options: MssqlDriverOptions;
};

export function mssqlConnectionSettings(spec: MssqlSpec, options: ConnectOptions): MssqlConnectionSettings {
  const ca = spec.tls.caFile === undefined ? undefined : readCaFile(spec.tls.caFile, spec);
  return {
    server: spec.host,
    // A named instance is found through SQL Server Browser unless a port is given.
    ...(spec.instanceName && spec.port === undefined ? {} : { port: spec.port ?? mssqlDefaultPort }),
    database: spec.database,
    ...(spec.user === undefined ? {} : { userName: spec.user }),
    ...(options.password === undefined ? {} : { password: options.password }),
    connectionTimeout: options.timeoutMs,
    // No limit on a statement: reads of large tables take long, and cancellation is the caller's.
    requestTimeout: 0,
    options: {
      encrypt: spec.tls.encrypt,
      trustServerCertificate: spec.tls.trustServerCertificate,
      ...(ca === undefined ? {} : { cryptoCredentialsDetails: { ca } }),
      ...(spec.instanceName ? { instanceName: spec.instanceName } : {}),
      readOnlyIntent: options.readOnly,
      useUTC: true,
      appName: 'Tally',
    },
  };
}

function readCaFile(caFile: string, spec: MssqlSpec): string {
  if (!existsSync(caFile))
    throw new TallyError('bad-input', `The CA file ${caFile} for ${describeMssql(spec)} does not exist.`);
  try {
    return readFileSync(caFile, 'utf8');
  } catch {
    throw new TallyError('bad-input', `The CA file ${caFile} for ${describeMssql(spec)} cannot be read.`);
  }
}

/** The same settings as tedious reads them, for the login probe (knex maps them the same way). */
export function tediousConfiguration(settings: MssqlConnectionSettings): ConnectionConfiguration {
  const { instanceName, ...driverOptions } = settings.options;
  return {
    server: settings.server,
    authentication: {
      type: 'default',
      options: { userName: settings.userName ?? '', password: settings.password ?? '' },
    },
    options: {
      ...driverOptions,
      ...(instanceName ? { instanceName } : { port: settings.port ?? mssqlDefaultPort }),
      database: settings.database,
      connectTimeout: settings.connectionTimeout,
    },
  };
}

/** The part of a tedious Connection the login probe uses. */
export type LoginProbeConnection = {
  on(event: 'errorMessage', listener: (token: { number: number }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  connect(callback: (error?: Error) => void): unknown;
  close(): void;
};

/**
 * Logs in once and collects the numbers of the server's error messages. tedious reports a failed
 * login with the last message only, "Login failed for user" (18456), which also follows
 * "Cannot open database" (4060): the numbers tell a missing database from a wrong password,
 * and this costs no second failed login.
 */
export function probeLogin(
  connection: LoginProbeConnection,
): Promise<{ error: Error | undefined; errorNumbers: number[] }> {
  const errorNumbers: number[] = [];
  connection.on('errorMessage', (token) => errorNumbers.push(token.number));
  // A socket error after the login settles must not crash the process.
  connection.on('error', () => undefined);
  return new Promise((resolve) => {
    connection.connect((error) => {
      connection.close();
      resolve({ error, errorNumbers });
    });
  });
}

/** "SQL Server 2022 (16.0.4135.4)", "Azure SQL Database (12.0.2000.8)". */
export function serverLabel(productVersion: string, engineEdition: number | null): string {
  const major = Number(productVersion.split('.')[0]);
  const years: Record<number, string> = {
    11: '2012',
    12: '2014',
    13: '2016',
    14: '2017',
    15: '2019',
    16: '2022',
    17: '2025',
  };
  if (engineEdition === 5) return `Azure SQL Database (${productVersion})`;
  if (engineEdition === 8) return `Azure SQL Managed Instance (${productVersion})`;
  const year = years[major];
  return year ? `SQL Server ${year} (${productVersion})` : `SQL Server ${productVersion}`;
}

/** knex with `compileSqlOnError: false` puts the SQL text before the server's message; only the message is kept. */
function withoutSqlText(error: unknown, sql: string): unknown {
  if (error instanceof Error && error.message.startsWith(`${sql} - `))
    error.message = error.message.slice(sql.length + 3);
  return error;
}

async function connectMssql(spec: ConnectionSpec, options: ConnectOptions): Promise<DatabaseSession> {
  const mssql = mssqlSpecOf(spec);
  const settings = mssqlConnectionSettings(mssql, options);
  let probe: Awaited<ReturnType<typeof probeLogin>>;
  try {
    // Loaded on first use: tedious takes half a second to load, which every worker start would pay.
    const { Connection: TediousConnection } = await import('tedious');
    probe = await probeLogin(new TediousConnection(tediousConfiguration(settings)));
  } catch (error) {
    // tedious checks its configuration in the constructor (a bad host name, an instance and a port).
    throw classifyMssqlError(error, spec);
  }
  if (probe.error) throw classifyMssqlError(probe.error, spec, probe.errorNumbers);

  const knex = knexFactory({
    client: 'mssql',
    connection: settings,
    // Errors carry the SQL text without the values (which may be customer data), and are trimmed to the message.
    compileSqlOnError: false,
    // knex prints failed connection attempts on stdout, which would break `tally … --json`; they are thrown as TallyErrors instead.
    log: quietKnexLog,
    acquireConnectionTimeout: options.timeoutMs,
    pool: { min: 0, max: 10 },
  });
  let version = 'unknown';
  const session: DatabaseSession = {
    dialect: mssqlDialect,
    spec,
    readOnly: options.readOnly,
    knex,
    serverVersion: () => Promise.resolve(version),
    async query<Row extends Record<string, unknown>>(sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
      if (options.readOnly) {
        const violation = mssqlReadOnlyViolation(sql);
        if (violation)
          throw new TallyError(
            'read-only',
            `The read-only session on ${describeMssql(spec)} refused the statement: ${violation}.`,
          );
      }
      let nativeSql = sql;
      try {
        const raw = knex.raw(escapeKnexPlaceholders(sql), bindings as Knex.RawBinding[]);
        nativeSql = raw.toSQL().toNative().sql;
        const result: unknown = await raw;
        return (Array.isArray(result) ? result : []) as Row[];
      } catch (error) {
        throw classifyMssqlError(withoutSqlText(error, nativeSql), spec);
      }
    },
    queryArrays: async (sql, bindings = []) => (await session.query(sql, bindings)).map((row) => Object.values(row)),
    inspect: (inspectOptions) => inspectMssql(session, inspectOptions),
    async writeRows(table, columns, rows, writeOptions = {}) {
      if (writeOptions.upsertKeys)
        throw new TallyError('unsupported', 'Upserts into SQL Server (MERGE) are not built yet; use a full load.');
      if (options.readOnly)
        throw new TallyError('read-only', 'Tally never writes through a source (read-only) connection.');
      if (rows.length === 0) return;
      try {
        await writeMssqlRows(knex, mssqlDialect, table, columns, rows);
      } catch (error) {
        throw classifyMssqlError(error, spec);
      }
    },
    setForeignKeyChecks: async () => undefined,
    async emptyTable(table) {
      await session.query(`DELETE FROM ${mssqlDialect.quoteTable(table)}`);
    },
    close: () => knex.destroy(),
  };
  try {
    const rows = await session.query<{ product_version: string | null; engine_edition: number | null }>(versionSql);
    version = serverLabel(rows[0]?.product_version ?? 'unknown', rows[0]?.engine_edition ?? null);
  } catch (error) {
    await knex.destroy();
    throw error;
  }
  return session;
}

export const mssqlDialect: Dialect = {
  info: {
    name: 'mssql',
    label: 'SQL Server',
    defaultPort: mssqlDefaultPort,
    passwordEnvVars: ['MSSQL_PASSWORD'],
    urlExample: 'mssql://user@host:1433/database?encrypt=true',
  },
  capabilities: { ...noCapabilities, schemas: true, transactionalDdl: true, catalogRowEstimates: true },
  profile: mssqlProfileSql,
  validate: mssqlValidateSql,
  urlSchemes: ['mssql', 'sqlserver'],

  parseUrl: parseMssqlUrl,
  formatUrl: formatMssqlUrl,

  quoteIdentifier,
  quoteTable(ref) {
    return ref.schema ? `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.name)}` : quoteIdentifier(ref.name);
  },

  toPortableType: mssqlToPortable,
  nativeTypeFor: mssqlNativeTypeFor,
  copyTableSql(from, to) {
    // SQL Server has no CREATE TABLE … AS.
    return `SELECT * INTO ${mssqlDialect.quoteTable(to)} FROM ${mssqlDialect.quoteTable(from)}`;
  },
  defaultSchema: (spec) => (spec.dialect === 'mssql' && spec.schema ? spec.schema : 'dbo'),
  keysetPageSql(table, columns, keyColumns, after, limit, options) {
    const page = keysetPageParts(quoteIdentifier, mssqlDialect.quoteTable(table), columns, keyColumns, after, options);
    return {
      sql: `SELECT TOP (${Math.max(1, Math.floor(limit))}) ${page.select} FROM ${page.from}${page.where} ORDER BY ${page.orderBy}`,
      bindings: page.bindings,
    };
  },
  sampleSql(from, limit, random) {
    return `SELECT TOP (${Math.max(1, Math.floor(limit))}) * FROM ${from}${random ? ' ORDER BY NEWID()' : ''}`;
  },
  tableDdl(table, definition) {
    return buildTableDdl(mssqlDialect, table, definition, {
      inlineForeignKeys: false,
      maxIdentifierLength: 128,
      booleanLiteral: (value) => (value ? '1' : '0'),
      // An index key holds at most 900 bytes (1700 for nonclustered): nvarchar(max) cannot be a key.
      keyColumnType: (type) =>
        type.kind === 'text' && (type.length === undefined || type.length > 450)
          ? 'nvarchar(450)'
          : type.kind === 'binary' && (type.length === undefined || type.length > 900)
            ? 'varbinary(900)'
            : undefined,
    });
  },

  connect: connectMssql,
  classifyError: (error, spec) => classifyMssqlError(error, spec),
};
