import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../../src-shared/portable-types';
import { sqliteNativeTypeFor, sqliteToPortable } from './types';

describe('SQLite native → portable', () => {
  it.each<[string, PortableType]>([
    ['INTEGER', { kind: 'integer', bits: 64 }],
    ['int', { kind: 'integer', bits: 64 }],
    ['SMALLINT', { kind: 'integer', bits: 16 }],
    ['TINYINT(1)', { kind: 'boolean' }],
    ['NVARCHAR(120)', { kind: 'text', length: 120 }],
    ['varchar', { kind: 'text' }],
    ['CLOB', { kind: 'text' }],
    ['NUMERIC(10,2)', { kind: 'decimal', precision: 10, scale: 2 }],
    ['DECIMAL(10, 2)', { kind: 'decimal', precision: 10, scale: 2 }],
    ['NUMERIC', { kind: 'decimal' }],
    ['REAL', { kind: 'float' }],
    ['DOUBLE PRECISION', { kind: 'float' }],
    ['BOOLEAN', { kind: 'boolean' }],
    ['DATE', { kind: 'date' }],
    ['DATETIME', { kind: 'timestamp' }],
    ['TIMESTAMP WITH TIME ZONE', { kind: 'timestamptz' }],
    ['BLOB', { kind: 'binary' }],
    ['UUID', { kind: 'uuid' }],
    ['JSON', { kind: 'json' }],
    ['', { kind: 'text' }],
    // SQLite's affinity rules for names it does not know:
    ['UNSIGNED MEDIUM INTEGER', { kind: 'integer', bits: 64 }],
    ['CHARACTER VARYING(40)', { kind: 'text', length: 40 }],
    ['FLOATING POINT', { kind: 'integer', bits: 64 }],
    ['STRING', { kind: 'decimal' }],
  ])('%s', (native, portable) => {
    expect(sqliteToPortable(native).type).toEqual(portable);
  });

  it('says why a type is approximate', () => {
    expect(sqliteToPortable('').note).toMatch(/no declared type/i);
    expect(sqliteToPortable('STRING').note).toBe('"STRING" has numeric affinity in SQLite.');
  });
});

describe('SQLite portable → native', () => {
  it.each<PortableType>([
    { kind: 'integer', bits: 8 },
    { kind: 'integer', bits: 16 },
    { kind: 'integer', bits: 32 },
    { kind: 'integer', bits: 64 },
    { kind: 'decimal', precision: 12, scale: 2 },
    { kind: 'decimal' },
    { kind: 'float' },
    { kind: 'boolean' },
    { kind: 'text', length: 50 },
    { kind: 'text' },
    { kind: 'binary' },
    { kind: 'date' },
    { kind: 'time' },
    { kind: 'timestamp' },
    { kind: 'timestamptz' },
    { kind: 'uuid' },
    { kind: 'json' },
  ])('%o round-trips', (type) => {
    expect(sqliteToPortable(sqliteNativeTypeFor(type)).type).toEqual(type);
  });
});
