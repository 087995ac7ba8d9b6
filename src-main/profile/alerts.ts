/**
 * Alerts: the findings of a profile as one sentence each, against thresholds the caller can
 * change. Pure: the same profile and thresholds give the same alerts.
 */
import type {
  ColumnProfile,
  DuplicateFinding,
  OrphanFinding,
  ProfileAlert,
  ProfileThresholds,
  TableProfile,
} from '../../src-shared/profile';
import { formatsOf } from './semantics';

export type AlertInput = {
  profiledRows: number;
  sampled: boolean;
  columns: readonly ColumnProfile[];
  duplicates: readonly DuplicateFinding[];
  orphans: readonly OrphanFinding[];
  /** Columns that are a declared key on their own (primary key, unique): never "high-cardinality". */
  keyColumns: ReadonlySet<string>;
  thresholds: ProfileThresholds;
};

const integer = new Intl.NumberFormat('en-US');

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatShare(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  if (share < 1 && share > 0.999) return '>99.9%';
  const percent = share * 100;
  const rounded = Math.round(percent);
  // One decimal where rounding would mislead: small shares, and shares just short of 100%.
  if (percent !== rounded && (percent < 10 || (rounded === 100 && share < 1))) return `${percent.toFixed(1)}%`;
  return `${rounded}%`;
}

/** Line breaks and tabs as visible marks, so a sentence stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '⏎').replace(/\t/g, '⇥');
}

/** A value quoted for a sentence, shortened when long. */
export function quoteValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return `"${oneLine(shown)}"`;
}

function nonNull(column: ColumnProfile, rows: number): number {
  return rows - column.nulls;
}

function columnAlerts(column: ColumnProfile, input: AlertInput): ProfileAlert[] {
  const { thresholds: t, profiledRows: rows } = input;
  const alerts: ProfileAlert[] = [];
  const of = input.sampled ? 'sampled rows' : 'rows';
  const name = column.name;
  const present = nonNull(column, rows);
  if (rows === 0) return alerts;

  if (column.nulls === rows)
    alerts.push({
      code: 'high-null-rate',
      severity: 'warning',
      column: name,
      message: `${name} is null in every row.`,
      count: column.nulls,
    });
  else if (column.nullShare >= t.highNullRate)
    alerts.push({
      code: 'high-null-rate',
      severity: 'warning',
      column: name,
      message: `${name} is null in ${formatShare(column.nullShare)} of ${of} (${formatInteger(column.nulls)} of ${formatInteger(rows)}).`,
      count: column.nulls,
    });

  if (column.emptyStrings !== null && column.emptyStrings > 0 && (column.emptyShare ?? 0) >= t.emptyStringRate)
    alerts.push({
      code: 'empty-strings',
      severity: 'info',
      column: name,
      message: `${name} holds ${formatInteger(column.emptyStrings)} empty strings (${formatShare(column.emptyShare ?? 0)} of ${of}), which are not nulls.`,
      count: column.emptyStrings,
    });

  if (column.distinct === 1 && present > 0 && rows > 1) {
    const only = column.top[0]?.value;
    alerts.push({
      code: 'constant-column',
      severity: 'info',
      column: name,
      message: `${name} holds the same value${only === undefined ? '' : `, ${quoteValue(only)},`} in every non-null row.`,
      count: present,
    });
  }

  // Columns already explained (a key, a duplicate candidate, e-mails, phones, dates) are left out.
  if (
    column.kind === 'text' &&
    column.distinct !== null &&
    column.distinctShare !== null &&
    present >= 50 &&
    column.distinctShare >= t.highCardinality &&
    !input.keyColumns.has(name) &&
    column.inferred === null &&
    !input.duplicates.some((d) => d.columns.length === 1 && d.columns[0] === name)
  )
    alerts.push({
      code: 'high-cardinality',
      severity: 'info',
      column: name,
      message: `${name} has ${formatInteger(column.distinct)} distinct values in ${formatInteger(present)} non-null ${of} (${formatShare(column.distinctShare)}): an identifier or free text rather than a category.`,
      count: column.distinct,
    });

  // Formats of text only (numbers held as text are numbers-as-text), and not of e-mail addresses,
  // whose local parts differ by nature.
  const patterns = column.kind === 'text' && column.inferred?.type !== 'email' ? column.patterns : null;
  if (patterns) {
    const values = patterns.total;
    // A format is written with digits, holds its share of the values, and more than one value
    // (free text with a handful of distinct notes has as many "formats" as values).
    const formats = formatsOf(patterns.values).filter(
      (format) =>
        format.shape.includes('9') &&
        format.count / values >= t.mixedFormatShare &&
        format.patterns.reduce((sum, p) => sum + p.distinctValues, 0) > 1,
    );
    if (formats.length >= 2 && values > 0) {
      const described = formats
        .slice(0, 5)
        .map(
          (format) => `${oneLine(format.patterns[0]?.pattern ?? format.shape)} (${formatShare(format.count / values)})`,
        )
        .join(', ');
      const main = formats[0]?.count ?? 0;
      alerts.push({
        code: 'mixed-formats',
        severity: 'warning',
        column: name,
        message: `${name} is written in ${formats.length} formats: ${described}${formats.length > 5 ? ', …' : ''}.`,
        count: Math.max(0, Math.round(values - main)),
      });
    }
  }

  const storage = column.storageClasses;
  const numbersStored = storage ? storage.integer + storage.real : 0;
  if (storage && storage.text > 0 && numbersStored > 0 && numbersStored >= storage.text) {
    const plain = column.numericText ?? 0;
    const other = storage.text - plain;
    const example = column.patterns?.values.find((p) => !/^[+-]?[9.]+$/.test(p.pattern))?.example;
    alerts.push({
      code: 'numbers-as-text',
      severity: 'warning',
      column: name,
      message:
        `${name} holds ${formatInteger(storage.text)} text values among ${formatInteger(numbersStored)} numbers` +
        (other > 0
          ? ` (${formatInteger(other)} of them not plain numbers${example === undefined ? '' : `, e.g. ${quoteValue(example)}`}).`
          : ', all plain numbers written as text.'),
      count: storage.text,
    });
  } else if (
    column.kind === 'text' &&
    column.inferred?.type === 'number' &&
    column.inferred.share >= t.typedAsTextShare
  ) {
    const count = column.numericText ?? Math.round(column.inferred.share * present);
    alerts.push({
      code: 'numbers-as-text',
      severity: 'info',
      column: name,
      message: `${name} is text, but ${formatShare(column.inferred.share)} of its values are numbers; keep it as text if leading zeros matter.`,
      count,
    });
  }

  if (column.kind === 'text' && column.inferred?.type === 'date' && column.inferred.share >= t.typedAsTextShare) {
    const formats = column.inferred.formats ?? 1;
    alerts.push({
      code: 'dates-as-text',
      severity: formats > 1 ? 'warning' : 'info',
      column: name,
      message: `${name} holds dates as text (${formatShare(column.inferred.share)} of its values)${formats === 1 ? ' in one pattern' : ` in ${formats} different patterns`}; they need parsing, with a time zone where none is given.`,
      count: Math.round(column.inferred.share * (present - (column.emptyStrings ?? 0))),
    });
  }

  const top = column.top[0];
  if (top && (column.distinct ?? 0) > 1 && present > 0 && top.share >= t.dominantValue)
    alerts.push({
      code: 'skew',
      severity: 'info',
      column: name,
      message: `${name} is dominated by one value, ${quoteValue(top.value)}, in ${formatShare(top.share)} of its non-null values.`,
      count: top.count,
    });
  else if (column.numbers?.skewness != null && Math.abs(column.numbers.skewness) >= t.skewness)
    alerts.push({
      code: 'skew',
      severity: 'info',
      column: name,
      message: `${name} is skewed (skewness ${column.numbers.skewness.toFixed(1)}): most values are ${column.numbers.skewness > 0 ? 'small, with a long tail of large ones' : 'large, with a long tail of small ones'}.`,
    });

  return alerts;
}

function duplicateAlerts(input: AlertInput): ProfileAlert[] {
  const byColumn = new Map<string, DuplicateFinding>();
  for (const finding of input.duplicates) {
    const key = finding.columns.join(', ');
    const seen = byColumn.get(key);
    if (!seen || finding.rows > seen.rows) byColumn.set(key, finding);
  }
  return [...byColumn.entries()].map(([column, finding]) => {
    const example = finding.examples[0];
    const how = finding.normalization === 'lower-trim' ? ' once case and surrounding spaces are ignored' : '';
    // The spellings as stored, not the normalised key.
    const shown = example
      ? `, e.g. ${(example.variants.length > 0 ? example.variants : [example.value]).map(quoteValue).join(' and ')}`
      : '';
    return {
      code: 'duplicates' as const,
      severity: 'warning' as const,
      column,
      message: `${column} is nearly unique but ${formatInteger(finding.groups)} values repeat${how} (${formatInteger(finding.rows)} rows${input.sampled ? ' in the sample' : ''})${shown}.`,
      count: finding.rows,
    };
  });
}

function orphanAlerts(input: AlertInput): ProfileAlert[] {
  return input.orphans
    .filter((finding) => finding.rows > 0)
    .map((finding) => {
      const column = finding.columns.join(', ');
      const target = `${finding.references.table}.${finding.references.columns.join(', ')}`;
      const examples = finding.examples
        .slice(0, 3)
        .map((e) => (e.values.length === 1 ? (e.values[0] ?? '') : `(${e.values.join(', ')})`))
        .join(', ');
      return {
        code: 'orphans' as const,
        severity: finding.declared ? ('error' as const) : ('warning' as const),
        column,
        message:
          `${formatInteger(finding.rows)} rows${input.sampled ? ' of the sample' : ''} have a ${column} that is not in ${target}` +
          ` (${formatInteger(finding.distinctValues)} missing values${examples ? `, e.g. ${examples}` : ''})` +
          (finding.declared
            ? '; the declared foreign key is violated.'
            : `; ${column} looks like a foreign key (${formatShare(finding.matchedShare)} of its values match).`),
        count: finding.rows,
      };
    });
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function buildAlerts(input: AlertInput): ProfileAlert[] {
  const alerts = [
    ...orphanAlerts(input),
    ...duplicateAlerts(input),
    ...input.columns.flatMap((column) => columnAlerts(column, input)),
  ];
  // Stable: by severity, then in the order found (table findings, then columns in table order).
  return alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => severityOrder[a.alert.severity] - severityOrder[b.alert.severity] || a.index - b.index)
    .map(({ alert }) => alert);
}

/** The alerts of a finished profile against other thresholds: no database needed. */
export function alertsFor(profile: TableProfile, thresholds: ProfileThresholds): ProfileAlert[] {
  return buildAlerts({
    profiledRows: profile.profiledRows,
    sampled: profile.sampled !== null,
    columns: profile.columns,
    duplicates: profile.duplicates,
    orphans: profile.orphans,
    keyColumns: new Set(profile.keyColumns ?? []),
    thresholds,
  });
}
