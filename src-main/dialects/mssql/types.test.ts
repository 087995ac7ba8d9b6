import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../../src-shared/portable-types';
import { mssqlNativeTypeFor, mssqlNativeTypeNote, mssqlToPortable } from './types';

/** [native type as inspection builds it (or as DDL writes it), portable type, a word the note must contain or null for no note] */
const toPortableCases: [string, PortableType, string | null][] = [
  ['bit', { kind: 'boolean' }, null],
  ['tinyint', { kind: 'integer', bits: 16 }, 'unsigned'],
  ['smallint', { kind: 'integer', bits: 16 }, null],
  ['int', { kind: 'integer', bits: 32 }, null],
  ['INT', { kind: 'integer', bits: 32 }, null],
  ['bigint', { kind: 'integer', bits: 64 }, null],
  ['decimal(12,2)', { kind: 'decimal', precision: 12, scale: 2 }, null],
  ['numeric(38,0)', { kind: 'decimal', precision: 38, scale: 0 }, null],
  ['decimal', { kind: 'decimal', precision: 18, scale: 0 }, null],
  ['money', { kind: 'decimal', precision: 19, scale: 4 }, null],
  ['smallmoney', { kind: 'decimal', precision: 10, scale: 4 }, null],
  ['float', { kind: 'float' }, null],
  ['float(53)', { kind: 'float' }, null],
  ['float(24)', { kind: 'float' }, '4-byte'],
  ['real', { kind: 'float' }, '4-byte'],
  ['char(10)', { kind: 'text', length: 10 }, 'blank-padded'],
  ['nchar(3)', { kind: 'text', length: 3 }, 'blank-padded'],
  ['varchar(50)', { kind: 'text', length: 50 }, null],
  ['nvarchar(120)', { kind: 'text', length: 120 }, null],
  ['NVARCHAR(4000)', { kind: 'text', length: 4000 }, null],
  ['varchar(max)', { kind: 'text' }, null],
  ['nvarchar(max)', { kind: 'text' }, null],
  ['national character varying(10)', { kind: 'text', length: 10 }, null],
  ['sysname', { kind: 'text', length: 128 }, null],
  ['text', { kind: 'text' }, 'deprecated'],
  ['ntext', { kind: 'text' }, 'deprecated'],
  ['binary(16)', { kind: 'binary', length: 16 }, null],
  ['varbinary(256)', { kind: 'binary', length: 256 }, null],
  ['varbinary(max)', { kind: 'binary' }, null],
  ['image', { kind: 'binary' }, 'deprecated'],
  ['timestamp', { kind: 'binary', length: 8 }, 'not a date'],
  ['rowversion', { kind: 'binary', length: 8 }, 'not a date'],
  ['date', { kind: 'date' }, null],
  ['time(7)', { kind: 'time' }, null],
  ['time(0)', { kind: 'time' }, null],
  ['datetime', { kind: 'timestamp' }, '1/300'],
  ['smalldatetime', { kind: 'timestamp' }, 'one minute'],
  ['datetime2(7)', { kind: 'timestamp' }, null],
  ['datetime2(3)', { kind: 'timestamp' }, null],
  ['datetimeoffset(7)', { kind: 'timestamptz' }, null],
  ['uniqueidentifier', { kind: 'uuid' }, null],
  ['json', { kind: 'json' }, null],
  ['xml', { kind: 'text' }, 'XML'],
  ['sql_variant', { kind: 'text' }, 'several types'],
  ['geography', { kind: 'text' }, 'well-known text'],
  ['geometry', { kind: 'text' }, 'well-known text'],
  ['hierarchyid', { kind: 'text' }, '/1/3/'],
  ['vector', { kind: 'text' }, 'JSON array'],
  ['my_udt', { kind: 'text' }, 'not a type Tally knows'],
];

describe('mssqlToPortable', () => {
  it.each(toPortableCases)('%s', (nativeType, type, noteWord) => {
    const mapping = mssqlToPortable(nativeType);
    expect(mapping.type).toEqual(type);
    if (noteWord === null) expect(mapping.note).toBeUndefined();
    else expect(mapping.note).toContain(noteWord);
  });
});

/** [portable type, native DDL type, a word the lossy note must contain or null for no note] */
const nativeCases: [PortableType, string, string | null][] = [
  [{ kind: 'integer', bits: 8 }, 'smallint', 'unsigned'],
  [{ kind: 'integer', bits: 16 }, 'smallint', null],
  [{ kind: 'integer', bits: 32 }, 'int', null],
  [{ kind: 'integer', bits: 64 }, 'bigint', null],
  [{ kind: 'decimal', precision: 12, scale: 2 }, 'decimal(12,2)', null],
  [{ kind: 'decimal', precision: 9 }, 'decimal(9,0)', null],
  [{ kind: 'decimal' }, 'decimal(38,10)', 'decimal(38,10)'],
  [{ kind: 'decimal', precision: 50, scale: 4 }, 'decimal(38,4)', '38 digits'],
  [{ kind: 'float' }, 'float(53)', null],
  [{ kind: 'boolean' }, 'bit', null],
  [{ kind: 'text', length: 120 }, 'nvarchar(120)', null],
  [{ kind: 'text', length: 4000 }, 'nvarchar(4000)', null],
  [{ kind: 'text', length: 4001 }, 'nvarchar(max)', 'nvarchar(max)'],
  [{ kind: 'text' }, 'nvarchar(max)', null],
  [{ kind: 'binary' }, 'varbinary(max)', null],
  [{ kind: 'binary', length: 16 }, 'varbinary(16)', null],
  [{ kind: 'binary', length: 9000 }, 'varbinary(max)', null],
  [{ kind: 'date' }, 'date', null],
  [{ kind: 'time' }, 'time(7)', null],
  [{ kind: 'timestamp' }, 'datetime2(7)', null],
  [{ kind: 'timestamptz' }, 'datetimeoffset(7)', null],
  [{ kind: 'uuid' }, 'uniqueidentifier', null],
  [{ kind: 'json' }, 'nvarchar(max)', 'no json type'],
];

describe('mssqlNativeTypeFor', () => {
  it.each(nativeCases)('%o → %s', (type, native, noteWord) => {
    expect(mssqlNativeTypeFor(type)).toBe(native);
    if (noteWord === null) expect(mssqlNativeTypeNote(type)).toBeUndefined();
    else expect(mssqlNativeTypeNote(type)).toContain(noteWord);
  });

  it('round-trips every portable type SQL Server holds exactly', () => {
    // Lossy on purpose: integer(8) (tinyint is unsigned), json (no type before 2025),
    // long texts and binaries (max), decimals past 38 digits or without a precision.
    const exact: PortableType[] = [
      { kind: 'integer', bits: 16 },
      { kind: 'integer', bits: 32 },
      { kind: 'integer', bits: 64 },
      { kind: 'decimal', precision: 12, scale: 2 },
      { kind: 'float' },
      { kind: 'boolean' },
      { kind: 'text', length: 120 },
      { kind: 'text' },
      { kind: 'binary', length: 16 },
      { kind: 'binary' },
      { kind: 'date' },
      { kind: 'time' },
      { kind: 'timestamp' },
      { kind: 'timestamptz' },
      { kind: 'uuid' },
    ];
    expect(exact.map((type) => mssqlToPortable(mssqlNativeTypeFor(type)).type)).toEqual(exact);
  });
});
