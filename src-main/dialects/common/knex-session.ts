/** A DatabaseSession over a knex pool; each dialect supplies what differs (result shape, version, inspection). */
import type { Knex } from 'knex';
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import type { SchemaInfo, TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { DatabaseSession, Dialect, InspectOptions, PreparedWrite, WriteColumn, WriteOptions } from '../dialect';

export type KnexSessionParts = {
  dialect: Dialect;
  spec: ConnectionSpec;
  readOnly: boolean;
  knex: Knex;
  /** Secrets to keep out of any error this session throws. */
  secrets: readonly (string | undefined)[];
  /**
   * Runs one statement with `?` placeholders on a raw driver connection taken from the pool and
   * returns its rows. Each dialect binds values its own way, skipping `?` inside quotes (knex's
   * raw() would not).
   */
  run(connection: unknown, sql: string, bindings: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** The same, each row an array in select-list order. */
  runArrays(connection: unknown, sql: string, bindings: readonly unknown[]): Promise<unknown[][]>;
  /** Bulk-inserts rows on a raw driver connection, in one transaction. */
  write(
    connection: unknown,
    table: TableRef,
    columns: readonly WriteColumn[],
    rows: readonly (readonly CellValue[])[],
    options: WriteOptions,
  ): Promise<void>;
  /** The work of `write` that comes before sending, done ahead; the function returned sends the batch. */
  prepare?(
    connection: unknown,
    table: TableRef,
    columns: readonly WriteColumn[],
    rows: readonly (readonly CellValue[])[],
    options: WriteOptions,
  ): Promise<(connection: unknown, sent?: () => void) => Promise<void>>;
  serverVersion(session: DatabaseSession): Promise<string>;
  /** Where the connection itself enforces foreign keys (SQLite). */
  setForeignKeyChecks?(session: DatabaseSession, enabled: boolean): Promise<void>;
  inspect(session: DatabaseSession, options: InspectOptions): Promise<SchemaInfo>;
};

/** The part of knex's (untyped) client that lends out raw driver connections. */
type PooledClient = {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
};

export function createKnexSession(parts: KnexSessionParts): DatabaseSession {
  let version: Promise<string> | undefined;
  const pool = parts.knex.client as PooledClient;
  /** Runs `work` on a pooled connection; errors come out classified. */
  const withConnection = async <T>(work: (connection: unknown) => Promise<T>): Promise<T> => {
    let connection: unknown;
    try {
      connection = await pool.acquireConnection();
      return await work(connection);
    } catch (error) {
      throw parts.dialect.classifyError(error, parts.spec);
    } finally {
      if (connection !== undefined) await pool.releaseConnection(connection);
    }
  };
  const refuseReadOnly = (): void => {
    if (parts.readOnly)
      throw new TallyError('read-only', 'Tally never writes through a source (read-only) connection.');
  };
  const prepare = parts.prepare?.bind(parts);
  const session: DatabaseSession = {
    dialect: parts.dialect,
    spec: parts.spec,
    readOnly: parts.readOnly,
    knex: parts.knex,
    serverVersion() {
      version ??= parts.serverVersion(session);
      return version;
    },
    async query<Row extends Record<string, unknown>>(sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
      return (await withConnection((connection) => parts.run(connection, sql, bindings))) as Row[];
    },
    queryArrays(sql, bindings = []) {
      return withConnection((connection) => parts.runArrays(connection, sql, bindings));
    },
    inspect(options) {
      return parts.inspect(session, options);
    },
    async writeRows(table, columns, rows, options = {}) {
      refuseReadOnly();
      if (rows.length === 0) return;
      await withConnection((connection) => parts.write(connection, table, columns, rows, options));
    },
    ...(prepare && {
      async prepareWrite(table, columns, rows, options = {}): Promise<PreparedWrite> {
        refuseReadOnly();
        if (rows.length === 0) return { write: () => Promise.resolve() };
        const send = await withConnection((connection) => prepare(connection, table, columns, rows, options));
        return { write: (sent) => withConnection((connection) => send(connection, sent)) };
      },
    }),
    async setForeignKeyChecks(enabled) {
      if (parts.setForeignKeyChecks) await parts.setForeignKeyChecks(session, enabled);
    },
    async emptyTable(table) {
      await session.query(`DELETE FROM ${parts.dialect.quoteTable(table)}`);
    },
    async close() {
      await parts.knex.destroy();
    },
  };
  return session;
}
