/**
 * A plan built from Chinook (SQLite) creates the same shape of tables on every live target:
 * the DDL each dialect generates really runs, in the plan's foreign-key order, and inspecting
 * the result gives back the keys, foreign keys and types the plan asked for.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../../src-shared/plan';
import { formatPortableType } from '../../../src-shared/portable-types';
import type { SchemaInfo } from '../../../src-shared/schema-info';
import { buildPlan } from '../../engine/planner';
import { chinookRowCounts, requireChinook } from '../../testing/fixtures';
import { dialectFor } from '../index';
import type { DatabaseSession } from '../dialect';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

const targets = liveTargets(inject('embeddedPostgresUrl'));

async function inspectChinook(): Promise<SchemaInfo> {
  const session = await dialectFor('sqlite').connect(
    { dialect: 'sqlite', file: requireChinook() },
    { password: undefined, readOnly: true, timeoutMs: 5000 },
  );
  try {
    return await session.inspect({ exactCountLimit: 100_000 });
  } finally {
    await session.close();
  }
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`plan DDL: Chinook → ${target.label}`, () => {
    const dialect = dialectFor(target.dialect);
    let fresh: FreshDatabase;
    let writer: DatabaseSession;
    let plan: Plan;
    let created: SchemaInfo;

    beforeAll(async () => {
      const source = await inspectChinook();
      fresh = await createFreshDatabase(target);
      writer = await fresh.open();
      const empty = await writer.inspect({ exactCountLimit: 0 });
      plan = buildPlan(source, empty, {
        name: 'chinook',
        source: { url: `sqlite:${requireChinook()}` },
        target: { url: dialect.formatUrl(fresh.spec) },
        targetSchema: dialect.defaultSchema(fresh.spec),
      });
      const ordered = plan.phases.flatMap((phase) => phase.tables.map((id) => plan.tables.find((t) => t.id === id)));
      const ddl = ordered.map((table) =>
        table?.targetTable ? dialect.tableDdl(table.target, table.targetTable) : undefined,
      );
      for (const statements of ddl) for (const sql of statements?.createTable ?? []) await writer.query(sql);
      for (const statements of ddl) for (const sql of statements?.indexes ?? []) await writer.query(sql);
      for (const statements of ddl) for (const sql of statements?.foreignKeys ?? []) await writer.query(sql);
      created = await writer.inspect({ exactCountLimit: 100_000 });
    });

    afterAll(async () => {
      await writer?.close();
      await fresh?.drop();
    });

    it('creates all 11 tables, empty', () => {
      expect(created.tables.map((t) => t.name).sort()).toEqual(Object.keys(chinookRowCounts).sort());
      for (const table of created.tables) expect(table.rowCount, table.name).toEqual({ value: 0, exact: true });
    });

    it('keeps primary keys and all 11 foreign keys, self-reference included', () => {
      const playlistTrack = created.tables.find((t) => t.name === 'PlaylistTrack');
      expect(playlistTrack?.primaryKey?.columns).toEqual(['PlaylistId', 'TrackId']);
      const pairs = created.tables
        .flatMap((t) =>
          t.foreignKeys.map(
            (fk) => `${t.name}.${fk.columns.join('+')}→${fk.referencedTable.name}.${fk.referencedColumns.join('+')}`,
          ),
        )
        .sort();
      expect(pairs).toEqual([
        'Album.ArtistId→Artist.ArtistId',
        'Customer.SupportRepId→Employee.EmployeeId',
        'Employee.ReportsTo→Employee.EmployeeId',
        'Invoice.CustomerId→Customer.CustomerId',
        'InvoiceLine.InvoiceId→Invoice.InvoiceId',
        'InvoiceLine.TrackId→Track.TrackId',
        'PlaylistTrack.PlaylistId→Playlist.PlaylistId',
        'PlaylistTrack.TrackId→Track.TrackId',
        'Track.AlbumId→Album.AlbumId',
        'Track.GenreId→Genre.GenreId',
        'Track.MediaTypeId→MediaType.MediaTypeId',
      ]);
    });

    it('keeps money as decimal, dates as timestamps and text lengths', () => {
      const typeOf = (table: string, column: string): string => {
        const found = created.tables.find((t) => t.name === table)?.columns.find((c) => c.name === column);
        return found ? formatPortableType(found.portableType) : '(missing)';
      };
      expect(typeOf('InvoiceLine', 'UnitPrice')).toBe('decimal(10,2)');
      expect(typeOf('Invoice', 'Total')).toBe('decimal(10,2)');
      expect(typeOf('Invoice', 'InvoiceDate')).toBe('timestamp');
      expect(typeOf('Employee', 'HireDate')).toBe('timestamp');
      expect(typeOf('Track', 'Name')).toBe('text(200)');
      expect(typeOf('Customer', 'Email')).toBe('text(60)');
      expect(typeOf('Track', 'Milliseconds')).toBe('integer(64)');
      const track = created.tables.find((t) => t.name === 'Track');
      expect(track?.columns.find((c) => c.name === 'Name')?.nullable).toBe(false);
      expect(track?.columns.find((c) => c.name === 'Composer')?.nullable).toBe(true);
    });

    it('orders the load so that every table comes after the tables it references', () => {
      const phaseOf = new Map(plan.phases.flatMap((phase, i) => phase.tables.map((id) => [id, i] as const)));
      for (const table of plan.tables) {
        for (const fk of table.targetTable?.foreignKeys ?? []) {
          if (fk.deferred) continue;
          expect(phaseOf.get(fk.referencedTable.name), `${table.id} → ${fk.referencedTable.name}`).toBeLessThan(
            phaseOf.get(table.id) ?? -1,
          );
        }
      }
      const selfReference = plan.tables.find((t) => t.id === 'Employee')?.targetTable?.foreignKeys[0];
      expect(selfReference).toMatchObject({ columns: ['ReportsTo'], deferred: true });
    });
  });
}
