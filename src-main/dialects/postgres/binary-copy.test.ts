/**
 * The binary COPY encoder against live PostgreSQL servers: every value is written once through
 * the text format and once through the binary one, and both tables must read back the same. A
 * value the encoder does not vouch for must send the batch the text way, and the server's
 * refusals must still name the column.
 */
import type { Client as PgClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PortableType } from '../../../src-shared/portable-types';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { DatabaseSession, WriteColumn } from '../dialect';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../conformance/targets';
import { binaryEncodersFor, CopyBuffer, encodeBinaryCopy, pgTypeOids, putNumericText } from './binary-copy';
import { postgresNativeTypeFor } from './types';
import { copyTextRows } from './write';

type Case = { native: string; type: PortableType; values: CellValue[] };

const cases: Case[] = [
  { native: 'smallint', type: { kind: 'integer', bits: 16 }, values: [0, -0, 1, -32768, 32767, '123', '-5', 7n] },
  {
    native: 'integer',
    type: { kind: 'integer', bits: 32 },
    values: [2147483647, -2147483648, '2147483647', '-0', 0n, 65536],
  },
  {
    native: 'bigint',
    type: { kind: 'integer', bits: 64 },
    values: [
      9007199254740991,
      -9007199254740991,
      9223372036854775807n,
      -9223372036854775808n,
      '9223372036854775807',
      '-9223372036854775808',
      '123456789012345678',
      4294967296,
      -4294967297,
    ],
  },
  {
    native: 'numeric',
    type: { kind: 'decimal' },
    values: [
      0,
      -0,
      '0',
      '-0',
      '-0.00',
      '0.000',
      1,
      -1,
      12.5,
      -12.5,
      0.1,
      1e21,
      1e-7,
      1.5e-7,
      123456789.12345679,
      5e-324,
      1.7976931348623157e308,
      -2.5e-300,
      '12345678901234567890.12345678901234567890',
      '-99999999999999999999999.9999',
      '1.50',
      '100',
      '10000',
      '100000000',
      '.5',
      '5.',
      '-.5',
      '+3.14',
      '1E+3',
      '1.23e-10',
      '1.2300e2',
      '9999',
      '0.0001',
      '0.00001',
      '-0.000100',
      '123456789012345678901234567890',
      '1234567890123456',
      '12345678901234567',
      '0.1234567890123456789',
      12345678901234567890n,
      -7n,
    ],
  },
  {
    native: 'numeric(12,2)',
    type: { kind: 'decimal', precision: 12, scale: 2 },
    values: [12.345, 9999999999.99, -0.005, 0.004, '-12.3', 1234.5, '0'],
  },
  {
    native: 'double precision',
    type: { kind: 'float' },
    values: [
      0,
      -0,
      1.5,
      0.1,
      1e308,
      5e-324,
      -1.7976931348623157e308,
      Number.NaN,
      Infinity,
      -Infinity,
      '12.50',
      '-3e-5',
      '1e-320',
      '0.0',
      1 / 3,
    ],
  },
  { native: 'real', type: { kind: 'float' }, values: [0.5, 1.25, -2, 3.4028234663852886e38, 0, -0.75] },
  { native: 'boolean', type: { kind: 'boolean' }, values: [true, false, 1, 0, 't', 'FALSE', 'yes', 'off', 1n] },
  {
    native: 'text',
    type: { kind: 'text' },
    values: [
      'plain',
      '',
      'tab\there',
      'line\nbreak\r\nand CR',
      'back\\slash \\N \\x00',
      'ünïcødé 表 😀',
      'lone \ud800 surrogate',
      12.5,
      true,
      10n,
      new Date('2024-03-10T07:30:00.123Z'),
      new Uint8Array([0, 255]),
      'x'.repeat(70_000),
      '表'.repeat(20_000),
    ],
  },
  { native: 'varchar(5)', type: { kind: 'text', length: 5 }, values: ['ab', 'abcde', 'ünï表😀'] },
  { native: 'char(5)', type: { kind: 'text', length: 5 }, values: ['ab', 'abcde', ''] },
  {
    native: 'bytea',
    type: { kind: 'binary' },
    values: [new Uint8Array([0, 255, 1]), new Uint8Array([]), 'hi ü', Buffer.from('buffer')],
  },
  {
    native: 'date',
    type: { kind: 'date' },
    values: [
      '2024-02-29',
      '0001-01-01',
      '9999-12-31',
      '1999-12-31',
      '2000-01-01',
      '1600-03-01',
      new Date('2024-03-10T23:30:00Z'),
      new Date('1969-07-20T20:17:00Z'),
      new Date('1066-10-14T09:00:00Z'),
    ],
  },
  {
    native: 'timestamp',
    type: { kind: 'timestamp' },
    values: [
      '2024-03-10 07:30:00',
      '2024-03-10T07:30:00.123456',
      '2024-03-10T07:30',
      '2024-03-10T07:30:00.5',
      '2024-03-10T07:30:00+05:30',
      '2024-03-10T07:30:00Z',
      '1900-01-01 00:00:00',
      '0001-01-01 00:00:00',
      '9999-12-31 23:59:59.999999',
      new Date('2024-03-10T07:30:00.123Z'),
      new Date('1700-06-01T12:00:00Z'),
      new Date('2400-01-01T00:00:00.001Z'),
      new Date(-1),
    ],
  },
  {
    native: 'timestamp with time zone',
    type: { kind: 'timestamptz' },
    values: [
      '2020-03-04T05:06:07+05:30',
      '2020-03-04 05:06:07Z',
      '2020-03-04T05:06:07.5-08',
      '2020-03-04T05:06:07-0330',
      '2020-03-04T05:06+01:00',
      '1901-12-13T20:45:52+00:00',
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999999+00:00',
      '1969-12-31T23:59:59.999999Z',
      new Date('2020-03-04T05:06:07.089Z'),
      new Date('1500-01-01T00:00:00Z'),
    ],
  },
  { native: 'time', type: { kind: 'time' }, values: ['00:00', '23:59:59.999999', '12:30:15.5', '07:08:09'] },
  {
    native: 'uuid',
    type: { kind: 'uuid' },
    values: ['123e4567-e89b-12d3-a456-426614174000', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
  },
  { native: 'json', type: { kind: 'json' }, values: ['{"a": 1,  "b":[1,2]}', '[1, 2]', 12, '"ü"', 'null'] },
  {
    native: 'jsonb',
    type: { kind: 'json' },
    values: ['{"b": 2, "a": [1, 2.50]}', 'null', '"ü 😀"', 3.25, '{"nested": {"deep": [true, false, null]}}'],
  },
];

/** Values the encoder must leave to the text path (the server decides), per native type. */
const leftToText: { native: string; type: PortableType; value: CellValue }[] = [
  { native: 'integer', type: { kind: 'integer', bits: 32 }, value: '12.5' },
  { native: 'integer', type: { kind: 'integer', bits: 32 }, value: 2147483648 },
  { native: 'integer', type: { kind: 'integer', bits: 32 }, value: ' 12' },
  { native: 'smallint', type: { kind: 'integer', bits: 16 }, value: true },
  { native: 'bigint', type: { kind: 'integer', bits: 64 }, value: 9223372036854775808n },
  { native: 'bigint', type: { kind: 'integer', bits: 64 }, value: 2 ** 60 },
  { native: 'numeric', type: { kind: 'decimal' }, value: true },
  { native: 'numeric', type: { kind: 'decimal' }, value: 'NaN' },
  { native: 'numeric', type: { kind: 'decimal' }, value: ' 1' },
  { native: 'numeric', type: { kind: 'decimal' }, value: Number.NaN },
  { native: 'numeric', type: { kind: 'decimal' }, value: '1_000' },
  { native: 'timestamp with time zone', type: { kind: 'timestamptz' }, value: '2024-01-01 10:00:00' },
  { native: 'timestamp with time zone', type: { kind: 'timestamptz' }, value: '2024-01-01 24:00:00Z' },
  { native: 'timestamp', type: { kind: 'timestamp' }, value: 'N/A' },
  { native: 'timestamp', type: { kind: 'timestamp' }, value: new Date(Number.NaN) },
  { native: 'date', type: { kind: 'date' }, value: '2024-02-30' },
  { native: 'date', type: { kind: 'date' }, value: '2023-02-29' },
  { native: 'date', type: { kind: 'date' }, value: 'Jan 1 2020' },
  { native: 'date', type: { kind: 'date' }, value: new Date('+010000-01-01T00:00:00Z') },
  { native: 'time', type: { kind: 'time' }, value: '24:00:00' },
  { native: 'uuid', type: { kind: 'uuid' }, value: '{123e4567-e89b-12d3-a456-426614174000}' },
  { native: 'real', type: { kind: 'float' }, value: 0.1 },
  { native: 'double precision', type: { kind: 'float' }, value: '1e400' },
  { native: 'double precision', type: { kind: 'float' }, value: '1e-400' },
  { native: 'json', type: { kind: 'json' }, value: true },
  { native: 'boolean', type: { kind: 'boolean' }, value: 'maybe' },
  { native: 'boolean', type: { kind: 'boolean' }, value: 2 },
  { native: 'bytea', type: { kind: 'binary' }, value: 12 },
];

const oidOf: Record<string, number> = {
  smallint: pgTypeOids.int2,
  integer: pgTypeOids.int4,
  bigint: pgTypeOids.int8,
  numeric: pgTypeOids.numeric,
  'numeric(12,2)': pgTypeOids.numeric,
  'double precision': pgTypeOids.float8,
  real: pgTypeOids.float4,
  boolean: pgTypeOids.bool,
  text: pgTypeOids.text,
  'varchar(5)': pgTypeOids.varchar,
  'char(5)': pgTypeOids.bpchar,
  bytea: pgTypeOids.bytea,
  date: pgTypeOids.date,
  timestamp: pgTypeOids.timestamp,
  'timestamp with time zone': pgTypeOids.timestamptz,
  time: pgTypeOids.time,
  uuid: pgTypeOids.uuid,
  json: pgTypeOids.json,
  jsonb: pgTypeOids.jsonb,
};

function encodable(native: string, type: PortableType, values: readonly CellValue[]): boolean {
  const encoders = binaryEncodersFor([pgTypeOids.int4, oidOf[native] ?? 0]);
  const columns: WriteColumn[] = [
    { name: 'id', type: { kind: 'integer', bits: 32 } },
    { name: 'v', type },
  ];
  return (
    encoders !== undefined &&
    encodeBinaryCopy(
      encoders,
      columns,
      values.map((v, i) => [i, v]),
    ) !== undefined
  );
}

function numericBytes(text: string): number[] {
  const out = new CopyBuffer();
  if (!putNumericText(out, text)) throw new Error(`${text} not encoded`);
  return [...Buffer.concat(out.finish())];
}

describe('numeric in binary', () => {
  it.each<[string, number[]]>([
    // length, ndigits, weight, sign, dscale, digits (all 16-bit big-endian after the length word)
    ['0', [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0]],
    ['-0.00', [0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 2]],
    ['1', [0, 0, 0, 10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]],
    ['-12.5', [0, 0, 0, 12, 0, 2, 0, 0, 0x40, 0, 0, 1, 0, 12, 0x13, 0x88]],
    ['10000', [0, 0, 0, 10, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1]],
    ['0.0001', [0, 0, 0, 10, 0, 1, 0xff, 0xff, 0, 0, 0, 4, 0, 1]],
    ['1.5e-7', [0, 0, 0, 10, 0, 1, 0xff, 0xfe, 0, 0, 0, 8, 0, 15]],
    ['1e+21', [0, 0, 0, 10, 0, 1, 0, 5, 0, 0, 0, 0, 0, 10]],
    ['1234567890123456', [0, 0, 0, 16, 0, 4, 0, 3, 0, 0, 0, 0, 0x04, 0xd2, 0x16, 0x2e, 0x23, 0x34, 0x0d, 0x80]],
  ])('%s', (text, bytes) => {
    expect(numericBytes(text)).toEqual(bytes);
  });

  it('writes a double as the numeric its own text spells, without spelling it', () => {
    const encoders = binaryEncodersFor([pgTypeOids.numeric]);
    if (!encoders) throw new Error('numeric has an encoder');
    const column: WriteColumn = { name: 'v', type: { kind: 'decimal', precision: 12, scale: 2 } };
    // A fixed seed: the same doubles every run, spread over places, magnitudes and signs.
    let seed = 7;
    const random = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const doubles = [0, -0, 0.1 + 0.2, 1e-6, 1e-7, 99.995, 2 ** 51, 2 ** 51 - 1, 2 ** 53, 1e21, 1.005, 100.01];
    for (let i = 0; i < 20_000; i += 1) {
      const sign = random() < 0.5 ? -1 : 1;
      doubles.push(sign * (Math.floor(random() * 10 ** Math.floor(random() * 17)) / 10 ** Math.floor(random() * 9)));
      doubles.push(sign * random() * 10 ** (Math.floor(random() * 30) - 10));
    }
    for (const value of doubles) {
      const chunks = encodeBinaryCopy(encoders, [column], [[value]]);
      // After the 19-byte header and the row's field count, before the 2-byte trailer.
      const field = [...Buffer.concat(chunks ?? []).subarray(21, -2)];
      expect([value, field]).toEqual([value, numericBytes(String(value))]);
    }
  });
});

describe('what the binary encoder covers', () => {
  it('has an encoder for every native type Tally creates for a portable type', () => {
    const portable: PortableType[] = [
      { kind: 'integer', bits: 8 },
      { kind: 'integer', bits: 16 },
      { kind: 'integer', bits: 32 },
      { kind: 'integer', bits: 64 },
      { kind: 'decimal' },
      { kind: 'decimal', precision: 10, scale: 3 },
      { kind: 'float' },
      { kind: 'boolean' },
      { kind: 'text' },
      { kind: 'text', length: 10 },
      { kind: 'binary' },
      { kind: 'date' },
      { kind: 'time' },
      { kind: 'timestamp' },
      { kind: 'timestamptz' },
      { kind: 'uuid' },
      { kind: 'json' },
    ];
    const natives = portable.map((t) => postgresNativeTypeFor(t).replace(/\(.*\)$/, ''));
    const oids = natives.map(
      (native) => oidOf[native] ?? { varchar: pgTypeOids.varchar, numeric: pgTypeOids.numeric }[native] ?? Number.NaN,
    );
    expect(oids.filter((oid) => Number.isNaN(oid))).toEqual([]);
    expect(binaryEncodersFor(oids)).toBeDefined();
  });

  it('leaves a table with a type it does not know to the text path', () => {
    const inet = 869;
    expect(binaryEncodersFor([pgTypeOids.int4, inet])).toBeUndefined();
  });

  it.each(leftToText)('leaves $value for $native to the text path', ({ native, type, value }) => {
    expect(encodable(native, type, [value])).toBe(false);
  });
});

const targets = liveTargets(inject('embeddedPostgresUrl')).filter((t) => t.dialect === 'postgres');

type Pool = { acquireConnection(): Promise<unknown>; releaseConnection(connection: unknown): Promise<unknown> };

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`binary COPY against ${target.label}`, () => {
    let fresh: FreshDatabase;
    let session: DatabaseSession;

    beforeAll(async () => {
      fresh = await createFreshDatabase(target);
      session = await fresh.open();
    });

    afterAll(async () => {
      await session?.close();
      await fresh?.drop();
    });

    /** The text path, as before binary COPY existed. */
    async function writeText(table: string, columns: readonly WriteColumn[], rows: CellValue[][]): Promise<void> {
      const pool = session.knex.client as Pool;
      const client = (await pool.acquireConnection()) as PgClient;
      try {
        const names = columns.map((c) => `"${c.name}"`).join(', ');
        const stream = client.query(copyFrom(`COPY "${table}" (${names}) FROM STDIN`));
        await pipeline(Readable.from([copyTextRows(columns, rows)]), stream);
      } finally {
        await pool.releaseConnection(client);
      }
    }

    async function readBack(table: string): Promise<(string | null)[]> {
      const rows = await session.query<{ v: string | null }>(`SELECT v::text AS v FROM "${table}" ORDER BY id`);
      return rows.map((r) => r.v);
    }

    it.each(cases.map((c, i) => ({ ...c, index: i })))(
      '$native: the binary path stores what the text path stores',
      async ({ native, type, values, index }) => {
        expect(encodable(native, type, values)).toBe(true);
        const columns: WriteColumn[] = [
          { name: 'id', type: { kind: 'integer', bits: 32 } },
          { name: 'v', type },
        ];
        const rows: CellValue[][] = values.map((v, i) => [i, v]);
        rows.push([values.length, null]);
        for (const kind of ['text', 'binary']) {
          await session.query(`CREATE TABLE "${kind}_${index}" (id integer PRIMARY KEY, v ${native})`);
        }
        await writeText(`text_${index}`, columns, rows);
        await session.writeRows({ schema: null, name: `binary_${index}` }, columns, rows);
        const expected = await readBack(`text_${index}`);
        expect(expected).toHaveLength(rows.length);
        expect(await readBack(`binary_${index}`)).toEqual(expected);
      },
    );

    it('refuses what the server refuses, names the column, and writes nothing of the batch', async () => {
      await session.query(
        'CREATE TABLE refused (id integer PRIMARY KEY, "short, col: x" varchar(3), amount numeric(5,2), doc jsonb)',
      );
      const columns: WriteColumn[] = [
        { name: 'id', type: { kind: 'integer', bits: 32 } },
        { name: 'short, col: x', type: { kind: 'text', length: 3 } },
        { name: 'amount', type: { kind: 'decimal', precision: 5, scale: 2 } },
        { name: 'doc', type: { kind: 'json' } },
      ];
      const refusals: [CellValue[], RegExp][] = [
        [[2, 'toolong', null, null], /too long.*\(column short, col: x\)/],
        [[3, 'a\u0000b', null, null], /0x00.*\(column short, col: x\)/],
        [[4, null, 12345.5, null], /overflow.*\(column amount\)/],
        [[5, null, null, '{bad'], /json.*\(column doc\)/],
      ];
      for (const [row, message] of refusals) {
        expect(encodable('varchar(5)', { kind: 'text' }, [row[1] ?? null])).toBe(true);
        const error = await session
          .writeRows({ schema: null, name: 'refused' }, columns, [[1, 'ok', 1, '{}'], row])
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toMatch(message);
      }
      expect(await session.query('SELECT id FROM refused')).toEqual([]);
    });

    it('sends a batch with a value the encoder leaves alone the text way, where the server judges it', async () => {
      await session.query('CREATE TABLE mixed (id integer PRIMARY KEY, at timestamptz, n integer)');
      const columns: WriteColumn[] = [
        { name: 'id', type: { kind: 'integer', bits: 32 } },
        { name: 'at', type: { kind: 'timestamptz' } },
        { name: 'n', type: { kind: 'integer', bits: 32 } },
      ];
      // No offset: the session's time zone applies, as it always did.
      await session.writeRows({ schema: null, name: 'mixed' }, columns, [
        [1, '2024-01-01T10:00:00Z', ' 42 '],
        [2, '2024-01-01 10:00:00', 7],
      ]);
      const rows = await session.query<{ n: number; utc: boolean; local: boolean }>(
        "SELECT n, at = '2024-01-01T10:00:00Z'::timestamptz AS utc, at = '2024-01-01 10:00:00'::timestamptz AS local FROM mixed ORDER BY id",
      );
      expect(rows.map((r) => r.n)).toEqual([42, 7]);
      expect(rows[0]?.utc).toBe(true);
      expect(rows[1]?.local).toBe(true);
      const error = await session.writeRows({ schema: null, name: 'mixed' }, columns, [[3, 'N/A', 1]]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/N\/A.*\(column at\)/);
    });
  });
}
