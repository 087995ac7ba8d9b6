import { describe, expect, it } from 'vitest';
import type { PortableType } from '../portable-types';
import { cast } from './cast';
import type { CellValue } from './transform';

function to(type: PortableType, value: CellValue, params: Record<string, unknown> = {}) {
  return cast.apply(value, cast.params.parse({ to: type, ...params }));
}

const int8: PortableType = { kind: 'integer', bits: 8 };
const int32: PortableType = { kind: 'integer', bits: 32 };
const int64: PortableType = { kind: 'integer', bits: 64 };
const money: PortableType = { kind: 'decimal', precision: 10, scale: 2 };
const text5: PortableType = { kind: 'text', length: 5 };

describe('cast to integer', () => {
  it.each<[PortableType, CellValue, CellValue]>([
    [int32, '42', 42],
    [int32, ' -7 ', -7],
    [int32, '+0012', 12],
    [int32, '12.000', 12],
    [int32, 12, 12],
    [int32, true, 1],
    [int32, false, 0],
    [int32, 7n, 7],
    [int8, '127', 127],
    [int8, '-128', -128],
    [int32, '2147483647', 2147483647],
    [int64, '9007199254740991', 9007199254740991],
    [int64, '9223372036854775807', 9223372036854775807n],
    [int64, -9223372036854775808n, -9223372036854775808n],
    [int32, '', null],
  ])('%j %s → %s', (type, value, expected) => {
    expect(to(type, value)).toEqual({ ok: true, value: expected });
  });

  it.each<[PortableType, CellValue, string]>([
    [int8, '128', '"128" does not fit integer(8) (-128 to 127).'],
    [int8, -129, '-129 does not fit integer(8) (-128 to 127).'],
    [int32, '2147483648', '"2147483648" does not fit integer(32) (-2147483648 to 2147483647).'],
    [
      int64,
      '9223372036854775808',
      '"9223372036854775808" does not fit integer(64) (-9223372036854775808 to 9223372036854775807).',
    ],
    [int32, '12.5', '"12.5" is not a whole number.'],
    [int32, 12.5, '12.5 is not a whole number.'],
    [int32, '1,234', '"1,234" is not an integer; use parse_number for formatted numbers.'],
    [int32, '1e3', '"1e3" is not an integer; use parse_number for formatted numbers.'],
    [int32, 'abc', '"abc" is not an integer; use parse_number for formatted numbers.'],
    [int32, new Date(0), '"1970-01-01T00:00:00.000Z" is not an integer.'],
  ])('%j %s is refused', (type, value, reason) => {
    expect(to(type, value)).toEqual({ ok: false, reason });
  });
});

describe('cast to decimal and float', () => {
  it.each<[PortableType, CellValue, Record<string, unknown>, CellValue]>([
    [money, '12.5', {}, '12.50'],
    [money, 12.5, {}, '12.50'],
    [money, '-0.1', {}, '-0.10'],
    [money, 0.1, {}, '0.10'],
    [money, '12345678.99', {}, '12345678.99'],
    [money, '2.345', { round: 'half-up' }, '2.35'],
    [money, '2.345', { round: 'half-even' }, '2.34'],
    [money, 7n, {}, '7.00'],
    [{ kind: 'decimal', precision: 5 }, '12345', {}, '12345'],
    [{ kind: 'decimal' }, '123456789012345678901234567890.123456789', {}, '123456789012345678901234567890.123456789'],
    [{ kind: 'decimal' }, '1e-3', {}, '0.001'],
    [{ kind: 'float' }, '1.5e3', {}, 1500],
    [{ kind: 'float' }, ' -0.25 ', {}, -0.25],
    [{ kind: 'float' }, 9007199254740993n, {}, 9007199254740992],
    [{ kind: 'float' }, '-0', {}, 0],
  ])('%j %s %j → %s', (type, value, params, expected) => {
    expect(to(type, value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[PortableType, CellValue, Record<string, unknown>, string]>([
    [money, '2.345', {}, '"2.345" has more than 2 decimals for decimal(10,2); set round to "half-up" or "half-even".'],
    [money, '123456789.5', {}, '"123456789.5" does not fit decimal(10,2) (at most 8 digits before the point).'],
    [
      money,
      '99999999.995',
      { round: 'half-up' },
      '"99999999.995" does not fit decimal(10,2) (at most 8 digits before the point).',
    ],
    [
      { kind: 'decimal', precision: 3, scale: 3 },
      '1.5',
      {},
      '"1.5" does not fit decimal(3,3) (at most 0 digits before the point).',
    ],
    [money, '$12', {}, '"$12" is not a decimal number; use parse_number for formatted numbers.'],
    [money, Number.NaN, {}, 'NaN is not a decimal number.'],
    [{ kind: 'float' }, '1e400', {}, '"1e400" is not a finite number.'],
    [{ kind: 'float' }, 'NaN', {}, '"NaN" is not a number.'],
    [{ kind: 'float' }, true, {}, 'true is not a number.'],
  ])('%j %s %j is refused', (type, value, params, reason) => {
    expect(to(type, value, params)).toEqual({ ok: false, reason });
  });
});

describe('cast to text, binary, boolean', () => {
  it.each<[PortableType, CellValue, Record<string, unknown>, CellValue]>([
    [text5, 'hello', {}, 'hello'],
    [text5, 'Zoë 😀', {}, 'Zoë 😀'],
    [text5, 'hello world', { truncate: true }, 'hello'],
    [text5, '😀😀😀😀😀😀', { truncate: true }, '😀😀😀😀😀'],
    [text5, '', {}, ''],
    [{ kind: 'text' }, 12.5, {}, '12.5'],
    [{ kind: 'text' }, true, {}, 'true'],
    [{ kind: 'text' }, new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), {}, '2024-01-02T03:04:05.000Z'],
    [{ kind: 'binary', length: 4 }, 'abcdef', { truncate: true }, new Uint8Array([97, 98, 99, 100])],
    [{ kind: 'binary' }, 'é', {}, new Uint8Array([0xc3, 0xa9])],
    [{ kind: 'boolean' }, 'Y', {}, true],
    [{ kind: 'boolean' }, 0, {}, false],
    [{ kind: 'boolean' }, false, {}, false],
  ])('%j %s %j → %s', (type, value, params, expected) => {
    expect(to(type, value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[PortableType, CellValue, string]>([
    [text5, 'hello world', '"hello world" is 11 characters, longer than text(5); set truncate to cut it.'],
    [{ kind: 'text' }, new Uint8Array(3), 'a binary value (3 bytes) is not text.'],
    [
      { kind: 'binary', length: 2 },
      new Uint8Array(3),
      'a binary value (3 bytes) is longer than binary(2); set truncate to cut it.',
    ],
    [{ kind: 'binary' }, 5, '5 is not text or binary.'],
    [
      { kind: 'boolean' },
      'maybe',
      '"maybe" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).',
    ],
    [{ kind: 'boolean' }, 2, '2 is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
  ])('%j %s is refused', (type, value, reason) => {
    expect(to(type, value)).toEqual({ ok: false, reason });
  });
});

describe('cast to dates and times', () => {
  it.each<[PortableType, CellValue, CellValue]>([
    [{ kind: 'date' }, '2024-02-29', '2024-02-29'],
    [{ kind: 'date' }, new Date(Date.UTC(2024, 1, 29)), '2024-02-29'],
    [{ kind: 'time' }, '09:05', '09:05:00'],
    [{ kind: 'time' }, '23:59:59.123456', '23:59:59.123456'],
    [{ kind: 'timestamp' }, '2024-03-10 02:30', '2024-03-10T02:30:00.000'],
    [{ kind: 'timestamp' }, '2024-03-10T02:30:00.5', '2024-03-10T02:30:00.500'],
    [{ kind: 'timestamp' }, '2024-03-10', '2024-03-10T00:00:00.000'],
    [{ kind: 'timestamptz' }, '2024-03-10T02:30:00-05:00', '2024-03-10T07:30:00.000Z'],
    [{ kind: 'timestamptz' }, new Date(Date.UTC(2024, 2, 10, 7, 30)), '2024-03-10T07:30:00.000Z'],
  ])('%j %s → %s', (type, value, expected) => {
    expect(to(type, value)).toEqual({ ok: true, value: expected });
  });

  it.each<[PortableType, CellValue, string]>([
    [{ kind: 'date' }, '2023-02-29', '"2023-02-29" is not a valid date (February has 28 days in 2023).'],
    [{ kind: 'date' }, '29.02.2024', '"29.02.2024" is not an ISO date (YYYY-MM-DD); use parse_date for other formats.'],
    [
      { kind: 'date' },
      new Date(Date.UTC(2024, 1, 28, 23)),
      '"2024-02-28T23:00:00.000Z" is a moment in time; use parse_date with timeZone to say in which zone.',
    ],
    [{ kind: 'time' }, '24:00', '"24:00" is not a valid time of day.'],
    [{ kind: 'time' }, '9am', '"9am" is not a time of day (HH:mm:ss).'],
    [
      { kind: 'timestamp' },
      '2024-03-10T02:30:00Z',
      '"2024-03-10T02:30:00Z" has an offset that a timestamp cannot keep; use parse_timestamp with output "local".',
    ],
    [
      { kind: 'timestamp' },
      '03/10/2024 2:30 PM',
      '"03/10/2024 2:30 PM" is not an ISO timestamp (YYYY-MM-DDTHH:mm:ss); use parse_timestamp for other formats.',
    ],
    [
      { kind: 'timestamptz' },
      '2024-03-10 02:30',
      '"2024-03-10 02:30" has no offset; use parse_timestamp with assumeTimeZone to say which zone it is in.',
    ],
    [
      { kind: 'timestamp' },
      new Date(0),
      '"1970-01-01T00:00:00.000Z" is a moment in time; use parse_timestamp with output "local" to say in which zone.',
    ],
    [
      { kind: 'timestamptz' },
      '2024-03-10T07:30:00.1234Z',
      '"2024-03-10T07:30:00.1234Z" has digits past the millisecond; use parse_timestamp to drop them.',
    ],
  ])('%j %s is refused', (type, value, reason) => {
    expect(to(type, value)).toEqual({ ok: false, reason });
  });
});

describe('cast to uuid and json', () => {
  const uuid = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
  it.each<[PortableType, CellValue, CellValue]>([
    [{ kind: 'uuid' }, uuid, uuid],
    [{ kind: 'uuid' }, uuid.toUpperCase(), uuid],
    [{ kind: 'uuid' }, `{${uuid}}`, uuid],
    [{ kind: 'uuid' }, `urn:uuid:${uuid}`, uuid],
    [{ kind: 'uuid' }, uuid.replace(/-/gu, ''), uuid],
    [
      { kind: 'uuid' },
      new Uint8Array([0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]),
      uuid,
    ],
    [{ kind: 'json' }, '{"a": [1, 2]}', '{"a": [1, 2]}'],
    [{ kind: 'json' }, '"text"', '"text"'],
    [{ kind: 'json' }, 42, '42'],
    [{ kind: 'json' }, true, 'true'],
    [{ kind: 'json' }, 12n, '12'],
    [{ kind: 'json' }, '', null],
  ])('%j %s → %s', (type, value, expected) => {
    expect(to(type, value)).toEqual({ ok: true, value: expected });
  });

  it.each<[PortableType, CellValue, string]>([
    [{ kind: 'uuid' }, '6ba7b810-9dad-11d1-80b4', '"6ba7b810-9dad-11d1-80b4" is not a UUID.'],
    [{ kind: 'uuid' }, 'not-a-uuid', '"not-a-uuid" is not a UUID.'],
    [{ kind: 'uuid' }, new Uint8Array(15), 'a binary value (15 bytes) is not a UUID.'],
    [{ kind: 'json' }, '{a: 1}', '"{a: 1}" is not valid JSON.'],
    [{ kind: 'json' }, new Uint8Array(2), 'a binary value (2 bytes) cannot be written as JSON.'],
  ])('%j %s is refused', (type, value, reason) => {
    expect(to(type, value)).toEqual({ ok: false, reason });
  });
});
