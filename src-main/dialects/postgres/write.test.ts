import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src-shared/transforms/transform';
import type { WriteColumn } from '../dialect';
import { copyTextRows, copyTextValue } from './write';

const text: WriteColumn = { name: 't', type: { kind: 'text' } };
const bytes: WriteColumn = { name: 'b', type: { kind: 'binary' } };

describe("COPY's text format", () => {
  it.each<[CellValue, WriteColumn, string]>([
    [null, text, '\\N'],
    ['\\N', text, '\\\\N'],
    ['plain', text, 'plain'],
    ['tab\tnew\nline\rback\\slash', text, 'tab\\tnew\\nline\\rback\\\\slash'],
    [true, text, 't'],
    [12.5, text, '12.5'],
    [12345678901234567890n, text, '12345678901234567890'],
    [new Date('2024-03-10T07:30:00Z'), text, '2024-03-10T07:30:00.000Z'],
    [new Uint8Array([0, 255]), bytes, '\\\\x00ff'],
    ['hi', bytes, '\\\\x6869'],
  ])('%o → %s', (value, column, encoded) => {
    expect(copyTextValue(value, column)).toBe(encoded);
  });

  it('writes one line per row, values separated by tabs', () => {
    expect(
      copyTextRows(
        [text, text],
        [
          ['a', null],
          ['b\tc', 'd'],
        ],
      ),
    ).toBe('a\t\\N\nb\\tc\td\n');
  });
});
