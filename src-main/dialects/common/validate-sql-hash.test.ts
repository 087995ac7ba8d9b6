/** The segment hash in Node must give the words a database's md5 gives for the same UTF-8 text. */
import * as crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SegmentHasher } from './validate-sql-hash';

describe('SegmentHasher', () => {
  it('sums the md5 words of each text as node:crypto computes them, whatever the characters', () => {
    const texts = [
      '',
      'abc',
      '=1\u001f=Zoë 表\u001fN',
      '😀 astral',
      'x\uD800y',
      '\uDC00',
      'é'.repeat(100),
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      `=${'long text '.repeat(500)}`,
    ];
    const hasher = new SegmentHasher();
    let first = 0n;
    let second = 0n;
    for (const text of texts) {
      hasher.add(text);
      const digest = crypto.createHash('md5').update(text, 'utf8').digest();
      first += BigInt(digest.readUInt32BE(0));
      second += BigInt(digest.readUInt32BE(4));
    }
    expect(hasher.count).toBe(texts.length);
    expect(hasher.words()).toBe(`${first % 4294967296n}:${second % 4294967296n}`);
  });
});
