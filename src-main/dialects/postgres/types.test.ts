import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../../src-shared/portable-types';
import { postgresNativeTypeFor, postgresToPortable } from './types';

/** [native type as format_type prints it (or as DDL writes it), portable type, a word the note must contain or null for no note] */
const toPortableCases: [string, PortableType, string | null][] = [
  ['smallint', { kind: 'integer', bits: 16 }, null],
  ['int2', { kind: 'integer', bits: 16 }, null],
  ['integer', { kind: 'integer', bits: 32 }, null],
  ['int4', { kind: 'integer', bits: 32 }, null],
  ['serial', { kind: 'integer', bits: 32 }, null],
  ['bigint', { kind: 'integer', bits: 64 }, null],
  ['bigserial', { kind: 'integer', bits: 64 }, null],
  ['numeric(10,2)', { kind: 'decimal', precision: 10, scale: 2 }, null],
  ['numeric(12)', { kind: 'decimal', precision: 12, scale: 0 }, null],
  ['numeric', { kind: 'decimal' }, null],
  ['real', { kind: 'float' }, 'without loss'],
  ['double precision', { kind: 'float' }, null],
  ['money', { kind: 'decimal', precision: 19, scale: 2 }, 'lc_monetary'],
  ['boolean', { kind: 'boolean' }, null],
  ['character varying(40)', { kind: 'text', length: 40 }, null],
  ['character varying', { kind: 'text' }, null],
  ['varchar(120)', { kind: 'text', length: 120 }, null],
  ['character(5)', { kind: 'text', length: 5 }, 'blank-padded'],
  ['bpchar', { kind: 'text' }, 'blank-padded'],
  ['text', { kind: 'text' }, null],
  ['bytea', { kind: 'binary' }, null],
  ['date', { kind: 'date' }, null],
  ['time without time zone', { kind: 'time' }, null],
  ['time(3) without time zone', { kind: 'time' }, null],
  ['time with time zone', { kind: 'time' }, 'offset'],
  ['timestamp without time zone', { kind: 'timestamp' }, null],
  ['timestamp(3) without time zone', { kind: 'timestamp' }, null],
  ['timestamp with time zone', { kind: 'timestamptz' }, null],
  ['timestamp(6) with time zone', { kind: 'timestamptz' }, null],
  ['timestamptz', { kind: 'timestamptz' }, null],
  ['uuid', { kind: 'uuid' }, null],
  ['json', { kind: 'json' }, null],
  ['jsonb', { kind: 'json' }, null],
  ['interval', { kind: 'text' }, 'interval'],
  ['inet', { kind: 'text' }, 'IP address'],
  ['cidr', { kind: 'text' }, 'network'],
  ['macaddr', { kind: 'text' }, 'MAC'],
  ['xml', { kind: 'text' }, 'xml'],
  ['tsvector', { kind: 'text' }, 'full-text'],
  ['point', { kind: 'text' }, 'geometric'],
  ['polygon', { kind: 'text' }, 'geometric'],
  ['integer[]', { kind: 'text' }, 'array kept as its text form'],
  ['character varying(20)[]', { kind: 'text' }, 'array kept as its text form'],
  ['int4range', { kind: 'text' }, 'range'],
  ['mood', { kind: 'text' }, 'enum, domain'],
  ['"My Schema".status', { kind: 'text' }, 'enum, domain'],
];

describe('postgresToPortable', () => {
  it.each(toPortableCases)('%s', (nativeType, type, noteWord) => {
    const mapping = postgresToPortable(nativeType);
    expect(mapping.type).toEqual(type);
    if (noteWord === null) expect(mapping.note).toBeUndefined();
    else expect(mapping.note).toContain(noteWord);
  });
});

/** [portable type, native DDL type] */
const nativeCases: [PortableType, string][] = [
  [{ kind: 'integer', bits: 8 }, 'smallint'],
  [{ kind: 'integer', bits: 16 }, 'smallint'],
  [{ kind: 'integer', bits: 32 }, 'integer'],
  [{ kind: 'integer', bits: 64 }, 'bigint'],
  [{ kind: 'decimal', precision: 12, scale: 2 }, 'numeric(12,2)'],
  [{ kind: 'decimal' }, 'numeric'],
  [{ kind: 'float' }, 'double precision'],
  [{ kind: 'boolean' }, 'boolean'],
  [{ kind: 'text', length: 120 }, 'varchar(120)'],
  [{ kind: 'text' }, 'text'],
  [{ kind: 'binary' }, 'bytea'],
  [{ kind: 'binary', length: 16 }, 'bytea'],
  [{ kind: 'date' }, 'date'],
  [{ kind: 'time' }, 'time'],
  [{ kind: 'timestamp' }, 'timestamp'],
  [{ kind: 'timestamptz' }, 'timestamp with time zone'],
  [{ kind: 'uuid' }, 'uuid'],
  [{ kind: 'json' }, 'jsonb'],
];

describe('postgresNativeTypeFor', () => {
  it.each(nativeCases)('%o → %s', (type, native) => {
    expect(postgresNativeTypeFor(type)).toBe(native);
  });

  it('round-trips every portable type but the two PostgreSQL cannot hold exactly', () => {
    const lossy = (type: PortableType): boolean =>
      (type.kind === 'integer' && type.bits === 8) || (type.kind === 'binary' && type.length !== undefined);
    const roundTripped = nativeCases
      .filter(([type]) => !lossy(type))
      .map(([type]) => postgresToPortable(postgresNativeTypeFor(type)).type);
    expect(roundTripped).toEqual(nativeCases.filter(([type]) => !lossy(type)).map(([type]) => type));
    expect(roundTripped).toHaveLength(16);
  });
});
