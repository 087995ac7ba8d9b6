/**
 * split_name: a full name into prefix, first, middle, last, suffix (and a quoted nickname).
 *
 * Rules, in order (each is a guess that the name's own form makes safe):
 * - "Last, First Middle" when there is a comma, unless everything after the comma is a suffix
 *   ("John Smith, Jr."); "Last Jr., First" and "Last, First, Jr." work too.
 * - Honorifics at the start (Mr., Dr., Prof. …) go to `prefix`; generational and professional
 *   suffixes at the end (Jr., III, PhD, Esq. …) go to `suffix` — but a name is never emptied by
 *   this: "Dr." alone stays a name.
 * - Otherwise the first word is the first name, the last word the last name, and the words
 *   between the middle name; lower-case-insensitive particles right before the last name join
 *   it ("van der Berg", "de la Cruz", "Van Dyke", "bin Salman"), and so do two surnames joined by
 *   "y" ("Ortega y Gasset"). The first word is never a particle ("Van Morrison").
 * - A single name is a last name: it is the field a record cannot do without, and what most CRM
 *   tools do.
 * - Names written in Chinese, Japanese or Korean script put the family name first ("李 小龍").
 * - Case and accents are kept as written; white space is collapsed.
 */
import { z } from 'zod';
import { defineOne, quote } from './helpers';
import { ok, reject } from './transform';

export type NameParts = {
  prefix: string | null;
  first: string | null;
  middle: string | null;
  last: string | null;
  suffix: string | null;
  nickname: string | null;
};

const honorifics = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'rev',
  'fr',
  'sir',
  'dame',
  'hon',
  'herr',
  'frau',
  'mme',
  'mlle',
  'sra',
  'srta',
]);

const suffixes = new Set([
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  '2nd',
  '3rd',
  '4th',
  'phd',
  'md',
  'dds',
  'dmd',
  'dvm',
  'do',
  'esq',
  'cpa',
  'jd',
  'mba',
  'rn',
  'obe',
  'mbe',
  'cbe',
  'kc',
  'qc',
]);

const particles = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'dei',
  'di',
  'da',
  'das',
  'dos',
  'do',
  'du',
  'la',
  'le',
  'lo',
  'st',
  'st.',
  'ter',
  'ten',
  'bin',
  'binti',
  'bint',
  'ibn',
  'al',
  'el',
]);

const cjkScript = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// A nickname is a whole word (or words) in quotes or brackets: "William 'Bill' Gates", not O'Brien.
const nicknamePattern = /(^|\s)["'“‘(]([^"'“”‘’()]+)["'”’)](?=\s|,|$)/u;

function bare(token: string): string {
  return token.toLowerCase().replace(/[.,]/gu, '');
}
const isHonorific = (token: string): boolean => honorifics.has(bare(token));
const isSuffix = (token: string): boolean => suffixes.has(bare(token));
const isParticle = (token: string): boolean => particles.has(token.toLowerCase());

function words(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}

function joined(tokens: readonly string[], separator = ' '): string | null {
  return tokens.length === 0 ? null : tokens.join(separator);
}

/** Takes honorifics off the front and suffixes off the back, leaving at least one word. */
function peel(tokens: string[], prefix: string[], suffix: string[]): string[] {
  const rest = [...tokens];
  while (rest.length > 1 && isHonorific(rest[0] ?? '')) prefix.push(rest.shift() ?? '');
  while (rest.length > 1 && isSuffix(rest[rest.length - 1] ?? '')) suffix.unshift(rest.pop() ?? '');
  return rest;
}

/** "First Middle Last" order. */
function splitGivenFirst(tokens: readonly string[]): Pick<NameParts, 'first' | 'middle' | 'last'> {
  if (tokens.length === 1) return { first: null, middle: null, last: tokens[0] ?? null };
  if (tokens.some((token) => cjkScript.test(token))) {
    return { first: joined(tokens.slice(1)), middle: null, last: tokens[0] ?? null };
  }
  let lastStart = tokens.length - 1;
  for (let index = lastStart - 1; index >= 1; index -= 1) {
    const token = tokens[index] ?? '';
    if (isParticle(token)) {
      lastStart = index;
    } else if (token.toLowerCase() === 'y' && index >= 2) {
      lastStart = index - 1;
      index -= 1;
    } else {
      break;
    }
  }
  return {
    first: tokens[0] ?? null,
    middle: joined(tokens.slice(1, lastStart)),
    last: joined(tokens.slice(lastStart)),
  };
}

export type SplitNameResult = { ok: true; parts: NameParts } | { ok: false; reason: string };

export function splitName(fullName: string): SplitNameResult {
  let text = fullName.replace(/\s+/gu, ' ').trim();
  let nickname: string | null = null;
  const nicknameMatch = nicknamePattern.exec(text);
  if (nicknameMatch) {
    nickname = (nicknameMatch[2] ?? '').trim() || null;
    text = `${text.slice(0, nicknameMatch.index)} ${text.slice(nicknameMatch.index + nicknameMatch[0].length)}`
      .replace(/\s+/gu, ' ')
      .trim();
  }
  const empty: NameParts = { prefix: null, first: null, middle: null, last: null, suffix: null, nickname };
  const pieces = text
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  if (pieces.length === 0) return { ok: true, parts: empty };

  const prefix: string[] = [];
  const suffix: string[] = [];
  // "John Smith, Jr., PhD": trailing pieces made only of suffixes belong to a name without a comma.
  const trailingSuffixes: string[] = [];
  while (pieces.length > 1 && words(pieces[pieces.length - 1] ?? '').every(isSuffix)) {
    trailingSuffixes.unshift(...words(pieces.pop() ?? ''));
  }

  let familyTokens: string[];
  let givenTokens: string[];
  if (pieces.length === 1) {
    const tokens = peel(words(pieces[0] ?? ''), prefix, suffix);
    suffix.push(...trailingSuffixes);
    return {
      ok: true,
      parts: { ...empty, ...splitGivenFirst(tokens), prefix: joined(prefix), suffix: joined(suffix, ', ') },
    };
  } else if (pieces.length === 2) {
    familyTokens = words(pieces[0] ?? '');
    givenTokens = words(pieces[1] ?? '');
  } else if (pieces.length === 3 && words(pieces[1] ?? '').every(isSuffix)) {
    // "Smith, Jr., John"
    familyTokens = [...words(pieces[0] ?? ''), ...words(pieces[1] ?? '')];
    givenTokens = words(pieces[2] ?? '');
  } else {
    return { ok: false, reason: `${quote(fullName)} has more commas than a name written "Last, First".` };
  }

  // "Last, First M." (and "Last Jr., First", "Last, Dr. First", "Last, First Jr.").
  const family = peel(familyTokens, prefix, suffix);
  const given = peel(givenTokens, prefix, suffix);
  suffix.push(...trailingSuffixes);
  return {
    ok: true,
    parts: {
      prefix: joined(prefix),
      first: given[0] ?? null,
      middle: joined(given.slice(1)),
      last: joined(family),
      suffix: joined(suffix, ', '),
      nickname,
    },
  };
}

export const namePartNames = ['prefix', 'first', 'middle', 'last', 'suffix', 'nickname', 'given'] as const;

export const splitNameTransform = defineOne({
  name: 'split_name',
  label: 'Split a full name',
  description:
    'Takes one part of a full name: prefix, first, middle, last, suffix, nickname, or given (first and middle).',
  blank: 'null',
  params: z.strictObject({
    part: z.enum(namePartNames).describe('The part of the name to keep.'),
  }),
  apply(value, { part }) {
    if (typeof value !== 'string') return reject(`${quote(value)} is not a name.`);
    if (!/\p{L}/u.test(value)) return reject(`${quote(value)} is not a name (it has no letters).`);
    const split = splitName(value);
    if (!split.ok) return reject(split.reason);
    if (part === 'given') return ok(joined([split.parts.first, split.parts.middle].filter((word) => word !== null)));
    return ok(split.parts[part]);
  },
});
