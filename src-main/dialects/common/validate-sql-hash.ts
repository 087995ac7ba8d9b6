/**
 * The segment hash in Node, for rows hashed outside a database (transforms in Node, SQLite's
 * registered aggregate): the same words the SQL of every dialect sums (see src-shared/canonical.ts).
 */
import * as crypto from 'node:crypto';

const wordModulus = 4294967296;

/** md5 of a text's UTF-8 bytes; crypto.hash (Node 20.12+) skips the Hash object per row. */
const md5: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('md5', text, 'buffer')
    : (text) => crypto.createHash('md5').update(text, 'utf8').digest();

export class SegmentHasher {
  count = 0;
  private first = 0;
  private second = 0;

  add(rowText: string): void {
    const digest = md5(rowText);
    this.count += 1;
    this.first = (this.first + digest.readUInt32BE(0)) % wordModulus;
    this.second = (this.second + digest.readUInt32BE(4)) % wordModulus;
  }

  /** `a:b`, as segmentHashSql's `h`. */
  words(): string {
    return `${this.first}:${this.second}`;
  }
}

/** A SQL string literal ('' doubled). */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The canonical text of zero at a scale, for SQL that must print -0 as 0. */
export function zeroAtScale(scale: number): string {
  return scale > 0 ? `0.${'0'.repeat(scale)}` : '0';
}
