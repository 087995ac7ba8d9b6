/** The profiler's statements in MySQL's dialect pass the read-only session's guard. */
import { describe, expect, it } from 'vitest';
import type { ProfiledColumn } from '../../profile/columns';
import {
  normalizedDuplicatesStatement,
  statisticsStatement,
  valuesStatement,
  type StatementContext,
} from '../../profile/statements';
import { mysqlDialect } from './index';
import { mysqlReadOnlyViolation } from './read-only-guard';

const status: ProfiledColumn = {
  index: 1,
  name: 'status',
  expr: 't.`status`',
  kind: 'text',
  temporalType: null,
  info: {
    name: 'status',
    ordinal: 2,
    nativeType: 'varchar(20)',
    portableType: { kind: 'text', length: 20 },
    nullable: true,
    defaultValue: null,
    autoIncrement: false,
  },
};

describe('MySQL statements', () => {
  it('pass the read-only guard', () => {
    const sql = mysqlDialect.profile;
    const context: StatementContext = { sql, from: '`orders` AS t', with: null };
    for (const statement of [
      statisticsStatement(context, [status]),
      valuesStatement(context, [status], { top: 10, patterns: new Set([1]), patternLimit: 200, patternMaxLength: 40 }),
      normalizedDuplicatesStatement(context, [status], 5),
    ])
      expect(mysqlReadOnlyViolation(statement)).toBeUndefined();
  });
});
