/**
 * Suggested rules: what a profile's findings mean for the mapping, as transform steps from the
 * catalogue that one click adds to the column's chain. Pure: a table profile in, suggestions out.
 */
import type { ColumnProfile, ProfileAlertCode, TableProfile } from '../../src-shared/profile';
import type { TransformStep } from '../../src-shared/transforms/transform';

export type RuleKind =
  | 'normalize-email'
  | 'normalize-phone'
  | 'parse-date'
  | 'parse-number'
  | 'cast-number'
  | 'to-boolean'
  | 'value-map'
  | 'orphans-to-null';

export type RuleSuggestion = {
  /** Stable across re-profiles of the same data: `table/column/kind`. */
  id: string;
  /** The profiled table (`table` or `schema.table`) and its column the rule is for. */
  table: string;
  column: string;
  kind: RuleKind;
  /** What the rule does, e.g. "Clean the emails (normalize_email)". */
  title: string;
  /** The finding behind it, one sentence with its counts. */
  reason: string;
  step: TransformStep;
  /** The alert this suggestion answers, when there is one. */
  answers: ProfileAlertCode | null;
};

const integer = new Intl.NumberFormat('en-US');
const count = (value: number): string => integer.format(value);

/** Lower-case letters and digits only: "U.S.A." and "usa " are the same spelling. */
function lettersKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const minorWords = new Set(['of', 'the', 'and', 'de', 'du', 'la', 'le', 'des', 'von', 'van']);

function wordsOf(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** "United States of America" → "usa": a long name and its initials are the same value. */
function initialsKey(value: string): string | null {
  const words = wordsOf(value).filter((word) => !minorWords.has(word));
  return words.length >= 2 ? words.map((word) => word.charAt(0)).join('') : null;
}

/** Union–find over the spellings, so "US" ~ "United States" ~ "United States of America" ~ "USA". */
export function spellingGroups(
  values: readonly { value: string; count: number }[],
): { value: string; count: number }[][] {
  const parent = values.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) at = parent[at] ?? at;
    return at;
  };
  const join = (a: number, b: number): void => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  const link = (key: string | null, index: number): void => {
    if (!key) return;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, index);
    else join(seen, index);
  };
  values.forEach((entry, index) => {
    link(`k:${lettersKey(entry.value)}`, index);
    const initials = initialsKey(entry.value);
    // A name's initials meet a short spelling of the same letters ("usa" from "U.S.A.").
    if (initials) link(`k:${initials}`, index);
  });
  // A name whose words begin a longer name is that name ("United States" … "of America").
  values.forEach((a, i) => {
    const wa = wordsOf(a.value);
    if (wa.length < 2) return;
    values.forEach((b, j) => {
      const wb = wordsOf(b.value);
      if (i !== j && wb.length > wa.length && wa.every((word, k) => wb[k] === word)) join(i, j);
    });
  });
  const groups = new Map<number, { value: string; count: number }[]>();
  values.forEach((entry, index) => {
    if (lettersKey(entry.value) === '') return;
    const key = root(index);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  });
  return [...groups.values()].map((group) => [...group].sort((a, b) => b.count - a.count));
}

/** Whether the top values list every non-null value of the column. */
function topIsComplete(column: ColumnProfile, profiledRows: number): boolean {
  const listed = column.top.reduce((sum, value) => sum + value.count, 0);
  return listed >= profiledRows - column.nulls;
}

function valueMapSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  if (column.kind !== 'text' || column.distinct === null || column.distinct < 2 || column.distinct > 60) return null;
  if (column.inferred?.type === 'boolean' || column.inferred?.type === 'email' || column.inferred?.type === 'phone')
    return null;
  // Only columns that look like a category: far fewer values than rows.
  if ((column.distinctShare ?? 1) > 0.2) return null;
  const groups = spellingGroups(column.top.filter((v) => v.value.trim() !== ''));
  const variants = groups.filter((group) => group.length > 1);
  if (variants.length === 0) return null;
  const map: Record<string, string> = {};
  let rows = 0;
  for (const group of variants) {
    const canonical = group[0]?.value.trim() ?? '';
    for (const entry of group) {
      map[entry.value] = canonical;
      if (entry.value !== canonical) rows += entry.count;
    }
  }
  // value_map trims its keys' matches by default: " USA " and "USA" are one key, keep the first.
  const keys = new Map<string, string>();
  for (const key of Object.keys(map)) {
    const trimmed = key.trim();
    if (keys.has(trimmed)) delete map[key];
    else keys.set(trimmed, key);
  }
  const spellings = variants.reduce((sum, group) => sum + group.length, 0);
  const example = variants[0] ?? [];
  const complete = topIsComplete(column, table.profiledRows);
  return {
    id: `${table.table}/${column.name}/value-map`,
    table: table.table,
    column: column.name,
    kind: 'value-map',
    title: `Map the ${count(spellings)} spellings of ${column.name} to ${count(variants.length)} value${variants.length === 1 ? '' : 's'} (value_map)`,
    reason:
      `${column.name} writes the same value in several ways, e.g. ${example
        .slice(0, 5)
        .map((v) => `"${v.value}"`)
        .join(', ')} → "${example[0]?.value.trim() ?? ''}"; ${count(rows)} rows would change.` +
      (complete ? '' : ' Only the most common values were profiled: other values pass unchanged.'),
    step: { name: 'value_map', params: { map, caseInsensitive: false, trim: true, unmapped: 'pass' } },
    answers: null,
  };
}

function emailSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  const looksLikeEmail = column.inferred?.type === 'email' || /e-?mail/i.test(column.name);
  if (!looksLikeEmail || column.kind !== 'text') return null;
  const duplicates = table.duplicates.find(
    (d) => d.normalization === 'lower-trim' && d.columns.length === 1 && d.columns[0] === column.name,
  );
  const example = duplicates?.examples[0];
  const reason = duplicates
    ? `${count(duplicates.groups)} email addresses repeat once case and surrounding spaces are ignored (${count(duplicates.rows)} rows)${
        example && example.variants.length > 0
          ? `, e.g. ${example.variants
              .slice(0, 2)
              .map((v) => `"${v}"`)
              .join(' and ')}`
          : ''
      }. Cleaned, they compare equal, so a unique key on the target finds them.`
    : `${column.name} holds email addresses; cleaning trims and lower-cases them and rejects those without the shape of one.`;
  return {
    id: `${table.table}/${column.name}/normalize-email`,
    table: table.table,
    column: column.name,
    kind: 'normalize-email',
    title: `Clean the email addresses of ${column.name} (normalize_email)`,
    reason,
    step: { name: 'normalize_email', params: { lowercaseLocal: true, allowDisplayName: false } },
    answers: duplicates ? 'duplicates' : null,
  };
}

/** North American numbers written the ways the US writes them: (212) 555-0100, 212-555-0100, 212.555.0100. */
const northAmerican = [/^\(999\) 999-9999$/, /^999-999-9999$/, /^999\.999\.9999$/, /^9{10}$/, /^\+9 999 999 9999$/];

function phoneSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  if (column.kind !== 'text' || column.inferred?.type !== 'phone') return null;
  const patterns = column.patterns?.values ?? [];
  // Formats as the mixed-formats alert counts them: written by several values, and not rare.
  const formats = patterns.filter((p) => p.distinctValues > 1 && p.share >= 0.05);
  const nanp = formats.filter((p) => northAmerican.some((shape) => shape.test(p.pattern)));
  const nanpShare = nanp.reduce((sum, p) => sum + p.share, 0);
  const defaultRegion = nanpShare >= 0.5 ? 'US' : undefined;
  return {
    id: `${table.table}/${column.name}/normalize-phone`,
    table: table.table,
    column: column.name,
    kind: 'normalize-phone',
    title: `Write the phone numbers of ${column.name} in one format, E.164 (normalize_phone)`,
    reason:
      `${column.name} is written in ${count(formats.length)} formats` +
      (formats.length > 0
        ? ` (${formats
            .slice(0, 4)
            .map((p) => p.pattern)
            .join(', ')})`
        : '') +
      (defaultRegion ? '; numbers without a country code are read as US numbers.' : '.') +
      ' Values that are not phone numbers are rejected with their reason.',
    step: {
      name: 'normalize_phone',
      params: { ...(defaultRegion ? { defaultRegion } : {}), strict: false, extension: 'drop', format: 'e164' },
    },
    answers: formats.length > 1 ? 'mixed-formats' : null,
  };
}

function dateSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  if (column.kind !== 'text' || column.inferred?.type !== 'date') return null;
  const patterns = column.patterns?.values ?? [];
  const withTime = patterns.some((p) => /9:99/.test(p.pattern));
  const formats = column.inferred.formats ?? 1;
  const step: TransformStep = withTime
    ? { name: 'parse_timestamp', params: { formats: ['auto'], assumeTimeZone: 'UTC', output: 'utc' } }
    : { name: 'parse_date', params: { formats: ['auto'] } };
  return {
    id: `${table.table}/${column.name}/parse-date`,
    table: table.table,
    column: column.name,
    kind: 'parse-date',
    title: `Read the ${withTime ? 'timestamps' : 'dates'} of ${column.name} (${step.name})`,
    reason:
      `${column.name} holds ${withTime ? 'dates and times' : 'dates'} as text in ${count(formats)} format${formats === 1 ? '' : 's'}` +
      (patterns.length > 0
        ? `, e.g. ${patterns
            .slice(0, 3)
            .map((p) => `"${p.example}"`)
            .join(', ')}`
        : '') +
      `.${withTime ? ' Values without an offset are taken as UTC: change assumeTimeZone if they were written elsewhere.' : ''}`,
    step,
    answers: formats > 1 ? 'mixed-formats' : 'dates-as-text',
  };
}

const currency = /[$€£¥]|\b(?:usd|eur|gbp|cad|aud)\b/i;

function numberSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  const stored = column.storageClasses;
  // SQLite keeps each value in the class it was written as: mostly numbers, some text, is a numeric column.
  const mostlyStoredAsNumbers = stored !== null && stored.integer + stored.real > stored.text && stored.text > 0;
  const numericKind =
    column.kind === 'integer' || column.kind === 'decimal' || column.kind === 'float' || mostlyStoredAsNumbers;
  const examples = [...column.top.map((v) => v.value), ...(column.patterns?.values.map((p) => p.example) ?? [])];
  const withCurrency = examples.some((value) => currency.test(value));
  if (numericKind) {
    const textValues = column.storageClasses?.text ?? column.numericText ?? 0;
    if (textValues === 0) return null;
    return {
      id: `${table.table}/${column.name}/parse-number`,
      table: table.table,
      column: column.name,
      kind: 'parse-number',
      title: `Read the numbers written as text in ${column.name} (parse_number)`,
      reason: `${count(textValues)} values of ${column.name} are stored as text${
        withCurrency ? ', some with a currency symbol' : ''
      }; read as numbers, they load into a numeric column.`,
      step: {
        name: 'parse_number',
        params: { decimalSeparator: '.', allowCurrencySymbols: withCurrency, output: 'string' },
      },
      answers: 'numbers-as-text',
    };
  }
  if (column.kind !== 'text' || column.inferred?.type !== 'number' || column.inferred.share < 0.99) return null;
  const patterns = column.patterns?.values ?? [];
  const integersOnly = patterns.length > 0 && patterns.every((p) => /^-?9+$/.test(p.pattern));
  // Leading zeros ("04682") are a code, not a number: casting would lose them.
  const leadingZero = column.top.some((v) => /^-?0\d/.test(v.value)) || (column.min ?? '').startsWith('0');
  if (leadingZero) return null;
  const to = integersOnly ? { kind: 'integer', bits: 64 } : { kind: 'decimal', precision: 18, scale: 4 };
  return {
    id: `${table.table}/${column.name}/cast-number`,
    table: table.table,
    column: column.name,
    kind: 'cast-number',
    title: `Convert ${column.name} to ${integersOnly ? 'an integer' : 'a decimal'} (cast)`,
    reason: `${column.name} is text, but every value is a number; a numeric target column sorts and sums them correctly.`,
    step: { name: 'cast', params: { to, truncate: false, round: 'reject' } },
    answers: 'numbers-as-text',
  };
}

function booleanSuggestion(table: TableProfile, column: ColumnProfile): RuleSuggestion | null {
  if (column.kind !== 'text' || column.inferred?.type !== 'boolean') return null;
  const spellings = column.top.map((v) => `"${v.value}"`).slice(0, 6);
  return {
    id: `${table.table}/${column.name}/to-boolean`,
    table: table.table,
    column: column.name,
    kind: 'to-boolean',
    title: `Read ${column.name} as yes/no (to_boolean)`,
    reason: `${column.name} writes yes and no as ${spellings.join(', ')}; a boolean target column needs true or false.`,
    step: { name: 'to_boolean', params: {} },
    answers: null,
  };
}

function orphanSuggestions(table: TableProfile): RuleSuggestion[] {
  return table.orphans
    .filter((o) => o.rows > 0 && o.columns.length === 1 && o.examples.length === o.distinctValues)
    .map((orphan) => {
      const column = orphan.columns[0] ?? '';
      const target = `${orphan.references.table}.${orphan.references.columns.join(', ')}`;
      const map = Object.fromEntries(orphan.examples.map((e) => [e.values[0] ?? '', null]));
      const listed = orphan.examples.map((e) => e.values[0] ?? '').join(', ');
      return {
        id: `${table.table}/${column}/orphans-to-null`,
        table: table.table,
        column,
        kind: 'orphans-to-null' as const,
        title: `Turn the ${count(orphan.distinctValues)} missing ${column} value${orphan.distinctValues === 1 ? '' : 's'} into null (value_map)`,
        reason:
          `${count(orphan.rows)} rows have a ${column} that is not in ${target} (${listed}). As null, the row takes the ` +
          `column's default for null, or is rejected with its reason when the target column is NOT NULL without one; ` +
          `without this rule the run quarantines these rows after the load.`,
        step: { name: 'value_map', params: { map, caseInsensitive: false, trim: true, unmapped: 'pass' } },
        answers: 'orphans' as const,
      };
    });
}

/** Every rule the profile of one table suggests, table findings first, then columns in table order. */
export function suggestRules(table: TableProfile): RuleSuggestion[] {
  const suggestions: RuleSuggestion[] = [...orphanSuggestions(table)];
  for (const column of table.columns) {
    for (const suggest of [
      emailSuggestion,
      phoneSuggestion,
      dateSuggestion,
      numberSuggestion,
      booleanSuggestion,
      valueMapSuggestion,
    ]) {
      const suggestion = suggest(table, column);
      if (suggestion) suggestions.push(suggestion);
    }
  }
  return suggestions;
}
