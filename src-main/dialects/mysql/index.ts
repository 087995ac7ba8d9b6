/**
 * MySQL and MariaDB through mysql2 (via knex's mysql2 client). The database is the namespace:
 * there are no schemas inside it, so every TableInfo.schema is null.
 */
import { existsSync, readFileSync } from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import { format, type Connection, type SqlValue } from 'mysql2';
import type { ConnectionSpec, MysqlSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { isTlsError } from '../common/tls-errors';
import { noCapabilities, type ConnectOptions, type DatabaseSession, type Dialect } from '../dialect';
import { classifyMysqlError, describeMysql, mysqlDefaultPort } from './errors';
import { inspectMysql } from './inspect';
import { mysqlReadOnlyViolation } from './read-only-guard';
import { mysqlNativeTypeFor, mysqlToPortable } from './types';
import { formatMysqlUrl, mysqlSpecOf, parseMysqlUrl } from './url';
import { buildTableDdl } from '../common/ddl';
import { writeMysqlRows } from './write';
import { keysetPageParts } from '../common/keyset';
import { mysqlProfileSql } from './profile-sql';
import { mysqlValidateSql } from './validate-sql';

const quietKnexLog = {
  warn: (): void => undefined,
  error: (): void => undefined,
  deprecate: (): void => undefined,
  debug: (): void => undefined,
};

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/**
 * Statements every pooled connection runs before its first use. UTC: TIMESTAMP columns are
 * stored as UTC instants and converted to the session zone on read, so a UTC session reads
 * exactly what is stored, with no daylight-saving fold (see types.ts). The `/*!80000` comment
 * runs on MySQL 8 only (MariaDB skips it): its information_schema caches TABLE_ROWS for a day
 * by default, and inspection wants today's estimates.
 */
export function sessionSetupStatements(readOnly: boolean): string[] {
  return [
    "SET SESSION time_zone = '+00:00'",
    '/*!80000 SET SESSION information_schema_stats_expiry = 0 */',
    // The server refuses every write and every DDL statement of a READ ONLY session (error 1792).
    ...(readOnly ? ['SET SESSION TRANSACTION READ ONLY'] : []),
  ];
}

/** The part of mysql2's `ssl` option Tally sets (verifyIdentity: mysql2 3.x checks the host name). */
export type MysqlSslOptions = { rejectUnauthorized: boolean; verifyIdentity?: boolean; ca?: string };

/**
 * mysql2's TLS options for the spec's mode. PREFERRED is not mysql2's: connect() tries TLS
 * without checking the certificate and, if the server offers no TLS, connects again without it.
 */
export function mysqlSslOptions(spec: MysqlSpec): MysqlSslOptions | undefined {
  const { mode, caFile } = spec.tls;
  switch (mode) {
    case 'disable':
      return undefined;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
    case 'verify-full': {
      // Without a CA file Node's bundled public CAs verify the server (managed cloud servers).
      const ca = caFile === undefined ? undefined : readCaFile(caFile, spec);
      // verify-ca checks the chain only; verify-full also checks the host name.
      return { rejectUnauthorized: true, verifyIdentity: mode === 'verify-full', ...(ca === undefined ? {} : { ca }) };
    }
  }
}

function readCaFile(caFile: string, spec: MysqlSpec): string {
  if (!existsSync(caFile))
    throw new TallyError('bad-input', `The CA file ${caFile} for ${describeMysql(spec)} does not exist.`);
  try {
    return readFileSync(caFile, 'utf8');
  } catch {
    throw new TallyError('bad-input', `The CA file ${caFile} for ${describeMysql(spec)} cannot be read.`);
  }
}

export function mysqlConnectionOptions(
  spec: MysqlSpec,
  options: ConnectOptions,
  ssl: MysqlSslOptions | undefined,
): Knex.MySql2ConnectionConfig {
  return {
    host: spec.host,
    port: spec.port ?? mysqlDefaultPort,
    database: spec.database,
    ...(spec.user === undefined ? {} : { user: spec.user }),
    ...(options.password === undefined ? {} : { password: options.password }),
    // Exact values: BIGINT and DECIMAL as strings, dates and times as the server prints them.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    // Date objects sent as parameters are written in UTC, like the session's time_zone.
    timezone: 'Z',
    charset: 'utf8mb4',
    connectTimeout: options.timeoutMs,
    ...(ssl === undefined ? {} : { ssl }),
  };
}

function runStatements(
  connection: Connection,
  statements: readonly string[],
  done: (error: Error | null) => void,
): void {
  const [first, ...rest] = statements;
  if (first === undefined) {
    done(null);
    return;
  }
  connection.query(first, (error) => {
    if (error) done(error);
    else runStatements(connection, rest, done);
  });
}

type OpenedKnex = { knex: Knex; version: string };

/** Opens the pool and runs a first query, so a wrong host, password or database fails here. */
async function openKnex(
  spec: MysqlSpec,
  options: ConnectOptions,
  ssl: MysqlSslOptions | undefined,
): Promise<OpenedKnex> {
  const setup = sessionSetupStatements(options.readOnly);
  const knex = knexFactory({
    client: 'mysql2',
    connection: mysqlConnectionOptions(spec, options, ssl),
    // knex prints failed connection attempts on stdout, which would break `tally … --json`; they are thrown as TallyErrors instead.
    log: quietKnexLog,
    acquireConnectionTimeout: options.timeoutMs,
    pool: {
      min: 0,
      max: 10,
      afterCreate(connection: Connection, done: (error: Error | null, connection: Connection) => void) {
        runStatements(connection, setup, (error) => done(error, connection));
      },
    },
  });
  try {
    const result: unknown = await knex.raw('SELECT VERSION() AS version, @@version_comment AS comment');
    const row = rowsOf(result)[0];
    const text = (value: unknown): string => (typeof value === 'string' ? value : '');
    return { knex, version: serverLabel(text(row?.version), text(row?.comment)) };
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}

/** "MariaDB 10.11.19" from `10.11.19-MariaDB-0+deb12u1`; "MySQL 8.0.36" from `8.0.36`. */
export function serverLabel(version: string, comment: string): string {
  const number = /^\d+\.\d+(?:\.\d+)?/.exec(version)?.[0] ?? (version || 'unknown');
  return /mariadb/i.test(`${version} ${comment}`) ? `MariaDB ${number}` : `MySQL ${number}`;
}

/** mysql2 answers [rows, fields] for a SELECT and [ResultSetHeader, undefined] for a write. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (!Array.isArray(result)) return [];
  const first: unknown = result[0];
  return Array.isArray(first) ? (first as Record<string, unknown>[]) : [];
}

async function connectMysql(spec: ConnectionSpec, options: ConnectOptions): Promise<DatabaseSession> {
  const mysql = mysqlSpecOf(spec);
  const ssl = mysqlSslOptions(mysql);
  let opened: OpenedKnex;
  try {
    opened = await openKnex(mysql, options, ssl);
  } catch (error) {
    const noTls =
      typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'HANDSHAKE_NO_SSL_SUPPORT';
    if (mysql.tls.mode !== 'prefer' || !(noTls || isTlsError(error))) throw classifyMysqlError(error, spec);
    // PREFERRED: the server offers no TLS (or the handshake failed), so connect in plain text.
    try {
      opened = await openKnex(mysql, options, undefined);
    } catch (plainError) {
      throw classifyMysqlError(plainError, spec);
    }
  }
  return createMysqlSession(spec, options, opened);
}

function createMysqlSession(
  spec: ConnectionSpec,
  options: ConnectOptions,
  { knex, version }: OpenedKnex,
): DatabaseSession {
  const session: DatabaseSession = {
    dialect: mysqlDialect,
    spec,
    readOnly: options.readOnly,
    knex,
    serverVersion: () => Promise.resolve(version),
    async query<Row extends Record<string, unknown>>(sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
      if (options.readOnly) {
        const violation = mysqlReadOnlyViolation(sql);
        if (violation)
          throw new TallyError(
            'read-only',
            `The read-only session on ${describeMysql(spec)} refused the statement: ${violation}.`,
          );
      }
      try {
        // mysql2 fills in the values itself, skipping quoted names, strings and comments; knex's
        // own `?` handling does not, and a table named `what?` would take a value.
        const text = bindings.length === 0 ? sql : format(sql, bindings as SqlValue[], false, 'Z');
        return rowsOf(await knex.raw(text)) as Row[];
      } catch (error) {
        throw classifyMysqlError(error, spec);
      }
    },
    // mysql2 builds objects in select-list order; arrays are read off them.
    queryArrays: async (sql, bindings = []) => (await session.query(sql, bindings)).map((row) => Object.values(row)),
    inspect: (inspectOptions) => inspectMysql(session, inspectOptions),
    async writeRows(table, columns, rows, writeOptions = {}) {
      if (options.readOnly)
        throw new TallyError('read-only', 'Tally never writes through a source (read-only) connection.');
      if (rows.length === 0) return;
      try {
        await writeMysqlRows(knex, mysqlDialect, table, columns, rows, writeOptions);
      } catch (error) {
        throw classifyMysqlError(error, spec);
      }
    },
    setForeignKeyChecks: async () => undefined,
    async emptyTable(table) {
      // InnoDB checks foreign keys row by row: a self-referencing table would refuse a plain DELETE.
      try {
        await knex.transaction(async (trx) => {
          await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
          try {
            await trx.raw(`DELETE FROM ${mysqlDialect.quoteTable(table)}`);
          } finally {
            await trx.raw('SET FOREIGN_KEY_CHECKS = 1');
          }
        });
      } catch (error) {
        throw classifyMysqlError(error, spec);
      }
    },
    close: () => knex.destroy(),
  };
  return session;
}

export const mysqlDialect: Dialect = {
  info: {
    name: 'mysql',
    label: 'MySQL / MariaDB',
    defaultPort: mysqlDefaultPort,
    passwordEnvVars: ['MYSQL_PWD'],
    urlExample: 'mysql://user@host:3306/database?ssl-mode=REQUIRED',
  },
  capabilities: { ...noCapabilities, enforcesReadOnlySessions: true, catalogRowEstimates: true },
  profile: mysqlProfileSql,
  validate: mysqlValidateSql,
  urlSchemes: ['mysql', 'mariadb'],

  parseUrl: parseMysqlUrl,
  formatUrl: formatMysqlUrl,

  quoteIdentifier,
  quoteTable(ref) {
    // `schema` is only ever another database (a foreign key that points across databases).
    return ref.schema ? `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.name)}` : quoteIdentifier(ref.name);
  },

  toPortableType: mysqlToPortable,
  nativeTypeFor: mysqlNativeTypeFor,
  defaultSchema: () => null,
  copyTableSql(from, to) {
    return `CREATE TABLE ${mysqlDialect.quoteTable(to)} AS SELECT * FROM ${mysqlDialect.quoteTable(from)}`;
  },
  keysetPageSql(table, columns, keyColumns, after, limit, options) {
    const page = keysetPageParts(quoteIdentifier, mysqlDialect.quoteTable(table), columns, keyColumns, after, options);
    return {
      sql: `SELECT ${page.select} FROM ${page.from}${page.where} ORDER BY ${page.orderBy} LIMIT ${Math.max(1, Math.floor(limit))}`,
      bindings: page.bindings,
    };
  },
  sampleSql(from, limit, random) {
    return `SELECT * FROM ${from}${random ? ' ORDER BY RAND()' : ''} LIMIT ${Math.max(1, Math.floor(limit))}`;
  },
  tableDdl(table, definition) {
    return buildTableDdl(mysqlDialect, table, definition, {
      inlineForeignKeys: false,
      maxIdentifierLength: 64,
      // InnoDB indexes at most 3072 bytes: 768 utf8mb4 characters; TEXT/BLOB cannot be keys at all.
      keyColumnType: (type) =>
        type.kind === 'text' && (type.length === undefined || type.length > 768)
          ? 'varchar(768)'
          : type.kind === 'binary' && (type.length === undefined || type.length > 3072)
            ? 'varbinary(3072)'
            : undefined,
    });
  },

  connect: connectMysql,
  classifyError: classifyMysqlError,
};
