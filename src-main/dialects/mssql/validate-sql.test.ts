/** SQL Server's validation SQL, as text (no SQL Server here): UTF-8 MD5 per row, overflow-free bigint word sums, binary keys. */
import { describe, expect, it } from 'vitest';
import { mssqlValidateSql } from './validate-sql';

const columns = [
  { expr: '[id]', type: { kind: 'integer' as const, bits: 64 as const }, padded: false },
  { expr: '[amount]', type: { kind: 'decimal' as const, precision: 12, scale: 2 }, padded: false },
  { expr: '[code]', type: { kind: 'text' as const, length: 5 }, padded: true },
  { expr: '[placed_at]', type: { kind: 'timestamptz' as const }, padded: false },
];

describe('SQL Server validation SQL', () => {
  it('hashes the UTF-8 row text with MD5 and sums 32-bit words as bigint mod 2^32', () => {
    const sql = mssqlValidateSql.segmentHashSql('[dbo].[orders]', columns, '[id] > ?') ?? '';
    expect(sql).toContain("HASHBYTES('MD5', CAST(");
    expect(sql).toContain('COLLATE Latin1_General_100_CI_AS_SC_UTF8 AS varchar(max))');
    expect(sql).toContain('SUM(CAST(SUBSTRING(h, 1, 4) AS bigint)) % 4294967296');
    expect(sql).toContain('SUM(CAST(SUBSTRING(h, 5, 4) AS bigint)) % 4294967296');
    expect(sql).toContain('COUNT_BIG(*)');
    expect(sql).toContain("COALESCE(N'=' + ");
    expect(sql).toContain("N'N')");
    expect(sql).toContain('NCHAR(31)');
    expect(sql).toContain('FROM [dbo].[orders] WHERE [id] > ?');
  });

  it('encodes each portable type canonically', () => {
    expect(mssqlValidateSql.canonical(columns[1] ?? columns[0]!)).toBe(
      "CASE WHEN ROUND(([amount]), 2) = 0 THEN '0.00' ELSE CONVERT(varchar(80), CAST(ROUND(([amount]), 2) AS decimal(38, 2))) END",
    );
    expect(mssqlValidateSql.canonical(columns[2]!)).toBe('RTRIM(CAST(([code]) AS nvarchar(max)))');
    expect(mssqlValidateSql.canonical(columns[3]!)).toBe(
      "CONVERT(varchar(26), CAST(SWITCHOFFSET(CAST(([placed_at]) AS datetimeoffset(6)), '+00:00') AS datetime2(6)), 121)",
    );
    expect(mssqlValidateSql.canonical({ expr: '[f]', type: { kind: 'boolean' }, padded: false })).toBe(
      "CASE WHEN ([f]) IS NULL THEN NULL WHEN ([f]) = 1 THEN '1' ELSE '0' END",
    );
    // JSON has no canonical form in SQL Server: hashed in Node instead.
    expect(mssqlValidateSql.canonical({ expr: '[j]', type: { kind: 'json' }, padded: false })).toBeNull();
    expect(
      mssqlValidateSql.segmentHashSql('[t]', [{ expr: '[j]', type: { kind: 'json' }, padded: false }], '1 = 1'),
    ).toBeNull();
  });

  it('compares text keys in binary order whatever the column collation', () => {
    expect(mssqlValidateSql.binaryKey('[name]', { kind: 'text' })).toBe('([name] COLLATE Latin1_General_100_BIN2)');
    expect(mssqlValidateSql.binaryKey('[id]', { kind: 'integer', bits: 32 })).toBe('[id]');
  });
});
