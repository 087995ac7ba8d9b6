/**
 * mask and hash, for personal data that must not reach a test or reporting target as it is.
 * Hashing is synchronous and pure (@noble/hashes), so the grid preview shows the same digest the
 * engine writes. With a salt the digest is an HMAC keyed by it: the same input and salt always
 * give the same output (joins across tables still work), and without the salt nobody can test
 * guesses against it.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { defineOne, textOf } from './helpers';
import { ok, reject } from './transform';

export const mask = defineOne({
  name: 'mask',
  label: 'Mask',
  description: 'Hides all but the first and last few characters, e.g. "************1234".',
  params: z.strictObject({
    keepStart: z.number().int().min(0).default(0).describe('Characters left visible at the start.'),
    keepEnd: z.number().int().min(0).default(4).describe('Characters left visible at the end.'),
    maskCharacter: z
      .string()
      .refine((mask) => [...mask].length === 1, 'must be a single character')
      .default('*')
      .describe('The character shown instead of a hidden one.'),
    keepCharacters: z
      .string()
      .default('')
      .describe('Characters never hidden, e.g. "-@. " to keep the shape of a card number or an address.'),
  }),
  apply(value, params) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    const chars = [...text.text];
    // Too short to show both ends without showing everything: hide it all.
    const showEnds = chars.length > params.keepStart + params.keepEnd;
    return ok(
      chars
        .map((char, index) =>
          (showEnds && (index < params.keepStart || index >= chars.length - params.keepEnd)) ||
          params.keepCharacters.includes(char)
            ? char
            : params.maskCharacter,
        )
        .join(''),
    );
  },
});

const algorithms = { sha256, sha512 } as const;
const encoder = new TextEncoder();

export const hash = defineOne({
  name: 'hash',
  label: 'Hash',
  description: 'Replaces the value by its SHA-256 (or SHA-512) digest in hex; with a salt, an HMAC keyed by it.',
  params: z.strictObject({
    algorithm: z.enum(['sha256', 'sha512']).default('sha256').describe('The digest algorithm.'),
    salt: z
      .string()
      .default('')
      .describe('Secret key for an HMAC digest; empty for a plain digest (which a guess can be checked against).'),
  }),
  apply(value, params) {
    let bytes: Uint8Array;
    if (value instanceof Uint8Array) {
      bytes = value;
    } else {
      // Text as UTF-8; numbers, booleans and dates as the text they stand for.
      const text = textOf(value);
      if (!text.ok) return reject(text.reason);
      bytes = encoder.encode(text.text);
    }
    const algorithm = algorithms[params.algorithm];
    const digest = params.salt === '' ? algorithm(bytes) : hmac(algorithm, encoder.encode(params.salt), bytes);
    return ok(bytesToHex(digest));
  },
});
