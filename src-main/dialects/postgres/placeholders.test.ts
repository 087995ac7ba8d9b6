import { describe, expect, it } from 'vitest';
import { toNumberedPlaceholders } from './placeholders';

describe('toNumberedPlaceholders', () => {
  it.each([
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2', 2],
    [`SELECT 'why?' AS q, ? AS v`, `SELECT 'why?' AS q, $1 AS v`, 1],
    [`SELECT 'it''s ?' , ?`, `SELECT 'it''s ?' , $1`, 1],
    [`SELECT E'back\\'slash ?', ?`, `SELECT E'back\\'slash ?', $1`, 1],
    [`SELECT * FROM "what?" WHERE "a""?b" = ?`, `SELECT * FROM "what?" WHERE "a""?b" = $1`, 1],
    ['SELECT $$ body ? $$, ?', 'SELECT $$ body ? $$, $1', 1],
    ['SELECT $fn$ a ? b $fn$, ?', 'SELECT $fn$ a ? b $fn$, $1', 1],
    ['SELECT ? -- a comment?\n, ?', 'SELECT $1 -- a comment?\n, $2', 2],
    ['SELECT /* outer /* inner ? */ still ? */ ?', 'SELECT /* outer /* inner ? */ still ? */ $1', 1],
    ['SELECT price$1 FROM t WHERE x = ?', 'SELECT price$1 FROM t WHERE x = $1', 1],
  ])('%s', (sql, text, count) => {
    expect(toNumberedPlaceholders(sql)).toEqual({ text, count });
  });
});
