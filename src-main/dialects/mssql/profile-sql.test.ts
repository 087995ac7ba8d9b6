/**
 * The profiler's statements in SQL Server's dialect, as text: no SQL Server runs here, so this is
 * their coverage (and the read-only guard must let every one of them through).
 */
import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../src-shared/schema-info';
import { planBuckets } from '../../profile/buckets';
import type { ProfiledColumn } from '../../profile/columns';
import {
  histogramStatement,
  normalizedDuplicatesStatement,
  orphansStatement,
  statisticsStatement,
  valuesStatement,
  type StatementContext,
} from '../../profile/statements';
import type { DatabaseSession } from '../dialect';
import { mssqlDialect } from './index';
import { mssqlReadOnlyViolation } from './sql-text';

const table: TableInfo = {
  schema: 'dbo',
  name: 'order]s',
  kind: 'table',
  columns: [
    {
      name: 'id',
      ordinal: 1,
      nativeType: 'int',
      portableType: { kind: 'integer', bits: 32 },
      nullable: false,
      defaultValue: null,
      autoIncrement: true,
    },
  ],
  primaryKey: { name: null, columns: ['id'] },
  foreignKeys: [],
  uniqueConstraints: [],
  indexes: [],
  rowCount: { value: 2_000_000, exact: false },
};

function column(index: number, name: string, kind: ProfiledColumn['kind']): ProfiledColumn {
  return {
    index,
    name,
    expr: `t.[${name}]`,
    kind,
    temporalType: kind === 'temporal' ? 'timestamp' : null,
    info: { ...table.columns[0]!, name },
  };
}

describe('SQL Server statements (no live server here)', () => {
  const sql = mssqlDialect.profile;
  const context: StatementContext = { sql, from: '[dbo].[order]]s] AS t', with: null };
  const email = column(1, 'email', 'text');
  const total = column(2, 'total', 'decimal');
  const placed = column(3, 'placed', 'temporal');

  it('pages with OFFSET … FETCH, skipping rows only when asked', () => {
    expect(mssqlDialect.profile.limit(10)).toBe(' OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY');
    expect(mssqlDialect.profile.limit(1, 40)).toBe(' OFFSET 40 ROWS FETCH NEXT 1 ROWS ONLY');
  });

  it('samples with TABLESAMPLE SYSTEM … REPEATABLE, so every statement reads the same pages', async () => {
    const sample = await sql.sample({ dialect: mssqlDialect } as DatabaseSession, {
      table,
      rows: 100_000,
      estimatedRows: 2_000_000,
      seed: 42,
      alias: 't',
    });
    expect(sample.from).toBe('[dbo].[order]]s] AS t TABLESAMPLE SYSTEM (5 PERCENT) REPEATABLE (42)');
    expect(sample.method).toBe('TABLESAMPLE SYSTEM (5% of the pages of dbo.order]s) REPEATABLE (42)');
  });

  it('keeps every statement a plain SELECT or WITH … SELECT that the read-only guard lets through', () => {
    const statements = [
      statisticsStatement(context, [email, total, placed]),
      valuesStatement(context, [email, total], {
        top: 10,
        patterns: new Set([1]),
        patternLimit: 200,
        patternMaxLength: 40,
      }),
      histogramStatement(context, [{ column: total, of: 'values', plan: planBuckets(0, 100, false, 20)! }]),
      normalizedDuplicatesStatement(context, [email], 5),
      orphansStatement(
        context,
        { columns: [column(4, 'customer_id', 'integer')], parent: '[dbo].[customers]', parentColumns: ['[id]'] },
        5,
      ),
    ];
    for (const statement of statements) {
      expect(mssqlReadOnlyViolation(statement), statement).toBeUndefined();
      expect(statement).not.toMatch(/\bLIMIT\b/);
    }
  });

  it('cuts the most common values with OFFSET … FETCH and groups text byte for byte', () => {
    const statement = valuesStatement(context, [email], {
      top: 10,
      patterns: new Set([1]),
      patternLimit: 200,
      patternMaxLength: 40,
    });
    expect(statement).toContain(
      "v1 AS (SELECT (t.[email] COLLATE Latin1_General_BIN2) AS k, count(*) AS n, max(CASE WHEN (LEN(t.[email] + N'x') - 1) = 0 THEN 1 ELSE 0 END) AS e FROM [dbo].[order]]s] AS t WHERE t.[email] IS NOT NULL GROUP BY (t.[email] COLLATE Latin1_General_BIN2))",
    );
    expect(statement).toContain('ORDER BY n DESC, k OFFSET 0 ROWS FETCH NEXT 10 ROWS ONLY');
    expect(statement).toContain('ORDER BY n DESC, p OFFSET 0 ROWS FETCH NEXT 200 ROWS ONLY');
  });

  it('computes number moments in floating point, and dates as seconds since 1970', () => {
    const statement = statisticsStatement(context, [total, placed]);
    expect(statement).toContain('sum(CAST(t.[total] AS float) * CAST(t.[total] AS float)) AS s2_nsum2');
    expect(statement).toContain("min(DATEDIFF_BIG(SECOND, '1970-01-01', t.[placed])) AS s3_emin");
    expect(statement).toContain('CONVERT(nvarchar(40), min(t.[placed]), 126) AS s3_min');
  });
});
