import { describe, expect, it } from 'vitest';
import { defaultProfileThresholds, formatPattern, resolveProfileOptions } from './profile';

describe('formatPattern', () => {
  it.each([
    ['Main 12', 'Aaaa 99'],
    ['(555) 123-4567', '(999) 999-9999'],
    ['2023-04-05T14:03:00Z', '9999-99-99A99:99:99A'],
    ['', ''],
    ['Anaïs Ü 表', 'Aaaïa Ü 表'],
    ['😀x1', '😀a9'],
    ['line\nbreak', 'aaaa\naaaaa'],
  ])('%j → %j', (text, pattern) => {
    expect(formatPattern(text)).toBe(pattern);
  });

  it('describes the first characters only and marks the cut', () => {
    expect(formatPattern('abcdef', 3)).toBe('aaa…');
    expect(formatPattern('abc', 3)).toBe('aaa');
    expect(formatPattern('😀😀😀😀', 2)).toBe('😀😀…');
  });
});

describe('resolveProfileOptions', () => {
  it('fills in every default and keeps what the caller set', () => {
    const options = resolveProfileOptions({ topN: 5, thresholds: { highNullRate: 0.2 } });
    expect(options).toMatchObject({ topN: 5, sampleAbove: 500_000, full: false });
    expect(options.thresholds).toEqual({ ...defaultProfileThresholds, highNullRate: 0.2 });
  });
});
