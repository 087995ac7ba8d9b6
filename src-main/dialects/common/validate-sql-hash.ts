/**
 * The segment hash in Node, for rows hashed outside a database (transforms in Node, SQLite's
 * registered aggregate): the same words the SQL of every dialect sums (see src-shared/canonical.ts).
 */
import * as crypto from 'node:crypto';
import { md5 as jsMd5 } from 'js-md5';

const wordModulus = 4294967296;
/** String.prototype.isWellFormed (Node 20; not yet in TypeScript's ES2023 lib). */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * The first two 32-bit words of a text's md5 (UTF-8 bytes). js-md5 reads the string itself, about
 * twice as fast as node:crypto for row-sized texts (no Hash object, no Buffer); a text with a lone
 * surrogate goes to node:crypto, which writes it as U+FFFD as a database's UTF-8 would.
 */
function md5Words(text: string): [number, number] {
  if (!isWellFormed(text)) {
    const digest = crypto.createHash('md5').update(text, 'utf8').digest();
    return [digest.readUInt32BE(0), digest.readUInt32BE(4)];
  }
  const b = jsMd5.array(text);
  const word = (i: number): number =>
    (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
  return [word(0), word(4)];
}

export class SegmentHasher {
  count = 0;
  private first = 0;
  private second = 0;

  add(rowText: string): void {
    const [first, second] = md5Words(rowText);
    this.count += 1;
    this.first = (this.first + first) % wordModulus;
    this.second = (this.second + second) % wordModulus;
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
