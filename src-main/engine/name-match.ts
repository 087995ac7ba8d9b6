/**
 * Matching column and table names the way a consultant would: exactly, then ignoring case,
 * underscores and spaces, then by similarity, always with the reason recorded.
 */
import { distance } from 'fastest-levenshtein';
import type { ColumnMatch } from '../../src-shared/plan';

/** `Customer_ID`, `customer id` and `customerId` all become `customerid`. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\p{L}]+/gu, '');
}

/** Abbreviations common in legacy schemas, by the word they stand for. */
const abbreviations: Record<string, readonly string[]> = {
  number: ['no', 'num', 'nr', 'nbr'],
  quantity: ['qty'],
  amount: ['amt'],
  address: ['addr'],
  telephone: ['tel', 'phone'],
  description: ['desc', 'descr'],
  identifier: ['id'],
  customer: ['cust'],
  product: ['prod'],
  date: ['dt'],
};

/** `phone_no`, `phoneNo` and `Phone No` all become [phone, no]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\p{L}]+/u)
    .filter(Boolean);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short)) return true;
  return abbreviations[long]?.includes(short) ?? false;
}

/**
 * 1 for equal normalised names; otherwise the better of the edit-distance similarity and a
 * word-by-word match that knows prefixes and abbreviations (`cust_no` ≈ `customer_number`),
 * capped below the score of a normalised match.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y) return 1;
  const longest = Math.max(x.length, y.length);
  const edit = longest === 0 ? 0 : 1 - distance(x, y) / longest;
  const left = words(a);
  const right = words(b);
  const unmatched = [...right];
  let matched = 0;
  for (const word of left) {
    const index = unmatched.findIndex((other) => sameWord(word, other));
    if (index < 0) continue;
    matched += 1;
    unmatched.splice(index, 1);
  }
  const byWords = left.length + right.length === 0 ? 0 : (2 * matched) / (left.length + right.length);
  return Math.max(edit, 0.9 * byWords);
}

/** Below this a similar name is not suggested at all. */
export const fuzzyThreshold = 0.75;

export type NameCandidate = { name: string; match: ColumnMatch };

/** The best match for `wanted` among `candidates`, or undefined. */
export function bestNameMatch(wanted: string, candidates: readonly string[]): NameCandidate | undefined {
  const exact = candidates.find((c) => c === wanted);
  if (exact !== undefined) return { name: exact, match: { method: 'exact', score: 1, reason: 'Same name.' } };
  const normalized = candidates.find((c) => normalizeName(c) === normalizeName(wanted));
  if (normalized !== undefined)
    return {
      name: normalized,
      match: {
        method: 'normalized',
        score: 0.95,
        reason: `Same name ignoring case, spaces and underscores (${normalized}).`,
      },
    };
  let best: NameCandidate | undefined;
  for (const candidate of candidates) {
    const score = nameSimilarity(wanted, candidate);
    if (score < fuzzyThreshold || (best && best.match.score >= score)) continue;
    best = {
      name: candidate,
      match: {
        method: 'fuzzy',
        score: Math.round(score * 100) / 100,
        reason: `Similar name: ${candidate} ≈ ${wanted} (${Math.round(score * 100)}% alike).`,
      },
    };
  }
  return best;
}
