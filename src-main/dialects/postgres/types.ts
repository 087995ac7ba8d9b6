/**
 * PostgreSQL types as `format_type(atttypid, atttypmod)` prints them (`character varying(40)`,
 * `timestamp(3) with time zone`, `integer[]`), plus the short aliases people write in DDL
 * (`int4`, `varchar`, `timestamptz`, `serial`).
 */
import type { PortableType } from '../../../src-shared/portable-types';
import { parseNativeType } from '../common/native-type';
import type { PortableMapping } from '../dialect';

/** Types with no portable counterpart: kept as their text form, with the reason. */
const keptAsText: Record<string, string> = {
  interval: 'interval has no portable type; it is kept as its text form (e.g. "1 day 02:00:00").',
  inet: 'inet (an IP address) is kept as its text form.',
  cidr: 'cidr (a network address) is kept as its text form.',
  macaddr: 'macaddr (a MAC address) is kept as its text form.',
  macaddr8: 'macaddr8 (a MAC address) is kept as its text form.',
  xml: 'xml is kept as its text form; it is not checked as XML on the target.',
  tsvector: 'tsvector (a full-text search document) is kept as its text form.',
  tsquery: 'tsquery (a full-text search query) is kept as its text form.',
  point: 'point (a geometric type) is kept as its text form.',
  line: 'line (a geometric type) is kept as its text form.',
  lseg: 'lseg (a geometric type) is kept as its text form.',
  box: 'box (a geometric type) is kept as its text form.',
  path: 'path (a geometric type) is kept as its text form.',
  polygon: 'polygon (a geometric type) is kept as its text form.',
  circle: 'circle (a geometric type) is kept as its text form.',
  bit: 'bit strings are kept as their text form of 0s and 1s.',
  'bit varying': 'bit strings are kept as their text form of 0s and 1s.',
  varbit: 'bit strings are kept as their text form of 0s and 1s.',
  oid: 'oid is a PostgreSQL-internal identifier, kept as its text form.',
  name: 'name is a PostgreSQL-internal identifier type, kept as its text form.',
  '"char"': '"char" is PostgreSQL\'s internal one-byte type, kept as its text form.',
  pg_lsn: 'pg_lsn (a WAL position) is kept as its text form.',
};

const rangeNote = 'Range types have no portable type; the range is kept as its text form (e.g. "[1,5)").';

export function postgresToPortable(nativeType: string): PortableMapping {
  if (/\[\s*\d*\s*\]\s*$/.test(nativeType.trim()))
    return { type: { kind: 'text' }, note: 'PostgreSQL array kept as its text form (e.g. "{1,2,3}").' };
  const { base, args, suffix } = parseNativeType(nativeType);
  const [first, second] = args;
  // The zone clause sits in the base (`timestamp with time zone`) or, after a precision, in the
  // suffix (`timestamp(3) with time zone`).
  const withTimeZone = /\bwith time zone\b/.test(`${base} ${suffix}`);
  switch (base.replace(/ with(out)? time zone$/, '')) {
    case 'smallint':
    case 'int2':
    case 'smallserial':
    case 'serial2':
      return { type: { kind: 'integer', bits: 16 } };
    case 'integer':
    case 'int':
    case 'int4':
    case 'serial':
    case 'serial4':
      return { type: { kind: 'integer', bits: 32 } };
    case 'bigint':
    case 'int8':
    case 'bigserial':
    case 'serial8':
      return { type: { kind: 'integer', bits: 64 } };
    case 'numeric':
    case 'decimal':
      return {
        type: first === undefined ? { kind: 'decimal' } : { kind: 'decimal', precision: first, scale: second ?? 0 },
      };
    case 'real':
    case 'float4':
      return { type: { kind: 'float' }, note: 'A 4-byte real widens to an 8-byte float without loss.' };
    case 'double precision':
    case 'float8':
      return { type: { kind: 'float' } };
    case 'float':
      // float(1..24) is real, float(25..53) and plain float are double precision.
      return first !== undefined && first <= 24
        ? { type: { kind: 'float' }, note: 'A 4-byte real widens to an 8-byte float without loss.' }
        : { type: { kind: 'float' } };
    case 'money':
      return {
        type: { kind: 'decimal', precision: 19, scale: 2 },
        note: 'money is read as decimal(19,2); its currency symbol and formatting depend on the server locale (lc_monetary).',
      };
    case 'boolean':
    case 'bool':
      return { type: { kind: 'boolean' } };
    case 'character varying':
    case 'varchar':
    case 'text':
    case 'citext':
      return { type: first === undefined ? { kind: 'text' } : { kind: 'text', length: first } };
    case 'character':
    case 'char':
    case 'bpchar':
      return {
        type: first === undefined ? { kind: 'text' } : { kind: 'text', length: first },
        note: 'character(n) is blank-padded: values are padded with spaces to the declared length.',
      };
    case 'bytea':
      return { type: { kind: 'binary' } };
    case 'date':
      return { type: { kind: 'date' } };
    case 'time':
    case 'timetz':
      return withTimeZone || base === 'timetz'
        ? {
            type: { kind: 'time' },
            note: 'time with time zone carries a UTC offset that the portable time type does not keep.',
          }
        : { type: { kind: 'time' } };
    case 'timestamp':
      return { type: { kind: withTimeZone ? 'timestamptz' : 'timestamp' } };
    case 'timestamptz':
      return { type: { kind: 'timestamptz' } };
    case 'uuid':
      return { type: { kind: 'uuid' } };
    case 'json':
    case 'jsonb':
      return { type: { kind: 'json' } };
  }
  const known = keptAsText[base];
  if (known) return { type: { kind: 'text' }, note: known };
  if (/range$/.test(base)) return { type: { kind: 'text' }, note: rangeNote };
  return {
    type: { kind: 'text' },
    note: `"${nativeType}" is not a built-in PostgreSQL type Tally maps (an enum, domain or extension type); it is kept as its text form.`,
  };
}

/** Names chosen so that postgresToPortable(postgresNativeTypeFor(t)) gives t back (except integer(8) and binary(n)). */
export function postgresNativeTypeFor(type: PortableType): string {
  switch (type.kind) {
    case 'integer':
      // PostgreSQL has no 1-byte integer: smallint is the narrowest that holds integer(8).
      return { 8: 'smallint', 16: 'smallint', 32: 'integer', 64: 'bigint' }[type.bits];
    case 'decimal':
      return type.precision === undefined ? 'numeric' : `numeric(${type.precision},${type.scale ?? 0})`;
    case 'float':
      return 'double precision';
    case 'boolean':
      return 'boolean';
    case 'text':
      return type.length === undefined ? 'text' : `varchar(${type.length})`;
    case 'binary':
      // bytea has no declared length; a length limit would need a CHECK constraint.
      return 'bytea';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timestamp':
      return 'timestamp';
    case 'timestamptz':
      return 'timestamp with time zone';
    case 'uuid':
      return 'uuid';
    case 'json':
      return 'jsonb';
  }
}
