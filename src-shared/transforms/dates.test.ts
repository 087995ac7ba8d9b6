import { describe, expect, it } from 'vitest';
import { parseDate, parseTimestamp } from './dates';
import type { CellValue } from './transform';

function date(value: CellValue, params: Record<string, unknown> = {}) {
  return parseDate.apply(value, parseDate.params.parse(params));
}

function timestamp(value: CellValue, params: Record<string, unknown> = {}) {
  return parseTimestamp.apply(value, parseTimestamp.params.parse(params));
}

const newYork = { assumeTimeZone: 'America/New_York' };
const berlin = { assumeTimeZone: 'Europe/Berlin' };

describe('parse_date', () => {
  it.each<[CellValue, Record<string, unknown>, string | null]>([
    ['2024-01-15', {}, '2024-01-15'],
    [' 2024-02-29 ', {}, '2024-02-29'],
    ['2024-01-15 00:00:00', {}, '2024-01-15'],
    ['2024-01-15T00:00:00.000Z', {}, '2024-01-15'],
    ['01/15/2024', {}, '2024-01-15'],
    ['1/5/2024 3:15 PM', { time: 'drop' }, '2024-01-05'],
    ['15/01/2024', {}, '2024-01-15'],
    ['15.01.2024', {}, '2024-01-15'],
    ['5.1.2024 00:00', {}, '2024-01-05'],
    ['04/04/2024', {}, '2024-04-04'],
    ['2024-01-15 13:45', { time: 'drop' }, '2024-01-15'],
    ['2024-01-15T23:30:00-05:00', { time: 'drop' }, '2024-01-15'],
    ['2024-01-15T23:30:00-05:00', { timeZone: 'UTC' }, '2024-01-16'],
    ['2024-01-15T23:30:00-05:00', { timeZone: 'America/Los_Angeles' }, '2024-01-15'],
    ['5 Jan 2024', { formats: ['D MMM YYYY'] }, '2024-01-05'],
    ['5 sept. 2024', { formats: ['D MMM YYYY'] }, '2024-09-05'],
    ['January 5, 2024', { formats: ['MMMM D, YYYY'] }, '2024-01-05'],
    ['Mon, 15 Jan 2024', { formats: ['ddd, D MMM YYYY'] }, '2024-01-15'],
    ['15/01/24', { formats: ['DD/MM/YY'] }, '2024-01-15'],
    ['15/01/75', { formats: ['DD/MM/YY'] }, '1975-01-15'],
    ['15.01.2024', { formats: ['YYYY-MM-DD', 'DD.MM.YYYY'] }, '2024-01-15'],
    ['03/04/2024', { formats: ['DD/MM/YYYY'] }, '2024-04-03'],
    ['0099-12-31', {}, '0099-12-31'],
    [20240115, { formats: ['YYYYMMDD'] }, '2024-01-15'],
    ['1705276800', { formats: ['X'] }, '2024-01-15'],
    [1705320000, { formats: ['X'], timeZone: 'Asia/Tokyo' }, '2024-01-15'],
    [1705320000, { formats: ['X'], timeZone: 'Pacific/Pago_Pago' }, '2024-01-15'],
    [1705356000, { formats: ['X'], timeZone: 'Asia/Tokyo' }, '2024-01-16'],
    [new Date(Date.UTC(2024, 0, 15)), {}, '2024-01-15'],
    [new Date(Date.UTC(2024, 0, 15, 23)), { timeZone: 'Europe/Berlin' }, '2024-01-16'],
    ['', {}, null],
    ['   ', {}, null],
    [null, {}, null],
  ])('%j %j → %j', (value, params, expected) => {
    expect(date(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    ['2023-02-30', {}, '"2023-02-30" is not a valid date (February has 28 days in 2023).'],
    ['2024-02-30', {}, '"2024-02-30" is not a valid date (February has 29 days in 2024).'],
    ['2023-04-31', {}, '"2023-04-31" is not a valid date (April has 30 days).'],
    ['2023-13-01', {}, '"2023-13-01" is not a valid date (there is no month 13).'],
    ['2023-00-10', {}, '"2023-00-10" is not a valid date (there is no month 0).'],
    ['31.02.2024', {}, '"31.02.2024" is not a valid date (February has 29 days in 2024).'],
    ['N/A', {}, '"N/A" is not a date in a format Tally recognises; name its format in formats.'],
    ['15.01.2024', { formats: ['YYYY-MM-DD'] }, '"15.01.2024" does not match the format YYYY-MM-DD.'],
    [
      'tomorrow',
      { formats: ['YYYY-MM-DD', 'auto'] },
      '"tomorrow" does not match any of the formats YYYY-MM-DD or the automatic formats.',
    ],
    [
      '03/04/2024',
      {},
      '"03/04/2024" reads as two different dates (M/D/YYYY and D/M/YYYY); name the format to use in formats.',
    ],
    [
      '2024-01-15 13:45',
      {},
      '"2024-01-15 13:45" has a time of day (13:45:00); set time to "drop" to keep only its date.',
    ],
    [
      '2024-01-15 00:00',
      { time: 'reject' },
      '"2024-01-15 00:00" has a time of day; set time to "midnight" or "drop" to accept it.',
    ],
    [
      'Tue, 15 Jan 2024',
      { formats: ['ddd, D MMM YYYY'] },
      '"Tue, 15 Jan 2024" is not a valid date (15 January 2024 is a Monday, not a Tuesday).',
    ],
    [
      1705320000,
      { formats: ['X'] },
      '1705320000 is a moment in time (2024-01-15T12:00:00.000Z); set timeZone to say in which zone to take its date.',
    ],
    [true, {}, 'true is not a date.'],
  ])('%j %j is refused', (value, params, reason) => {
    expect(date(value, params)).toEqual({ ok: false, reason });
  });
});

describe('parse_timestamp: formats', () => {
  it.each<[CellValue, Record<string, unknown>, string | null]>([
    ['2024-03-10T07:30:00Z', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10T07:30:00.5Z', {}, '2024-03-10T07:30:00.500Z'],
    ['2024-03-10t07:30z', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10T02:30:00-05:00', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10T13:00:00+0530', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10T09:30:00+02', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10T02:30:00−05:00', {}, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10 07:30:00.123456Z', { subMilliseconds: 'truncate' }, '2024-03-10T07:30:00.123Z'],
    ['2024-03-10 07:30:00.123000Z', {}, '2024-03-10T07:30:00.123Z'],
    ['2024-07-01 12:00:00', newYork, '2024-07-01T16:00:00.000Z'],
    ['2024-07-01 12:00', { assumeTimeZone: 'UTC' }, '2024-07-01T12:00:00.000Z'],
    ['2024-07-01', newYork, '2024-07-01T04:00:00.000Z'],
    ['07/01/2024 12:00 PM', newYork, '2024-07-01T16:00:00.000Z'],
    ['7/1/2024 12:00 a.m.', newYork, '2024-07-01T04:00:00.000Z'],
    ['12/31/2024 11:59:59 pm', newYork, '2025-01-01T04:59:59.000Z'],
    ['01.07.2024 14:00', berlin, '2024-07-01T12:00:00.000Z'],
    ['01.07.2024 14:00:30', berlin, '2024-07-01T12:00:30.000Z'],
    ['15/01/2024 09:00', berlin, '2024-01-15T08:00:00.000Z'],
    ['2024-07-01 12:00:00 PST', {}, '2024-07-01T20:00:00.000Z'],
    ['2024-07-01 12:00:00 EDT', newYork, '2024-07-01T16:00:00.000Z'],
    ['2024-07-01 12:00 CEST', {}, '2024-07-01T10:00:00.000Z'],
    ['2024-07-01 12:00 utc', {}, '2024-07-01T12:00:00.000Z'],
    ['1710055800', { formats: ['X'] }, '2024-03-10T07:30:00.000Z'],
    ['1710055800.25', { formats: ['X'] }, '2024-03-10T07:30:00.250Z'],
    [1710055800250, { formats: ['x'] }, '2024-03-10T07:30:00.250Z'],
    ['10 Mar 2024 02:30:00 +0000', { formats: ['D MMM YYYY HH:mm:ss ZZ'] }, '2024-03-10T02:30:00.000Z'],
    [new Date(Date.UTC(2024, 2, 10, 7, 30)), {}, '2024-03-10T07:30:00.000Z'],
    ['', newYork, null],
    [null, newYork, null],
  ])('%j %j → %j', (value, params, expected) => {
    expect(timestamp(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    [
      '2024-07-01 12:00:00',
      {},
      '"2024-07-01 12:00:00" has no offset or time zone; set assumeTimeZone (e.g. "UTC" or "America/New_York") to say which zone it was written in.',
    ],
    ['2024-02-30 10:00', newYork, '"2024-02-30 10:00" is not a valid date (February has 29 days in 2024).'],
    ['2024-01-01 25:00', newYork, '"2024-01-01 25:00" is not a valid time (there is no hour 25).'],
    ['2024-01-01 10:60', newYork, '"2024-01-01 10:60" is not a valid time (there is no minute 60).'],
    ['1/1/2024 13:00 PM', newYork, '"1/1/2024 13:00 PM" is not a valid time (13 is not an hour on a 12-hour clock).'],
    [
      '2024-01-01T10:00:00+25:00',
      {},
      '"2024-01-01T10:00:00+25:00" is not a valid offset (+25:00 is not an offset from UTC).',
    ],
    [
      '2024-01-01 10:00 XYZ',
      {},
      '"2024-01-01 10:00 XYZ" is not a valid time zone (XYZ is not a zone abbreviation Tally knows; give an offset instead).',
    ],
    [
      '2024-03-10 07:30:00.123456Z',
      {},
      '"2024-03-10 07:30:00.123456Z" has digits past the millisecond; set subMilliseconds to "truncate" to drop them.',
    ],
    ['N/A', newYork, '"N/A" is not a timestamp in a format Tally recognises; name its format in formats.'],
    [
      '2024-03-10T07:30:00Z',
      { output: 'local' },
      '"2024-03-10T07:30:00Z" is a moment in time (offset Z); set outputTimeZone to say which zone\'s local time to write.',
    ],
    [
      'a very long value that is certainly not a timestamp at all',
      {},
      '"a very long value that is certainly not…" is not a timestamp in a format Tally recognises; name its format in formats.',
    ],
  ])('%j %j is refused', (value, params, reason) => {
    expect(timestamp(value, params)).toEqual({ ok: false, reason });
  });
});

describe('parse_timestamp: daylight-saving changes', () => {
  it.each<[string, Record<string, unknown>, string]>([
    // New York, spring forward: 2024-03-10 02:00 EST → 03:00 EDT.
    ['2024-03-10 01:59:59', newYork, '2024-03-10T06:59:59.000Z'],
    ['2024-03-10 02:30', { ...newYork, ambiguous: 'earlier' }, '2024-03-10T06:30:00.000Z'],
    ['2024-03-10 02:30', { ...newYork, ambiguous: 'later' }, '2024-03-10T07:30:00.000Z'],
    ['2024-03-10 02:30', { ...newYork, ambiguous: 'later', output: 'keep-offset' }, '2024-03-10T03:30:00.000-04:00'],
    ['2024-03-10 02:30', { ...newYork, ambiguous: 'earlier', output: 'keep-offset' }, '2024-03-10T01:30:00.000-05:00'],
    ['2024-03-10 03:00', newYork, '2024-03-10T07:00:00.000Z'],
    // New York, fall back: 2024-11-03 02:00 EDT → 01:00 EST, so 01:00–01:59 happens twice.
    ['2024-11-03 00:59', newYork, '2024-11-03T04:59:00.000Z'],
    ['2024-11-03 01:30', { ...newYork, ambiguous: 'earlier' }, '2024-11-03T05:30:00.000Z'],
    ['2024-11-03 01:30', { ...newYork, ambiguous: 'later' }, '2024-11-03T06:30:00.000Z'],
    ['2024-11-03 01:30', { ...newYork, ambiguous: 'earlier', output: 'keep-offset' }, '2024-11-03T01:30:00.000-04:00'],
    ['2024-11-03 01:30', { ...newYork, ambiguous: 'later', output: 'keep-offset' }, '2024-11-03T01:30:00.000-05:00'],
    ['2024-11-03 02:00', newYork, '2024-11-03T07:00:00.000Z'],
    ['11/03/2024 1:30 AM', { ...newYork, ambiguous: 'later' }, '2024-11-03T06:30:00.000Z'],
    // An explicit offset settles the fall-back hour without a choice.
    ['2024-11-03T01:30:00-04:00', newYork, '2024-11-03T05:30:00.000Z'],
    ['2024-11-03T01:30:00-05:00', newYork, '2024-11-03T06:30:00.000Z'],
    ['2024-11-03 01:30 EST', {}, '2024-11-03T06:30:00.000Z'],
    // Berlin, spring forward: 2024-03-31 02:00 CET → 03:00 CEST.
    ['2024-03-31 01:59', berlin, '2024-03-31T00:59:00.000Z'],
    ['31.03.2024 02:30', { ...berlin, ambiguous: 'earlier' }, '2024-03-31T00:30:00.000Z'],
    ['31.03.2024 02:30', { ...berlin, ambiguous: 'later' }, '2024-03-31T01:30:00.000Z'],
    ['2024-03-31 03:00', berlin, '2024-03-31T01:00:00.000Z'],
    ['2024-03-31 03:00', { ...berlin, output: 'keep-offset' }, '2024-03-31T03:00:00.000+02:00'],
    // Berlin, fall back: 2024-10-27 03:00 CEST → 02:00 CET.
    ['2024-10-27 01:59', berlin, '2024-10-26T23:59:00.000Z'],
    ['27.10.2024 02:30', { ...berlin, ambiguous: 'earlier' }, '2024-10-27T00:30:00.000Z'],
    ['27.10.2024 02:30', { ...berlin, ambiguous: 'later' }, '2024-10-27T01:30:00.000Z'],
    ['2024-10-27 03:00', berlin, '2024-10-27T02:00:00.000Z'],
    ['2024-10-27 03:00', { ...berlin, output: 'keep-offset' }, '2024-10-27T03:00:00.000+01:00'],
    // Converting across the change: instants on both sides into New York's wall clock.
    ['2024-03-10T06:59:00Z', { output: 'local', outputTimeZone: 'America/New_York' }, '2024-03-10T01:59:00.000'],
    ['2024-03-10T07:00:00Z', { output: 'local', outputTimeZone: 'America/New_York' }, '2024-03-10T03:00:00.000'],
    ['2024-11-03T05:30:00Z', { output: 'local', outputTimeZone: 'America/New_York' }, '2024-11-03T01:30:00.000'],
    ['2024-11-03T06:30:00Z', { output: 'local', outputTimeZone: 'America/New_York' }, '2024-11-03T01:30:00.000'],
    ['2024-03-31 02:30', { output: 'local' }, '2024-03-31T02:30:00.000'],
    [
      '2024-10-27 02:30',
      { ...berlin, output: 'local', outputTimeZone: 'UTC', ambiguous: 'later' },
      '2024-10-27T01:30:00.000',
    ],
    ['2024-03-10T13:00:00+05:30', { output: 'keep-offset' }, '2024-03-10T13:00:00.000+05:30'],
    ['2024-03-10T07:30:00Z', { output: 'keep-offset' }, '2024-03-10T07:30:00.000Z'],
  ])('%s %j → %s', (value, params, expected) => {
    expect(timestamp(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      '2024-03-10 02:30',
      newYork,
      '"2024-03-10 02:30" does not exist in America/New_York (clocks jump from 02:00 to 03:00 on 2024-03-10); set ambiguous to "earlier" or "later" to choose.',
    ],
    [
      '2024-11-03 01:30',
      newYork,
      '"2024-11-03 01:30" happens twice in America/New_York (clocks go back from 02:00 to 01:00 on 2024-11-03); set ambiguous to "earlier" or "later" to choose.',
    ],
    [
      '31.03.2024 02:30',
      berlin,
      '"31.03.2024 02:30" does not exist in Europe/Berlin (clocks jump from 02:00 to 03:00 on 2024-03-31); set ambiguous to "earlier" or "later" to choose.',
    ],
    [
      '2024-10-27 02:30:00',
      berlin,
      '"2024-10-27 02:30:00" happens twice in Europe/Berlin (clocks go back from 03:00 to 02:00 on 2024-10-27); set ambiguous to "earlier" or "later" to choose.',
    ],
    [
      '2024-10-27 02:30',
      { ...berlin, output: 'local', outputTimeZone: 'UTC' },
      '"2024-10-27 02:30" happens twice in Europe/Berlin (clocks go back from 03:00 to 02:00 on 2024-10-27); set ambiguous to "earlier" or "later" to choose.',
    ],
  ])('%s %j is refused', (value, params, reason) => {
    expect(timestamp(value, params)).toEqual({ ok: false, reason });
  });
});

describe('date parameters', () => {
  it.each([
    [{ formats: ['YYYY-QQ'] }, 'has a pattern "YYYY-QQ" that needs a year, a month and a day (e.g. YYYY-MM-DD)'],
    [
      { formats: ['YYYY-MM-DD h:mm'] },
      'has a pattern "YYYY-MM-DD h:mm" that uses a 12-hour clock (h or hh) only together with AM/PM (A), and A only with h',
    ],
    [{ formats: ['[YYYY-MM-DD'] }, 'has a pattern "[YYYY-MM-DD" that opens a [ without closing it'],
    [{ assumeTimeZone: 'Mars/Olympus_Mons' }, 'is not an IANA time zone such as "Europe/Berlin" or "UTC"'],
  ])('%j is refused', (params, message) => {
    const result = parseTimestamp.params.safeParse(params);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
