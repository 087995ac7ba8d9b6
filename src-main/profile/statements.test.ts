/**
 * The profile's SQL pieces per dialect, as string tables (no server). Whole statements are tested
 * as text in the dialects' folders (SQL Server's, which has no live server here, and MySQL's read-only
 * guard), and run live in the conformance suite.
 */
import { describe, expect, it } from 'vitest';
import { dialects } from '../dialects';

const pieces = {
  sqlite: {
    exactKey: '(x COLLATE BINARY)',
    keyText: 'x',
    normalizedKey: '(lower(trim(x)) COLLATE BINARY)',
    pattern: 'tally_pattern(CAST(x AS TEXT), 40)',
    textLength: 'length(x)',
    number: "(CASE WHEN typeof(x) IN ('integer', 'real') THEN CAST(x AS REAL) END)",
    storageClass: 'typeof(x)',
    limit: ' LIMIT 10',
  },
  postgres: {
    exactKey: '(x COLLATE "C")',
    keyText: 'x',
    normalizedKey: '(lower(btrim(x) COLLATE "C"))',
    pattern:
      "(translate(substr(x, 1, 40), '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', '9999999999aaaaaaaaaaaaaaaaaaaaaaaaaaAAAAAAAAAAAAAAAAAAAAAAAAAA') || CASE WHEN char_length(x) > 40 THEN '…' ELSE '' END)",
    textLength: 'char_length(x)',
    number: 'CAST(x AS double precision)',
    storageClass: null,
    limit: ' LIMIT 10',
  },
  mysql: {
    exactKey: 'CAST(CONVERT(x USING utf8mb4) AS BINARY)',
    keyText: 'CONVERT(x USING utf8mb4)',
    normalizedKey: 'CAST(CONVERT(LOWER(TRIM(x)) USING utf8mb4) AS BINARY)',
    pattern:
      "CONCAT(REGEXP_REPLACE(REGEXP_REPLACE(REGEXP_REPLACE(SUBSTRING(x, 1, 40), '(?-i)[A-Z]', 'A'), '(?-i)[a-z]', 'a'), '[0-9]', '9'), CASE WHEN CHAR_LENGTH(x) > 40 THEN '…' ELSE '' END)",
    textLength: 'CHAR_LENGTH(x)',
    number: 'CAST(x AS DOUBLE)',
    storageClass: null,
    limit: ' LIMIT 10',
  },
  mssql: {
    exactKey: '(x COLLATE Latin1_General_BIN2)',
    keyText: 'x',
    normalizedKey: '(LOWER(LTRIM(RTRIM(x))) COLLATE Latin1_General_BIN2)',
    pattern:
      "(TRANSLATE(SUBSTRING(x, 1, 40) COLLATE Latin1_General_BIN2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'AAAAAAAAAAAAAAAAAAAAAAAAAAaaaaaaaaaaaaaaaaaaaaaaaaaa9999999999') + CASE WHEN (LEN(x + N'x') - 1) > 40 THEN N'…' ELSE N'' END)",
    textLength: "(LEN(x + N'x') - 1)",
    number: 'CAST(x AS float)',
    storageClass: null,
    limit: ' OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY',
  },
} as const;

describe('the profile SQL pieces of each dialect', () => {
  for (const [name, expected] of Object.entries(pieces)) {
    const sql = dialects[name as keyof typeof dialects].profile;
    it(name, () => {
      expect({
        exactKey: sql.exactKey('x'),
        keyText: sql.keyText('x'),
        normalizedKey: sql.normalizedKey('x'),
        pattern: sql.pattern('x', 40),
        textLength: sql.textLength('x'),
        number: sql.number('x'),
        storageClass: sql.storageClass('x'),
        limit: sql.limit(10),
      }).toEqual(expected);
    });
  }

  it('writes temporal values as text the way each database prints them', () => {
    expect(dialects.mssql.profile.text('x', 'temporal')).toBe('CONVERT(nvarchar(40), x, 126)');
    expect(dialects.mssql.profile.text('x', 'integer')).toBe('CAST(x AS nvarchar(max))');
    expect(dialects.mysql.profile.epochSeconds('x', 'timestamp')).toBe(
      "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', x)",
    );
    expect(dialects.postgres.profile.epochSeconds('x', 'date')).toBe('extract(epoch from x)');
    expect(dialects.mssql.profile.epochSeconds('x', 'timestamptz')).toBe("DATEDIFF_BIG(SECOND, '1970-01-01', x)");
  });
});
