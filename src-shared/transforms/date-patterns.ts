/**
 * Date and time format patterns, in the tokens spreadsheet and Moment users know:
 *
 *   YYYY 2024 · YY 24 (00–49 → 2000s, 50–99 → 1900s) · MMMM January · MMM Jan · MM 01 · M 1
 *   DD 05 · D 5 · dddd Monday · ddd Mon (checked against the date) · HH 13 · H 13 · hh 01 · h 1
 *   mm 05 · m 5 · ss 09 · s 9 · S… fraction of a second (1–9 digits) · A / a AM, PM, a.m.
 *   Z / ZZ offset: Z, +01, +0100, +01:00 · z zone abbreviation (see `zoneAbbreviations`)
 *   X Unix seconds · x Unix milliseconds · [text] literal text · a space matches any white space
 *
 * Any other character stands for itself. Matching is strict (the whole value, every field
 * checked) and case-insensitive; month and day names are English.
 */

export type ParsedDateTime = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** The value had digits past the millisecond that are not all zero. */
  subMillisecond: boolean;
  hasTime: boolean;
  /** Minutes east of UTC, when the value carries an offset or a zone abbreviation. */
  offsetMinutes?: number;
  /** Milliseconds since 1970 UTC, when the value is a Unix time. */
  epochMs?: number;
};

/**
 * Zone abbreviations mean fixed offsets here, whatever the date: "EST" in July is still UTC−5.
 * Left out on purpose because they name several zones: IST (India, Ireland, Israel), AST, BST is
 * British Summer Time; CST is US Central (not China).
 */
export const zoneAbbreviations: Readonly<Record<string, number>> = {
  UTC: 0,
  UT: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  NST: -210,
  NDT: -150,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
const dayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

type Field =
  | 'year4'
  | 'year2'
  | 'monthName'
  | 'month'
  | 'day'
  | 'dayName'
  | 'hour24'
  | 'hour12'
  | 'minute'
  | 'second'
  | 'fraction'
  | 'meridiem'
  | 'offset'
  | 'abbreviation'
  | 'unixSeconds'
  | 'unixMilliseconds';

const tokens: readonly { token: string; field: Field; regex: string }[] = [
  { token: 'YYYY', field: 'year4', regex: '(\\d{4})' },
  { token: 'YY', field: 'year2', regex: '(\\d{2})' },
  { token: 'MMMM', field: 'monthName', regex: '(\\p{L}+)' },
  { token: 'MMM', field: 'monthName', regex: '(\\p{L}{3,4}\\.?)' },
  { token: 'MM', field: 'month', regex: '(\\d{2})' },
  { token: 'M', field: 'month', regex: '(\\d{1,2})' },
  { token: 'DD', field: 'day', regex: '(\\d{2})' },
  { token: 'D', field: 'day', regex: '(\\d{1,2})' },
  { token: 'dddd', field: 'dayName', regex: '(\\p{L}+)' },
  { token: 'ddd', field: 'dayName', regex: '(\\p{L}{2,4}\\.?)' },
  { token: 'HH', field: 'hour24', regex: '(\\d{2})' },
  { token: 'H', field: 'hour24', regex: '(\\d{1,2})' },
  { token: 'hh', field: 'hour12', regex: '(\\d{2})' },
  { token: 'h', field: 'hour12', regex: '(\\d{1,2})' },
  { token: 'mm', field: 'minute', regex: '(\\d{2})' },
  { token: 'm', field: 'minute', regex: '(\\d{1,2})' },
  { token: 'ss', field: 'second', regex: '(\\d{2})' },
  { token: 's', field: 'second', regex: '(\\d{1,2})' },
  { token: 'A', field: 'meridiem', regex: '([ap]\\.?m\\.?)' },
  { token: 'a', field: 'meridiem', regex: '([ap]\\.?m\\.?)' },
  { token: 'ZZ', field: 'offset', regex: '(z|[+\\-\\u2212]\\d{2}(?::?\\d{2})?)' },
  { token: 'Z', field: 'offset', regex: '(z|[+\\-\\u2212]\\d{2}(?::?\\d{2})?)' },
  { token: 'z', field: 'abbreviation', regex: '(\\p{L}{1,5})' },
  { token: 'X', field: 'unixSeconds', regex: '([+-]?\\d{1,12}(?:\\.\\d{1,9})?)' },
  { token: 'x', field: 'unixMilliseconds', regex: '([+-]?\\d{1,15})' },
];

export type CompiledPattern = {
  pattern: string;
  regex: RegExp;
  fields: readonly Field[];
  hasTime: boolean;
};

export type CompileResult = { ok: true; compiled: CompiledPattern } | { ok: false; reason: string };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

const compiledCache = new Map<string, CompileResult>();

/** Compiles a pattern once; the reason (if any) is a phrase that follows `pattern "…" `. */
export function compilePattern(pattern: string): CompileResult {
  const cached = compiledCache.get(pattern);
  if (cached) return cached;
  const result = compileUncached(pattern);
  // The grid compiles patterns as they are typed: keep the cache from growing without bound.
  if (compiledCache.size >= 500) compiledCache.clear();
  compiledCache.set(pattern, result);
  return result;
}

function compileUncached(pattern: string): CompileResult {
  const fields: Field[] = [];
  let regex = '';
  let index = 0;
  while (index < pattern.length) {
    const rest = pattern.slice(index);
    if (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) return { ok: false, reason: 'opens a [ without closing it' };
      regex += escapeRegex(rest.slice(1, end));
      index += end + 1;
      continue;
    }
    const whitespace = /^\s+/u.exec(rest);
    if (whitespace) {
      regex += '\\s+';
      index += whitespace[0].length;
      continue;
    }
    const fraction = /^S+/u.exec(rest);
    if (fraction) {
      fields.push('fraction');
      regex += '(\\d{1,9})';
      index += fraction[0].length;
      continue;
    }
    const token = tokens.find((candidate) => rest.startsWith(candidate.token));
    if (token) {
      fields.push(token.field);
      regex += token.regex;
      index += token.token.length;
      continue;
    }
    regex += escapeRegex(rest[0] ?? '');
    index += 1;
  }

  const has = (...wanted: Field[]): boolean => fields.some((field) => wanted.includes(field));
  const duplicate = fields.find((field, position) => field !== 'fraction' && fields.indexOf(field) !== position);
  if (duplicate) return { ok: false, reason: `names the ${duplicate} twice` };
  const epoch = has('unixSeconds', 'unixMilliseconds');
  if (epoch && fields.length > 1) return { ok: false, reason: 'mixes a Unix time (X or x) with other fields' };
  if (!epoch && !(has('year4', 'year2') && has('month', 'monthName') && has('day'))) {
    return { ok: false, reason: 'needs a year, a month and a day (e.g. YYYY-MM-DD)' };
  }
  if (has('hour12') !== has('meridiem')) {
    return { ok: false, reason: 'uses a 12-hour clock (h or hh) only together with AM/PM (A), and A only with h' };
  }
  if (has('offset') && has('abbreviation')) return { ok: false, reason: 'has both an offset (Z) and a zone name (z)' };
  if (has('second') && !has('minute')) return { ok: false, reason: 'has seconds without minutes' };
  if (has('minute') && !has('hour24', 'hour12')) return { ok: false, reason: 'has minutes without an hour' };
  return {
    ok: true,
    compiled: {
      pattern,
      regex: new RegExp(`^${regex}$`, 'iu'),
      fields,
      hasTime: epoch || has('hour24', 'hour12'),
    },
  };
}

/** What went wrong with a value that had the pattern's shape: `is not a valid date (detail)`. */
export type Invalid = { what: 'date' | 'time' | 'offset' | 'time zone'; detail: string };

export type MatchResult =
  { kind: 'ok'; value: ParsedDateTime } | { kind: 'invalid'; invalid: Invalid } | { kind: 'no-match' };

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLabel(month: number): string {
  const name = monthNames[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function dayLabel(weekday: number): string {
  const name = dayNames[weekday] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function findName(names: readonly string[], written: string): number {
  const probe = written.toLowerCase().replace(/\.$/u, '');
  if (probe.length < 2) return -1;
  // Full names, three-letter abbreviations, and the common longer ones ("Sept", "Tues", "Thurs").
  return names.findIndex((name) => name === probe || (probe.length >= 3 && name.startsWith(probe)));
}

/** Wall-clock fields as milliseconds since 1970, as if they were UTC (any year 1–9999). */
export function wallMillis(value: Omit<ParsedDateTime, 'subMillisecond' | 'hasTime'>): number {
  const date = new Date(
    Date.UTC(2000, value.month - 1, value.day, value.hour, value.minute, value.second, value.millisecond),
  );
  date.setUTCFullYear(value.year);
  return date.getTime();
}

export function matchPattern(compiled: CompiledPattern, text: string): MatchResult {
  const match = compiled.regex.exec(text.trim());
  if (!match) return { kind: 'no-match' };
  const value: ParsedDateTime = {
    year: 1970,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    subMillisecond: false,
    hasTime: compiled.hasTime,
  };
  let meridiem: 'am' | 'pm' | undefined;
  let dayName: number | undefined;
  const invalid = (what: Invalid['what'], detail: string): MatchResult => ({
    kind: 'invalid',
    invalid: { what, detail },
  });

  for (const [position, field] of compiled.fields.entries()) {
    const written = match[position + 1] ?? '';
    const number = Number(written);
    switch (field) {
      case 'year4':
        value.year = number;
        break;
      case 'year2':
        value.year = number < 50 ? 2000 + number : 1900 + number;
        break;
      case 'monthName': {
        const month = findName(monthNames, written);
        if (month < 0) return { kind: 'no-match' };
        value.month = month + 1;
        break;
      }
      case 'month':
        value.month = number;
        break;
      case 'day':
        value.day = number;
        break;
      case 'dayName':
        dayName = findName(dayNames, written);
        if (dayName < 0) return { kind: 'no-match' };
        break;
      case 'hour24':
      case 'hour12':
        value.hour = number;
        break;
      case 'minute':
        value.minute = number;
        break;
      case 'second':
        value.second = number;
        break;
      case 'fraction':
        value.millisecond = Number(written.padEnd(3, '0').slice(0, 3));
        value.subMillisecond = /[1-9]/u.test(written.slice(3));
        break;
      case 'meridiem':
        meridiem = written.toLowerCase().startsWith('a') ? 'am' : 'pm';
        break;
      case 'offset': {
        if (written.toLowerCase() === 'z') {
          value.offsetMinutes = 0;
          break;
        }
        const digits = written.replace(/[^\d]/gu, '');
        const hours = Number(digits.slice(0, 2));
        const minutes = Number(digits.slice(2) || '0');
        if (hours > 18 || minutes > 59) return invalid('offset', `${written} is not an offset from UTC`);
        // U+2212 (the typographic minus) is how some tools write a negative offset.
        value.offsetMinutes = (written.startsWith('+') ? 1 : -1) * (hours * 60 + minutes);
        break;
      }
      case 'abbreviation': {
        const offset = zoneAbbreviations[written.toUpperCase()];
        if (offset === undefined)
          return invalid('time zone', `${written} is not a zone abbreviation Tally knows; give an offset instead`);
        value.offsetMinutes = offset;
        break;
      }
      case 'unixSeconds':
      case 'unixMilliseconds': {
        const [whole = '0', fraction = ''] = written.split('.');
        const epochMs =
          field === 'unixSeconds'
            ? Number(whole) * 1000 + (written.startsWith('-') ? -1 : 1) * Number(fraction.padEnd(3, '0').slice(0, 3))
            : number;
        const date = new Date(epochMs);
        if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
          return invalid('date', 'outside the years 1 to 9999');
        }
        return {
          kind: 'ok',
          value: {
            year: date.getUTCFullYear(),
            month: date.getUTCMonth() + 1,
            day: date.getUTCDate(),
            hour: date.getUTCHours(),
            minute: date.getUTCMinutes(),
            second: date.getUTCSeconds(),
            millisecond: date.getUTCMilliseconds(),
            subMillisecond: /[1-9]/u.test(fraction.slice(3)),
            hasTime: true,
            offsetMinutes: 0,
            epochMs,
          },
        };
      }
    }
  }

  if (value.year < 1) return invalid('date', 'there is no year 0');
  if (value.month < 1 || value.month > 12) return invalid('date', `there is no month ${value.month}`);
  if (value.day < 1) return invalid('date', 'there is no day 0');
  const monthDays = daysInMonth(value.year, value.month);
  if (value.day > monthDays) {
    const detail =
      value.month === 2
        ? `February has ${monthDays} days in ${value.year}`
        : `${monthLabel(value.month)} has ${monthDays} days`;
    return invalid('date', detail);
  }
  if (meridiem) {
    if (value.hour < 1 || value.hour > 12) return invalid('time', `${value.hour} is not an hour on a 12-hour clock`);
    value.hour = (value.hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (value.hour > 23) return invalid('time', `there is no hour ${value.hour}`);
  if (value.minute > 59) return invalid('time', `there is no minute ${value.minute}`);
  if (value.second > 59) return invalid('time', `there is no second ${value.second}`);
  if (dayName !== undefined) {
    const weekday = new Date(wallMillis(value)).getUTCDay();
    if (weekday !== dayName) {
      return invalid(
        'date',
        `${value.day} ${monthLabel(value.month)} ${value.year} is a ${dayLabel(weekday)}, not a ${dayLabel(dayName)}`,
      );
    }
  }
  return { kind: 'ok', value };
}

/**
 * What `auto` tries: ISO 8601 (with `T` or a space, with or without an offset), the same with a
 * zone abbreviation, US month-first with a slash, European day-first with dots, and day-first
 * with a slash. A slash date that reads as two different days ("03/04/2024") is refused in auto
 * mode rather than guessed: name the format to settle it.
 */
export const autoPatterns: readonly string[] = [
  ...['YYYY-MM-DD[T]', 'YYYY-MM-DD '].flatMap((date) =>
    ['HH:mm:ss.SSS', 'HH:mm:ss', 'HH:mm'].flatMap((time) => [`${date}${time}Z`, `${date}${time}`, `${date}${time} z`]),
  ),
  'YYYY-MM-DD',
  'M/D/YYYY h:mm:ss A',
  'M/D/YYYY h:mm A',
  'M/D/YYYY H:mm:ss',
  'M/D/YYYY H:mm',
  'M/D/YYYY',
  'D.M.YYYY H:mm:ss',
  'D.M.YYYY H:mm',
  'D.M.YYYY',
  'D/M/YYYY H:mm:ss',
  'D/M/YYYY H:mm',
  'D/M/YYYY',
];

export type ReadResult =
  { ok: true; value: ParsedDateTime } | { ok: false; invalid?: Invalid; ambiguous?: [string, string] };

function sameInstantFields(a: ParsedDateTime, b: ParsedDateTime): boolean {
  return wallMillis(a) === wallMillis(b) && a.offsetMinutes === b.offsetMinutes;
}

/**
 * Reads a value with the first of `patterns` that matches it (`auto` expands to `autoPatterns`,
 * where every pattern is tried and readings that disagree are refused). A shape that matches but
 * does not make a valid date is reported, unless another pattern reads the value.
 */
export function readDateTime(text: string, patterns: readonly string[]): ReadResult {
  let firstInvalid: Invalid | undefined;
  for (const pattern of patterns) {
    if (pattern === 'auto') {
      const readings: { pattern: string; value: ParsedDateTime }[] = [];
      for (const autoPattern of autoPatterns) {
        const compiled = compilePattern(autoPattern);
        if (!compiled.ok) continue;
        const result = matchPattern(compiled.compiled, text);
        if (result.kind === 'ok') readings.push({ pattern: autoPattern, value: result.value });
        if (result.kind === 'invalid') firstInvalid ??= result.invalid;
      }
      const [first, ...others] = readings;
      if (first) {
        const disagreeing = others.find((other) => !sameInstantFields(first.value, other.value));
        if (disagreeing) return { ok: false, ambiguous: [first.pattern, disagreeing.pattern] };
        return { ok: true, value: first.value };
      }
      continue;
    }
    const compiled = compilePattern(pattern);
    if (!compiled.ok) continue;
    const result = matchPattern(compiled.compiled, text);
    if (result.kind === 'ok') return { ok: true, value: result.value };
    if (result.kind === 'invalid') firstInvalid ??= result.invalid;
  }
  return firstInvalid ? { ok: false, invalid: firstInvalid } : { ok: false };
}
