import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../../src-shared/portable-types';
import { mysqlNativeTypeFor, mysqlNativeTypeNote, mysqlToPortable } from './types';

/** [native type as COLUMN_TYPE prints it (or as DDL writes it), portable type, a word the note must contain or null for no note] */
const toPortableCases: [string, PortableType, string | null][] = [
  ['tinyint(1)', { kind: 'boolean' }, 'BOOLEAN'],
  ['bool', { kind: 'boolean' }, null],
  ['boolean', { kind: 'boolean' }, null],
  ['tinyint(4)', { kind: 'integer', bits: 8 }, null],
  ['tinyint', { kind: 'integer', bits: 8 }, null],
  ['tinyint(3) unsigned', { kind: 'integer', bits: 16 }, 'UNSIGNED'],
  ['tinyint(1) unsigned', { kind: 'integer', bits: 16 }, 'UNSIGNED'],
  ['smallint(6)', { kind: 'integer', bits: 16 }, null],
  ['smallint(5) unsigned', { kind: 'integer', bits: 32 }, 'UNSIGNED'],
  ['mediumint(9)', { kind: 'integer', bits: 32 }, null],
  ['mediumint(8) unsigned', { kind: 'integer', bits: 32 }, null],
  ['int(11)', { kind: 'integer', bits: 32 }, null],
  ['int', { kind: 'integer', bits: 32 }, null],
  ['integer', { kind: 'integer', bits: 32 }, null],
  ['int(10) unsigned', { kind: 'integer', bits: 64 }, 'UNSIGNED'],
  ['int(5) unsigned zerofill', { kind: 'integer', bits: 64 }, 'UNSIGNED'],
  ['bigint(20)', { kind: 'integer', bits: 64 }, null],
  ['bigint', { kind: 'integer', bits: 64 }, null],
  ['bigint(20) unsigned', { kind: 'decimal', precision: 20, scale: 0 }, 'decimal(20,0)'],
  ['serial', { kind: 'decimal', precision: 20, scale: 0 }, 'BIGINT UNSIGNED'],
  ['decimal(12,2)', { kind: 'decimal', precision: 12, scale: 2 }, null],
  ['decimal(10,0)', { kind: 'decimal', precision: 10, scale: 0 }, null],
  ['numeric(8)', { kind: 'decimal', precision: 8, scale: 0 }, null],
  ['decimal', { kind: 'decimal', precision: 10, scale: 0 }, null],
  ['decimal(12,2) unsigned', { kind: 'decimal', precision: 12, scale: 2 }, 'UNSIGNED'],
  ['float', { kind: 'float' }, '4-byte'],
  ['float(7,3)', { kind: 'float' }, '4-byte'],
  ['float(30)', { kind: 'float' }, null],
  ['double', { kind: 'float' }, null],
  ['double(10,2)', { kind: 'float' }, null],
  ['double precision', { kind: 'float' }, null],
  ['real', { kind: 'float' }, null],
  ['char(36)', { kind: 'text', length: 36 }, null],
  ['char', { kind: 'text', length: 1 }, null],
  ['varchar(120)', { kind: 'text', length: 120 }, null],
  ['character varying(40)', { kind: 'text', length: 40 }, null],
  ['national varchar(10)', { kind: 'text', length: 10 }, null],
  ['tinytext', { kind: 'text', length: 255 }, 'bytes'],
  ['text', { kind: 'text' }, '65,535 bytes'],
  ['mediumtext', { kind: 'text' }, null],
  ['longtext', { kind: 'text' }, null],
  ['binary(16)', { kind: 'binary', length: 16 }, null],
  ['varbinary(255)', { kind: 'binary', length: 255 }, null],
  ['tinyblob', { kind: 'binary', length: 255 }, null],
  ['blob', { kind: 'binary' }, null],
  ['mediumblob', { kind: 'binary' }, null],
  ['longblob', { kind: 'binary' }, null],
  ['bit(1)', { kind: 'boolean' }, null],
  ['bit', { kind: 'boolean' }, null],
  ['bit(12)', { kind: 'binary', length: 2 }, '2 bytes'],
  ['bit(64)', { kind: 'binary', length: 8 }, '8 bytes'],
  ['date', { kind: 'date' }, null],
  ['time', { kind: 'time' }, 'duration'],
  ['time(6)', { kind: 'time' }, 'duration'],
  ['datetime', { kind: 'timestamp' }, null],
  ['datetime(6)', { kind: 'timestamp' }, null],
  ['timestamp', { kind: 'timestamptz' }, 'UTC'],
  ['timestamp(3)', { kind: 'timestamptz' }, 'UTC'],
  ['year(4)', { kind: 'integer', bits: 16 }, 'YEAR'],
  ['year', { kind: 'integer', bits: 16 }, 'YEAR'],
  ['json', { kind: 'json' }, null],
  ['uuid', { kind: 'uuid' }, null],
  ["enum('new','done')", { kind: 'text' }, 'ENUM'],
  ["enum('a)b','c')", { kind: 'text' }, 'ENUM'],
  ["set('a','b')", { kind: 'text' }, 'SET'],
  ['inet6', { kind: 'text' }, 'IPv6'],
  ['inet4', { kind: 'text' }, 'IPv4'],
  ['geometry', { kind: 'binary' }, 'WKB'],
  ['point', { kind: 'binary' }, 'WKB'],
  ['multipolygon', { kind: 'binary' }, 'WKB'],
  ['vector(3)', { kind: 'text' }, 'not a type Tally knows'],
];

describe('mysqlToPortable', () => {
  it.each(toPortableCases)('%s', (nativeType, type, noteWord) => {
    const mapping = mysqlToPortable(nativeType);
    expect(mapping.type).toEqual(type);
    if (noteWord === null) expect(mapping.note).toBeUndefined();
    else expect(mapping.note).toContain(noteWord);
  });

  it('reads upper-case and spaced spellings the same', () => {
    expect(mysqlToPortable('INT(10) UNSIGNED')).toEqual(mysqlToPortable('int(10) unsigned'));
    expect(mysqlToPortable('DECIMAL( 12 , 2 )').type).toEqual({ kind: 'decimal', precision: 12, scale: 2 });
  });
});

/** [portable type, native DDL type, a word the lossy note must contain or null for no note] */
const nativeCases: [PortableType, string, string | null][] = [
  [{ kind: 'integer', bits: 8 }, 'tinyint', null],
  [{ kind: 'integer', bits: 16 }, 'smallint', null],
  [{ kind: 'integer', bits: 32 }, 'int', null],
  [{ kind: 'integer', bits: 64 }, 'bigint', null],
  [{ kind: 'decimal', precision: 12, scale: 2 }, 'decimal(12,2)', null],
  [{ kind: 'decimal', precision: 8 }, 'decimal(8,0)', null],
  [{ kind: 'decimal' }, 'decimal(65,30)', 'decimal(65,30)'],
  [{ kind: 'decimal', precision: 80, scale: 2 }, 'decimal(80,2)', '65 digits'],
  [{ kind: 'float' }, 'double', null],
  [{ kind: 'boolean' }, 'tinyint(1)', null],
  [{ kind: 'text', length: 120 }, 'varchar(120)', null],
  [{ kind: 'text', length: 16383 }, 'varchar(16383)', null],
  [{ kind: 'text', length: 16384 }, 'longtext', 'LONGTEXT'],
  [{ kind: 'text' }, 'longtext', null],
  [{ kind: 'binary' }, 'longblob', null],
  [{ kind: 'binary', length: 16 }, 'longblob', null],
  [{ kind: 'date' }, 'date', null],
  [{ kind: 'time' }, 'time(6)', 'durations'],
  [{ kind: 'timestamp' }, 'datetime(6)', null],
  [{ kind: 'timestamptz' }, 'datetime(6)', 'offset is lost'],
  [{ kind: 'uuid' }, 'char(36)', 'char(36)'],
  [{ kind: 'json' }, 'json', null],
];

describe('mysqlNativeTypeFor', () => {
  it.each(nativeCases)('%o → %s', (type, native, noteWord) => {
    expect(mysqlNativeTypeFor(type)).toBe(native);
    if (noteWord === null) expect(mysqlNativeTypeNote(type)).toBeUndefined();
    else expect(mysqlNativeTypeNote(type)).toContain(noteWord);
  });

  it('round-trips every portable type MySQL holds exactly', () => {
    // Lossy on purpose: binary lengths (longblob), timestamptz (no zone type), uuid (char(36)),
    // long texts (longtext), decimals past MySQL's limits or without a precision.
    const exact: PortableType[] = [
      { kind: 'integer', bits: 8 },
      { kind: 'integer', bits: 16 },
      { kind: 'integer', bits: 32 },
      { kind: 'integer', bits: 64 },
      { kind: 'decimal', precision: 12, scale: 2 },
      { kind: 'float' },
      { kind: 'boolean' },
      { kind: 'text', length: 120 },
      { kind: 'text' },
      { kind: 'binary' },
      { kind: 'date' },
      { kind: 'time' },
      { kind: 'timestamp' },
      { kind: 'json' },
    ];
    expect(exact.map((type) => mysqlToPortable(mysqlNativeTypeFor(type)).type)).toEqual(exact);
  });
});
