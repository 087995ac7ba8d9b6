/** PostgreSQL through node-postgres (via knex's `pg` client). */
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import knexFactory from 'knex';
import { tlsModes, type ConnectionSpec, type PostgresSpec, type TlsMode } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { describeSpec } from '../common/describe';
import { capitalize, classifyNetworkError, errorCodeOf, errorMessageOf, unclassifiedError } from '../common/errors';
import { formatHostUrl, parseHostUrl, redactUrl } from '../common/host-url';
import pg, { type Client as PgClient, type QueryResult } from 'pg';
import { createKnexSession } from '../common/knex-session';
import { toNumberedPlaceholders } from './placeholders';
import { preparePostgresRows, writePostgresRows } from './write';
import { isTlsError } from '../common/tls-errors';
import type { ConnectOptions, DatabaseSession, Dialect } from '../dialect';
import { inspectPostgres } from './inspect';
import { postgresNativeTypeFor, postgresToPortable } from './types';
import { buildTableDdl } from '../common/ddl';
import { noCapabilities } from '../dialect';
import { keysetPageParts } from '../common/keyset';
import { postgresProfileSql } from './profile-sql';
import { postgresValidateSql } from './validate-sql';

const defaultPort = 5432;
const urlParams = ['sslmode', 'sslrootcert', 'schema'] as const;

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function postgresSpecOf(spec: ConnectionSpec): PostgresSpec {
  if (spec.dialect !== 'postgres')
    throw new TallyError('internal', 'The PostgreSQL dialect was given a non-PostgreSQL connection.');
  return spec;
}

/** The user node-postgres would log in as when the spec names none, so messages can name it. */
function userOf(spec: PostgresSpec): string {
  if (spec.user) return spec.user;
  if (process.env.PGUSER) return process.env.PGUSER;
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'postgres';
  }
}

/** Messages always name host:port, also when the port is the default one. */
function withPort(spec: PostgresSpec): PostgresSpec {
  return { ...spec, port: spec.port ?? defaultPort };
}

function isTlsMode(value: string): value is TlsMode {
  return (tlsModes as readonly string[]).includes(value);
}

function readCaFile(spec: PostgresSpec): string | undefined {
  const caFile = spec.tls.caFile;
  if (!caFile || spec.tls.mode === 'disable') return undefined;
  if (!existsSync(caFile))
    throw new TallyError('bad-input', `The CA certificate file ${caFile} (sslrootcert) does not exist.`);
  try {
    return readFileSync(caFile, 'utf8');
  } catch {
    throw new TallyError('bad-input', `The CA certificate file ${caFile} (sslrootcert) cannot be read.`);
  }
}

/**
 * libpq's sslmode on node-postgres's `ssl` option. `prefer` is not a node-postgres mode: it is
 * tried as `require` and, when the server answers that it has no TLS, once more without (see connect).
 * The CA file is used by the verify modes only; without one they trust Node's built-in CA list.
 */
function sslOptionsFor(mode: Exclude<TlsMode, 'prefer'>, ca: string | undefined): false | ConnectionOptions {
  switch (mode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      // The chain must lead to the CA, but the certificate may name any host.
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...(ca ? { ca } : {}), rejectUnauthorized: true };
  }
}

const noTlsMessage = /server does not support SSL/i;

function isNoTlsError(error: unknown): boolean {
  return noTlsMessage.test(errorMessageOf(error));
}

/** SQLSTATE of a server error (five characters), not a Node socket code. */
function sqlStateOf(error: unknown): string | undefined {
  const code = errorCodeOf(error);
  return code !== undefined && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// Dates and timestamps are read as the server's text: a JS Date keeps milliseconds where
// PostgreSQL keeps microseconds, and node-postgres builds a date's Date in the process's zone.
const temporalTypeOids = new Set([1082, 1114, 1184, 1182, 1115, 1185]);
const readTypes = {
  getTypeParser(oid: number, format?: string): (text: string) => unknown {
    if (temporalTypeOids.has(oid)) return (text) => text;
    return pg.types.getTypeParser(oid, format === 'binary' ? 'binary' : 'text') as (text: string) => unknown;
  },
};

async function openSession(
  spec: PostgresSpec,
  options: ConnectOptions,
  ssl: false | ConnectionOptions,
): Promise<DatabaseSession> {
  const knex = knexFactory({
    client: 'pg',
    connection: {
      host: spec.host,
      port: spec.port ?? defaultPort,
      database: spec.database,
      user: userOf(spec),
      ...(options.password !== undefined ? { password: options.password } : {}),
      ssl,
      connectionTimeoutMillis: options.timeoutMs,
      application_name: 'Tally',
      types: readTypes,
      // Every pooled connection starts read-only, so the server itself refuses writes (SQLSTATE 25006).
      // A source session profiles and validates: GROUP BYs over a million distinct values stay in
      // memory with 64 MB instead of spilling to disk (the default is 4 MB).
      ...(options.readOnly ? { options: '-c default_transaction_read_only=on -c work_mem=64MB' } : {}),
    },
    ...(spec.schema ? { searchPath: [spec.schema] } : {}),
    pool: { min: 0, max: 4 },
    // The connect itself is bounded by connectionTimeoutMillis; this bounds waiting for a free
    // pooled connection, which must not fail a queued query after a short connect timeout.
    acquireConnectionTimeout: Math.max(options.timeoutMs, 60_000),
    // Keep bound values out of error messages (they may be customer data).
    compileSqlOnError: false,
    // A failed connection comes back as a classified error; knex's own warning would also print it raw.
    log: { warn: () => undefined },
  });
  // knex prefixes the driver's message with the whole SQL text; restore the server's own
  // sentence so a classified error stays one readable line.
  knex.on('query-error', (error: unknown, query: { sql?: unknown }) => {
    if (!(error instanceof Error) || typeof query.sql !== 'string') return;
    const prefix = `${query.sql} - `;
    if (error.message.startsWith(prefix)) error.message = error.message.slice(prefix.length);
  });
  try {
    // Failures (refused port, password, database, TLS) surface on the first query, not on creation.
    await knex.raw('SELECT 1');
  } catch (error) {
    await knex.destroy();
    throw error;
  }
  return createKnexSession({
    dialect: postgresDialect,
    spec,
    readOnly: options.readOnly,
    knex,
    secrets: [options.password],
    async run(connection, sql, bindings) {
      const client = connection as PgClient;
      const result = (
        bindings.length > 0
          ? await client.query(toNumberedPlaceholders(sql).text, bindings as unknown[])
          : await client.query(sql)
      ) as QueryResult | QueryResult[];
      // A multi-statement text answers with one result per statement; the last one carries the rows.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return (last?.rows ?? []) as Record<string, unknown>[];
    },
    async runArrays(connection, sql, bindings) {
      const client = connection as PgClient;
      const text = bindings.length > 0 ? toNumberedPlaceholders(sql).text : sql;
      const result = await client.query({ text, values: bindings as unknown[], rowMode: 'array' });
      return result.rows as unknown[][];
    },
    async write(connection, table, columns, rows, options) {
      await writePostgresRows(connection as PgClient, postgresDialect, table, columns, rows, options);
    },
    async prepare(connection, table, columns, rows, options) {
      const send = await preparePostgresRows(connection as PgClient, postgresDialect, table, columns, rows, options);
      return (writer, sent) => send(writer as PgClient, sent);
    },
    async serverVersion(session) {
      const rows = await session.query<{ server_version: string }>('SHOW server_version');
      // Distribution builds append their own tag: "15.20 (Debian 15.20-0+deb12u1)".
      const version = /^\d+(\.\d+)*/.exec(rows[0]?.server_version ?? '')?.[0] ?? 'unknown';
      return `PostgreSQL ${version}`;
    },
    inspect: inspectPostgres,
  });
}

export const postgresDialect: Dialect = {
  info: {
    name: 'postgres',
    label: 'PostgreSQL',
    defaultPort,
    passwordEnvVars: ['PGPASSWORD'],
    urlExample: 'postgres://user@host:5432/db?sslmode=require',
  },
  capabilities: {
    ...noCapabilities,
    schemas: true,
    enforcesReadOnlySessions: true,
    transactionalDdl: true,
    catalogRowEstimates: true,
  },
  profile: postgresProfileSql,
  validate: postgresValidateSql,
  urlSchemes: ['postgres', 'postgresql'],

  parseUrl(url) {
    const parsed = parseHostUrl(url, 'PostgreSQL');
    for (const name of parsed.params.keys()) {
      if (!(urlParams as readonly string[]).includes(name))
        throw new TallyError(
          'bad-url',
          `The PostgreSQL URL "${redactUrl(url)}" has the parameter ${name}, which Tally does not use (known: ${urlParams.join(', ')}).`,
        );
    }
    const mode = parsed.params.get('sslmode') ?? 'prefer';
    if (!isTlsMode(mode))
      throw new TallyError(
        'bad-url',
        `The PostgreSQL URL parameter sslmode=${mode} must be one of ${tlsModes.join(', ')}.`,
      );
    const caFile = parsed.params.get('sslrootcert') || undefined;
    const schema = parsed.params.get('schema') || undefined;
    const spec: PostgresSpec = {
      dialect: 'postgres',
      host: parsed.host,
      database: parsed.database,
      tls: caFile ? { mode, caFile } : { mode },
      ...(parsed.port !== undefined ? { port: parsed.port } : {}),
      ...(parsed.user !== undefined ? { user: parsed.user } : {}),
      ...(schema ? { schema } : {}),
    };
    return parsed.password === undefined ? { spec } : { spec, password: parsed.password };
  },

  formatUrl(spec) {
    const pg = postgresSpecOf(spec);
    return formatHostUrl({
      scheme: 'postgres',
      user: pg.user,
      host: pg.host,
      port: pg.port,
      database: pg.database,
      params: {
        // prefer is libpq's default and the spec's: left out unless a CA file makes it worth spelling out.
        sslmode: pg.tls.mode === 'prefer' && !pg.tls.caFile ? undefined : pg.tls.mode,
        sslrootcert: pg.tls.caFile,
        schema: pg.schema,
      },
    });
  },

  quoteIdentifier,
  quoteTable(ref) {
    return ref.schema ? `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.name)}` : quoteIdentifier(ref.name);
  },

  toPortableType: postgresToPortable,
  nativeTypeFor: postgresNativeTypeFor,
  copyTableSql(from, to) {
    return `CREATE TABLE ${postgresDialect.quoteTable(to)} AS SELECT * FROM ${postgresDialect.quoteTable(from)}`;
  },
  defaultSchema: (spec) => (spec.dialect === 'postgres' && spec.schema ? spec.schema : 'public'),
  keysetPageSql(table, columns, keyColumns, after, limit, options) {
    const page = keysetPageParts(
      quoteIdentifier,
      postgresDialect.quoteTable(table),
      columns,
      keyColumns,
      after,
      options,
    );
    return {
      sql: `SELECT ${page.select} FROM ${page.from}${page.where} ORDER BY ${page.orderBy} LIMIT ${Math.max(1, Math.floor(limit))}`,
      bindings: page.bindings,
    };
  },
  sampleSql(from, limit, random) {
    return `SELECT * FROM ${from}${random ? ' ORDER BY random()' : ''} LIMIT ${Math.max(1, Math.floor(limit))}`;
  },
  tableDdl(table, definition) {
    return buildTableDdl(postgresDialect, table, definition, { inlineForeignKeys: false, maxIdentifierLength: 63 });
  },

  async connect(spec, options) {
    const pg = postgresSpecOf(spec);
    const ca = readCaFile(pg);
    const mode = pg.tls.mode;
    try {
      if (mode !== 'prefer') return await openSession(pg, options, sslOptionsFor(mode, ca));
      try {
        return await openSession(pg, options, sslOptionsFor('require', ca));
      } catch (error) {
        // libpq's prefer: a server without TLS is fine, so ask once more in plain text.
        if (!isNoTlsError(error)) throw error;
        return await openSession(pg, options, false);
      }
    } catch (error) {
      throw postgresDialect.classifyError(error, spec);
    }
  },

  classifyError(error, spec) {
    if (error instanceof TallyError) return error;
    const pg = withPort(postgresSpecOf(spec));
    const where = describeSpec(pg);
    const user = userOf(pg);
    const message = errorMessageOf(error);
    switch (sqlStateOf(error)) {
      case '28P01':
        return new TallyError('auth-failed', `${where} refused the password for user "${user}".`);
      case '28000':
        if (/no encryption/i.test(message))
          return new TallyError(
            'tls-refused',
            `${where} accepts user "${user}" only over TLS; use sslmode=require or stronger.`,
          );
        if (/role .* does not exist/i.test(message))
          return new TallyError('auth-failed', `${where} has no user "${user}".`);
        return new TallyError(
          'auth-failed',
          `${where} does not let user "${user}" connect to database "${pg.database}" from this host (pg_hba.conf).`,
        );
      case '3D000':
        return new TallyError('database-missing', `${where} has no database "${pg.database}".`);
      case '25006':
        return new TallyError('read-only', `The connection to ${where} is read-only: Tally never writes to a source.`);
      // The server ended the session (an administrator, a restart) or cannot take it now: the
      // connection's fault, not the rows'; the engine retries and then resumes.
      case '57P01':
      case '57P02':
      case '57P03':
      case '53300':
        return new TallyError(
          'host-unreachable',
          `${capitalize(where)} ended the connection: ${message.split('\n')[0] ?? ''}.`,
        );
      default:
        if (sqlStateOf(error)?.startsWith('08'))
          return new TallyError(
            'host-unreachable',
            `${capitalize(where)} lost the connection: ${message.split('\n')[0] ?? ''}.`,
          );
        // Other SQLSTATEs, and errors with none (TLS, sockets, the driver's own), are told apart below.
        break;
    }
    if (isNoTlsError(error))
      return new TallyError(
        'tls-refused',
        `${capitalize(where)} does not accept TLS connections, which sslmode=${pg.tls.mode} insists on.`,
      );
    if (isTlsError(error)) {
      const detail = message.split('\n')[0]?.replace(/[.:\s]+$/, '') ?? 'certificate rejected';
      return new TallyError(
        'tls-refused',
        `${capitalize(where)} presented a certificate that sslmode=${pg.tls.mode} rejects (${detail}).`,
      );
    }
    // node-postgres asks for the password only when the server wants one.
    if (/client password must be a (non-empty )?string|no password (was )?(supplied|provided)/i.test(message))
      return new TallyError(
        'auth-failed',
        `${where} asks for a password for user "${user}" and none was given (set PGPASSWORD).`,
      );
    const network = classifyNetworkError(error, pg);
    if (network) return network;
    if (/Connection terminated|is not queryable|connection error/i.test(message))
      return new TallyError('host-unreachable', `${capitalize(where)} closed the connection unexpectedly.`);
    return unclassifiedError(error, pg);
  },
};
