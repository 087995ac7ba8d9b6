/**
 * What values look like, read from their format patterns (`Aaaa 99`, `999-999-9999`): dates,
 * e-mail addresses, phone numbers, plain numbers; booleans from the values themselves. Patterns
 * only: no value is parsed, so the verdict is about form ("looks like a date"), not validity.
 */
import type { ColumnProfile, ProfilePattern, ProfileValue } from '../../src-shared/profile';

export type PatternClass = 'date' | 'email' | 'phone' | 'number';

/** Date and date-time forms, in the pattern alphabet (T and Z are letters: `A`). */
const datePatterns: readonly RegExp[] = [
  // 2023-04-05, 2023-04-05 14:03, 2023-04-05T14:03:00Z, …+02:00, … 14:03 PST, 2023/04/05
  /^9{4}([-/])9{2}(?:\1)9{2}([ A]9{2}:9{2}(:9{2}([.,]9{1,9})?)?( ?(A|[+-]9{2}(:?9{2})?|A{3,5}))?)?$/,
  // 04/05/2023, 5.4.2023 14:03, 04-05-23 2:03 PM
  /^9{1,2}([/.-])9{1,2}\1(9{4}|9{2})( 9{1,2}:9{2}(:9{2})?( ?[Aa]{2})?)?$/,
  // Apr 5, 2023 · 5 April 2023 · 05-Apr-2023
  /^Aa{2,8}\.? 9{1,2},? 9{4}$/,
  /^9{1,2}[ -]Aa{2,8}\.?[ -]9{2,4}$/,
];

const emailPattern = /^[^@\s]+@[^@\s]+(\.[^@\s]+|…)$/;
const phoneCharacters = /^\+?[9()\-. ]+$/;
const numberPattern = /^[+-]?(9+|9{1,3}(,9{3})+)([.,]9+)?$/;

export function classifyPattern(pattern: string): PatternClass | null {
  if (datePatterns.some((regex) => regex.test(pattern))) return 'date';
  if (emailPattern.test(pattern)) return 'email';
  if (numberPattern.test(pattern)) return 'number';
  if (phoneCharacters.test(pattern)) {
    // Ten digits and more, or seven and more written as a phone number is: (555) 123-4567, +44 …
    const digits = pattern.replace(/[^9]/g, '').length;
    if (digits <= 15 && (digits >= 10 || (digits >= 7 && /[+(]/.test(pattern)))) return 'phone';
  }
  return null;
}

/** The pattern with every run of digits as one `9`: the form of a value whatever its magnitude. */
export function patternShape(pattern: string): string {
  return pattern.replace(/9+/g, '9');
}

const booleanWords = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 't', 'f', '0', '1', 'on', 'off']);

export type Inferred = NonNullable<ColumnProfile['inferred']>;

/**
 * The type most values look like, when at least `minShare` of the non-empty values agree. The
 * patterns are the most common ones, so the shares are lower bounds.
 */
export function inferType(input: {
  patterns: readonly ProfilePattern[];
  /** Non-empty values the pattern counts are out of. */
  values: number;
  top: readonly ProfileValue[];
  distinct: number | null;
  minShare: number;
}): Inferred | null {
  const { patterns, values, minShare } = input;
  if (values <= 0) return null;
  const booleanCount = input.top
    .filter((entry) => booleanWords.has(entry.value.trim().toLowerCase()))
    .reduce((sum, entry) => sum + entry.count, 0);
  if (input.distinct !== null && input.distinct <= 6 && booleanCount / values >= Math.max(minShare, 0.95))
    return { type: 'boolean', share: Math.min(1, booleanCount / values) };
  const byClass = new Map<PatternClass, { count: number; patterns: number }>();
  for (const entry of patterns) {
    const kind = classifyPattern(entry.pattern);
    if (!kind) continue;
    const seen = byClass.get(kind) ?? { count: 0, patterns: 0 };
    byClass.set(kind, { count: seen.count + entry.count, patterns: seen.patterns + 1 });
  }
  const [best] = [...byClass.entries()].sort((a, b) => b[1].count - a[1].count);
  if (!best) return null;
  const [type, found] = best;
  const share = Math.min(1, found.count / values);
  if (share < minShare) return null;
  return type === 'date' ? { type, share, formats: found.patterns } : { type, share };
}

/** Patterns grouped by shape: the formats a column is written in, most common first. */
export function formatsOf(
  patterns: readonly ProfilePattern[],
): { shape: string; count: number; patterns: ProfilePattern[] }[] {
  const groups = new Map<string, { shape: string; count: number; patterns: ProfilePattern[] }>();
  for (const entry of patterns) {
    const shape = patternShape(entry.pattern);
    const group = groups.get(shape) ?? { shape, count: 0, patterns: [] };
    group.count += entry.count;
    group.patterns.push(entry);
    groups.set(shape, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
