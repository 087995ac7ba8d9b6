/**
 * Every live target writes rows through its bulk path exactly (hostile text included), all or
 * nothing per call, and reads them back in keyset pages in key order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { canonicalValue } from '../../../src-shared/canonical';
import { TallyError } from '../../../src-shared/errors';
import type { TargetTable } from '../../../src-shared/plan';
import type { CellValue } from '../../../src-shared/transforms/transform';
import { dialectFor } from '../index';
import type { DatabaseSession, WriteColumn } from '../dialect';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

const targets = liveTargets(inject('embeddedPostgresUrl'));

const definition: TargetTable = {
  columns: [
    { name: 'id', type: { kind: 'integer', bits: 64 }, nullable: false },
    { name: 'label', type: { kind: 'text', length: 200 }, nullable: true },
    { name: 'amount', type: { kind: 'decimal', precision: 12, scale: 2 }, nullable: true },
    { name: 'ratio', type: { kind: 'float' }, nullable: true },
    { name: 'flag', type: { kind: 'boolean' }, nullable: true },
  ],
  primaryKey: ['id'],
  uniqueConstraints: [],
  foreignKeys: [],
  indexes: [],
};
const columns: WriteColumn[] = definition.columns.map((c) => ({ name: c.name, type: c.type }));
const table = { schema: null, name: 'written? rows' };

const hostileTexts = [
  'plain',
  'tab\there',
  'line\nbreak\r\nand CR',
  'back\\slash \\N \\x00',
  'quote \' and " and `',
  'question? marks ?',
  'ünïcødé 表 😀',
  '',
  '   spaces   ',
];

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`writes: ${target.label}`, () => {
    const dialect = dialectFor(target.dialect);
    let fresh: FreshDatabase;
    let session: DatabaseSession;
    const ref = { ...table, schema: null as string | null };

    beforeAll(async () => {
      fresh = await createFreshDatabase(target);
      session = await fresh.open();
      ref.schema = dialect.defaultSchema(fresh.spec);
      for (const sql of dialect.tableDdl(ref, definition).createTable) await session.query(sql);
    });

    afterAll(async () => {
      await session?.close();
      await fresh?.drop();
    });

    it('writes hostile text exactly and reads it back in key order, page by page', async () => {
      const rows: CellValue[][] = hostileTexts.map((text, i) => [i + 1, text, '1234.5', 0.1 + i, i % 2 === 0]);
      rows.push([100, null, null, null, null]);
      await session.writeRows(ref, columns, rows);

      const read: Record<string, unknown>[] = [];
      let after: unknown[] | null = null;
      for (;;) {
        const page = dialect.keysetPageSql(ref, ['id', 'label', 'amount'], ['id'], after, 4);
        const got = await session.query(page.sql, page.bindings);
        if (got.length === 0) break;
        read.push(...got);
        after = [got[got.length - 1]?.id];
      }
      expect(read.map((r) => Number(r.id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
      expect(read.slice(0, hostileTexts.length).map((r) => r.label)).toEqual(hostileTexts);
      expect(read[9]?.label).toBeNull();
      expect(Number(read[0]?.amount)).toBe(1234.5);
    });

    it('keeps the instant and the microseconds of timestamps written with an offset, and dates as written', async () => {
      const stamps = { schema: ref.schema, name: 'stamps' };
      const stampColumns: WriteColumn[] = [
        { name: 'id', type: { kind: 'integer', bits: 64 } },
        { name: 'at', type: { kind: 'timestamptz' } },
        { name: 'day', type: { kind: 'date' } },
      ];
      const ddl = dialect.tableDdl(stamps, {
        ...definition,
        columns: stampColumns.map((c) => ({ ...c, nullable: c.name !== 'id' })),
      });
      for (const sql of ddl.createTable) await session.query(sql);
      await session.writeRows(stamps, stampColumns, [
        [1, '2024-03-01T10:00:00.123456+02:00', '2024-02-29'],
        [2, '2023-12-31 23:59:59.000001Z', '1999-01-01'],
      ]);
      const page = dialect.keysetPageSql(stamps, ['id', 'at', 'day'], ['id'], null, 10);
      const read = await session.query(page.sql, page.bindings);
      const texts = read.map((row) => [
        canonicalValue((row.at ?? null) as CellValue, { type: { kind: 'timestamptz' } }),
        canonicalValue((row.day ?? null) as CellValue, { type: { kind: 'date' } }),
      ]);
      expect(texts).toEqual([
        ['2024-03-01 08:00:00.123456', '2024-02-29'],
        ['2023-12-31 23:59:59.000001', '1999-01-01'],
      ]);
    });

    it('writes a number bound for a text column as the number’s own shortest text', async () => {
      await session.writeRows(ref, columns, [
        [300, 3, null, null, null],
        [301, 0.1 + 0.2, null, null, null],
        [302, -1.5e-7, null, null, null],
      ]);
      const got = await session.query(
        `SELECT ${dialect.quoteIdentifier('label')} AS label FROM ${dialect.quoteTable(ref)} WHERE ${dialect.quoteIdentifier('id')} >= 300 ORDER BY ${dialect.quoteIdentifier('id')}`,
      );
      expect(got.map((row) => row.label)).toEqual(['3', String(0.1 + 0.2), String(-1.5e-7)]);
    });

    it('writes nothing of a batch the target refuses', async () => {
      const before = await session.query(`SELECT count(*) AS n FROM ${dialect.quoteTable(ref)}`);
      const duplicate: CellValue[][] = [
        [200, 'new', null, null, null],
        [1, 'clashes with an existing key', null, null, null],
      ];
      const error = await session.writeRows(ref, columns, duplicate).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TallyError);
      const after = await session.query(`SELECT count(*) AS n FROM ${dialect.quoteTable(ref)}`);
      expect(Number(Object.values(after[0] ?? {})[0])).toBe(Number(Object.values(before[0] ?? {})[0]));
    });
  });
}
