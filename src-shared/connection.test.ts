import { describe, expect, it } from 'vitest';
import { connectionSpecSchema, passwordEnvVarFor } from './connection';
import { formatPortableType } from './portable-types';

describe('passwordEnvVarFor', () => {
  it.each([
    ['warehouse', 'TALLY_PASSWORD_WAREHOUSE'],
    ['Legacy CRM (prod)', 'TALLY_PASSWORD_LEGACY_CRM_PROD'],
    ['Zürich-db', 'TALLY_PASSWORD_ZURICH_DB'],
    ['***', 'TALLY_PASSWORD_DEFAULT'],
  ])('%s → %s', (name, variable) => {
    expect(passwordEnvVarFor(name)).toBe(variable);
  });
});

describe('connection specs', () => {
  it('fill in TLS defaults per dialect', () => {
    expect(connectionSpecSchema.parse({ dialect: 'postgres', host: 'h', database: 'd' })).toMatchObject({
      tls: { mode: 'prefer' },
    });
    expect(connectionSpecSchema.parse({ dialect: 'mssql', host: 'h', database: 'd' })).toMatchObject({
      tls: { encrypt: true, trustServerCertificate: false },
    });
  });

  it('refuse a spec without a host', () => {
    const result = connectionSpecSchema.safeParse({ dialect: 'mysql', host: '', database: 'd' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Host is required.');
  });
});

describe('formatPortableType', () => {
  it.each([
    [{ kind: 'integer', bits: 32 } as const, 'integer(32)'],
    [{ kind: 'decimal', precision: 10, scale: 2 } as const, 'decimal(10,2)'],
    [{ kind: 'decimal' } as const, 'decimal'],
    [{ kind: 'text', length: 120 } as const, 'text(120)'],
    [{ kind: 'text' } as const, 'text'],
    [{ kind: 'timestamptz' } as const, 'timestamptz'],
  ])('%o → %s', (type, label) => {
    expect(formatPortableType(type)).toBe(label);
  });
});
