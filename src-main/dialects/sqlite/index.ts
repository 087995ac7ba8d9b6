/** SQLite through better-sqlite3 (via knex's better-sqlite3 client). */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knexFactory from 'knex';
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { createKnexSession } from '../common/knex-session';
import { collectErrorCodes, errorMessageOf, unclassifiedError } from '../common/errors';
import { noCapabilities, type Dialect } from '../dialect';
import { inspectSqlite } from './inspect';
import { sqliteNativeBinding, type SqliteDatabase } from './native';
import { sqliteNativeTypeFor, sqliteToPortable } from './types';
import { writeSqliteRows } from './write';
import { buildTableDdl } from '../common/ddl';
import { keysetPageParts } from '../common/keyset';
import { sqliteProfileSql } from './profile-sql';
import { sqliteValidateSql } from './validate-sql';

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function fileOf(spec: ConnectionSpec): string {
  if (spec.dialect !== 'sqlite')
    throw new TallyError('internal', 'The SQLite dialect was given a non-SQLite connection.');
  return spec.file;
}

export const sqliteDialect: Dialect = {
  info: {
    name: 'sqlite',
    label: 'SQLite',
    passwordEnvVars: [],
    urlExample: 'sqlite:path/to/file.db',
  },
  capabilities: {
    ...noCapabilities,
    enforcesReadOnlySessions: true,
    transactionalDdl: true,
    fileDatabase: true,
    inProcess: true,
  },
  profile: sqliteProfileSql,
  validate: sqliteValidateSql,
  urlSchemes: ['sqlite', 'sqlite3'],

  parseUrl(url) {
    const path = url.replace(/^sqlite3?:/i, '').replace(/^\/\/(?=\/)/, '');
    if (!path) throw new TallyError('bad-url', `The SQLite URL "${url}" names no file (sqlite:path/to/file.db).`);
    return { spec: { dialect: 'sqlite', file: path } };
  },

  formatUrl(spec) {
    return `sqlite:${fileOf(spec)}`;
  },

  quoteIdentifier,
  quoteTable(ref) {
    return ref.schema ? `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.name)}` : quoteIdentifier(ref.name);
  },

  toPortableType: sqliteToPortable,
  nativeTypeFor: sqliteNativeTypeFor,
  defaultSchema: () => null,
  rowIdentity: 'rowid',
  copyTableSql(from, to) {
    return `CREATE TABLE ${sqliteDialect.quoteTable(to)} AS SELECT * FROM ${sqliteDialect.quoteTable(from)}`;
  },
  keysetPageSql(table, columns, keyColumns, after, limit, options) {
    const page = keysetPageParts(quoteIdentifier, sqliteDialect.quoteTable(table), columns, keyColumns, after, options);
    return {
      sql: `SELECT ${page.select} FROM ${page.from}${page.where} ORDER BY ${page.orderBy} LIMIT ${Math.max(1, Math.floor(limit))}`,
      bindings: page.bindings,
    };
  },
  sampleSql(from, limit, random) {
    return `SELECT * FROM ${from}${random ? ' ORDER BY random()' : ''} LIMIT ${Math.max(1, Math.floor(limit))}`;
  },
  tableDdl(table, definition) {
    // SQLite cannot add a foreign key to an existing table, so keys go inside CREATE TABLE.
    return buildTableDdl(sqliteDialect, table, definition, { inlineForeignKeys: true, maxIdentifierLength: 128 });
  },

  async connect(spec, options) {
    const file = resolve(fileOf(spec));
    if (options.readOnly && !existsSync(file)) {
      throw new TallyError('file-missing', `The SQLite file ${fileOf(spec)} does not exist.`);
    }
    if (!options.readOnly && !existsSync(dirname(file))) {
      throw new TallyError('file-missing', `The folder of the SQLite file ${fileOf(spec)} does not exist.`);
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      throw new TallyError('bad-input', `${fileOf(spec)} is a folder, not a SQLite file.`);
    }
    const nativeBinding = sqliteNativeBinding();
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: {
        filename: file,
        options: { readonly: options.readOnly, ...(nativeBinding ? { nativeBinding } : {}) },
      },
      useNullAsDefault: true,
      // One connection: SQLite serialises writers anyway, and one handle keeps pragmas consistent.
      pool: {
        min: 1,
        max: 1,
        afterCreate(
          connection: { pragma(text: string): unknown },
          done: (error: Error | null, connection: unknown) => void,
        ) {
          try {
            connection.pragma(`busy_timeout = ${Math.max(1000, options.timeoutMs)}`);
            if (options.readOnly) connection.pragma('query_only = ON');
            done(null, connection);
          } catch (error) {
            done(error as Error, connection);
          }
        },
      },
    });
    const session = createKnexSession({
      dialect: sqliteDialect,
      spec,
      readOnly: options.readOnly,
      knex,
      secrets: [],
      async run(connection, sql, bindings) {
        const statement = (connection as SqliteDatabase).prepare(sql);
        // better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1.
        const values = bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value));
        if (statement.reader) return statement.all(...values) as Record<string, unknown>[];
        statement.run(...values);
        return [];
      },
      async setForeignKeyChecks(s, enabled) {
        // One pooled connection: the pragma holds for every later statement of the session.
        await s.query(`PRAGMA foreign_keys = ${enabled ? 'ON' : 'OFF'}`);
      },
      async runArrays(connection, sql, bindings) {
        const statement = (connection as SqliteDatabase).prepare(sql);
        const values = bindings.map((value) => (typeof value === 'boolean' ? Number(value) : value));
        return statement.raw(true).all(...values) as unknown[][];
      },
      async write(connection, table, columns, rows, options) {
        writeSqliteRows(connection as SqliteDatabase, sqliteDialect, table, columns, rows, options);
      },
      async serverVersion(s) {
        const rows = await s.query<{ v: string }>('SELECT sqlite_version() AS v');
        return `SQLite ${rows[0]?.v ?? 'unknown'}`;
      },
      inspect: inspectSqlite,
    });
    try {
      // A file that is not a database only fails on its first read.
      await session.query('SELECT count(*) AS n FROM sqlite_schema');
    } catch (error) {
      await knex.destroy();
      throw error;
    }
    return session;
  },

  classifyError(error, spec) {
    if (error instanceof TallyError) return error;
    const codes = collectErrorCodes(error);
    const file = fileOf(spec);
    const message = errorMessageOf(error);
    if (codes.includes('SQLITE_NOTADB') || /file is not a database/i.test(message))
      return new TallyError('bad-input', `${file} is not a SQLite database.`);
    if (codes.includes('SQLITE_CANTOPEN'))
      return new TallyError('file-missing', `The SQLite file ${file} cannot be opened (missing, or no permission).`);
    if (codes.some((c) => c.startsWith('SQLITE_READONLY')) || /attempt to write a readonly database/i.test(message))
      return new TallyError('read-only', `The SQLite file ${file} is open read-only: Tally never writes to a source.`);
    if (codes.includes('SQLITE_BUSY'))
      return new TallyError('timeout', `The SQLite file ${file} is locked by another program.`);
    return unclassifiedError(error, spec);
  },
};
