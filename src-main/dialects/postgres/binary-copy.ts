/**
 * PostgreSQL's binary COPY format (COPY … FROM STDIN (FORMAT binary)), written straight into
 * buffers: no text to build, escape and convert here, and none for the server to parse there.
 *
 * Each column is encoded for the type the target column really has (its type oid, read from the
 * catalogue), and a value is encoded only where the binary form is exactly what the text path
 * would have stored. A value the encoder cannot vouch for (text in an integer column, a timestamp
 * without an offset, a boolean in a numeric column) makes the whole batch go the text way, where
 * the server itself judges it; a column type it does not know makes the table go the text way.
 */
import { digitsAt, validDate } from '../../../src-shared/date-text';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn } from '../dialect';

/** Built-in type oids (fixed in every PostgreSQL release) the encoder writes. */
export const pgTypeOids = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  json: 114,
  float4: 700,
  float8: 701,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const chunkBytes = 256 * 1024;

/** Growing list of filled buffers: a batch is encoded into chunks, then sent. */
export class CopyBuffer {
  readonly chunks: Buffer[] = [];
  buf: Buffer = Buffer.allocUnsafe(chunkBytes);
  pos = 0;

  /** Room for `bytes` more at `pos`. */
  ensure(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(chunkBytes, bytes));
    this.pos = 0;
  }

  finish(): Buffer[] {
    if (this.pos > 0) this.chunks.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
    this.buf = Buffer.alloc(0);
    return this.chunks;
  }
}

/**
 * Writes one non-null value (length word and bytes); false when the value is not one this type
 * encodes faithfully, and nothing usable was written.
 */
export type FieldEncoder = (out: CopyBuffer, value: Exclude<CellValue, null>, column: WriteColumn) => boolean;

const header = Buffer.from([
  // PGCOPY\n\377\r\n\0, then flags (int32 0) and the header extension length (int32 0).
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);

const two32 = 4294967296;

/** An integer of at most 2^53 in magnitude as a big-endian int64. */
function putSafeInt64(buf: Buffer, pos: number, value: number): void {
  const high = Math.floor(value / two32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * two32, pos + 4);
}

function putInt64(out: CopyBuffer, value: number | bigint): void {
  out.ensure(12);
  out.buf.writeInt32BE(8, out.pos);
  if (typeof value === 'bigint') out.buf.writeBigInt64BE(value, out.pos + 4);
  else putSafeInt64(out.buf, out.pos + 4, value);
  out.pos += 12;
}

/**
 * Text as the text path would send it, before COPY's escaping: booleans as t/f, dates in ISO
 * form, bytes in bytea's hex form, and a string bound for a binary column as the hex of its UTF-8.
 */
export function plainTextValue(value: Exclude<CellValue, null>, column: WriteColumn): string {
  if (typeof value === 'string')
    return column.type.kind === 'binary' ? `\\x${Buffer.from(value, 'utf8').toString('hex')}` : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/** UTF-8 of a string with its length word, after an optional one-byte prefix (jsonb's version). */
function putText(out: CopyBuffer, text: string, prefix?: number): void {
  const extra = prefix === undefined ? 0 : 1;
  // Three bytes per UTF-16 unit is the most UTF-8 needs; long values are measured instead.
  const room = text.length > 16_384 ? Buffer.byteLength(text, 'utf8') : text.length * 3;
  out.ensure(4 + extra + room);
  const start = out.pos + 4 + extra;
  if (prefix !== undefined) out.buf[out.pos + 4] = prefix;
  let written = 0;
  if (text.length <= 64) {
    // Short ASCII (codes, statuses, small JSON) is copied unit by unit: cheaper than calling the encoder.
    const buf = out.buf;
    while (written < text.length) {
      const code = text.charCodeAt(written);
      if (code >= 0x80) break;
      buf[start + written] = code;
      written += 1;
    }
    if (written < text.length) written = buf.write(text, start, 'utf8');
  } else written = out.buf.write(text, start, 'utf8');
  out.buf.writeInt32BE(written + extra, out.pos);
  out.pos = start + written;
}

function putBytes(out: CopyBuffer, bytes: Uint8Array): void {
  out.ensure(4 + bytes.byteLength);
  out.buf.writeInt32BE(bytes.byteLength, out.pos);
  out.buf.set(bytes, out.pos + 4);
  out.pos += 4 + bytes.byteLength;
}

const integerText = /^-?\d{1,19}$/;

/** The exact integer a value stands for as the text path sends it, or undefined. */
function integerOf(value: Exclude<CellValue, null>): number | bigint | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && integerText.test(value)) return value.length <= 15 ? Number(value) : BigInt(value);
  return undefined;
}

function smallIntegerEncoder(bytes: 2 | 4): FieldEncoder {
  const limit = bytes === 2 ? 32767 : 2147483647;
  return (out, value) => {
    const whole = integerOf(value);
    if (whole === undefined) return false;
    const n = Number(whole);
    if (n > limit || n < -limit - 1) return false;
    out.ensure(4 + bytes);
    out.buf.writeInt32BE(bytes, out.pos);
    if (bytes === 2) out.buf.writeInt16BE(n, out.pos + 4);
    else out.buf.writeInt32BE(n, out.pos + 4);
    out.pos += 4 + bytes;
    return true;
  };
}

const int8Max = 9223372036854775807n;

const encodeInt8: FieldEncoder = (out, value) => {
  const whole = integerOf(value);
  if (whole === undefined) return false;
  if (typeof whole === 'bigint' && (whole > int8Max || whole < -int8Max - 1n)) return false;
  putInt64(out, whole);
  return true;
};

const strictDecimal = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function putFloat8(out: CopyBuffer, value: number): void {
  out.ensure(12);
  out.buf.writeInt32BE(8, out.pos);
  // The text path writes String(-0), which is "0": the same value here.
  out.buf.writeDoubleBE(value === 0 ? 0 : value, out.pos + 4);
  out.pos += 12;
}

/** A double as float8in would read the text path's form of the value, or undefined. */
function doubleOf(value: Exclude<CellValue, null>): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && strictDecimal.test(value)) {
    // JavaScript and strtod both round correctly; they differ only where strtod reports a range error.
    const parsed = Number(value);
    if (!Number.isFinite(parsed)) return undefined;
    if (parsed === 0 && /[1-9]/.test(value.replace(/[eE].*$/, ''))) return undefined;
    return Object.is(parsed, -0) ? undefined : parsed;
  }
  return undefined;
}

const encodeFloat8: FieldEncoder = (out, value) => {
  const double = doubleOf(value);
  if (double === undefined) return false;
  putFloat8(out, double);
  return true;
};

const encodeFloat4: FieldEncoder = (out, value) => {
  const double = doubleOf(value);
  // Only values a real holds exactly: rounding a decimal to a real directly and through a double can differ.
  if (double === undefined || Math.fround(double) !== double) return false;
  out.ensure(8);
  out.buf.writeInt32BE(4, out.pos);
  out.buf.writeFloatBE(double === 0 ? 0 : double, out.pos + 4);
  out.pos += 8;
  return true;
};

const numericPositive = 0x0000;
const numericNegative = 0x4000;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The k-th digit of a decimal text's digits, its integer part then its fraction, without joining them. */
function digitAt(text: string, k: number, wholeStart: number, wholeLength: number, fractionStart: number): number {
  return text.charCodeAt(k < wholeLength ? wholeStart + k : fractionStart + k - wholeLength) - 48;
}

/**
 * numeric's binary form: base-10000 digits, the weight of the first one, the sign and the
 * display scale (digits after the point, as numeric_in counts them: "1.50" keeps 2, "1.5e-7" has 8).
 * Takes a plain decimal with an optional exponent; anything else (spaces, NaN, Infinity, "1_000")
 * is left to the server's own parser.
 */
export function putNumericText(out: CopyBuffer, text: string): boolean {
  const n = text.length;
  let i = 0;
  let negative = false;
  const lead = text.charCodeAt(0);
  if (lead === 45) {
    negative = true;
    i = 1;
  } else if (lead === 43) i = 1;
  const wholeStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i += 1;
  const wholeLength = i - wholeStart;
  let fractionStart = i;
  let fractionLength = 0;
  if (i < n && text.charCodeAt(i) === 46) {
    i += 1;
    fractionStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) i += 1;
    fractionLength = i - fractionStart;
  }
  if (wholeLength === 0 && fractionLength === 0) return false;
  let exponent = 0;
  if (i < n && (text.charCodeAt(i) | 32) === 101) {
    i += 1;
    let exponentSign = 1;
    if (text.charCodeAt(i) === 45) {
      exponentSign = -1;
      i += 1;
    } else if (text.charCodeAt(i) === 43) i += 1;
    const exponentStart = i;
    while (i < n && isDigit(text.charCodeAt(i))) {
      exponent = exponent * 10 + text.charCodeAt(i) - 48;
      i += 1;
    }
    if (i === exponentStart || i - exponentStart > 4) return false;
    exponent *= exponentSign;
  }
  if (i !== n || exponent > 1000 || exponent < -1000) return false;
  const displayScale = Math.max(0, fractionLength - exponent);
  if (displayScale > 1000) return false;
  const total = wholeLength + fractionLength;
  let first = 0;
  while (first < total && digitAt(text, first, wholeStart, wholeLength, fractionStart) === 0) first += 1;
  let end = total;
  while (end > first && digitAt(text, end - 1, wholeStart, wholeLength, fractionStart) === 0) end -= 1;
  if (first === end) {
    // Zero, whatever its sign: PostgreSQL keeps zero positive.
    out.ensure(12);
    out.buf.writeInt32BE(8, out.pos);
    out.buf.writeUInt32BE(0, out.pos + 4);
    out.buf.writeUInt16BE(numericPositive, out.pos + 8);
    out.buf.writeUInt16BE(displayScale, out.pos + 10);
    out.pos += 12;
    return true;
  }
  // Digits before the point, counted from the first non-zero digit (negative: zeros after the point).
  const point = wholeLength + exponent - first;
  // Pad on the left so that the point falls between groups of four.
  const pad = (4 - (((point % 4) + 4) % 4)) % 4;
  const weight = (point + pad) / 4 - 1;
  const groups = Math.ceil((pad + end - first) / 4);
  out.ensure(12 + 2 * groups);
  const buf = out.buf;
  let at = out.pos;
  buf.writeInt32BE(8 + 2 * groups, at);
  buf.writeUInt16BE(groups, at + 4);
  buf.writeInt16BE(weight, at + 6);
  buf.writeUInt16BE(negative ? numericNegative : numericPositive, at + 8);
  buf.writeUInt16BE(displayScale, at + 10);
  at += 12;
  let k = first - pad;
  for (let g = 0; g < groups; g += 1) {
    let group = 0;
    for (let j = 0; j < 4; j += 1, k += 1)
      group = group * 10 + (k >= first && k < end ? digitAt(text, k, wholeStart, wholeLength, fractionStart) : 0);
    buf.writeUInt16BE(group, at);
    at += 2;
  }
  out.pos = at;
  return true;
}

const powersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
/** Base-10000 digits of a numeric being written, least significant first. */
const numericDigits = [0, 0, 0, 0, 0, 0];

/**
 * numeric's binary form of a double that is n / 10^s for a whole n below 2^51 and s ≤ 6, worked
 * out without spelling the double (String() is costly): at that size no other decimal of s places
 * rounds to the same double, so String(value), what the text path sends, is exactly n / 10^s.
 * False for any other double, which the caller then spells.
 */
function putNumericDouble(out: CopyBuffer, value: number): boolean {
  let scale = 0;
  let scaled = Math.round(value);
  while (scaled / (powersOfTen[scale] ?? 1) !== value) {
    scale += 1;
    if (scale > 6) return false;
    scaled = Math.round(value * (powersOfTen[scale] ?? 1));
  }
  let magnitude = Math.abs(scaled);
  if (magnitude >= 2 ** 51) return false;
  // "12.50" is spelled "12.5": trailing zeros are no places.
  while (scale > 0 && magnitude % 10 === 0) {
    magnitude /= 10;
    scale -= 1;
  }
  const unit = powersOfTen[scale] ?? 1;
  const fraction = magnitude % unit;
  let whole = (magnitude - fraction) / unit;
  // The fraction padded to whole groups of four digits, then the integer part.
  const fractionGroups = scale > 4 ? 2 : scale > 0 ? 1 : 0;
  let low = fraction * (powersOfTen[4 * fractionGroups - scale] ?? 1);
  let count = 0;
  for (let g = 0; g < fractionGroups; g += 1) {
    numericDigits[count++] = low % 10000;
    low = Math.floor(low / 10000);
  }
  while (whole > 0) {
    numericDigits[count++] = whole % 10000;
    whole = Math.floor(whole / 10000);
  }
  while (count > 0 && numericDigits[count - 1] === 0) count -= 1;
  let first = 0;
  while (first < count && numericDigits[first] === 0) first += 1;
  const groups = count - first;
  out.ensure(12 + 2 * groups);
  const buf = out.buf;
  let at = out.pos;
  buf.writeInt32BE(8 + 2 * groups, at);
  buf.writeUInt16BE(groups, at + 4);
  // Zero (whatever its sign, as PostgreSQL keeps it) has no digits and weight 0.
  buf.writeInt16BE(groups === 0 ? 0 : count - 1 - fractionGroups, at + 6);
  buf.writeUInt16BE(scaled < 0 ? numericNegative : numericPositive, at + 8);
  buf.writeUInt16BE(scale, at + 10);
  at += 12;
  for (let g = count - 1; g >= first; g -= 1) {
    buf.writeUInt16BE(numericDigits[g] ?? 0, at);
    at += 2;
  }
  out.pos = at;
  return true;
}

const encodeNumeric: FieldEncoder = (out, value) => {
  if (typeof value === 'number')
    return Number.isFinite(value) && (putNumericDouble(out, value) || putNumericText(out, String(value)));
  if (typeof value === 'bigint') return putNumericText(out, value.toString());
  if (typeof value === 'string') return putNumericText(out, value);
  return false;
};

const booleanWords: ReadonlyMap<string, boolean> = new Map([
  ['t', true],
  ['true', true],
  ['y', true],
  ['yes', true],
  ['on', true],
  ['1', true],
  ['f', false],
  ['false', false],
  ['n', false],
  ['no', false],
  ['off', false],
  ['0', false],
]);

const encodeBool: FieldEncoder = (out, value) => {
  let truth: boolean | undefined;
  if (typeof value === 'boolean') truth = value;
  else if (value === 1 || value === 1n) truth = true;
  else if (value === 0 || value === 0n) truth = false;
  else if (typeof value === 'string') truth = booleanWords.get(value.toLowerCase());
  if (truth === undefined) return false;
  out.ensure(5);
  out.buf.writeInt32BE(1, out.pos);
  out.buf[out.pos + 4] = truth ? 1 : 0;
  out.pos += 5;
  return true;
};

const encodeText: FieldEncoder = (out, value, column) => {
  putText(out, plainTextValue(value, column));
  return true;
};

const encodeJson: FieldEncoder = (out, value) => {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return false;
  putText(out, String(value));
  return true;
};

const encodeJsonb: FieldEncoder = (out, value) => {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') return false;
  // jsonb's binary input is its text after a format version byte.
  putText(out, String(value), 1);
  return true;
};

const encodeBytea: FieldEncoder = (out, value, column) => {
  if (value instanceof Uint8Array) putBytes(out, value);
  // The text path sends a string bound for a binary column as the hex of its UTF-8.
  else if (typeof value === 'string' && column.type.kind === 'binary') putText(out, value);
  else return false;
  return true;
};

const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encodeUuid: FieldEncoder = (out, value) => {
  if (typeof value !== 'string' || !uuidText.test(value)) return false;
  out.ensure(20);
  out.buf.writeInt32BE(16, out.pos);
  out.buf.write(value.replace(/-/g, ''), out.pos + 4, 'hex');
  out.pos += 20;
  return true;
};

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Days of PostgreSQL's epoch (2000-01-01) after the Unix epoch. */
const pgEpochDays = 10957;
const pgEpochMs = pgEpochDays * 86_400_000;

const dateText = /^\d{4}-\d\d-\d\d$/;

/**
 * Seconds and microseconds since 2000-01-01 00:00 UTC of `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]`
 * with an optional offset (`Z`, `±HH`, `±HHMM`, `±HH:MM`) into parsedSeconds and parsedMicros;
 * false for any other text.
 */
// parseTimestamp's answer, kept here rather than in an object per value (millions of them).
let parsedSeconds = 0;
let parsedMicros = 0;

function parseTimestamp(text: string, needOffset: boolean): boolean {
  const n = text.length;
  if (n < 16) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const t = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (t !== 84 && t !== 32) || text.charCodeAt(13) !== 58)
    return false;
  if (!validDate(year, month, day) || hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
  let i = 16;
  let second = 0;
  let micros = 0;
  if (text.charCodeAt(i) === 58) {
    second = digitsAt(text, i + 1, 2);
    if (second < 0 || second > 59) return false;
    i += 3;
    if (text.charCodeAt(i) === 46) {
      i += 1;
      const start = i;
      while (i < n && isDigit(text.charCodeAt(i))) i += 1;
      const count = i - start;
      if (count === 0 || count > 6) return false;
      micros = digitsAt(text, start, count) * 10 ** (6 - count);
    }
  }
  let offsetSeconds = 0;
  if (i === n) {
    // Without an offset the server reads the time in its session time zone: its call, not ours.
    if (needOffset) return false;
  } else if (text.charCodeAt(i) === 90 && i + 1 === n) offsetSeconds = 0;
  else {
    const sign = text.charCodeAt(i);
    if (sign !== 43 && sign !== 45) return false;
    const hours = digitsAt(text, i + 1, 2);
    let minutes = 0;
    const rest = n - i - 3;
    if (rest === 2) minutes = digitsAt(text, i + 3, 2);
    else if (rest === 3 && text.charCodeAt(i + 3) === 58) minutes = digitsAt(text, i + 4, 2);
    else if (rest !== 0) return false;
    if (hours < 0 || hours > 14 || minutes < 0 || minutes > 59) return false;
    offsetSeconds = (sign === 45 ? -1 : 1) * (hours * 3600 + minutes * 60);
  }
  // timestamp (without time zone) ignores an offset, as PostgreSQL does with such a literal.
  if (!needOffset) offsetSeconds = 0;
  const days = daysFromCivil(year, month, day) - pgEpochDays;
  parsedSeconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds;
  parsedMicros = micros;
  return true;
}

/** Microseconds since 2000-01-01 as int64; exact beyond 2^53 through a bigint. */
function putMicros(out: CopyBuffer, seconds: number, micros: number): void {
  // 2^53 microseconds is about 285 years either side of 2000.
  if (Math.abs(seconds) < 9e9) putInt64(out, seconds * 1_000_000 + micros);
  else putInt64(out, BigInt(seconds) * 1_000_000n + BigInt(micros));
}

/** A Date as the text path sends it (toISOString): only for the years that form can spell. */
function isoDateParts(value: Date): { ms: number } | undefined {
  const ms = value.getTime();
  if (!Number.isFinite(ms)) return undefined;
  const year = value.getUTCFullYear();
  return year >= 1 && year <= 9999 ? { ms } : undefined;
}

function timestampEncoder(needOffset: boolean): FieldEncoder {
  return (out, value) => {
    if (value instanceof Date) {
      const parts = isoDateParts(value);
      if (!parts) return false;
      const sinceEpoch = parts.ms - pgEpochMs;
      const seconds = Math.floor(sinceEpoch / 1000);
      putMicros(out, seconds, (sinceEpoch - seconds * 1000) * 1000);
      return true;
    }
    if (typeof value !== 'string') return false;
    if (!parseTimestamp(value, needOffset)) return false;
    putMicros(out, parsedSeconds, parsedMicros);
    return true;
  };
}

const encodeDate: FieldEncoder = (out, value) => {
  let days: number;
  if (value instanceof Date) {
    const parts = isoDateParts(value);
    if (!parts) return false;
    // date_in reads the date of the ISO text and ignores its time.
    days = Math.floor(parts.ms / 86_400_000) - pgEpochDays;
  } else if (typeof value === 'string' && dateText.test(value)) {
    const year = digitsAt(value, 0, 4);
    const month = digitsAt(value, 5, 2);
    const day = digitsAt(value, 8, 2);
    if (!validDate(year, month, day)) return false;
    days = daysFromCivil(year, month, day) - pgEpochDays;
  } else return false;
  out.ensure(8);
  out.buf.writeInt32BE(4, out.pos);
  out.buf.writeInt32BE(days, out.pos + 4);
  out.pos += 8;
  return true;
};

const timeText = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?$/;

const encodeTime: FieldEncoder = (out, value) => {
  if (typeof value !== 'string') return false;
  const m = timeText.exec(value);
  if (!m) return false;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  if (hour > 23 || minute > 59 || second > 59) return false;
  const micros = m[4] === undefined ? 0 : Number(m[4].padEnd(6, '0'));
  putInt64(out, (hour * 3600 + minute * 60 + second) * 1_000_000 + micros);
  return true;
};

const encoders: ReadonlyMap<number, FieldEncoder> = new Map<number, FieldEncoder>([
  [pgTypeOids.bool, encodeBool],
  [pgTypeOids.bytea, encodeBytea],
  [pgTypeOids.int2, smallIntegerEncoder(2)],
  [pgTypeOids.int4, smallIntegerEncoder(4)],
  [pgTypeOids.int8, encodeInt8],
  [pgTypeOids.text, encodeText],
  [pgTypeOids.varchar, encodeText],
  [pgTypeOids.bpchar, encodeText],
  [pgTypeOids.json, encodeJson],
  [pgTypeOids.jsonb, encodeJsonb],
  [pgTypeOids.float4, encodeFloat4],
  [pgTypeOids.float8, encodeFloat8],
  [pgTypeOids.numeric, encodeNumeric],
  [pgTypeOids.date, encodeDate],
  [pgTypeOids.time, encodeTime],
  [pgTypeOids.timestamp, timestampEncoder(false)],
  [pgTypeOids.timestamptz, timestampEncoder(true)],
  [pgTypeOids.uuid, encodeUuid],
]);

/** One encoder per column, or undefined when a column's type has none (the table goes the text way). */
export function binaryEncodersFor(typeOids: readonly number[]): FieldEncoder[] | undefined {
  const found: FieldEncoder[] = [];
  for (const oid of typeOids) {
    const encoder = encoders.get(oid);
    if (!encoder) return undefined;
    found.push(encoder);
  }
  return found;
}

/**
 * A batch in COPY's binary format, as buffers to send in order; undefined when some value must
 * go the text way (see the file comment).
 */
export function encodeBinaryCopy(
  fieldEncoders: readonly FieldEncoder[],
  columns: readonly WriteColumn[],
  rows: readonly (readonly CellValue[])[],
): Buffer[] | undefined {
  const out = new CopyBuffer();
  out.ensure(header.length);
  header.copy(out.buf, out.pos);
  out.pos += header.length;
  const width = fieldEncoders.length;
  for (const row of rows) {
    out.ensure(2 + 4 * width);
    out.buf.writeInt16BE(width, out.pos);
    out.pos += 2;
    for (let i = 0; i < width; i += 1) {
      const value = row[i];
      if (value === null || value === undefined) {
        out.ensure(4);
        out.buf.writeInt32BE(-1, out.pos);
        out.pos += 4;
        continue;
      }
      const encode = fieldEncoders[i];
      const column = columns[i];
      if (!encode || !column || !encode(out, value, column)) return undefined;
    }
  }
  out.ensure(2);
  out.buf.writeInt16BE(-1, out.pos);
  out.pos += 2;
  return out.finish();
}
