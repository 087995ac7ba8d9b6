/** A DatabaseSession over a knex pool; each dialect supplies what differs (result shape, version, inspection). */
import type { Knex } from 'knex';
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import type { SchemaInfo, TableRef } from '../../../src-shared/schema-info';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { DatabaseSession, Dialect, InspectOptions, WriteColumn, WriteOptions } from '../dialect';

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
      let connection: unknown;
      const pool = parts.knex.client as PooledClient;
      try {
        connection = await pool.acquireConnection();
        return (await parts.run(connection, sql, bindings)) as Row[];
      } catch (error) {
        throw parts.dialect.classifyError(error, parts.spec);
      } finally {
        if (connection !== undefined) await pool.releaseConnection(connection);
      }
    },
    async queryArrays(sql, bindings = []) {
      let connection: unknown;
      const pool = parts.knex.client as PooledClient;
      try {
        connection = await pool.acquireConnection();
        return await parts.runArrays(connection, sql, bindings);
      } catch (error) {
        throw parts.dialect.classifyError(error, parts.spec);
      } finally {
        if (connection !== undefined) await pool.releaseConnection(connection);
      }
    },
    inspect(options) {
      return parts.inspect(session, options);
    },
    async writeRows(table, columns, rows, options = {}) {
      if (parts.readOnly)
        throw new TallyError('read-only', 'Tally never writes through a source (read-only) connection.');
      if (rows.length === 0) return;
      let connection: unknown;
      const pool = parts.knex.client as PooledClient;
      try {
        connection = await pool.acquireConnection();
        await parts.write(connection, table, columns, rows, options);
      } catch (error) {
        throw parts.dialect.classifyError(error, parts.spec);
      } finally {
        if (connection !== undefined) await pool.releaseConnection(connection);
      }
    },
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
