/**
 * A read-only session runs `SET SESSION TRANSACTION READ ONLY`, and the server then refuses every
 * write and every DDL statement (error 1792, checked on MariaDB 10.11: INSERT, UPDATE, DELETE,
 * REPLACE, CREATE/ALTER/DROP/TRUNCATE/RENAME, temporary tables, LOAD DATA, LOCK … WRITE,
 * SELECT … FOR UPDATE, user and grant changes). What it lets through:
 * - switching the same session back (`SET SESSION TRANSACTION READ WRITE`,
 *   `START TRANSACTION READ WRITE`, `SET @@tx_read_only = 0`), or building that from strings
 *   with PREPARE / EXECUTE;
 * - server administration, which is not a transaction: SET GLOBAL, FLUSH, PURGE, KILL, and
 *   SELECT … INTO OUTFILE, which writes a file on the server.
 * Tally never sends those to a source; this guard refuses them so no caller can either.
 *
 * The checks run on the raw text, string literals included, so quoting cannot hide a keyword;
 * a comment between two keywords (including MySQL's executable `/*! … *\/` comments) is seen
 * through. A stored procedure that does one of these itself is beyond what text can see: a
 * login with read privileges only is the real protection.
 */

/** Whitespace, comments, and the markers of executable comments, whose content runs as code. */
const separator = String.raw`(?:\s|/\*M?!\d*|\*/|/\*[\s\S]*?\*/|--\s[^\n]*(?:\n|$)|#[^\n]*(?:\n|$))`;
const statementStart = String.raw`^(?:${separator}|\()*`;

const readWrite = new RegExp(String.raw`\bread${separator}+write\b`, 'i');
const readOnlyVariable = /\b(?:tx_read_only|transaction_read_only)\b/i;
const dynamicSql = new RegExp(String.raw`${statementStart}(?:prepare|execute)\b`, 'i');
// Reading @@global.x is harmless; a SET that names GLOBAL, PERSIST or @@global. changes the server.
const globalSetting = new RegExp(
  String.raw`${statementStart}set\b[\s\S]*(?:@@global\b|\b(?:global|persist|persist_only)${separator})`,
  'i',
);
const administration = new RegExp(
  String.raw`${statementStart}(?:flush|purge|kill|shutdown|reset|install|uninstall|change${separator}+(?:master|replication)|(?:start|stop)${separator}+(?:slave|replica|all${separator}+slaves))\b`,
  'i',
);
const serverFile = new RegExp(String.raw`\binto${separator}+(?:outfile|dumpfile)\b`, 'i');

/** Why the statement may not run on a read-only session, or undefined when it may (the server judges the rest). */
export function mysqlReadOnlyViolation(sql: string): string | undefined {
  if (readWrite.test(sql) || readOnlyVariable.test(sql)) return 'it would switch the session back to read-write';
  if (dynamicSql.test(sql)) return 'PREPARE and EXECUTE could switch the session back to read-write';
  if (globalSetting.test(sql)) return 'it would change a server-wide setting';
  if (administration.test(sql)) return 'server administration is not allowed on a read-only session';
  if (serverFile.test(sql)) return 'INTO OUTFILE and INTO DUMPFILE write a file on the server';
  return undefined;
}
