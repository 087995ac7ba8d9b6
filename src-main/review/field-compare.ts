/**
 * One field of a record card: the value the mapping expects against the value the target holds,
 * both in the checksums' canonical encoding of the column's portable type (so `1` and `1.00` in a
 * decimal(10,2), a Date and its text, `t` and `true` are the same value), and, when they differ,
 * the likeliest cause.
 */
import { canonicalValue } from '../../src-shared/canonical';
import type { PortableType } from '../../src-shared/portable-types';
import type { DifferenceCause } from '../../src-shared/validation';
import { toCellValue } from '../engine/row-mapper';

/** A cell as the review compares it: the target's value may be anything its driver returns. */
type AnyValue = unknown;

function asNumber(value: AnyValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value.trim())))
    return Number(value.trim());
  return null;
}

/** Milliseconds since 1970 of a date or timestamp, text read as UTC when it names no zone. */
function asInstant(value: AnyValue): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return typeof value === 'number' ? value : null;
  const text = value.trim().replace(' ', 'T');
  const zoned = /(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text);
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : zoned ? text : `${text}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The canonical text of a value of a portable type (null for null): the one encoding the
 * checksums hash (src-shared/canonical.ts), so a card and a checksum never disagree on "equal".
 */
export function canonicalCell(value: AnyValue, type: PortableType): string | null {
  return canonicalValue(toCellValue(value), { type });
}

/** Text that went through the wrong character set once (UTF-8 read as Latin-1), or another Unicode normal form. */
function encodingTwin(a: string, b: string): boolean {
  if (a.normalize('NFC') === b.normalize('NFC')) return true;
  const misread = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
  return misread(a) === b || misread(b) === a;
}

/** Why two canonical values differ: the first cause that explains the whole difference, else a real change. */
export function classifyCause(
  expected: AnyValue,
  actual: AnyValue,
  expectedCanonical: string | null,
  actualCanonical: string | null,
  type: PortableType,
): DifferenceCause {
  if (expectedCanonical === null || actualCanonical === null) {
    const other = expectedCanonical ?? actualCanonical;
    return other === '' ? 'null_vs_empty' : 'real_change';
  }
  if (type.kind === 'timestamp' || type.kind === 'timestamptz' || type.kind === 'date') {
    const a = asInstant(expected);
    const b = asInstant(actual);
    // Zones are whole quarter hours apart, at most 14 hours.
    const quarterHour = 15 * 60 * 1000;
    if (a !== null && b !== null && a !== b && Math.abs(a - b) <= 14 * 3_600_000 && (a - b) % quarterHour === 0)
      return 'time_zone';
    if (a !== null && b !== null && Math.abs(a - b) < 1000) return 'precision';
  }
  if (type.kind === 'decimal' || type.kind === 'float' || type.kind === 'integer') {
    const a = asNumber(expected);
    const b = asNumber(actual);
    if (a !== null && b !== null && a !== b && Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-6 + 0.01)
      return 'precision';
  }
  // The same number written another way ("193" and "193.0" in a text column).
  const numeric = /^\s*[-+]?\d+(\.\d+)?\s*$/;
  if (
    numeric.test(expectedCanonical) &&
    numeric.test(actualCanonical) &&
    Number(expectedCanonical) === Number(actualCanonical)
  )
    return 'precision';
  if (expectedCanonical.trimEnd() === actualCanonical.trimEnd()) return 'trailing_space';
  if (expectedCanonical.toLowerCase() === actualCanonical.toLowerCase()) return 'case';
  if (encodingTwin(expectedCanonical, actualCanonical)) return 'encoding';
  return 'real_change';
}

export function compareField(
  expected: AnyValue,
  actual: AnyValue,
  type: PortableType,
): { differs: boolean; cause: DifferenceCause | null } {
  const a = canonicalCell(expected, type);
  const b = canonicalCell(actual, type);
  if (a === b) return { differs: false, cause: null };
  return { differs: true, cause: classifyCause(expected, actual, a, b, type) };
}
