/**
 * Wall-clock time in an IANA zone → an instant, with daylight-saving gaps and overlaps made
 * explicit. Luxon supplies the zone rules (through Intl, so the same in Electron, the browser and
 * Node); the disambiguation follows Temporal's: `earlier` and `later` pick the earlier or later
 * of the two instants a wall-clock time can mean, and for a time that a gap skips, `earlier`
 * reads it with the offset after the change (02:30 → 01:30 EST) and `later` with the offset
 * before it (02:30 → 03:30 EDT).
 */
import { IANAZone } from 'luxon';

export type Disambiguation = 'earlier' | 'later' | 'reject';

const day = 86_400_000;

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Minutes east of UTC in `zone` at `epochMs`. */
export function offsetAt(zone: string, epochMs: number): number {
  return IANAZone.create(zone).offset(epochMs);
}

export type Resolved = { ok: true; epochMs: number; offsetMinutes: number } | { ok: false; reason: string };

function clock(wall: number): string {
  return new Date(wall).toISOString().slice(11, 16);
}

/** The instant between `from` and `to` (epoch ms) where the zone's offset changes. */
function transitionBetween(zone: IANAZone, from: number, to: number): number {
  const startOffset = zone.offset(from);
  let low = from;
  let high = to;
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === startOffset) low = middle;
    else high = middle;
  }
  return Math.floor(high / 1000) * 1000;
}

/**
 * `wall` is the wall-clock time as if it were UTC (see `wallMillis`); `written` is the value as
 * the reason should quote it.
 */
export function resolveWallTime(wall: number, zoneName: string, choice: Disambiguation, written: string): Resolved {
  const zone = IANAZone.create(zoneName);
  // The offsets a day either side are the only candidates (no zone changes twice in two days);
  // usually they agree and one look-up confirms the only reading.
  const before = zone.offset(wall - day);
  const after = zone.offset(wall + day);
  const valid = (before === after ? [before] : [before, after])
    .filter((offset) => zone.offset(wall - offset * 60_000) === offset)
    .map((offset) => ({ epochMs: wall - offset * 60_000, offsetMinutes: offset }))
    .sort((a, b) => a.epochMs - b.epochMs);
  const [first, second] = valid;
  if (first && !second) return { ok: true, ...first };

  const date = new Date(wall).toISOString().slice(0, 10);
  const hint = 'set ambiguous to "earlier" or "later" to choose';
  if (first && second) {
    if (choice !== 'reject') return { ok: true, ...(choice === 'earlier' ? first : second) };
    const change = transitionBetween(zone, first.epochMs, second.epochMs);
    return {
      ok: false,
      reason:
        `${written} happens twice in ${zoneName} (clocks go back from ${clock(change + first.offsetMinutes * 60_000)} ` +
        `to ${clock(change + second.offsetMinutes * 60_000)} on ${date}); ${hint}.`,
    };
  }

  // A gap: no offset maps this wall-clock time back to itself.
  const readings = [
    { epochMs: wall - after * 60_000, offsetMinutes: after },
    { epochMs: wall - before * 60_000, offsetMinutes: before },
  ].sort((a, b) => a.epochMs - b.epochMs);
  const [early, late] = readings as [(typeof readings)[number], (typeof readings)[number]];
  if (choice !== 'reject') {
    const picked = choice === 'earlier' ? early : late;
    return { ok: true, epochMs: picked.epochMs, offsetMinutes: zone.offset(picked.epochMs) };
  }
  const change = transitionBetween(zone, early.epochMs, late.epochMs);
  return {
    ok: false,
    reason:
      `${written} does not exist in ${zoneName} (clocks jump from ${clock(change + before * 60_000)} ` +
      `to ${clock(change + after * 60_000)} on ${date}); ${hint}.`,
  };
}
