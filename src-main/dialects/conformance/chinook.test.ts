/**
 * The Chinook sample database ships as a SQLite file and as a PostgreSQL script holding the same
 * data. Inspecting both must give the same shape: tables, primary keys, foreign keys, row counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SchemaInfo, TableInfo } from '../../../src-shared/schema-info';
import type { DatabaseSession } from '../dialect';
import { sqliteDialect } from '../sqlite';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

// The shared data folder sits next to the repository: <repo>/../shared/data/chinook.
const chinookDir = fileURLToPath(new URL('../../../../shared/data/chinook/', import.meta.url));
const sqliteFile = `${chinookDir}Chinook_Sqlite.sqlite`;
const postgresScript = `${chinookDir}Chinook_PostgreSql.sql`;
const dataMissing = !existsSync(sqliteFile) || !existsSync(postgresScript);
const embedded = liveTargets(inject('embeddedPostgresUrl')).find((t) => t.label === 'PostgreSQL (embedded)');

const expectedRowCounts: Record<string, number> = {
  Album: 347,
  Artist: 275,
  Customer: 59,
  Employee: 8,
  Genre: 25,
  Invoice: 412,
  InvoiceLine: 2240,
  MediaType: 5,
  Playlist: 18,
  PlaylistTrack: 8715,
  Track: 3503,
};

const expectedPrimaryKeys: Record<string, string[]> = {
  Album: ['AlbumId'],
  Artist: ['ArtistId'],
  Customer: ['CustomerId'],
  Employee: ['EmployeeId'],
  Genre: ['GenreId'],
  Invoice: ['InvoiceId'],
  InvoiceLine: ['InvoiceLineId'],
  MediaType: ['MediaTypeId'],
  Playlist: ['PlaylistId'],
  PlaylistTrack: ['PlaylistId', 'TrackId'],
  Track: ['TrackId'],
};

const expectedForeignKeys = [
  'Album.ArtistId -> Artist.ArtistId',
  'Customer.SupportRepId -> Employee.EmployeeId',
  'Employee.ReportsTo -> Employee.EmployeeId',
  'Invoice.CustomerId -> Customer.CustomerId',
  'InvoiceLine.InvoiceId -> Invoice.InvoiceId',
  'InvoiceLine.TrackId -> Track.TrackId',
  'PlaylistTrack.PlaylistId -> Playlist.PlaylistId',
  'PlaylistTrack.TrackId -> Track.TrackId',
  'Track.AlbumId -> Album.AlbumId',
  'Track.GenreId -> Genre.GenreId',
  'Track.MediaTypeId -> MediaType.MediaTypeId',
];

/**
 * The two files name things differently: SQLite uses PascalCase (`InvoiceLine.TrackId`), the
 * PostgreSQL script snake_case (`invoice_line.track_id`). Lower case without underscores makes
 * them comparable; SQLite's names, the script's own, are what the expectations above use.
 */
function comparable(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

function rowCounts(schema: SchemaInfo, nameOf: (name: string) => string): Record<string, number | undefined> {
  return Object.fromEntries(
    schema.tables.map((t) => [nameOf(t.name), t.rowCount?.exact ? t.rowCount.value : undefined]),
  );
}

function primaryKeys(schema: SchemaInfo, nameOf: (name: string) => string): Record<string, string[]> {
  return Object.fromEntries(schema.tables.map((t) => [nameOf(t.name), (t.primaryKey?.columns ?? []).map(nameOf)]));
}

function foreignKeyPairs(schema: SchemaInfo, nameOf: (name: string) => string): string[] {
  return schema.tables
    .flatMap((t) =>
      t.foreignKeys.map(
        (fk) =>
          `${nameOf(t.name)}.${fk.columns.map(nameOf).join(',')} -> ${nameOf(fk.referencedTable.name)}.${fk.referencedColumns.map(nameOf).join(',')}`,
      ),
    )
    .sort();
}

function columnShape(table: TableInfo | undefined): string[] {
  return (table?.columns ?? []).map((c) => `${comparable(c.name)}${c.nullable ? '' : ' not null'}`);
}

/** The script creates its own database and switches to it with psql's `\c`; the fresh database replaces both. */
function loadableScript(text: string): string {
  const connectLine = /^\\c\s+chinook;?\s*$/m.exec(text);
  if (!connectLine)
    throw new Error('The Chinook PostgreSQL script no longer has its "\\c chinook" line: check what to strip.');
  return text.slice(connectLine.index + connectLine[0].length);
}

type RawPgConnection = { query(sql: string): Promise<unknown> };
/** The part of knex's (untyped) client that lends out pooled driver connections. */
type ConnectionLender = {
  acquireConnection(): Promise<RawPgConnection>;
  releaseConnection(connection: RawPgConnection): Promise<unknown>;
};

/**
 * Runs the whole script as one simple-protocol query on a pooled pg connection: one round trip,
 * one implicit transaction. Not through session.query, whose `?` placeholders would rewrite the
 * question marks inside album and track titles.
 */
async function runScript(session: DatabaseSession, script: string): Promise<void> {
  const client = session.knex.client as ConnectionLender;
  const connection = await client.acquireConnection();
  try {
    await connection.query(script);
  } finally {
    await client.releaseConnection(connection);
  }
}

describe.skipIf(dataMissing)('Chinook: the same shape in SQLite and PostgreSQL', () => {
  let sqliteSchema: SchemaInfo;

  beforeAll(async () => {
    const session = await sqliteDialect.connect(
      { dialect: 'sqlite', file: sqliteFile },
      { password: undefined, readOnly: true, timeoutMs: 5_000 },
    );
    try {
      sqliteSchema = await session.inspect({ exactCountLimit: 100_000 });
    } finally {
      await session.close();
    }
  });

  it('reads the SQLite file: 11 tables, exact row counts, keys', () => {
    expect(sqliteSchema.tables.map((t) => t.name).sort()).toEqual(Object.keys(expectedRowCounts).sort());
    expect(rowCounts(sqliteSchema, (name) => name)).toEqual(expectedRowCounts);
    expect(primaryKeys(sqliteSchema, (name) => name)).toEqual(expectedPrimaryKeys);
    const pairs = foreignKeyPairs(sqliteSchema, (name) => name);
    expect(pairs).toHaveLength(11);
    expect(pairs).toEqual(expectedForeignKeys);
    expect(pairs).toContain('Employee.ReportsTo -> Employee.EmployeeId');
  });

  describe.skipIf(embedded?.notRun !== undefined)('loaded into the embedded PostgreSQL', () => {
    let fresh: FreshDatabase;
    let session: DatabaseSession;
    let postgresSchema: SchemaInfo;
    // PostgreSQL names (snake_case) back to the SQLite/expected spelling (PascalCase).
    const sqliteNames = new Map<string, string>();
    const asSqliteName = (name: string): string => sqliteNames.get(comparable(name)) ?? name;

    beforeAll(async () => {
      if (!embedded) throw new Error('The embedded PostgreSQL target is not listed.');
      for (const table of sqliteSchema.tables) {
        sqliteNames.set(comparable(table.name), table.name);
        for (const column of table.columns) sqliteNames.set(comparable(column.name), column.name);
      }
      fresh = await createFreshDatabase(embedded);
      session = await fresh.open();
      await runScript(session, loadableScript(readFileSync(postgresScript, 'utf8')));
      postgresSchema = await session.inspect({ exactCountLimit: 100_000 });
    });

    afterAll(async () => {
      await session?.close();
      await fresh?.drop();
    });

    it('strips only the database switching from the script', () => {
      const script = loadableScript(readFileSync(postgresScript, 'utf8'));
      expect(script).not.toMatch(/^\s*\\/m);
      expect(script).not.toMatch(/\b(CREATE|DROP)\s+DATABASE\b/i);
      expect(script.match(/^CREATE TABLE /gm)).toHaveLength(11);
    });

    it('has the same 11 tables, in snake_case', () => {
      expect(postgresSchema.schemas).toEqual(['public']);
      expect(postgresSchema.tables.map((t) => t.name)).toContain('invoice_line');
      expect(postgresSchema.tables.map((t) => t.schema)).toEqual(Array(11).fill('public'));
      expect(postgresSchema.tables.map((t) => asSqliteName(t.name)).sort()).toEqual(
        Object.keys(expectedRowCounts).sort(),
      );
    });

    it('has the same exact row counts', () => {
      expect(rowCounts(postgresSchema, asSqliteName)).toEqual(expectedRowCounts);
    });

    it('has the same primary keys, PlaylistTrack composite', () => {
      expect(primaryKeys(postgresSchema, asSqliteName)).toEqual(expectedPrimaryKeys);
      expect(postgresSchema.tables.find((t) => t.name === 'playlist_track')?.primaryKey?.columns).toEqual([
        'playlist_id',
        'track_id',
      ]);
    });

    it('has the same 11 foreign keys, the employee self-reference included', () => {
      const pairs = foreignKeyPairs(postgresSchema, asSqliteName);
      expect(pairs).toHaveLength(11);
      expect(pairs).toEqual(expectedForeignKeys);
      expect(pairs).toEqual(foreignKeyPairs(sqliteSchema, (name) => name));
      const reportsTo = postgresSchema.tables.find((t) => t.name === 'employee')?.foreignKeys[0];
      expect(reportsTo).toMatchObject({
        columns: ['reports_to'],
        referencedTable: { schema: 'public', name: 'employee' },
        referencedColumns: ['employee_id'],
      });
    });

    it('keeps the text the script holds: question marks, backslashes, accents', async () => {
      const tracks = await session.query<{ name: string }>(
        'SELECT name FROM track WHERE track_id IN (293, 2918, 3485) ORDER BY track_id',
      );
      expect(tracks.map((t) => t.name)).toEqual([
        'Onde Você Mora?',
        '"?"',
        'Symphony No. 3 Op. 36 for Orchestra and Soprano "Symfonia Piesni Zalosnych" \\ Lento E Largo - Tranquillissimo',
      ]);
    });

    it('has the same columns and nullability in every table', () => {
      for (const table of sqliteSchema.tables) {
        const twin = postgresSchema.tables.find((t) => comparable(t.name) === comparable(table.name));
        expect(columnShape(twin), table.name).toEqual(columnShape(table));
      }
      expect(postgresSchema.tables.reduce((n, t) => n + t.columns.length, 0)).toBe(64);
    });
  });
});

// Say why, rather than pass silently.
if (dataMissing) it.skip(`Chinook not run: the data files are missing from ${chinookDir}`, () => undefined);
else if (embedded?.notRun) it.skip(`Chinook in PostgreSQL not run: ${embedded.notRun}`, () => undefined);
