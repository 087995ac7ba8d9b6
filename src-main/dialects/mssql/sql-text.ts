/**
 * T-SQL text, split into what the server parses as code and what it does not: string literals
 * ('…' with '' inside), quoted names ([…] with ]] inside, "…" with "" inside) and comments
 * (-- to the end of the line, /* … *\/ nested as SQL Server nests them). Two users: the read-only
 * guard reads only the code, and knex's `?` placeholders are escaped everywhere else.
 */

export type SqlSegment = { kind: 'code' | 'string' | 'quoted-name' | 'comment'; text: string };

export function scanTsql(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let code = '';
  const flushCode = (): void => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    let end: number | undefined;
    let kind: SqlSegment['kind'] | undefined;
    if (c === "'" || c === '"' || c === '[') {
      const close = c === '[' ? ']' : c;
      end = endOfQuoted(sql, i, close);
      kind = c === "'" ? 'string' : 'quoted-name';
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i);
      end = newline < 0 ? sql.length : newline;
      kind = 'comment';
    } else if (c === '/' && next === '*') {
      end = endOfBlockComment(sql, i);
      kind = 'comment';
    }
    if (end === undefined || kind === undefined) {
      code += c;
      i += 1;
      continue;
    }
    flushCode();
    segments.push({ kind, text: sql.slice(i, end) });
    i = end;
  }
  flushCode();
  return segments;
}

/** Index just past the closing quote; a doubled closing quote is part of the text. An unclosed quote runs to the end. */
function endOfQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (sql[i + 1] === close) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth += 1;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

/**
 * knex reads every `?` as a value placeholder, also inside `[what?]` or a comment; `\?` is its
 * escape for a literal question mark. Only the `?` in code stay placeholders.
 */
export function escapeKnexPlaceholders(sql: string): string {
  return scanTsql(sql)
    .map((segment) => (segment.kind === 'code' ? segment.text : segment.text.replace(/\?/g, '\\?')))
    .join('');
}

/**
 * Words that begin a statement that writes, changes the session or reaches outside the
 * database. One batch may hold several statements without a semicolon between them
 * (`SELECT 1 DELETE FROM t`), so the words are looked for anywhere in the code, not only first.
 */
const writingWords = new Set(
  [
    'insert update delete merge into create alter drop truncate exec execute grant revoke deny bulk dbcc',
    'backup restore kill shutdown reconfigure checkpoint writetext updatetext openrowset opendatasource openquery',
    'use set declare setuser revert begin commit rollback save receive send conversation dialog enable disable',
  ]
    .join(' ')
    .split(' '),
);

/**
 * Why a statement may not run on a read-only session, or undefined when it may: only a SELECT
 * (or WITH … SELECT) that names none of the writing words in its code. Names in brackets or
 * quotes and the text of strings and comments are not code, so `[delete]` or 'drop' pass.
 */
export function mssqlReadOnlyViolation(sql: string): string | undefined {
  const code = scanTsql(sql)
    .map((segment) => (segment.kind === 'code' ? segment.text : ' '))
    .join('');
  // Words as SQL Server reads them; @variables, #temp tables and a.b parts are words of their own.
  const words = (code.match(/[@#]*[\p{L}_][\p{L}\p{N}_@#$]*/gu) ?? []).map((word) => word.toLowerCase());
  const first = words[0];
  if (first !== 'select' && first !== 'with')
    return 'a read-only session runs only SELECT (or WITH … SELECT) statements';
  const writing = words.find((word) => writingWords.has(word));
  if (writing) return `${writing.toUpperCase()} is not allowed in a read-only session`;
  const next = words.findIndex((word, index) => word === 'next' && words[index + 1] === 'value');
  if (next >= 0) return 'NEXT VALUE FOR advances a sequence, which is a write';
  return undefined;
}
