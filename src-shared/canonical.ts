/**
 * The canonical encoding validation hashes: one text per value and portable type, defined here
 * once. TypeScript uses it where a transform runs in Node (and SQLite's registered functions call
 * it); every other dialect compiles the same rules to SQL in dialects/<name>/validate-sql.ts.
 *
 *   null        no text at all (the row text marks it `N`; a value is `=` + its text, so '' ≠ null)
 *   integer     decimal digits, `-` for negatives, no leading zeros, -0 as 0
 *   decimal     fixed at the column's scale (rounded half away from zero); without a scale, trailing
 *               zeros trimmed; -0 as 0
 *   float       rounded to 15 significant digits, then to `floatDigits` (6) places, fixed; -0 as 0
 *   boolean     0 or 1
 *   text        the characters as stored (UTF-8 when hashed); CHAR(n) padding trimmed when either
 *               side's column is CHAR(n) (padding is not data)
 *   binary      lowercase hex
 *   date        YYYY-MM-DD
 *   time        HH:MM:SS.ffffff
 *   timestamp   YYYY-MM-DD HH:MM:SS.ffffff (as written, offset ignored: the column has no zone)
 *   timestamptz YYYY-MM-DD HH:MM:SS.ffffff in UTC (text without an offset is taken as UTC)
 *   uuid        lowercase with hyphens
 *   json        PostgreSQL's jsonb text: object keys by length then bytes, `, ` and `: ` separators
 *
 * A row's text is its columns' texts (`=` + text, or `N`) joined by U+001F; its hash is md5 of the
 * UTF-8 bytes. A segment's hash is its row count and two sums, mod 2^32, of the first and second
 * 32-bit words of every row's md5: order-free, and no database's integer sum can overflow.
 */
import { digitsAt, validDate } from './date-text';
import type { PortableType } from './portable-types';
import type { CellValue } from './transforms/transform';

export const canonicalFloatDigits = 6;
export const rowSeparator = '\u001f';
export const nullMarker = 'N';
export const valuePrefix = '=';

export type CanonicalColumn = {
  type: PortableType;
  /** Trim trailing spaces: a CHAR(n) column on either side pads them. */
  padded?: boolean;
};

/** Text that is not a value of the type: prefixed so it never equals a real value's text. */
function foreign(value: CellValue): string {
  return `?${value instanceof Uint8Array ? hex(value) : value instanceof Date ? value.toISOString() : String(value)}`;
}

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A plain decimal string (sign, digits, optional fraction) of a number, bigint or numeric text; undefined when not one. */
function decimalText(value: CellValue, significant?: number): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const n = significant === undefined ? value : Number(value.toPrecision(significant));
    text = String(n);
    if (/e/i.test(text)) text = expandExponent(text);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (/e/i.test(text) && /^[-+]?\d*\.?\d+e[-+]?\d+$/i.test(text)) text = expandExponent(text);
  } else return undefined;
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(text) ? text : undefined;
}

function expandExponent(text: string): string {
  const match = /^([-+]?)(\d*)\.?(\d*)e([-+]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Rounds a plain decimal string half away from zero to `scale` places (trimmed of trailing zeros when scale is undefined). */
export function roundDecimal(text: string, scale: number | undefined): string {
  const negative = text.startsWith('-');
  const body = text.replace(/^[-+]/, '');
  const [wholeRaw = '', fractionRaw = ''] = body.split('.');
  let whole = wholeRaw.replace(/^0+(?=\d)/, '') || '0';
  let fraction = fractionRaw;
  if (scale === undefined) {
    fraction = fraction.replace(/0+$/, '');
  } else if (fraction.length > scale) {
    const roundUp = fraction.charCodeAt(scale) - 48 >= 5;
    fraction = fraction.slice(0, scale);
    if (roundUp) {
      const digits = (whole + fraction).split('').map(Number);
      let i = digits.length - 1;
      for (; i >= 0; i -= 1) {
        const d = (digits[i] ?? 0) + 1;
        if (d < 10) {
          digits[i] = d;
          break;
        }
        digits[i] = 0;
      }
      const joined = (i < 0 ? '1' : '') + digits.join('');
      whole = joined.slice(0, joined.length - scale) || '0';
      fraction = joined.slice(joined.length - scale);
    }
  } else fraction = fraction.padEnd(scale, '0');
  const result = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  const zero = /^[0.]*$/.test(result);
  return negative && !zero ? `-${result}` : result;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD HH:MM:SS.ffffff' from date-time text; `utc` applies the text's offset. */
function timestampText(text: string, utc: boolean): string | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[-+]\d{2}(?::?\d{2})?)?$/i.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', f = '', zone] = match;
  const micros = Number(f.padEnd(6, '0').slice(0, 6));
  let millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (utc && zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
    millis -= sign * offsetMinutes * 60_000;
  }
  const at = new Date(millis);
  if (Number.isNaN(at.getTime())) return undefined;
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(
    at.getUTCMinutes(),
  )}:${pad(at.getUTCSeconds())}.${pad(micros, 6)}`;
}

function dateTimeOf(date: Date, utc: boolean): string {
  const parts = utc
    ? [
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        date.getUTCHours(),
        date.getUTCMinutes(),
        date.getUTCSeconds(),
        date.getUTCMilliseconds(),
      ]
    : [
        date.getFullYear(),
        date.getMonth() + 1,
        date.getDate(),
        date.getHours(),
        date.getMinutes(),
        date.getSeconds(),
        date.getMilliseconds(),
      ];
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0] = parts;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms * 1000, 6)}`;
}

const utf8 = new TextEncoder();
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** jsonb's key order: shorter UTF-8 first, then bytewise. */
function compareKeysForJsonb(a: string, b: string): number {
  // ASCII keys (nearly all): UTF-16 length and order are UTF-8's, with no bytes to build.
  if (isAscii(a) && isAscii(b)) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  const la = utf8.encode(a);
  const lb = utf8.encode(b);
  if (la.length !== lb.length) return la.length - lb.length;
  for (let i = 0; i < la.length; i += 1) if (la[i] !== lb[i]) return (la[i] ?? 0) - (lb[i] ?? 0);
  return 0;
}

/** JSON in PostgreSQL jsonb's text form. */
export function jsonbText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort(compareKeysForJsonb);
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(record[k])}`).join(', ')}}`;
}

/** The canonical text of one value, or null for null. */
export function canonicalValue(value: CellValue, column: CanonicalColumn): string | null {
  if (value === null) return null;
  const { type } = column;
  switch (type.kind) {
    case 'integer': {
      if (typeof value === 'number' && Number.isInteger(value)) return value === 0 ? '0' : BigInt(value).toString();
      const text = decimalText(value);
      if (text === undefined || !/^[-+]?\d+(\.0*)?$/.test(text)) return foreign(value);
      return roundDecimal(text, 0);
    }
    case 'decimal': {
      const text = decimalText(value);
      return text === undefined ? foreign(value) : roundDecimal(text, type.scale);
    }
    case 'float': {
      const text = decimalText(typeof value === 'string' ? Number(value) : value, 15);
      return text === undefined ? foreign(value) : roundDecimal(text, canonicalFloatDigits);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value ? '1' : '0';
      if (typeof value === 'number') return value === 0 ? '0' : '1';
      if (typeof value === 'bigint') return value === 0n ? '0' : '1';
      if (typeof value === 'string') {
        const word = value.trim().toLowerCase();
        if (['1', 't', 'true', 'y', 'yes'].includes(word)) return '1';
        if (['0', 'f', 'false', 'n', 'no'].includes(word)) return '0';
      }
      return foreign(value);
    }
    case 'text': {
      const text =
        value instanceof Uint8Array
          ? new TextDecoder().decode(value)
          : value instanceof Date
            ? value.toISOString()
            : String(value);
      return column.padded ? text.replace(/ +$/, '') : text;
    }
    case 'binary':
      return value instanceof Uint8Array ? hex(value) : hex(utf8.encode(String(value)));
    case 'date': {
      if (value instanceof Date) return dateTimeOf(value, false).slice(0, 10);
      const text = typeof value === 'string' ? timestampText(value, false) : undefined;
      return text === undefined ? foreign(value) : text.slice(0, 10);
    }
    case 'time': {
      const match =
        typeof value === 'string' ? /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/.exec(value.trim()) : null;
      if (!match) return foreign(value);
      const [, h = '00', mi = '00', s = '00', f = ''] = match;
      return `${h}:${mi}:${s}.${f.padEnd(6, '0').slice(0, 6)}`;
    }
    case 'timestamp':
    case 'timestamptz': {
      const utc = type.kind === 'timestamptz';
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? foreign(value) : dateTimeOf(value, utc);
      const text = typeof value === 'string' ? timestampText(value, utc) : undefined;
      return text ?? foreign(value);
    }
    case 'uuid': {
      if (value instanceof Uint8Array && value.byteLength === 16) {
        const h = hex(value);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }
      return String(value).trim().toLowerCase();
    }
    case 'json': {
      if (typeof value !== 'string')
        return jsonbText(
          value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value,
        );
      try {
        return jsonbText(JSON.parse(value));
      } catch {
        return foreign(value);
      }
    }
  }
}

/** A value's canonical text, as canonicalValue gives it, from a function built once per column. */
export type CanonicalEncoder = (value: CellValue) => string | null;

/**
 * The common shape of timestamp text (`YYYY-MM-DD[T ]HH:MM:SS[.f][zone]`, fields in range, a year of
 * four digits) without a regex, and without a Date unless the offset changes the day; undefined for
 * anything else, which timestampText then decides.
 */
function plainTimestampText(text: string, utc: boolean): string | undefined {
  const length = text.length;
  if (length < 19) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  let hour = digitsAt(text, 11, 2);
  let minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const t = text.charCodeAt(10);
  if (
    year < 1000 ||
    !validDate(year, month, day) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    (t !== 84 && t !== 32 && t !== 116) ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  let i = 19;
  let micros = '000000';
  if (i < length && text.charCodeAt(i) === 46) {
    const start = i + 1;
    i = start;
    while (i < length && i - start < 9 && digitsAt(text, i, 1) >= 0) i += 1;
    if (i === start) return undefined;
    micros = text.slice(start, Math.min(i, start + 6)).padEnd(6, '0');
  }
  let offsetMinutes = 0;
  if (i < length) {
    const sign = text.charCodeAt(i);
    const rest = length - i - 1;
    if ((sign === 90 || sign === 122) && rest === 0) offsetMinutes = 0;
    else if (sign === 43 || sign === 45) {
      const hours = digitsAt(text, i + 1, 2);
      const minutes =
        rest === 2
          ? 0
          : rest === 4
            ? digitsAt(text, i + 3, 2)
            : rest === 5 && text.charCodeAt(i + 3) === 58
              ? digitsAt(text, i + 4, 2)
              : -1;
      if (hours < 0 || minutes < 0) return undefined;
      offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
    } else return undefined;
  }
  if (utc && offsetMinutes !== 0) {
    let shifted = hour * 60 + minute - offsetMinutes;
    let date = text.slice(0, 10);
    if (shifted < 0 || shifted >= 1440) {
      // The offset moves the time into another day: let Date carry the calendar.
      const days = Math.floor(shifted / 1440);
      shifted -= days * 1440;
      const at = new Date(Date.UTC(year, month - 1, day + days));
      date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
    }
    hour = Math.floor(shifted / 60);
    minute = shifted % 60;
    return `${date} ${pad(hour)}:${pad(minute)}:${text.slice(17, 19)}.${micros}`;
  }
  return `${text.slice(0, 10)} ${text.slice(11, 19)}.${micros}`;
}

/** JSON texts repeat (a few shapes of payload); parsed and re-serialised once per distinct text, up to a bound. */
function memoised(encode: (text: string) => string, limit = 4096): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = encode(text);
      if (seen.size >= limit) seen.clear();
      seen.set(text, out);
    }
    return out;
  };
}

/**
 * canonicalValue for one column, compiled once: the common shapes of values (safe integers, numbers
 * within the scale, plain timestamp text, strings) take a direct path, everything else the
 * definition above. Validation calls it for every value of every row.
 */
export function canonicalEncoder(column: CanonicalColumn): CanonicalEncoder {
  const general: CanonicalEncoder = (value) => canonicalValue(value, column);
  const { type } = column;
  switch (type.kind) {
    case 'integer':
      return (value) => {
        if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
        if (typeof value === 'bigint') return value.toString();
        return general(value);
      };
    case 'decimal': {
      const { scale } = type;
      return (value) => {
        if (typeof value !== 'number') return general(value);
        const text = String(value);
        if (text.includes('e')) return general(value);
        if (scale === undefined) return text;
        const point = text.indexOf('.');
        const places = point < 0 ? 0 : text.length - point - 1;
        if (places > scale) return general(value);
        if (places === scale) return text;
        return (point < 0 ? `${text}.` : text) + '0'.repeat(scale - places);
      };
    }
    case 'boolean':
      return (value) => (typeof value === 'number' ? (value === 0 ? '0' : '1') : general(value));
    case 'text':
      return column.padded
        ? (value) =>
            typeof value === 'string' ? (value.endsWith(' ') ? value.replace(/ +$/, '') : value) : general(value)
        : (value) => (typeof value === 'string' ? value : general(value));
    case 'timestamp':
    case 'timestamptz': {
      const utc = type.kind === 'timestamptz';
      return (value) =>
        typeof value === 'string' ? (plainTimestampText(value, utc) ?? general(value)) : general(value);
    }
    case 'json': {
      const fromText = memoised((text) => general(text) ?? '');
      return (value) => (typeof value === 'string' ? fromText(value) : general(value));
    }
    default:
      return general;
  }
}

/** A row's canonical text from its values, each through its column's encoder. */
export function canonicalRowEncoder(columns: readonly CanonicalColumn[]): (values: ArrayLike<unknown>) => string {
  const encoders = columns.map(canonicalEncoder);
  return (values) => {
    let out = '';
    for (let i = 0; i < encoders.length; i += 1) {
      const value = values[i];
      const text = (encoders[i] as CanonicalEncoder)(value === undefined ? null : (value as CellValue));
      if (i > 0) out += rowSeparator;
      out += text === null ? nullMarker : valuePrefix + text;
    }
    return out;
  };
}

/** A row's canonical text: each column `=`+text or `N`, joined by U+001F. */
export function canonicalRowText(texts: readonly (string | null)[]): string {
  let out = '';
  for (let i = 0; i < texts.length; i += 1) {
    const text = texts[i];
    if (i > 0) out += rowSeparator;
    out += text === null || text === undefined ? nullMarker : valuePrefix + text;
  }
  return out;
}

/** Segment hash accumulator shape: count and the two 32-bit word sums mod 2^32, as text `count:a:b`. */
export function segmentHashText(
  count: number | bigint | string,
  first: number | bigint | string,
  second: number | bigint | string,
): string {
  return `${String(count)}:${String(first)}:${String(second)}`;
}
