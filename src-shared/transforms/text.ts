/**
 * Text transforms: trim, case, concat, substring, and the ones that fill or clear a value
 * (constant, coalesce, default_if_empty, null_if). Lengths and positions count characters (code
 * points), as the databases do, so an emoji or an accented letter is never cut in half.
 */
import { z } from 'zod';
import { defineMany, defineOne, isBlank, textOf } from './helpers';
import { ok, reject } from './transform';

const scalarSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const trim = defineOne({
  name: 'trim',
  label: 'Trim spaces',
  description: 'Removes spaces (and other white space) from the start, the end or both ends of the text.',
  params: z.strictObject({
    side: z.enum(['both', 'start', 'end']).default('both').describe('Which end to trim.'),
    collapseInner: z.boolean().default(false).describe('Also turn every run of inner white space into one space.'),
  }),
  apply(value, { side, collapseInner }) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    let result = side === 'both' ? text.text.trim() : side === 'start' ? text.text.trimStart() : text.text.trimEnd();
    if (collapseInner) result = result.replace(/\s+/gu, ' ');
    return ok(result);
  },
});

function capitalizeFirstLetter(word: string): string {
  return word.replace(/\p{L}/u, (letter) => letter.toUpperCase());
}

/**
 * Title case for names and places: each word and each part of a hyphenated word starts with a
 * capital ("Mary-Jane"), and so does the letter after a one-letter prefix with an apostrophe
 * ("O'Brien", "D'Angelo") but not a contraction ("It's"). "McDonald" cannot be guessed.
 */
export function toTitleCase(text: string): string {
  return text
    .toLowerCase()
    .split(/(\s+|-)/u)
    .map((part) =>
      capitalizeFirstLetter(part).replace(
        /^(\P{L}*\p{L}['’])(\p{L})/u,
        (_, head: string, next: string) => head + next.toUpperCase(),
      ),
    )
    .join('');
}

function toSentenceCase(text: string): string {
  return capitalizeFirstLetter(text.toLowerCase()).replace(
    /([.!?]\s+\P{L}*)(\p{L})/gu,
    (_, head: string, letter: string) => head + letter.toUpperCase(),
  );
}

export const changeCase = defineOne({
  name: 'case',
  label: 'Change case',
  description: 'Turns the text to upper case, lower case, Title Case or Sentence case.',
  params: z.strictObject({
    to: z.enum(['upper', 'lower', 'title', 'sentence']).describe('The case to turn the text to.'),
  }),
  apply(value, { to }) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    switch (to) {
      case 'upper':
        return ok(text.text.toUpperCase());
      case 'lower':
        return ok(text.text.toLowerCase());
      case 'title':
        return ok(toTitleCase(text.text));
      case 'sentence':
        return ok(toSentenceCase(text.text));
    }
  },
});

export const concat = defineMany({
  name: 'concat',
  label: 'Join values',
  description: 'Joins the source values into one text with a separator, e.g. first and last name.',
  params: z.strictObject({
    separator: z.string().default(' ').describe('Put between two joined values.'),
    skipNulls: z
      .boolean()
      .default(true)
      .describe('Leave out null values; when false, any null makes the result null, as in SQL.'),
    skipEmpty: z.boolean().default(true).describe('Leave out empty and whitespace-only text.'),
  }),
  apply(values, { separator, skipNulls, skipEmpty }) {
    const parts: string[] = [];
    for (const value of values) {
      if (value === null) {
        if (!skipNulls) return ok(null);
        continue;
      }
      if (skipEmpty && isBlank(value)) continue;
      const text = textOf(value);
      if (!text.ok) return reject(text.reason);
      parts.push(text.text);
    }
    // Only nulls in: null out, so a "default for null" can still apply.
    if (parts.length === 0 && values.every((value) => value === null)) return ok(null);
    return ok(parts.join(separator));
  },
});

export const substring = defineOne({
  name: 'substring',
  label: 'Part of the text',
  description: 'Keeps part of the text: from a character position (1 is the first, -1 the last), for a length.',
  params: z.strictObject({
    start: z
      .number()
      .int()
      .refine((start) => start !== 0, 'counts from 1 (the first character) or from -1 (the last)')
      .default(1)
      .describe('Position of the first character kept: 1 is the first, -1 the last.'),
    length: z.number().int().min(0).optional().describe('How many characters to keep; all the rest when absent.'),
  }),
  apply(value, { start, length }) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    const chars = [...text.text];
    const from = start > 0 ? start - 1 : Math.max(chars.length + start, 0);
    return ok(chars.slice(from, length === undefined ? undefined : from + length).join(''));
  },
});

export const constant = defineMany({
  name: 'constant',
  label: 'Constant',
  description: 'Always gives the same value, whatever the source holds (also when it is null).',
  params: z.strictObject({
    value: scalarSchema.describe('The value every row gets.'),
  }),
  apply: (_values, { value }) => ok(value),
});

export const coalesce = defineMany({
  name: 'coalesce',
  label: 'First value present',
  description: 'Gives the first source value that is not null (optionally also skipping empty text).',
  params: z.strictObject({
    skipEmpty: z.boolean().default(false).describe('Also skip empty and whitespace-only text.'),
  }),
  apply(values, { skipEmpty }) {
    const found = values.find((value) => value !== null && !(skipEmpty && isBlank(value)));
    return ok(found ?? null);
  },
});

export const defaultIfEmpty = defineOne({
  name: 'default_if_empty',
  label: 'Default if empty',
  description: 'Replaces null, empty and whitespace-only text with a fixed value.',
  nulls: 'handle',
  params: z.strictObject({
    value: scalarSchema.describe('The value used instead of an empty one.'),
  }),
  apply: (value, params) => ok(value === null || isBlank(value) ? params.value : value),
});

export const nullIf = defineOne({
  name: 'null_if',
  label: 'Null if',
  description: 'Turns placeholder values such as "N/A" or "-" into null.',
  params: z.strictObject({
    values: z.array(z.string()).min(1).describe('The placeholders that mean "no value".'),
    caseInsensitive: z.boolean().default(true).describe('Match "n/a" as well as "N/A".'),
    trim: z.boolean().default(true).describe('Ignore white space around the value when matching.'),
  }),
  apply(value, params) {
    const text = textOf(value);
    if (!text.ok) return ok(value);
    const normalise = (candidate: string): string => {
      const trimmed = params.trim ? candidate.trim() : candidate;
      return params.caseInsensitive ? trimmed.toLowerCase() : trimmed;
    };
    const probe = normalise(text.text);
    return ok(params.values.some((placeholder) => normalise(placeholder) === probe) ? null : value);
  },
});
