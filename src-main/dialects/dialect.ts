/**
 * The Dialect interface: everything that differs between databases lives behind it, one folder
 * per database in src-main/dialects/. The engine branches on capabilities, never on a name.
 */
import type { Knex } from 'knex';
import type { ConnectionSpec, DialectInfo } from '../../src-shared/connection';
import type { TallyError } from '../../src-shared/errors';
import type { PortableType } from '../../src-shared/portable-types';
import type { TargetTable } from '../../src-shared/plan';
import type { CellValue } from '../../src-shared/transforms/transform';
import type { SchemaInfo, TableRef } from '../../src-shared/schema-info';

/** The statements that create one target table, in the order they run. */
export type TableDdl = {
  /** CREATE TABLE with its columns, primary key and unique constraints (and, where they must be inline, foreign keys). */
  createTable: string[];
  indexes: string[];
  /** Foreign keys added once the table (and the tables it references) exist; run before or after the load. */
  foreignKeys: string[];
};

export type DialectCapabilities = {
  /** Tables live in named schemas inside a database (PostgreSQL, SQL Server). */
  schemas: boolean;
  /** The server itself refuses writes on a session opened read-only (not just Tally's discipline). */
  enforcesReadOnlySessions: boolean;
  /** CREATE/ALTER/DROP can be rolled back inside a transaction. */
  transactionalDdl: boolean;
  /** The catalogue keeps a cheap row estimate, used instead of COUNT(*) for large tables. */
  catalogRowEstimates: boolean;
};

export const noCapabilities: DialectCapabilities = {
  schemas: false,
  enforcesReadOnlySessions: false,
  transactionalDdl: false,
  catalogRowEstimates: false,
};

export type PortableMapping = { type: PortableType; note?: string };

export type ConnectOptions = {
  password: string | undefined;
  /** Source connections: the session must refuse writes. */
  readOnly: boolean;
  /** Connect (and first query) timeout. */
  timeoutMs: number;
};

export type InspectOptions = {
  /** Only these schemas; all user schemas when absent. */
  schemas?: readonly string[];
  /** Tables whose catalogue estimate is above this are not counted exactly. */
  exactCountLimit: number;
};

/** An open connection to one database. */
export interface DatabaseSession {
  readonly dialect: Dialect;
  readonly spec: ConnectionSpec;
  /** True when the session was opened read-only. */
  readonly readOnly: boolean;
  /** The knex instance behind the session (pooled); dialect code may reach the raw driver through it. */
  readonly knex: Knex;
  /** e.g. "PostgreSQL 18.4", "SQLite 3.53.2", "MariaDB 10.11.19". */
  serverVersion(): Promise<string>;
  /** Runs a query with `?` placeholders and returns its rows as plain objects. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    bindings?: readonly unknown[],
  ): Promise<Row[]>;
  /** Reads the catalogue: tables, views, columns, keys, indexes and row counts. */
  inspect(options: InspectOptions): Promise<SchemaInfo>;
  /**
   * Inserts rows with the dialect's bulk path (COPY, multi-row INSERT, prepared statements), all
   * or nothing: when it throws, nothing of this call was written.
   */
  writeRows(table: TableRef, columns: readonly WriteColumn[], rows: readonly (readonly CellValue[])[]): Promise<void>;
  close(): Promise<void>;
}

/** A target column as the writer needs it: its name and the portable type its values are encoded for. */
export type WriteColumn = { name: string; type: PortableType };

export interface Dialect {
  /** Name, label, default port, password environment variables and an example URL. */
  readonly info: DialectInfo;
  readonly capabilities: DialectCapabilities;
  /** URL schemes this dialect answers to, without the colon (e.g. `postgres`, `postgresql`). */
  readonly urlSchemes: readonly string[];

  /**
   * Reads a URL of one of `urlSchemes` into a spec, and the password if the URL carries one (used
   * for that call only, never stored); throws a `bad-url` TallyError naming what is wrong.
   */
  parseUrl(url: string): { spec: ConnectionSpec; password?: string };
  /** Writes a spec as a URL, never with a password. */
  formatUrl(spec: ConnectionSpec): string;

  /** Quotes an identifier so that any name (`a"b`, `]`, backticks, spaces, unicode) round-trips. */
  quoteIdentifier(name: string): string;
  /** The quoted, schema-qualified name of a table. */
  quoteTable(ref: TableRef): string;

  /** Maps a declared native type (e.g. `varchar(120)`, `numeric(10,2)`) to its portable type. */
  toPortableType(nativeType: string): PortableMapping;
  /** The native DDL type that holds a portable type without loss. */
  nativeTypeFor(type: PortableType): string;

  /** The schema new tables go to on this connection (`public`, `dbo`, the URL's schema), or null where there are none. */
  defaultSchema(spec: ConnectionSpec): string | null;

  /**
   * A query for at most `limit` rows of `from` (a quoted table, or a parenthesised query with an
   * alias), in random order when `random` is set.
   */
  sampleSql(from: string, limit: number, random: boolean): string;

  /**
   * One keyset page: `columns` of `table` whose key is after `after` (all rows when null), in key
   * order, at most `limit`; `where` is an extra condition (a plan's filter, negated or not).
   */
  keysetPageSql(
    table: TableRef,
    columns: readonly string[],
    keyColumns: readonly string[],
    after: readonly unknown[] | null,
    limit: number,
  ): { sql: string; bindings: unknown[] };

  /** The DDL that creates a plan's target table in this dialect. */
  tableDdl(table: TableRef, definition: TargetTable): TableDdl;

  /** Opens a session; failures are thrown as classified TallyErrors with no secret in them. */
  connect(spec: ConnectionSpec, options: ConnectOptions): Promise<DatabaseSession>;
  /** Turns a driver error into one classified, readable sentence. */
  classifyError(error: unknown, spec: ConnectionSpec): TallyError;
}
