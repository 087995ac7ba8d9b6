/**
 * SQL Server types as inspection spells them from sys.types and sys.columns (`nvarchar(120)`,
 * `nvarchar(max)`, `decimal(12,2)`, `datetime2(7)`, see catalog-sql.ts), plus the forms people
 * write in DDL (`float(24)`, `numeric`, `rowversion`, `national character varying(10)`).
 */
import type { PortableType } from '../../../src-shared/portable-types';
import { parseNativeType } from '../common/native-type';
import type { PortableMapping } from '../dialect';

/** Types with no portable counterpart, kept as their text form, with the reason. */
const keptAsText: Record<string, string> = {
  xml: 'xml is kept as its text form; it is not checked as XML on the target.',
  sql_variant: 'sql_variant holds values of several types; it is kept as their text form.',
  geography: 'geography is kept as its text form (well-known text), not as a spatial type.',
  geometry: 'geometry is kept as its text form (well-known text), not as a spatial type.',
  hierarchyid: 'hierarchyid is kept as its text form (e.g. "/1/3/").',
  vector: 'vector is kept as its text form (a JSON array of numbers).',
};

const fourByteFloatNote =
  'real (float(24)) is 4-byte in SQL Server; it is widened to an 8-byte float (the values keep about 7 significant digits).';

export function mssqlToPortable(nativeType: string): PortableMapping {
  const { base, args } = parseNativeType(nativeType);
  const [first, second] = args;
  // `max` parses as an argument that is not a number: no length.
  const length = first !== undefined && first > 0 ? first : undefined;
  switch (base) {
    case 'bit':
      return { type: { kind: 'boolean' } };
    case 'tinyint':
      // SQL Server's tinyint is unsigned (0..255): it does not fit a signed 8-bit integer.
      return {
        type: { kind: 'integer', bits: 16 },
        note: 'tinyint is unsigned in SQL Server (0..255); it needs a 16-bit integer.',
      };
    case 'smallint':
      return { type: { kind: 'integer', bits: 16 } };
    case 'int':
    case 'integer':
      return { type: { kind: 'integer', bits: 32 } };
    case 'bigint':
      return { type: { kind: 'integer', bits: 64 } };
    case 'decimal':
    case 'dec':
    case 'numeric':
      // SQL Server's decimal without arguments is decimal(18,0).
      return { type: { kind: 'decimal', precision: first ?? 18, scale: second ?? 0 } };
    case 'money':
      return { type: { kind: 'decimal', precision: 19, scale: 4 } };
    case 'smallmoney':
      return { type: { kind: 'decimal', precision: 10, scale: 4 } };
    case 'float':
      // float(1..24) is stored as real, float(25..53) and plain float as an 8-byte double.
      if (first !== undefined && first <= 24) return { type: { kind: 'float' }, note: fourByteFloatNote };
      return { type: { kind: 'float' } };
    case 'double precision':
      return { type: { kind: 'float' } };
    case 'real':
      return { type: { kind: 'float' }, note: fourByteFloatNote };
    case 'char':
    case 'character':
    case 'nchar':
    case 'national char':
    case 'national character':
      return { type: { kind: 'text', length: length ?? 1 }, note: `${base} is blank-padded to its length.` };
    case 'varchar':
    case 'char varying':
    case 'character varying':
    case 'nvarchar':
    case 'national char varying':
    case 'national character varying':
      // `max` has no limit.
      return { type: length === undefined ? { kind: 'text' } : { kind: 'text', length } };
    case 'sysname':
      return { type: { kind: 'text', length: 128 } };
    case 'text':
    case 'ntext':
      return { type: { kind: 'text' }, note: `${base} is deprecated in SQL Server; it holds unlimited text.` };
    case 'binary':
      return { type: { kind: 'binary', length: length ?? 1 } };
    case 'varbinary':
      return { type: length === undefined ? { kind: 'binary' } : { kind: 'binary', length } };
    case 'image':
      return { type: { kind: 'binary' }, note: 'image is deprecated in SQL Server; it holds unlimited bytes.' };
    case 'timestamp':
    case 'rowversion':
      // Not a date: an 8-byte counter the server sets on every change.
      return {
        type: { kind: 'binary', length: 8 },
        note: `${base} is a row version the server sets on every change, not a date; it cannot be copied into another rowversion column.`,
      };
    case 'date':
      return { type: { kind: 'date' } };
    case 'time':
      return { type: { kind: 'time' } };
    case 'datetime':
      return { type: { kind: 'timestamp' }, note: 'datetime is rounded to 1/300 of a second (.000, .003, .007).' };
    case 'smalldatetime':
      return { type: { kind: 'timestamp' }, note: 'smalldatetime has a precision of one minute.' };
    case 'datetime2':
      return { type: { kind: 'timestamp' } };
    case 'datetimeoffset':
      return { type: { kind: 'timestamptz' } };
    case 'uniqueidentifier':
      return { type: { kind: 'uuid' } };
    case 'json':
      // SQL Server 2025 and Azure SQL have a native json type.
      return { type: { kind: 'json' } };
  }
  const textNote = keptAsText[base];
  if (textNote) return { type: { kind: 'text' }, note: textNote };
  return { type: { kind: 'text' }, note: `"${nativeType}" is not a type Tally knows; it is kept as its text form.` };
}

/** Longest nvarchar(n); anything longer is nvarchar(max). */
export const maxNvarcharLength = 4000;
/** Longest varbinary(n); anything longer is varbinary(max). */
export const maxVarbinaryLength = 8000;

/** The native DDL type that holds a portable type; the lossy cases are listed in mssqlNativeTypeNote. */
export function mssqlNativeTypeFor(type: PortableType): string {
  switch (type.kind) {
    case 'integer':
      // A signed 8-bit integer does not fit tinyint (unsigned): smallint holds it.
      return { 8: 'smallint', 16: 'smallint', 32: 'int', 64: 'bigint' }[type.bits];
    case 'decimal':
      return type.precision === undefined
        ? 'decimal(38,10)'
        : `decimal(${Math.min(type.precision, 38)},${Math.min(type.scale ?? 0, 38)})`;
    case 'float':
      return 'float(53)';
    case 'boolean':
      return 'bit';
    case 'text':
      return type.length !== undefined && type.length <= maxNvarcharLength
        ? `nvarchar(${type.length})`
        : 'nvarchar(max)';
    case 'binary':
      return type.length !== undefined && type.length <= maxVarbinaryLength
        ? `varbinary(${type.length})`
        : 'varbinary(max)';
    case 'date':
      return 'date';
    case 'time':
      return 'time(7)';
    case 'timestamp':
      return 'datetime2(7)';
    case 'timestamptz':
      return 'datetimeoffset(7)';
    case 'uuid':
      return 'uniqueidentifier';
    case 'json':
      return 'nvarchar(max)';
  }
}

/** Why mssqlNativeTypeFor(type) does not hold every value of the portable type exactly, when it does not. */
export function mssqlNativeTypeNote(type: PortableType): string | undefined {
  switch (type.kind) {
    case 'integer':
      return type.bits === 8
        ? 'SQL Server tinyint is unsigned (0..255): a signed 8-bit integer is stored as smallint.'
        : undefined;
    case 'decimal':
      if (type.precision === undefined)
        return 'An unbounded decimal becomes decimal(38,10): digits beyond 38, or beyond 10 after the point, are lost.';
      return type.precision > 38 ? 'SQL Server decimals hold at most 38 digits.' : undefined;
    case 'text':
      return type.length !== undefined && type.length > maxNvarcharLength
        ? `text(${type.length}) becomes nvarchar(max): the length limit is not enforced.`
        : undefined;
    case 'json':
      return 'SQL Server 2016–2022 has no json type: JSON is stored as nvarchar(max) text and not checked.';
    default:
      return undefined;
  }
}
