/**
 * MySQL and MariaDB types as information_schema.COLUMNS.COLUMN_TYPE prints them (`int(10) unsigned`,
 * `varchar(120)`, `enum('a','b')`, `decimal(12,2)`), plus the aliases people write in DDL
 * (`integer`, `bool`, `numeric`, `character varying`). MariaDB's JSON is a LONGTEXT with a
 * json_valid() check: inspection reports such a column as `json`, so it maps here like MySQL's.
 */
import type { PortableType } from '../../../src-shared/portable-types';
import { parseNativeType } from '../common/native-type';
import type { PortableMapping } from '../dialect';

/** Types with no portable counterpart, kept as their text form, with the reason. */
const keptAsText: Record<string, string> = {
  enum: 'ENUM is kept as its text value; the list of allowed values is not carried to the target.',
  set: 'SET is kept as its text form (comma-separated members); the allowed members are not carried to the target.',
  inet4: 'INET4 (an IPv4 address) is kept as its text form.',
  inet6: 'INET6 (an IPv6 address) is kept as its text form.',
};

/** Spatial types: the driver returns MySQL's internal geometry format (SRID + WKB) as bytes. */
const spatialTypes = new Set([
  'geometry',
  'point',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
  'geomcollection',
]);
const spatialNote = "Spatial values are kept as bytes in MySQL's internal format (4-byte SRID + WKB), not as geometry.";

export function mysqlToPortable(nativeType: string): PortableMapping {
  const { base, args, suffix } = parseNativeType(nativeType);
  const [first, second] = args;
  const unsigned = /\bunsigned\b/.test(suffix) || /\bzerofill\b/.test(suffix);
  switch (base) {
    case 'tinyint':
    case 'int1':
      // tinyint(1) is how MySQL spells BOOLEAN; the display width survives even in MySQL 8.0.19+.
      if (first === 1 && !unsigned)
        return {
          type: { kind: 'boolean' },
          note: 'TINYINT(1) is how MySQL declares BOOLEAN; the column can still hold any value from -128 to 127.',
        };
      return unsigned
        ? { type: { kind: 'integer', bits: 16 }, note: 'TINYINT UNSIGNED (0..255) needs a 16-bit integer.' }
        : { type: { kind: 'integer', bits: 8 } };
    case 'bool':
    case 'boolean':
      return { type: { kind: 'boolean' } };
    case 'smallint':
    case 'int2':
      return unsigned
        ? { type: { kind: 'integer', bits: 32 }, note: 'SMALLINT UNSIGNED (0..65535) needs a 32-bit integer.' }
        : { type: { kind: 'integer', bits: 16 } };
    case 'mediumint':
    case 'int3':
    case 'middleint':
      // 24 bits signed or unsigned: both fit a 32-bit integer.
      return { type: { kind: 'integer', bits: 32 } };
    case 'int':
    case 'integer':
    case 'int4':
      return unsigned
        ? { type: { kind: 'integer', bits: 64 }, note: 'INT UNSIGNED (0..4294967295) needs a 64-bit integer.' }
        : { type: { kind: 'integer', bits: 32 } };
    case 'bigint':
    case 'int8':
      return unsigned
        ? {
            type: { kind: 'decimal', precision: 20, scale: 0 },
            note: 'BIGINT UNSIGNED can exceed a signed 64-bit integer; it is carried as decimal(20,0).',
          }
        : { type: { kind: 'integer', bits: 64 } };
    case 'serial':
      // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
      return {
        type: { kind: 'decimal', precision: 20, scale: 0 },
        note: 'SERIAL is BIGINT UNSIGNED, which can exceed a signed 64-bit integer; it is carried as decimal(20,0).',
      };
    case 'decimal':
    case 'dec':
    case 'numeric':
    case 'fixed':
      // MySQL's DECIMAL without arguments is DECIMAL(10,0), unlike the SQL standard's unbounded numeric.
      return {
        type: { kind: 'decimal', precision: first ?? 10, scale: second ?? 0 },
        ...(unsigned ? { note: 'UNSIGNED is not carried: the target accepts negative values.' } : {}),
      };
    case 'float':
    case 'float4':
      // FLOAT(p) with p > 24 is a DOUBLE; FLOAT and FLOAT(m,d) are 4-byte.
      if (first !== undefined && second === undefined && first > 24) return { type: { kind: 'float' } };
      return {
        type: { kind: 'float' },
        note: 'FLOAT is 4-byte in MySQL; it is widened to an 8-byte float (the values keep about 7 significant digits).',
      };
    case 'double':
    case 'double precision':
    case 'real':
    case 'float8':
      return { type: { kind: 'float' } };
    case 'char':
    case 'character':
    case 'nchar':
    case 'national char':
    case 'national character':
      return { type: first === undefined ? { kind: 'text', length: 1 } : { kind: 'text', length: first } };
    case 'varchar':
    case 'character varying':
    case 'nvarchar':
    case 'national varchar':
    case 'national character varying':
    case 'varchar2':
      return { type: first === undefined ? { kind: 'text' } : { kind: 'text', length: first } };
    case 'tinytext':
      return {
        type: { kind: 'text', length: 255 },
        note: 'TINYTEXT holds at most 255 bytes (fewer characters when they are multi-byte).',
      };
    case 'text':
      // TEXT(n) asks for the smallest text type that holds n characters; the limit is in bytes.
      return { type: { kind: 'text' }, note: 'TEXT holds at most 65,535 bytes.' };
    case 'mediumtext':
    case 'longtext':
    case 'long':
    case 'long varchar':
      return { type: { kind: 'text' } };
    case 'binary':
      return { type: { kind: 'binary', length: first ?? 1 } };
    case 'varbinary':
      return { type: first === undefined ? { kind: 'binary' } : { kind: 'binary', length: first } };
    case 'tinyblob':
      return { type: { kind: 'binary', length: 255 } };
    case 'blob':
    case 'mediumblob':
    case 'longblob':
    case 'long varbinary':
      return { type: { kind: 'binary' } };
    case 'bit':
      if (first === undefined || first === 1) return { type: { kind: 'boolean' } };
      return {
        type: { kind: 'binary', length: Math.ceil(first / 8) },
        note: `BIT(${first}) is carried as ${Math.ceil(first / 8)} bytes, most significant bit first.`,
      };
    case 'date':
      return { type: { kind: 'date' } };
    case 'time':
      return {
        type: { kind: 'time' },
        note: 'MySQL TIME is a duration (-838:59:59 to 838:59:59); values outside 00:00–23:59 are rejected as times of day.',
      };
    case 'datetime':
      return { type: { kind: 'timestamp' } };
    case 'timestamp':
      // Stored as a UTC instant and converted to the session zone; Tally's sessions use UTC (see index.ts).
      return {
        type: { kind: 'timestamptz' },
        note: 'MySQL TIMESTAMP stores an instant (UTC, 1970–2038); Tally reads it in UTC.',
      };
    case 'year':
      return { type: { kind: 'integer', bits: 16 }, note: 'YEAR is carried as a number (1901–2155, or 0).' };
    case 'json':
      return { type: { kind: 'json' } };
    case 'uuid':
      return { type: { kind: 'uuid' } };
  }
  const textNote = keptAsText[base];
  if (textNote) return { type: { kind: 'text' }, note: textNote };
  if (spatialTypes.has(base)) return { type: { kind: 'binary' }, note: spatialNote };
  return { type: { kind: 'text' }, note: `"${nativeType}" is not a type Tally knows; it is kept as its text form.` };
}

/** Longest VARCHAR that always fits MySQL's 65,535-byte row limit in utf8mb4 (4 bytes a character). */
export const maxVarcharLength = 16383;

/** The native DDL type that holds a portable type; the lossy cases are listed in nativeTypeNote. */
export function mysqlNativeTypeFor(type: PortableType): string {
  switch (type.kind) {
    case 'integer':
      return { 8: 'tinyint', 16: 'smallint', 32: 'int', 64: 'bigint' }[type.bits];
    case 'decimal':
      // MySQL has no unbounded DECIMAL: 65 digits with 30 after the point is the widest it allows.
      return type.precision === undefined ? 'decimal(65,30)' : `decimal(${type.precision},${type.scale ?? 0})`;
    case 'float':
      return 'double';
    case 'boolean':
      return 'tinyint(1)';
    case 'text':
      return type.length !== undefined && type.length <= maxVarcharLength ? `varchar(${type.length})` : 'longtext';
    case 'binary':
      return 'longblob';
    case 'date':
      return 'date';
    case 'time':
      return 'time(6)';
    case 'timestamp':
      return 'datetime(6)';
    case 'timestamptz':
      return 'datetime(6)';
    case 'uuid':
      return 'char(36)';
    case 'json':
      return 'json';
  }
}

/** Why nativeTypeFor(type) does not hold every value of the portable type exactly, when it does not. */
export function mysqlNativeTypeNote(type: PortableType): string | undefined {
  switch (type.kind) {
    case 'decimal':
      if (type.precision === undefined)
        return 'An unbounded decimal becomes decimal(65,30): digits beyond 65, or beyond 30 after the point, are lost.';
      if (type.precision > 65 || (type.scale ?? 0) > 30)
        return 'MySQL decimals hold at most 65 digits, 30 after the point.';
      return undefined;
    case 'text':
      return type.length !== undefined && type.length > maxVarcharLength
        ? `text(${type.length}) becomes LONGTEXT: the length limit is not enforced.`
        : undefined;
    case 'timestamptz':
      return 'MySQL has no time zone type: timestamptz values are stored as UTC in datetime(6) and their offset is lost.';
    case 'uuid':
      return 'UUIDs are stored as char(36) text.';
    case 'time':
      return 'MySQL TIME accepts durations beyond a day; the target does not check it is a time of day.';
    default:
      return undefined;
  }
}
