/**
 * The mapping document: what a consultant hands to the customer to agree on. For every target
 * table and field: its source, the transform rules, the default, what happens on error, the type
 * check, and the review status, owner and comment. Pure, so the grid, the CLI and tests share it.
 */
import type { ColumnMapping, Plan, TableMapping } from './plan';
import { formatPortableType, portableTypeSchema, type PortableType } from './portable-types';
import { formatTableRef } from './schema-info';
import { describeStep } from './transforms/catalogue';
import type { TransformStep } from './transforms/transform';
import { compareTypes, type TypeFit } from './type-compat';

export const mappingDocumentFormats = ['markdown', 'csv', 'html'] as const;
export type MappingDocumentFormat = (typeof mappingDocumentFormats)[number];

/**
 * The type check of one column mapping: compareTypes' verdict, or `unmapped` (nothing fills the
 * column) or `unknown` (the source's type is not recorded, e.g. a query source).
 */
export type TypeCheck = { status: TypeFit['status'] | 'unmapped' | 'unknown'; reason: string };

/** A source column as the plan recorded it when it was built (its fingerprint). */
export type SourceColumn = { name: string; type: PortableType | undefined; nullable: boolean };

const portableKinds = [
  'integer',
  'decimal',
  'float',
  'boolean',
  'text',
  'binary',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'uuid',
  'json',
] as const;

/**
 * Reads `formatPortableType`'s text back: `integer(32)`, `decimal(10,2)`, `text(120)`, `text`,
 * `timestamptz`… Undefined for anything else.
 */
export function parsePortableType(text: string): PortableType | undefined {
  const match = /^\s*([a-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*$/i.exec(text);
  if (!match) return undefined;
  const kind = (match[1] ?? '').toLowerCase();
  const first = match[2] === undefined ? undefined : Number(match[2]);
  const second = match[3] === undefined ? undefined : Number(match[3]);
  if (!(portableKinds as readonly string[]).includes(kind)) return undefined;
  let candidate: unknown;
  switch (kind) {
    case 'integer':
      candidate = { kind, bits: first ?? 64 };
      break;
    case 'decimal':
      candidate = first === undefined ? { kind } : { kind, precision: first, scale: second ?? 0 };
      break;
    case 'text':
    case 'binary':
      if (second !== undefined) return undefined;
      candidate = first === undefined ? { kind } : { kind, length: first };
      break;
    default:
      if (first !== undefined) return undefined;
      candidate = { kind };
  }
  const parsed = portableTypeSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The source columns of a table mapping as recorded in the plan's source fingerprint (the
 * fingerprint's type reads `NATIVE → portable`). Empty for a query source.
 */
export function sourceColumnsOf(plan: Plan, table: TableMapping): SourceColumn[] {
  if (!('table' in table.source)) return [];
  const ref = table.source.table;
  const recorded =
    plan.sourceFingerprint.tables.find((t) => t.name === ref.name && t.schema === ref.schema) ??
    plan.sourceFingerprint.tables.find((t) => t.name === ref.name && (t.schema === null || ref.schema === null));
  if (!recorded) return [];
  return recorded.columns.map((column) => {
    const arrow = column.type.lastIndexOf('→');
    const portable = arrow >= 0 ? column.type.slice(arrow + 1) : column.type;
    return { name: column.name, type: parsePortableType(portable), nullable: column.nullable };
  });
}

/** Transforms whose result is text whatever they are given (a text input keeps its length bound). */
const textResults = new Set([
  'trim',
  'case',
  'concat',
  'split_name',
  'regex_extract',
  'regex_replace',
  'normalize_email',
  'normalize_phone',
  'mask',
  'hash',
  'substring',
]);

function typeFromParam(value: unknown): PortableType | undefined {
  if (typeof value === 'string') return parsePortableType(value);
  const parsed = portableTypeSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function typeOfStep(current: PortableType | undefined, step: TransformStep): PortableType | undefined {
  const { name, params } = step;
  if (name === 'cast') return typeFromParam(params.to ?? params.type) ?? current;
  if (name === 'parse_date') return { kind: 'date' };
  if (name === 'parse_timestamp') return params.output === 'local' ? { kind: 'timestamp' } : { kind: 'timestamptz' };
  // A JavaScript number is a double; the decimal text output keeps every digit.
  if (name === 'parse_number') return params.output === 'string' ? { kind: 'decimal' } : { kind: 'float' };
  if (name === 'to_boolean') return { kind: 'boolean' };
  if (name === 'constant') {
    const value = params.value;
    if (typeof value === 'boolean') return { kind: 'boolean' };
    if (typeof value === 'number') return Number.isInteger(value) ? { kind: 'integer', bits: 64 } : { kind: 'float' };
    return { kind: 'text' };
  }
  if (textResults.has(name)) return current?.kind === 'text' ? current : { kind: 'text' };
  return current;
}

/**
 * The portable type of the value a chain hands to the target: what its last converting step
 * produces (cast, parse_*, to_boolean, text transforms), or the source's own type.
 */
export function chainResultType(
  sourceTypes: readonly (PortableType | undefined)[],
  chain: readonly TransformStep[],
): PortableType | undefined {
  let current: PortableType | undefined =
    sourceTypes.length === 1 ? sourceTypes[0] : sourceTypes.length > 1 ? { kind: 'text' } : undefined;
  for (const step of chain) current = typeOfStep(current, step);
  return current;
}

/** The grid's and the document's type status of one column mapping. */
export function checkColumnType(column: ColumnMapping, sourceColumns: readonly SourceColumn[]): TypeCheck {
  const target = formatPortableType(column.targetType);
  if (column.sources.length === 0 && column.transforms.length === 0) {
    if (column.defaultForNull !== undefined)
      return {
        status: 'fits',
        reason: `Not mapped: every row gets the default ${JSON.stringify(column.defaultForNull)}.`,
      };
    return column.targetNullable
      ? { status: 'unmapped', reason: 'Not mapped: the column stays null.' }
      : {
          status: 'unmapped',
          reason: 'Not mapped, and the column is NOT NULL without a default: every row is rejected.',
        };
  }
  const sources = column.sources.map((name) => sourceColumns.find((c) => c.name === name));
  const missing = column.sources.filter((_, index) => sources[index] === undefined);
  if (missing.length > 0 && sourceColumns.length > 0)
    return { status: 'incompatible', reason: `The source has no column ${missing.join(', ')}.` };
  const result = chainResultType(
    sources.map((source) => source?.type),
    column.transforms,
  );
  if (!result)
    return {
      status: 'unknown',
      reason: `The source's type is not recorded; values are checked against ${target} when written.`,
    };
  const fit = compareTypes(result, column.targetType);
  const nullable = sources.some((source) => source?.nullable !== false);
  if (
    fit.status === 'fits' &&
    nullable &&
    column.sources.length > 0 &&
    !column.targetNullable &&
    column.defaultForNull === undefined
  ) {
    return {
      status: 'lossy',
      reason: `The source may hold nulls, and ${column.target} is NOT NULL without a default: such rows are rejected.`,
    };
  }
  return fit;
}

/** `fits`, `lossy: why`, `incompatible: why`. */
export function formatTypeCheck(check: TypeCheck): string {
  return check.status === 'fits' ? `fits — ${check.reason}` : `${check.status}: ${check.reason}`;
}

const reviewLabels = { draft: 'draft', 'needs-decision': 'needs decision', agreed: 'agreed' } as const;

type DocumentRow = {
  field: string;
  type: string;
  sources: string;
  rules: string[];
  defaultForNull: string;
  onError: string;
  typeCheck: TypeCheck;
  status: string;
  owner: string;
  comment: string;
};

type DocumentTable = {
  target: string;
  source: string;
  createIfMissing: boolean;
  keyColumns: string[];
  filter: string | undefined;
  writeMode: string;
  rows: DocumentRow[];
};

function describeRules(chain: readonly TransformStep[]): string[] {
  return chain.map((step, index) => `${index + 1}. ${describeStep(step)}`);
}

function sourceText(table: TableMapping): string {
  return 'table' in table.source ? formatTableRef(table.source.table) : `query: ${table.source.query}`;
}

function documentTables(plan: Plan): DocumentTable[] {
  const byId = new Map(plan.tables.map((table) => [table.id, table]));
  const ordered = [
    ...plan.phases.flatMap((phase) => phase.tables.flatMap((id) => byId.get(id) ?? [])),
    ...plan.tables.filter((table) => !plan.phases.some((phase) => phase.tables.includes(table.id))),
  ];
  return [...new Set(ordered)].map((table) => {
    const sourceColumns = sourceColumnsOf(plan, table);
    return {
      target: formatTableRef(table.target),
      source: sourceText(table),
      createIfMissing: table.createIfMissing,
      keyColumns: table.keyColumns,
      filter: table.filter,
      writeMode: table.writeMode,
      rows: table.columns.map((column) => ({
        field: column.target,
        type: `${formatPortableType(column.targetType)}${column.targetNullable ? '' : ' NOT NULL'}`,
        sources: column.sources.join(' + '),
        rules: describeRules(column.transforms),
        defaultForNull: column.defaultForNull === undefined ? '' : JSON.stringify(column.defaultForNull),
        onError: column.onError === 'reject' ? 'reject the row' : 'use the default',
        typeCheck: checkColumnType(column, sourceColumns),
        status: reviewLabels[column.review.status],
        owner: column.review.owner ?? '',
        comment: column.review.comment ?? '',
      })),
    };
  });
}

export type MappingDocumentOptions = {
  /** Printed in the document's heading; omitted when absent so the output is reproducible. */
  generatedAt?: Date;
};

/** The mapping document of a plan in Markdown, CSV (RFC 4180) or printable, self-contained HTML. */
export function mappingDocument(
  plan: Plan,
  format: MappingDocumentFormat,
  options: MappingDocumentOptions = {},
): string {
  const tables = documentTables(plan);
  switch (format) {
    case 'markdown':
      return markdownDocument(plan, tables, options);
    case 'csv':
      return csvDocument(tables);
    case 'html':
      return htmlDocument(plan, tables, options);
  }
}

// ---- Markdown -----------------------------------------------------------------------------

/** A table cell: pipes and backslashes escaped, line breaks as <br>, HTML-ish text defused. */
function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * Running text: Markdown's active characters escaped, except an underscore inside a word
 * (`order_items`), which GitHub-flavoured Markdown never reads as emphasis.
 */
function markdownText(text: string): string {
  return text
    .replace(/([\\`*[\]<>#|])/g, '\\$1')
    .replace(/_/g, (underscore, offset: number, whole: string) =>
      /[\p{L}\p{N}]/u.test(whole.charAt(offset - 1)) && /[\p{L}\p{N}]/u.test(whole.charAt(offset + 1))
        ? underscore
        : '\\_',
    )
    .replace(/\r\n|\r|\n/g, ' ');
}

function markdownDocument(plan: Plan, tables: DocumentTable[], options: MappingDocumentOptions): string {
  const lines: string[] = [`# Mapping document: ${markdownText(plan.name)}`, ''];
  lines.push(`- Source: \`${plan.source.url.replace(/`/g, "'")}\``);
  lines.push(`- Target: \`${plan.target.url.replace(/`/g, "'")}\``);
  lines.push(`- Plan created: ${plan.createdAt}`);
  if (options.generatedAt) lines.push(`- Document generated: ${options.generatedAt.toISOString()}`);
  lines.push('');
  for (const table of tables) {
    lines.push(`## ${markdownText(table.target)}`, '');
    lines.push(`- From: ${markdownText(table.source)}`);
    if (table.createIfMissing) lines.push('- Created by Tally when missing');
    lines.push(`- Key: ${table.keyColumns.length > 0 ? markdownText(table.keyColumns.join(', ')) : '(none)'}`);
    lines.push(`- Write mode: ${table.writeMode}`);
    if (table.filter) lines.push(`- Filter: ${markdownText(table.filter)}`);
    lines.push('');
    lines.push(
      '| Field | Type | Source | Transform rules | Default | On error | Type check | Status | Owner | Comment |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of table.rows) {
      const cells = [
        row.field,
        row.type,
        row.sources || '(none)',
        row.rules.join('\n'),
        row.defaultForNull,
        row.onError,
        formatTypeCheck(row.typeCheck),
        row.status,
        row.owner,
        row.comment,
      ];
      lines.push(`| ${cells.map(markdownCell).join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

// ---- CSV (RFC 4180) -----------------------------------------------------------------------

/**
 * One field: quoted when it holds a comma, quote or line break, quotes doubled. A field that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@` not starting a number) gets a leading
 * apostrophe, so a comment or column name cannot execute anything when the CSV is opened.
 */
function csvField(text: string): string {
  const defused = /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

function csvDocument(tables: DocumentTable[]): string {
  const header = [
    'Target table',
    'Field',
    'Type',
    'Source table',
    'Source columns',
    'Transform rules',
    'Default for null',
    'On error',
    'Type check',
    'Type check reason',
    'Status',
    'Owner',
    'Comment',
  ];
  const records = [header];
  for (const table of tables)
    for (const row of table.rows)
      records.push([
        table.target,
        row.field,
        row.type,
        table.source,
        row.sources,
        row.rules.join('\n'),
        row.defaultForNull,
        row.onError,
        row.typeCheck.status,
        row.typeCheck.reason,
        row.status,
        row.owner,
        row.comment,
      ]);
  return records.map((record) => record.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---- HTML ---------------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const htmlStyle = `
  body { font: 12px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #1f2328; margin: 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  h2 { font-size: 15px; margin: 28px 0 4px; }
  .facts { color: #667085; margin: 0 0 10px; padding: 0; list-style: none; }
  .facts li { display: inline-block; margin-right: 16px; }
  code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #d8dde3; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #f3f5f7; font-weight: 600; }
  ol { margin: 0; padding-left: 16px; }
  .fits { color: #1a7f37; }
  .lossy { color: #9a6700; }
  .incompatible, .unmapped { color: #c62828; }
  .unknown { color: #667085; }
  .status { white-space: nowrap; }
  .signature { margin-top: 32px; display: flex; gap: 48px; }
  .signature div { border-top: 1px solid #1f2328; padding-top: 4px; min-width: 220px; color: #667085; }
  @media print {
    body { margin: 0; font-size: 10px; }
    h2 { break-after: avoid; }
    tr { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

function htmlDocument(plan: Plan, tables: DocumentTable[], options: MappingDocumentOptions): string {
  const counts = { draft: 0, 'needs decision': 0, agreed: 0 } as Record<string, number>;
  for (const table of tables) for (const row of table.rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>Mapping document: ${escapeHtml(plan.name)}</title>`,
    `<style>${htmlStyle}</style>`,
    '</head>',
    '<body>',
    `<h1>Mapping document: ${escapeHtml(plan.name)}</h1>`,
    '<ul class="facts">',
    `<li>Source <code>${escapeHtml(plan.source.url)}</code></li>`,
    `<li>Target <code>${escapeHtml(plan.target.url)}</code></li>`,
    `<li>Plan created ${escapeHtml(plan.createdAt)}</li>`,
    options.generatedAt ? `<li>Generated ${escapeHtml(options.generatedAt.toISOString())}</li>` : '',
    `<li>${counts.agreed ?? 0} agreed, ${counts['needs decision'] ?? 0} need a decision, ${counts.draft ?? 0} draft</li>`,
    '</ul>',
  ];
  for (const table of tables) {
    parts.push(`<section><h2>${escapeHtml(table.target)}</h2>`, '<ul class="facts">');
    parts.push(`<li>From ${escapeHtml(table.source)}</li>`);
    if (table.createIfMissing) parts.push('<li>Created by Tally when missing</li>');
    parts.push(`<li>Key ${table.keyColumns.length > 0 ? escapeHtml(table.keyColumns.join(', ')) : '(none)'}</li>`);
    parts.push(`<li>Write mode ${escapeHtml(table.writeMode)}</li>`);
    if (table.filter) parts.push(`<li>Filter <code>${escapeHtml(table.filter)}</code></li>`);
    parts.push('</ul>', '<table>', '<thead><tr>');
    for (const heading of [
      'Field',
      'Type',
      'Source',
      'Transform rules',
      'Default',
      'On error',
      'Type check',
      'Status',
      'Owner',
      'Comment',
    ])
      parts.push(`<th>${heading}</th>`);
    parts.push('</tr></thead>', '<tbody>');
    for (const row of table.rows) {
      const rules =
        row.rules.length === 0
          ? ''
          : `<ol>${row.rules.map((rule) => `<li>${escapeHtml(rule.replace(/^\d+\.\s*/, ''))}</li>`).join('')}</ol>`;
      parts.push(
        '<tr>',
        `<td><strong>${escapeHtml(row.field)}</strong></td>`,
        `<td><code>${escapeHtml(row.type)}</code></td>`,
        `<td>${row.sources ? escapeHtml(row.sources) : '<em>(none)</em>'}</td>`,
        `<td>${rules}</td>`,
        `<td>${escapeHtml(row.defaultForNull)}</td>`,
        `<td>${escapeHtml(row.onError)}</td>`,
        `<td class="${row.typeCheck.status}"><strong>${row.typeCheck.status}</strong>: ${escapeHtml(row.typeCheck.reason)}</td>`,
        `<td class="status">${escapeHtml(row.status)}</td>`,
        `<td>${escapeHtml(row.owner)}</td>`,
        `<td>${escapeHtml(row.comment)}</td>`,
        '</tr>',
      );
    }
    parts.push('</tbody>', '</table>', '</section>');
  }
  parts.push(
    '<div class="signature"><div>Agreed for the customer (name, date)</div><div>Agreed for the migration (name, date)</div></div>',
    '</body>',
    '</html>',
    '',
  );
  return parts.filter((part) => part !== '').join('\n');
}
