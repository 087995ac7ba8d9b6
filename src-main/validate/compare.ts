/**
 * Row-by-row comparison of a small key range: expected rows (the source through the mapping) and
 * target rows, as canonical texts. Differences beyond the columns' tolerances are classified by
 * the cause Tally can recognise.
 */
import type { ColumnTolerance } from '../../src-shared/plan';
import type { PortableType } from '../../src-shared/portable-types';
import type { ColumnDifference, DifferenceCause, RowDifference } from '../../src-shared/validation';
import { jsonCells } from './keys';

export type SideRow = {
  key: unknown[];
  texts: (string | null)[];
  /** The plan's mapping refuses this source row, so a run quarantines it instead of writing it. */
  refused?: boolean;
};

export type FoundDifference = {
  difference: RowDifference;
  /** Every differing column is within its tolerance: reported, not counted as changed. */
  withinTolerance: boolean;
  /** A missing row the run put in the quarantine with a reason. */
  quarantined: boolean;
};

const timestampPattern = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{6})$/;

function micros(text: string): number | undefined {
  const match = timestampPattern.exec(text);
  if (!match) return undefined;
  const [, day = '', h = '0', m = '0', s = '0', f = '0'] = match;
  return Date.parse(`${day}T00:00:00Z`) * 1000 + ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1e6 + Number(f);
}

const numberPattern = /^-?\d+(\.\d+)?$/;

function fractionDigits(text: string): number {
  return (text.split('.')[1] ?? '').replace(/0+$/, '').length;
}

/** Latin-1 read of UTF-8 bytes (mojibake) or the reverse. */
function mojibake(a: string, b: string): boolean {
  const garble = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');
  return garble(a) === b || garble(b) === a;
}

export function classifyCause(expected: string | null, actual: string | null, type: PortableType): DifferenceCause {
  if (expected === null || actual === null) {
    const other = expected ?? actual ?? '';
    return other.trim() === '' ? 'null_vs_empty' : 'real_change';
  }
  if (type.kind === 'timestamp' || type.kind === 'timestamptz') {
    const a = micros(expected);
    const b = micros(actual);
    if (a !== undefined && b !== undefined) {
      const delta = Math.abs(a - b);
      // Whole quarter hours up to 14 hours: a zone offset applied (or not) on one side.
      if (delta > 0 && delta <= 14 * 3600e6 && delta % (900 * 1e6) === 0) return 'time_zone';
      if (delta < 1e6) return 'precision';
      return 'real_change';
    }
  }
  if (numberPattern.test(expected) && numberPattern.test(actual)) {
    const a = Number(expected);
    const b = Number(actual);
    const digits = Math.min(fractionDigits(expected), fractionDigits(actual));
    const unit = 10 ** -digits;
    if (Math.abs(a - b) < unit || Math.abs(a - b) <= Math.abs(a) * 1e-12) return 'precision';
    return 'real_change';
  }
  if (expected.trimEnd() === actual.trimEnd() || expected.trim() === actual.trim()) return 'trailing_space';
  if (expected.toLowerCase() === actual.toLowerCase()) return 'case';
  if (expected.normalize('NFC') === actual.normalize('NFC') || mojibake(expected, actual)) return 'encoding';
  if (expected === '' || actual === '') return 'null_vs_empty';
  return 'real_change';
}

function withinTolerance(
  expected: string | null,
  actual: string | null,
  tolerance: ColumnTolerance | undefined,
): boolean {
  if (!tolerance || expected === null || actual === null) return false;
  if (tolerance.seconds !== undefined) {
    const a = micros(expected);
    const b = micros(actual);
    if (a !== undefined && b !== undefined && Math.abs(a - b) <= tolerance.seconds * 1e6) return true;
  }
  if (numberPattern.test(expected) && numberPattern.test(actual)) {
    const delta = Math.abs(Number(expected) - Number(actual));
    if (tolerance.absolute !== undefined && delta <= tolerance.absolute + 1e-12) return true;
    if (tolerance.relative !== undefined && delta <= Math.abs(Number(expected)) * tolerance.relative + 1e-12)
      return true;
  }
  return false;
}

function rowRecord(columns: readonly string[], texts: readonly (string | null)[]): Record<string, string | null> {
  return Object.fromEntries(columns.map((c, i) => [c, texts[i] ?? null]));
}

export function compareRows(input: {
  tableId: string;
  columns: readonly string[];
  types: readonly PortableType[];
  tolerances: Readonly<Record<string, ColumnTolerance>>;
  expected: ReadonlyMap<string, SideRow>;
  actual: ReadonlyMap<string, SideRow>;
  describeKey: (key: readonly unknown[]) => string;
  isQuarantined: (key: readonly unknown[]) => boolean;
}): FoundDifference[] {
  const found: FoundDifference[] = [];
  const base = (row: SideRow) => ({
    tableId: input.tableId,
    key: input.describeKey(row.key),
    keyValues: jsonCells(row.key),
  });
  for (const [id, expected] of input.expected) {
    const actual = input.actual.get(id);
    if (expected.refused) {
      // Absent from the target as the plan says: quarantined if the run recorded it, else lost.
      // Present: the target holds a row the plan would not write.
      found.push({
        difference: {
          ...base(expected),
          kind: actual ? 'extra' : 'missing',
          columns: [],
          cause: 'real_change',
          expectedRow: null,
          actualRow: actual ? rowRecord(input.columns, actual.texts) : null,
        },
        withinTolerance: false,
        quarantined: !actual && input.isQuarantined(expected.key),
      });
      continue;
    }
    if (!actual) {
      found.push({
        difference: {
          ...base(expected),
          kind: 'missing',
          columns: [],
          cause: 'real_change',
          expectedRow: rowRecord(input.columns, expected.texts),
          actualRow: null,
        },
        withinTolerance: false,
        quarantined: input.isQuarantined(expected.key),
      });
      continue;
    }
    const columns: ColumnDifference[] = [];
    let allTolerated = true;
    input.columns.forEach((column, i) => {
      const e = expected.texts[i] ?? null;
      const a = actual.texts[i] ?? null;
      if (e === a) return;
      if (!withinTolerance(e, a, input.tolerances[column])) allTolerated = false;
      columns.push({
        column,
        expected: e,
        actual: a,
        expectedCanonical: e,
        actualCanonical: a,
        cause: classifyCause(e, a, input.types[i] ?? { kind: 'text' }),
      });
    });
    if (columns.length === 0) continue;
    const causes = new Set(columns.map((c) => c.cause));
    found.push({
      difference: {
        ...base(expected),
        kind: 'changed',
        columns,
        cause: causes.size === 1 ? (columns[0]?.cause ?? 'real_change') : 'real_change',
        expectedRow: rowRecord(input.columns, expected.texts),
        actualRow: rowRecord(input.columns, actual.texts),
      },
      withinTolerance: allTolerated,
      quarantined: false,
    });
  }
  for (const [id, actual] of input.actual) {
    if (input.expected.has(id)) continue;
    found.push({
      difference: {
        ...base(actual),
        kind: 'extra',
        columns: [],
        cause: 'real_change',
        expectedRow: null,
        actualRow: rowRecord(input.columns, actual.texts),
      },
      withinTolerance: false,
      quarantined: false,
    });
  }
  return found;
}
