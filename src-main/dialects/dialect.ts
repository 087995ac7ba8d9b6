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
import type { SchemaInfo, TableInfo, TableRef } from '../../src-shared/schema-info';
import type { ProfileKind } from '../../src-shared/profile';

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
  /** The database is a local file: no password, and a target file that does not exist yet is an empty database. */
  fileDatabase: boolean;
  /** Statements run inside this process, synchronously: while one works, nothing else in the process moves. */
  inProcess: boolean;
};

export const noCapabilities: DialectCapabilities = {
  schemas: false,
  enforcesReadOnlySessions: false,
  transactionalDdl: false,
  catalogRowEstimates: false,
  fileDatabase: false,
  inProcess: false,
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
  /**
   * Like `query`, but each row is an array in the order of the statement's select list: no
   * object per row, which matters when a run reads millions of them.
   */
  queryArrays(sql: string, bindings?: readonly unknown[]): Promise<unknown[][]>;
  /** Reads the catalogue: tables, views, columns, keys, indexes and row counts. */
  inspect(options: InspectOptions): Promise<SchemaInfo>;
  /**
   * Inserts rows with the dialect's bulk path (COPY, multi-row INSERT, prepared statements), all
   * or nothing: when it throws, nothing of this call was written.
   */
  writeRows(
    table: TableRef,
    columns: readonly WriteColumn[],
    rows: readonly (readonly CellValue[])[],
    options?: WriteOptions,
  ): Promise<void>;
  /**
   * Where a dialect does work on a batch before sending it (PostgreSQL encodes its binary COPY):
   * that work done now, so that a caller can overlap it with the previous batch's write. The
   * batch's `write` is writeRows's, all or nothing, and may be called again after a failure.
   */
  prepareWrite?(
    table: TableRef,
    columns: readonly WriteColumn[],
    rows: readonly (readonly CellValue[])[],
    options?: WriteOptions,
  ): Promise<PreparedWrite>;
  /**
   * Turns the session's own foreign-key enforcement off or on. Only SQLite enforces keys per
   * connection and must declare them in CREATE TABLE; elsewhere keys are added after the load and
   * this does nothing.
   */
  setForeignKeyChecks(enabled: boolean): Promise<void>;
  /** Deletes every row of a table; rows of the table that reference each other are no obstacle. */
  emptyTable(table: TableRef): Promise<void>;
  close(): Promise<void>;
}

export type WriteOptions = {
  /** Upsert: a row whose key already exists replaces that row's other columns instead of failing. */
  upsertKeys?: readonly string[];
};

/** A batch made ready by prepareWrite. */
export type PreparedWrite = {
  /**
   * Writes the batch. `sent` is called once the whole batch is handed to the connection, for a
   * caller about to hold the thread (a SQLite read) to wait for first: until then the target waits.
   */
  write(sent?: () => void): Promise<void>;
};

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
    options?: KeysetPageOptions,
  ): { sql: string; bindings: unknown[] };

  /**
   * A column every table has that identifies a row while the source is not written to (SQLite's
   * rowid), so a table with no key can still be read in keyset pages; absent where there is none.
   */
  readonly rowIdentity?: string;

  /** Copies a table's rows into a new table (a backup before a full load empties it). */
  copyTableSql(from: TableRef, to: TableRef): string;

  /** The DDL that creates a plan's target table in this dialect. */
  tableDdl(table: TableRef, definition: TargetTable): TableDdl;

  /** Opens a session; failures are thrown as classified TallyErrors with no secret in them. */
  connect(spec: ConnectionSpec, options: ConnectOptions): Promise<DatabaseSession>;
  /** Turns a driver error into one classified, readable sentence. */
  classifyError(error: unknown, spec: ConnectionSpec): TallyError;

  /** The SQL the profiler (src-main/profile/) builds its aggregate statements from. */
  readonly profile: ProfileSql;
  /** The SQL validation (src-main/validate/) hashes segments and reads canonical rows with. */
  readonly validate: ValidateSql;
}

/** What a keyset page may add to a plain table read. */
export type KeysetPageOptions = {
  /** A FROM item read instead of the table: a parenthesised query with an alias (a plan's source query). */
  from?: string;
  /** An extra condition rows must meet (an incremental run's watermark range), with its `?` bindings. */
  where?: { sql: string; bindings: readonly unknown[] };
  /** A plan's filter: selected after `columns` as 1 (keep) or 0 (filtered out), so filtered rows are counted, not skipped. */
  keepWhen?: string;
};

/** A column as validation hashes it: an expression (a quoted column) and the portable type it is encoded as. */
export type CanonicalSqlColumn = {
  expr: string;
  type: PortableType;
  /** Trailing spaces are CHAR(n) padding on one side: trim them. */
  padded: boolean;
  /** The column's type in this database, when known: a dialect may choose a cheaper exact expression. */
  nativeType?: string;
};

/**
 * SQL for validation: the canonical encoding of src-shared/canonical.ts compiled to this dialect,
 * so segment hashes are aggregates computed inside the database.
 */
export interface ValidateSql {
  /** Runs before a session's first validation statement (SQLite registers its functions); never writes. */
  prepare(session: DatabaseSession): Promise<void>;
  /** An expression giving the column's canonical text (NULL for null), or null when this dialect cannot compute it in SQL. */
  canonical(column: CanonicalSqlColumn): string | null;
  /**
   * One row `(n, h)` for the rows of `from` meeting `where`: their count and the segment hash words
   * `a:b` (sums mod 2^32 of each row md5's first and second 32-bit words, '0:0' for no rows), or
   * null when a column cannot be encoded in SQL.
   */
  segmentHashSql(from: string, columns: readonly CanonicalSqlColumn[], where: string): string | null;
  /** A key column in binary (code point) order, for comparisons and ORDER BY, whatever its collation. */
  binaryKey(expr: string, type: PortableType): string;
  /** An ORDER BY expression that shuffles rows (key sampling). */
  readonly randomOrder: string;
}

/** The rows a profile reads: a FROM item (with its alias) for the whole table or a sample of it. */
export type ProfileSource = {
  from: string;
  /**
   * A common table expression (`name AS MATERIALIZED (…)`) that `from` reads, put at the start of
   * every statement: the sample is then read once per statement however many times it is used.
   */
  with?: string;
  /** How a sample's rows were chosen, in words (e.g. `TABLESAMPLE SYSTEM (9.8%) REPEATABLE (42)`). */
  method: string;
};

export type ProfileSampleRequest = {
  table: TableInfo;
  /** About how many rows the sample should hold. */
  rows: number;
  /** The table's row count or the catalogue's estimate of it. */
  estimatedRows: number;
  /** The same seed chooses the same rows, so every statement of one profile reads the same sample. */
  seed: number;
  alias: string;
};

/**
 * SQL pieces for profiling. Each takes SQL text (`expr` is a quoted column or an expression) and
 * returns SQL text; the profiler assembles them into a few aggregate statements per table and
 * never spells a dialect's SQL itself. Everything here must run on a read-only session.
 */
export interface ProfileSql {
  /**
   * How many profile statements may run at once on one session: at most its pool's size, and 1
   * where the database runs one statement at a time anyway (SQLite).
   */
  readonly parallelStatements: number;
  /** Runs before each table is profiled (SQLite registers its pattern function on the connection); idempotent, never writes. */
  prepare(session: DatabaseSession): Promise<void>;
  /** A FROM item with the request's alias holding a reproducible sample of a (large) table. */
  sample(session: DatabaseSession, request: ProfileSampleRequest): Promise<ProfileSource>;
  /** Any value as text; dates and times as the database prints them. */
  text(expr: string, kind: ProfileKind): string;
  /** Length of a text in characters, trailing spaces included. */
  textLength(expr: string): string;
  /** A text compared byte for byte (case, accents and trailing spaces count), for grouping and ordering. */
  exactKey(expr: string): string;
  /** An `exactKey` value back as readable text. */
  keyText(expr: string): string;
  /** lower(trim(expr)) as an exact key: the normalisation of duplicate candidates. */
  normalizedKey(expr: string): string;
  /**
   * The format pattern of a text (`formatPattern` in src-shared/profile.ts), or null when the
   * database cannot compute it and the profiler must do it on a sample.
   */
  pattern(expr: string, maxLength: number): string | null;
  /** A column value as a double, or NULL where the value is not a number (SQLite text in a numeric column). */
  number(expr: string): string;
  /** A numeric expression as a double (so averages of integers are not integer divisions). */
  float(expr: string): string;
  /** Seconds since 1970-01-01 UTC of a date, timestamp or timestamptz; seconds since midnight of a time. */
  epochSeconds(expr: string, type: 'date' | 'time' | 'timestamp' | 'timestamptz'): string;
  /** The integer part of a non-negative number. */
  floor(expr: string): string;
  /**
   * Where each value carries its own type (SQLite): an expression giving 'integer', 'real',
   * 'text', 'blob' or 'null'. Null where values always have their column's type.
   */
  storageClass(expr: string): string | null;
  /** A condition: the text is a plain number (an optional sign, then digits and dots with at least one digit). */
  looksNumeric(expr: string): string;
  /** What follows `ORDER BY …` to keep `count` rows after skipping `offset` (` LIMIT 10 OFFSET 5`, ` OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY`). */
  limit(count: number, offset?: number): string;
}
