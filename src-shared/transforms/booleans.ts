/**
 * to_boolean: the ways a source says yes or no (Y/N, yes/no, 1/0, t/f, true/false, on/off, and
 * any words the plan adds) → true or false. Anything else is a reason naming the value, never a
 * guess: "2" or "maybe" must reach a person.
 */
import { z } from 'zod';
import { defineOne, listOf, quote } from './helpers';
import { ok, reject } from './transform';

const trueWords = ['y', 'yes', '1', 't', 'true', 'on'];
const falseWords = ['n', 'no', '0', 'f', 'false', 'off'];
const expected = 'Y/N, yes/no, 1/0, t/f, true/false, on/off';

export type BooleanWords = { trueWords: readonly string[]; falseWords: readonly string[] };

/** true, false, or null when the value is not a yes/no value; case and surrounding space ignored. */
export function readBoolean(value: string | number | bigint | boolean, extra?: BooleanWords): boolean | null {
  if (typeof value === 'boolean') return value;
  const word = String(value).trim().toLowerCase();
  if (trueWords.includes(word) || extra?.trueWords.some((candidate) => candidate.trim().toLowerCase() === word)) {
    return true;
  }
  if (falseWords.includes(word) || extra?.falseWords.some((candidate) => candidate.trim().toLowerCase() === word)) {
    return false;
  }
  return null;
}

export function notABoolean(value: Parameters<typeof quote>[0], extra?: BooleanWords): string {
  const added = [...(extra?.trueWords ?? []), ...(extra?.falseWords ?? [])];
  const words = added.length === 0 ? expected : `${expected}, ${listOf(added)}`;
  return `${quote(value)} is not a yes/no value (expected ${words}).`;
}

export const toBoolean = defineOne({
  name: 'to_boolean',
  label: 'Read yes/no',
  description: 'Reads Y/N, yes/no, 1/0, t/f, true/false and on/off (and any words you add) as true or false.',
  blank: 'null',
  params: z
    .strictObject({
      trueWords: z.array(z.string().trim().min(1)).default([]).describe('More words that mean true, e.g. "ja", "x".'),
      falseWords: z.array(z.string().trim().min(1)).default([]).describe('More words that mean false, e.g. "nein".'),
    })
    .refine(
      (params) =>
        !params.trueWords.some((word) => readBoolean(word, { trueWords: [], falseWords: params.falseWords }) === false),
      { message: 'names a word that already means false', path: ['trueWords'] },
    )
    .refine((params) => !params.falseWords.some((word) => readBoolean(word) === true), {
      message: 'names a word that already means true',
      path: ['falseWords'],
    }),
  apply(value, params) {
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'bigint' &&
      typeof value !== 'boolean'
    ) {
      return reject(notABoolean(value, params));
    }
    const result = readBoolean(value, params);
    return result === null ? reject(notABoolean(value, params)) : ok(result);
  },
});
