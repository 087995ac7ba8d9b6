/**
 * parse_date and parse_timestamp: text in one of several formats → an ISO 8601 date or
 * timestamp, never a silent shift. A value with an offset (`Z`, `+02:00`) or a zone
 * abbreviation (`EST`, fixed offsets from `zoneAbbreviations`) is read in that offset; a value
 * without one needs `assumeTimeZone`, which is a reason when it is missing, never UTC by default.
 * A wall-clock time that a daylight-saving change skips or repeats is a reason unless
 * `ambiguous` says which instant to take.
 *
 * Output precision is the millisecond (`2024-03-10T07:30:00.000Z`): digits past it are a
 * reason unless `subMilliseconds` is `truncate`. A `Date` cell is an instant, read in UTC.
 */
import { z } from 'zod';
import { compilePattern, readDateTime, wallMillis, type ParsedDateTime } from './date-patterns';
import { defineOne, listOf, quote } from './helpers';
import { ok, reject, type CellValue } from './transform';
import { isTimeZone, offsetAt, resolveWallTime } from './zones';

const formatSchema = z.string().superRefine((pattern, context) => {
  if (pattern === 'auto') return;
  const compiled = compilePattern(pattern);
  if (!compiled.ok) context.addIssue({ code: 'custom', message: `has a pattern "${pattern}" that ${compiled.reason}` });
});

const formatsSchema = z
  .array(formatSchema)
  .min(1)
  .default(['auto'])
  .describe(
    'Formats tried in order, e.g. "DD.MM.YYYY HH:mm"; "auto" tries ISO 8601, YYYY-MM-DD HH:mm:ss, MM/DD/YYYY h:mm A, DD.MM.YYYY HH:mm and DD/MM/YYYY.',
  );

const timeZoneSchema = z.string().refine(isTimeZone, 'is not an IANA time zone such as "Europe/Berlin" or "UTC"');

type Read = { ok: true; parsed: ParsedDateTime; written: string } | { ok: false; reason: string };

function describeFormats(formats: readonly string[], kind: 'date' | 'timestamp'): string {
  if (formats.length === 1 && formats[0] === 'auto')
    return `is not a ${kind} in a format Tally recognises; name its format in formats`;
  const names = formats.map((format) => (format === 'auto' ? 'the automatic formats' : format));
  return `does not match ${names.length === 1 ? 'the format' : 'any of the formats'} ${listOf(names)}`;
}

function read(value: Exclude<CellValue, null>, formats: readonly string[], kind: 'date' | 'timestamp'): Read {
  if (value instanceof Date) {
    const epochMs = value.getTime();
    if (Number.isNaN(epochMs)) return { ok: false, reason: `An invalid date is not a ${kind}.` };
    const parsed: ParsedDateTime = {
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
      hour: value.getUTCHours(),
      minute: value.getUTCMinutes(),
      second: value.getUTCSeconds(),
      millisecond: value.getUTCMilliseconds(),
      subMillisecond: false,
      hasTime: true,
      offsetMinutes: 0,
      epochMs,
    };
    return { ok: true, parsed, written: quote(value) };
  }
  if (typeof value === 'boolean' || value instanceof Uint8Array) {
    return { ok: false, reason: `${quote(value)} is not a ${kind}.` };
  }
  const text = typeof value === 'string' ? value : String(value);
  const written = quote(value);
  const result = readDateTime(text, formats);
  if (result.ok) return { ok: true, parsed: result.value, written };
  if (result.invalid) {
    return { ok: false, reason: `${written} is not a valid ${result.invalid.what} (${result.invalid.detail}).` };
  }
  if (result.ambiguous) {
    const [first, second] = result.ambiguous;
    return {
      ok: false,
      reason: `${written} reads as two different ${kind}s (${first} and ${second}); name the format to use in formats.`,
    };
  }
  return { ok: false, reason: `${written} ${describeFormats(formats, kind)}.` };
}

function pad(number: number, width = 2): string {
  return String(number).padStart(width, '0');
}

function isoWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 23);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

function inYearRange(wall: number): boolean {
  const year = new Date(wall).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export const parseDate = defineOne({
  name: 'parse_date',
  label: 'Read a date',
  description: 'Reads a date written in one of several formats and gives it as YYYY-MM-DD.',
  blank: 'null',
  params: z.strictObject({
    formats: formatsSchema,
    timeZone: timeZoneSchema
      .optional()
      .describe(
        'Zone whose calendar date to take for instants: values with an offset, Unix times and date-time cells. Without it a value with an offset keeps the date as written.',
      ),
    time: z
      .enum(['midnight', 'drop', 'reject'])
      .default('midnight')
      .describe('A time of day in the value: allowed only at 00:00 (midnight), ignored (drop), or refused (reject).'),
  }),
  apply(value, { formats, timeZone, time }) {
    const result = read(value, formats, 'date');
    if (!result.ok) return reject(result.reason);
    const { parsed, written } = result;
    const formatted = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

    const instant =
      parsed.epochMs ??
      (timeZone !== undefined && parsed.offsetMinutes !== undefined
        ? wallMillis(parsed) - parsed.offsetMinutes * 60_000
        : undefined);
    if (instant !== undefined) {
      if (timeZone !== undefined) {
        const wall = instant + offsetAt(timeZone, instant) * 60_000;
        return inYearRange(wall) ? ok(formatted(wall)) : reject(`${written} is outside the years 1 to 9999.`);
      }
      // Without a zone only a UTC midnight is a date on its face (a driver's DATE read in UTC).
      if (instant % 86_400_000 !== 0) {
        return reject(
          `${written} is a moment in time (${isoWall(instant)}Z); set timeZone to say in which zone to take its date.`,
        );
      }
      return ok(formatted(instant));
    }

    const hasTimeOfDay = parsed.hour !== 0 || parsed.minute !== 0 || parsed.second !== 0 || parsed.millisecond !== 0;
    if (parsed.hasTime && time === 'reject') {
      return reject(`${written} has a time of day; set time to "midnight" or "drop" to accept it.`);
    }
    if (hasTimeOfDay && time === 'midnight') {
      const clock = `${pad(parsed.hour)}:${pad(parsed.minute)}:${pad(parsed.second)}`;
      return reject(`${written} has a time of day (${clock}); set time to "drop" to keep only its date.`);
    }
    return ok(`${pad(parsed.year, 4)}-${pad(parsed.month)}-${pad(parsed.day)}`);
  },
});

export const parseTimestamp = defineOne({
  name: 'parse_timestamp',
  label: 'Read a timestamp',
  description:
    'Reads a date and time written in one of several formats and gives it as ISO 8601, in UTC or keeping its offset.',
  blank: 'null',
  params: z.strictObject({
    formats: formatsSchema,
    assumeTimeZone: timeZoneSchema
      .optional()
      .describe('Zone that values without an offset were written in, e.g. "America/New_York" or "UTC".'),
    output: z
      .enum(['utc', 'keep-offset', 'local'])
      .default('utc')
      .describe(
        'utc: 2024-03-10T07:30:00.000Z; keep-offset: 2024-03-10T03:30:00.000-04:00 (Z for a zero offset); local: 2024-03-10T03:30:00.000 (no offset, for timestamp columns).',
      ),
    outputTimeZone: timeZoneSchema
      .optional()
      .describe('For local output: the zone whose wall-clock time to write (default: assumeTimeZone).'),
    ambiguous: z
      .enum(['earlier', 'later', 'reject'])
      .default('reject')
      .describe(
        'A local time that a daylight-saving change skips or repeats: take the earlier or later instant, or reject it.',
      ),
    subMilliseconds: z
      .enum(['reject', 'truncate'])
      .default('reject')
      .describe('Digits past the millisecond: refuse the value, or drop them.'),
  }),
  apply(value, params) {
    const result = read(value, params.formats, 'timestamp');
    if (!result.ok) return reject(result.reason);
    const { parsed, written } = result;
    if (parsed.subMillisecond && params.subMilliseconds === 'reject') {
      return reject(`${written} has digits past the millisecond; set subMilliseconds to "truncate" to drop them.`);
    }
    const wall = wallMillis(parsed);

    let epochMs: number;
    let offsetMinutes: number;
    if (parsed.epochMs !== undefined) {
      epochMs = parsed.epochMs;
      offsetMinutes = 0;
    } else if (parsed.offsetMinutes !== undefined) {
      epochMs = wall - parsed.offsetMinutes * 60_000;
      offsetMinutes = parsed.offsetMinutes;
    } else {
      const sameZone = params.outputTimeZone === undefined || params.outputTimeZone === params.assumeTimeZone;
      // Wall-clock in, wall-clock out in the same zone: nothing to convert, so nothing to assume.
      if (params.output === 'local' && sameZone) return ok(isoWall(wall));
      if (params.assumeTimeZone === undefined) {
        return reject(
          `${written} has no offset or time zone; set assumeTimeZone (e.g. "UTC" or "America/New_York") to say which zone it was written in.`,
        );
      }
      const resolved = resolveWallTime(wall, params.assumeTimeZone, params.ambiguous, written);
      if (!resolved.ok) return reject(resolved.reason);
      epochMs = resolved.epochMs;
      offsetMinutes = resolved.offsetMinutes;
    }

    let outputWall: number;
    let suffix: string;
    switch (params.output) {
      case 'utc':
        outputWall = epochMs;
        suffix = 'Z';
        break;
      case 'keep-offset':
        outputWall = epochMs + offsetMinutes * 60_000;
        suffix = formatOffset(offsetMinutes);
        break;
      case 'local': {
        const zone = params.outputTimeZone ?? params.assumeTimeZone;
        if (zone === undefined) {
          return reject(
            `${written} is a moment in time (offset ${formatOffset(offsetMinutes)}); set outputTimeZone to say which zone's local time to write.`,
          );
        }
        outputWall = epochMs + offsetAt(zone, epochMs) * 60_000;
        suffix = '';
        break;
      }
    }
    if (!inYearRange(outputWall)) return reject(`${written} is outside the years 1 to 9999.`);
    return ok(isoWall(outputWall) + suffix);
  },
});
