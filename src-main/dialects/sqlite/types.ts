/**
 * SQLite declares types loosely: any name is accepted and only its affinity matters. Known
 * names are mapped precisely; the rest follow SQLite's own affinity rules (section 3.1 of the
 * SQLite datatype documentation).
 */
import type { PortableType } from '../../../src-shared/portable-types';
import { parseNativeType } from '../common/native-type';
import type { PortableMapping } from '../dialect';

const undeclaredSizeNote = 'SQLite does not enforce declared integer sizes; values may exceed it.';

export function sqliteToPortable(nativeType: string): PortableMapping {
  const { base, args } = parseNativeType(nativeType);
  const [first, second] = args;
  switch (base) {
    case '':
      return { type: { kind: 'text' }, note: 'No declared type: the column may hold values of any type.' };
    case 'integer':
    case 'int':
    case 'bigint':
    case 'int8':
    case 'unsigned big int':
      return { type: { kind: 'integer', bits: 64 } };
    case 'mediumint':
      return { type: { kind: 'integer', bits: 32 }, note: undeclaredSizeNote };
    case 'smallint':
    case 'int2':
      return { type: { kind: 'integer', bits: 16 }, note: undeclaredSizeNote };
    case 'tinyint':
      return first === 1
        ? { type: { kind: 'boolean' } }
        : { type: { kind: 'integer', bits: 8 }, note: undeclaredSizeNote };
    case 'boolean':
    case 'bool':
      return { type: { kind: 'boolean' } };
    case 'real':
    case 'double':
    case 'double precision':
    case 'float':
      return { type: { kind: 'float' } };
    case 'numeric':
    case 'decimal':
    case 'money':
      return { type: decimal(first, second) };
    case 'date':
      return { type: { kind: 'date' } };
    case 'time':
      return { type: { kind: 'time' } };
    case 'datetime':
    case 'timestamp':
    case 'timestamp without time zone':
      return { type: { kind: 'timestamp' } };
    case 'timestamptz':
    case 'timestamp with time zone':
    case 'datetimeoffset':
      return { type: { kind: 'timestamptz' } };
    case 'uuid':
    case 'guid':
    case 'uniqueidentifier':
      return { type: { kind: 'uuid' } };
    case 'json':
    case 'jsonb':
      return { type: { kind: 'json' } };
    case 'blob':
    case 'binary':
    case 'varbinary':
    case 'bytea':
      return { type: first === undefined ? { kind: 'binary' } : { kind: 'binary', length: first } };
  }
  // SQLite's affinity rules, in SQLite's order.
  if (base.includes('int')) return { type: { kind: 'integer', bits: 64 } };
  if (base.includes('char') || base.includes('clob') || base.includes('text'))
    return { type: first === undefined ? { kind: 'text' } : { kind: 'text', length: first } };
  if (base.includes('blob')) return { type: { kind: 'binary' } };
  if (base.includes('real') || base.includes('floa') || base.includes('doub')) return { type: { kind: 'float' } };
  return { type: decimal(first, second), note: `"${nativeType}" has numeric affinity in SQLite.` };
}

function decimal(precision: number | undefined, scale: number | undefined): PortableType {
  if (precision === undefined) return { kind: 'decimal' };
  return { kind: 'decimal', precision, scale: scale ?? 0 };
}

/** Names chosen so that sqliteToPortable(nativeTypeFor(t)) gives t back. */
export function sqliteNativeTypeFor(type: PortableType): string {
  switch (type.kind) {
    case 'integer':
      return { 8: 'TINYINT', 16: 'SMALLINT', 32: 'MEDIUMINT', 64: 'INTEGER' }[type.bits];
    case 'decimal':
      return type.precision === undefined ? 'NUMERIC' : `NUMERIC(${type.precision},${type.scale ?? 0})`;
    case 'float':
      return 'REAL';
    case 'boolean':
      return 'BOOLEAN';
    case 'text':
      return type.length === undefined ? 'TEXT' : `VARCHAR(${type.length})`;
    case 'binary':
      return type.length === undefined ? 'BLOB' : `VARBINARY(${type.length})`;
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      return 'DATETIME';
    case 'timestamptz':
      return 'TIMESTAMPTZ';
    case 'uuid':
      return 'UUID';
    case 'json':
      return 'JSON';
  }
}
