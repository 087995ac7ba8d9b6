/**
 * cast: a value → a portable type, with the range checks the target column would otherwise do
 * (or, worse, not do): integer bits, decimal precision and scale, text and binary length, the
 * shape of a date, a UUID or JSON. Text is read strictly — plain digits, ISO 8601 dates — and a
 * reason points to the parse_* transform for anything written for people.
 *
 * Output: integers as numbers (bigint past 2^53 for 64 bits), decimals as exact strings padded to
 * their scale ("12.50"), dates as "YYYY-MM-DD", timestamps as ISO 8601 with milliseconds (UTC
 * "Z" for timestamptz, no offset for timestamp), UUIDs lower-case with hyphens, JSON as text.
 * Empty text becomes null for every type but text.
 */
import { z } from 'zod';
import { formatPortableType, portableTypeSchema, type PortableType } from '../portable-types';
import { notABoolean, readBoolean } from './booleans';
import { autoPatterns, readDateTime, wallMillis } from './date-patterns';
import { decimalFromNumber, formatDecimal, parseDecimal, roundDecimal, type Decimal } from './decimal';
import { defineOne, isBlank, quote, textOf } from './helpers';
import { ok, reject, type CellValue, type TransformResult } from './transform';

type CastParams = { truncate: boolean; round: 'reject' | 'half-up' | 'half-even' };
type Value = Exclude<CellValue, null>;

const integerRanges = {
  8: [-(2n ** 7n), 2n ** 7n - 1n],
  16: [-(2n ** 15n), 2n ** 15n - 1n],
  32: [-(2n ** 31n), 2n ** 31n - 1n],
  64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

function toInteger(value: Value, type: Extract<PortableType, { kind: 'integer' }>): TransformResult {
  let integer: bigint;
  if (typeof value === 'bigint') {
    integer = value;
  } else if (typeof value === 'boolean') {
    integer = value ? 1n : 0n;
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return reject(`${quote(value)} is not a whole number.`);
    integer = BigInt(value);
  } else if (typeof value === 'string') {
    const match = /^([+-]?\d+)(?:\.(\d*))?$/u.exec(value.trim());
    if (!match) return reject(`${quote(value)} is not an integer; use parse_number for formatted numbers.`);
    if (/[1-9]/u.test(match[2] ?? '')) return reject(`${quote(value)} is not a whole number.`);
    integer = BigInt(match[1] ?? '0');
  } else {
    return reject(`${quote(value)} is not an integer.`);
  }
  const [min, max] = integerRanges[type.bits];
  if (integer < min || integer > max) {
    return reject(`${quote(value)} does not fit ${formatPortableType(type)} (${min} to ${max}).`);
  }
  const safe = integer >= BigInt(Number.MIN_SAFE_INTEGER) && integer <= BigInt(Number.MAX_SAFE_INTEGER);
  return ok(safe ? Number(integer) : integer);
}

function toDecimal(
  value: Value,
  type: Extract<PortableType, { kind: 'decimal' }>,
  params: CastParams,
): TransformResult {
  let decimal: Decimal | null = null;
  if (typeof value === 'number' && Number.isFinite(value)) decimal = decimalFromNumber(value);
  else if (typeof value === 'bigint') decimal = parseDecimal(String(value));
  else if (typeof value === 'string') decimal = parseDecimal(value.trim());
  if (!decimal) {
    const hint = typeof value === 'string' ? '; use parse_number for formatted numbers' : '';
    return reject(`${quote(value)} is not a decimal number${hint}.`);
  }
  if (type.precision === undefined) return ok(formatDecimal(decimal));
  const scale = type.scale ?? 0;
  const label = formatPortableType(type);
  if (decimal.fraction.length > scale) {
    if (params.round === 'reject') {
      return reject(
        `${quote(value)} has more than ${scale} decimal${scale === 1 ? '' : 's'} for ${label}; set round to "half-up" or "half-even".`,
      );
    }
    decimal = roundDecimal(decimal, scale, params.round);
  }
  const integerDigits = type.precision - scale;
  if (decimal.integer.length > integerDigits) {
    return reject(
      `${quote(value)} does not fit ${label} (at most ${integerDigits} digit${integerDigits === 1 ? '' : 's'} before the point).`,
    );
  }
  return ok(formatDecimal(decimal, scale));
}

function toFloat(value: Value): TransformResult {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'bigint') number = Number(value);
  else if (typeof value === 'string' && /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/iu.test(value.trim())) {
    number = Number(value.trim());
  }
  if (number === undefined) return reject(`${quote(value)} is not a number.`);
  if (!Number.isFinite(number)) return reject(`${quote(value)} is not a finite number.`);
  return ok(number === 0 ? 0 : number);
}

function toText(value: Value, type: Extract<PortableType, { kind: 'text' }>, params: CastParams): TransformResult {
  const text = textOf(value);
  if (!text.ok) return reject(text.reason);
  const chars = [...text.text];
  if (type.length === undefined || chars.length <= type.length) return ok(text.text);
  if (params.truncate) return ok(chars.slice(0, type.length).join(''));
  return reject(
    `${quote(value)} is ${chars.length} characters, longer than ${formatPortableType(type)}; set truncate to cut it.`,
  );
}

const encoder = new TextEncoder();

function toBinary(value: Value, type: Extract<PortableType, { kind: 'binary' }>, params: CastParams): TransformResult {
  // Text is stored as its UTF-8 bytes.
  const bytes = value instanceof Uint8Array ? value : typeof value === 'string' ? encoder.encode(value) : null;
  if (!bytes) return reject(`${quote(value)} is not text or binary.`);
  if (type.length === undefined || bytes.length <= type.length) return ok(bytes);
  if (params.truncate) return ok(bytes.slice(0, type.length));
  const size = value instanceof Uint8Array ? ' is' : ` is ${bytes.length} bytes,`;
  return reject(`${quote(value)}${size} longer than ${formatPortableType(type)}; set truncate to cut it.`);
}

const isoPatterns = autoPatterns.filter((pattern) => pattern.startsWith('YYYY-MM-DD') && !pattern.endsWith(' z'));

function isoDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

function toDateLike(value: Value, kind: 'date' | 'timestamp' | 'timestamptz'): TransformResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return reject(`An invalid date is not a ${kind}.`);
    if (kind === 'timestamptz') return ok(value.toISOString());
    if (kind === 'date' && value.getTime() % 86_400_000 === 0) return ok(isoDate(value.getTime()));
    return reject(
      `${quote(value)} is a moment in time; use parse_${kind === 'date' ? 'date with timeZone' : 'timestamp with output "local"'} to say in which zone.`,
    );
  }
  if (typeof value !== 'string') return reject(`${quote(value)} is not a ${kind}.`);
  const read = readDateTime(value, kind === 'date' ? ['YYYY-MM-DD'] : isoPatterns);
  if (!read.ok) {
    if (read.invalid) return reject(`${quote(value)} is not a valid ${read.invalid.what} (${read.invalid.detail}).`);
    const expected = kind === 'date' ? 'an ISO date (YYYY-MM-DD)' : 'an ISO timestamp (YYYY-MM-DDTHH:mm:ss)';
    return reject(
      `${quote(value)} is not ${expected}; use parse_${kind === 'date' ? 'date' : 'timestamp'} for other formats.`,
    );
  }
  const parsed = read.value;
  if (parsed.subMillisecond) {
    return reject(`${quote(value)} has digits past the millisecond; use parse_timestamp to drop them.`);
  }
  const wall = wallMillis(parsed);
  if (kind === 'date') return ok(isoDate(wall));
  if (kind === 'timestamp') {
    if (parsed.offsetMinutes !== undefined) {
      return reject(
        `${quote(value)} has an offset that a timestamp cannot keep; use parse_timestamp with output "local".`,
      );
    }
    return ok(new Date(wall).toISOString().slice(0, 23));
  }
  if (parsed.offsetMinutes === undefined) {
    return reject(`${quote(value)} has no offset; use parse_timestamp with assumeTimeZone to say which zone it is in.`);
  }
  const instant = wall - parsed.offsetMinutes * 60_000;
  const year = new Date(instant).getUTCFullYear();
  if (year < 1 || year > 9999) return reject(`${quote(value)} is outside the years 1 to 9999.`);
  return ok(new Date(instant).toISOString());
}

function toTime(value: Value): TransformResult {
  const match = typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/u.exec(value.trim()) : null;
  if (!match) return reject(`${quote(value)} is not a time of day (HH:mm:ss).`);
  const [, hour = '00', minute = '00', second = '00', fraction] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return reject(`${quote(value)} is not a valid time of day.`);
  }
  return ok(`${hour}:${minute}:${second}${fraction ? `.${fraction}` : ''}`);
}

function toUuid(value: Value): TransformResult {
  let hex: string | undefined;
  if (value instanceof Uint8Array && value.length === 16) {
    hex = Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('');
  } else if (typeof value === 'string') {
    const bare = value
      .trim()
      .replace(/^urn:uuid:/iu, '')
      .replace(/^\{(.*)\}$/u, '$1');
    if (/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/iu.test(bare)) {
      hex = bare.replace(/-/gu, '').toLowerCase();
    }
  }
  if (hex === undefined) return reject(`${quote(value)} is not a UUID.`);
  return ok(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
}

function toJson(value: Value): TransformResult {
  if (typeof value === 'string') {
    try {
      JSON.parse(value);
      return ok(value);
    } catch {
      return reject(`${quote(value)} is not valid JSON.`);
    }
  }
  if (typeof value === 'bigint') return ok(String(value));
  if (typeof value === 'number' && !Number.isFinite(value)) return reject(`${quote(value)} is not valid JSON.`);
  if (value instanceof Uint8Array) return reject(`${quote(value)} cannot be written as JSON.`);
  return ok(JSON.stringify(value));
}

export const cast = defineOne({
  name: 'cast',
  label: 'Convert type',
  description: 'Converts the value to a column type, checking that it fits (range, precision, length, shape).',
  params: z.strictObject({
    to: portableTypeSchema.describe('The type to convert to, e.g. {"kind":"decimal","precision":10,"scale":2}.'),
    truncate: z.boolean().default(false).describe('Cut text and binary that are too long instead of refusing them.'),
    round: z
      .enum(['reject', 'half-up', 'half-even'])
      .default('reject')
      .describe(
        'Decimals with more digits than the scale: refuse them, or round half away from zero, or half to even.',
      ),
  }),
  apply(value, params) {
    const { to } = params;
    if (isBlank(value) && to.kind !== 'text') return ok(null);
    switch (to.kind) {
      case 'integer':
        return toInteger(value, to);
      case 'decimal':
        return toDecimal(value, to, params);
      case 'float':
        return toFloat(value);
      case 'boolean': {
        if (typeof value === 'object') return reject(notABoolean(value));
        const result = readBoolean(value);
        return result === null ? reject(notABoolean(value)) : ok(result);
      }
      case 'text':
        return toText(value, to, params);
      case 'binary':
        return toBinary(value, to, params);
      case 'date':
      case 'timestamp':
      case 'timestamptz':
        return toDateLike(value, to.kind);
      case 'time':
        return toTime(value);
      case 'uuid':
        return toUuid(value);
      case 'json':
        return toJson(value);
    }
  },
});
