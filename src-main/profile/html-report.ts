/**
 * The profile as one self-contained HTML file: inline CSS, charts as inline SVG drawn here, no
 * script and no network (a content security policy forbids any). Every text from the data is
 * escaped; values can hold anything.
 */
import type { ColumnProfile, ExampleRow, HistogramBucket, ProfileAlert, TableProfile } from '../../src-shared/profile';
import { formatInteger, formatShare } from './alerts';

export type HtmlReportInput = {
  /** What was profiled, e.g. the connection URL (without password). */
  source: string;
  profiledAt: string;
  tables: readonly TableProfile[];
  /** Tally's version, for the footer. */
  version?: string;
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shorten(text: string, length: number): string {
  const oneLine = text.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}

/** A value as shown in a cell: visible spaces at the ends, line breaks as ⏎. */
function shownValue(value: string | null): string {
  if (value === null) return '<span class="none">–</span>';
  if (value === '') return '<span class="none">(empty)</span>';
  const text = escapeHtml(shorten(value, 60));
  return /^\s|\s$/.test(value) ? `<span class="quoted">“${text}”</span>` : text;
}

function number(value: number, digits = 2): string {
  if (Number.isInteger(value)) return formatInteger(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-3)) return value.toExponential(digits);
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Horizontal bars: one per value, its count at the end. */
export function topValuesChart(values: readonly { value: string; count: number }[]): string {
  if (values.length === 0) return '';
  const rowHeight = 18;
  const labelWidth = 150;
  const barWidth = 170;
  const width = labelWidth + barWidth + 70;
  const height = values.length * rowHeight + 4;
  const max = Math.max(1, ...values.map((v) => v.count));
  const rows = values.map((v, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(1, Math.round((v.count / max) * barWidth));
    const label = v.value === '' ? '(empty)' : shorten(v.value, 22);
    return (
      `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${escapeHtml(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" rx="2"></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 13}">${escapeHtml(formatInteger(v.count))}</text>`
    );
  });
  return `<svg class="chart bars" role="img" aria-label="most common values" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}

function edgeLabel(value: number, of: NonNullable<ColumnProfile['histogram']>['of']): string {
  if (of === 'dates') {
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 10);
  }
  return of === 'lengths' ? `${number(value, 0)} chars` : number(value, 3);
}

/** Vertical bars of equal width, with the range written below (the column's min and max when given). */
export function histogramChart(
  buckets: readonly HistogramBucket[],
  of: NonNullable<ColumnProfile['histogram']>['of'],
  range?: { from: string; to: string },
): string {
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  if (!first || !last) return '';
  const width = 360;
  const plotHeight = 90;
  const height = plotHeight + 22;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const step = width / buckets.length;
  const bars = buckets.map((b, i) => {
    const h = b.count === 0 ? 0 : Math.max(1, Math.round((b.count / max) * plotHeight));
    const title = `${edgeLabel(b.from, of)} – ${edgeLabel(b.to, of)}: ${formatInteger(b.count)}`;
    return `<rect x="${(i * step + 1).toFixed(1)}" y="${plotHeight - h}" width="${Math.max(1, step - 2).toFixed(1)}" height="${h}"><title>${escapeHtml(title)}</title></rect>`;
  });
  return (
    `<svg class="chart histogram" role="img" aria-label="histogram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line x1="0" y1="${plotHeight + 0.5}" x2="${width}" y2="${plotHeight + 0.5}"></line>${bars.join('')}` +
    `<text x="0" y="${height - 4}">${escapeHtml(shorten(range?.from ?? edgeLabel(first.from, of), 28))}</text>` +
    `<text x="${width}" y="${height - 4}" text-anchor="end">${escapeHtml(shorten(range?.to ?? edgeLabel(last.to, of), 28))}</text></svg>`
  );
}

function alertList(alerts: readonly ProfileAlert[]): string {
  if (alerts.length === 0) return '<p class="none">No alerts.</p>';
  return `<ul class="alerts">${alerts
    .map((a) => `<li class="${a.severity}"><span class="badge">${a.severity}</span> ${escapeHtml(a.message)}</li>`)
    .join('')}</ul>`;
}

function columnRow(column: ColumnProfile): string {
  const cells = [
    `<th scope="row">${escapeHtml(column.name)}</th>`,
    `<td>${escapeHtml(column.nativeType || '(none)')}<br><span class="muted">${escapeHtml(column.portableType)}</span></td>`,
    `<td class="num">${formatShare(column.nullShare)}<br><span class="muted">${formatInteger(column.nulls)}</span></td>`,
    `<td class="num">${column.emptyShare === null ? '–' : formatShare(column.emptyShare)}</td>`,
    `<td class="num">${column.distinct === null ? '–' : formatInteger(column.distinct)}</td>`,
    `<td>${shownValue(column.min)}</td>`,
    `<td>${shownValue(column.max)}</td>`,
    `<td class="num">${column.length ? `${column.length.min}–${column.length.max}<br><span class="muted">mean ${number(column.length.mean, 1)}</span>` : column.numbers ? `mean ${number(column.numbers.mean)}<br><span class="muted">sd ${number(column.numbers.stddev)}</span>` : '–'}</td>`,
    `<td>${column.inferred ? `${escapeHtml(column.inferred.type)} <span class="muted">${formatShare(column.inferred.share)}</span>` : ''}${storageLabel(column) ? `<br><span class="muted">${escapeHtml(storageLabel(column))}</span>` : ''}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

/** SQLite's storage classes, when a column mixes them ("stored as 862 real, 52 text"). */
function storageLabel(column: ColumnProfile): string {
  const classes = Object.entries(column.storageClasses ?? {}).filter(([, count]) => count > 0);
  if (classes.length < 2) return '';
  return `stored as ${classes.map(([name, count]) => `${formatInteger(count)} ${name}`).join(', ')}`;
}

function columnDetails(column: ColumnProfile): string {
  const parts: string[] = [];
  if (column.top.some((v) => v.count > 1))
    parts.push(`<figure><figcaption>Most common values</figcaption>${topValuesChart(column.top)}</figure>`);
  else if (column.top.length > 0) parts.push('<figure><figcaption>Every value occurs once.</figcaption></figure>');
  const histogram = column.histogram;
  if (histogram) {
    const range =
      histogram.of === 'lengths' && column.length
        ? { from: `${column.length.min} chars`, to: `${column.length.max} chars` }
        : histogram.of === 'values' && column.numbers
          ? { from: number(column.numbers.min, 3), to: number(column.numbers.max, 3) }
          : column.min !== null && column.max !== null
            ? { from: column.min, to: column.max }
            : undefined;
    parts.push(
      `<figure><figcaption>Histogram of ${histogram.of}</figcaption>${histogramChart(histogram.buckets, histogram.of, range)}</figure>`,
    );
  }
  if (column.patterns && column.patterns.values.length > 0) {
    const { computedIn, sampleRows } = column.patterns;
    const how =
      computedIn === 'sample'
        ? `computed by Tally on ${formatInteger(sampleRows ?? 0)} rows read`
        : sampleRows === null
          ? 'computed in the database'
          : `computed in the database on a sample of ${formatInteger(sampleRows)} rows`;
    const rows = column.patterns.values
      .slice(0, 15)
      .map(
        (p) =>
          `<tr><td><code>${escapeHtml(shorten(p.pattern, 44))}</code></td><td class="num">${formatInteger(p.count)}</td><td class="num">${formatShare(p.share)}</td><td>${shownValue(p.example)}</td></tr>`,
      )
      .join('');
    parts.push(
      `<figure><figcaption>Formats (${formatInteger(column.patterns.distinct)} patterns, ${how})</figcaption><table class="small"><thead><tr><th>Pattern</th><th>Rows</th><th>Share</th><th>Example</th></tr></thead><tbody>${rows}</tbody></table></figure>`,
    );
  }
  if (parts.length === 0) return '';
  return `<details open><summary>${escapeHtml(column.name)} <span class="muted">${escapeHtml(column.kind)}</span></summary><div class="figures">${parts.join('')}</div></details>`;
}

/** Whole example rows: one column per field, nulls shown as such. */
function rowsTable(rows: readonly ExampleRow[]): string {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const head = names.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${names.map((name) => `<td>${row[name] == null ? '<i>null</i>' : escapeHtml(row[name])}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<div class="scroll"><table class="small"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function tableSection(profile: TableProfile, index: number): string {
  const size = `${profile.rowCountExact ? '' : '≈'}${formatInteger(profile.rowCount)} rows`;
  const sample = profile.sampled
    ? `<p class="sampled">Profiled on a sample of ${formatInteger(profile.sampled.rows)} rows: ${escapeHtml(profile.sampled.method)}. Counts are of the sample.</p>`
    : '';
  const duplicates =
    profile.duplicates.length === 0
      ? ''
      : `<h3>Duplicate candidate keys</h3><table class="small"><thead><tr><th>Column</th><th>Compared</th><th>Groups</th><th>Rows</th><th>Examples</th></tr></thead><tbody>${profile.duplicates
          .map(
            (d) =>
              `<tr><td>${escapeHtml(d.columns.join(', '))}</td><td>${d.normalization === 'exact' ? 'exactly' : 'lower-case, trimmed'}</td><td class="num">${formatInteger(d.groups)}</td><td class="num">${formatInteger(d.rows)}</td><td>${d.examples
                .slice(0, 3)
                .map(
                  (e) => `${(e.variants.length > 0 ? e.variants : [e.value]).map(shownValue).join(' / ')} ×${e.count}`,
                )
                .join('<br>')}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const orphans =
    profile.orphans.length === 0
      ? ''
      : `<h3>Foreign keys checked</h3><table class="small"><thead><tr><th>Column</th><th>References</th><th>Key</th><th>Matched</th><th>Orphan rows</th><th>Missing values</th><th>Examples</th></tr></thead><tbody>${profile.orphans
          .map(
            (o) =>
              `<tr><td>${escapeHtml(o.columns.join(', '))}</td><td>${escapeHtml(`${o.references.table} (${o.references.columns.join(', ')})`)}</td><td>${o.declared ? 'declared' : 'likely'}</td><td class="num">${formatShare(o.matchedShare)}</td><td class="num">${formatInteger(o.rows)}</td><td class="num">${formatInteger(o.distinctValues)}</td><td>${o.examples
                .map((e) => `${escapeHtml(e.values.join(', '))} ×${e.count}`)
                .join('<br>')}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  const exampleRows = [
    ...profile.orphans
      .filter((o) => o.exampleRows.length > 0)
      .map((o) => ({
        title: `Rows whose ${o.columns.join(', ')} has no match in ${o.references.table}`,
        rows: o.exampleRows,
      })),
    ...profile.duplicates
      .filter((d) => d.exampleRows.length > 0)
      .map((d) => ({
        title: `Rows sharing a ${d.columns.join(', ')}${d.normalization === 'exact' ? '' : ' (lower-case, trimmed)'}`,
        rows: d.exampleRows,
      })),
  ]
    .map((example) => `<h4>${escapeHtml(example.title)}</h4>${rowsTable(example.rows)}`)
    .join('');
  return (
    `<section id="table-${index}"><h2>${escapeHtml(profile.table)}</h2>` +
    `<p class="meta">${size} · ${profile.columns.length} columns · profiled in ${(profile.durationMs / 1000).toFixed(1)} s</p>${sample}` +
    `<h3>Alerts</h3>${alertList(profile.alerts)}` +
    `<h3>Columns</h3><div class="scroll"><table class="columns"><thead><tr><th>Column</th><th>Type</th><th>Null</th><th>Empty</th><th>Distinct</th><th>Min</th><th>Max</th><th>Length / number</th><th>Looks like</th></tr></thead><tbody>${profile.columns
      .map((c) => columnRow(c))
      .join('')}</tbody></table></div>` +
    duplicates +
    orphans +
    exampleRows +
    `<h3>Column details</h3>${profile.columns.map(columnDetails).join('')}</section>`
  );
}

const style = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 4px;padding-top:12px;border-top:2px solid #d8dee8}
h3{font-size:14px;margin:18px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:#4a5568}
.meta,.muted,.none{color:#6b7686}.muted{font-size:12px}.sampled{background:#fff7e0;border-left:4px solid #e0a800;padding:6px 10px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #e6eaf0}
thead th{font-size:12px;color:#4a5568;border-bottom:2px solid #d8dee8}td.num{text-align:right;white-space:nowrap}
table.small{font-size:13px}.scroll{overflow-x:auto}code{font:12px ui-monospace,Menlo,Consolas,monospace;white-space:pre}
ul.alerts{list-style:none;padding:0;margin:0}ul.alerts li{padding:4px 0}
.badge{display:inline-block;min-width:58px;font-size:11px;text-transform:uppercase;border-radius:3px;padding:1px 6px;text-align:center;color:#fff}
li.error .badge{background:#c53030}li.warning .badge{background:#c77700}li.info .badge{background:#4a6fa5}
nav ul{padding-left:18px}details{margin:6px 0;border:1px solid #e6eaf0;border-radius:4px;padding:4px 10px}
summary{cursor:pointer;font-weight:600}.figures{display:flex;flex-wrap:wrap;gap:24px;margin:8px 0}
figure{margin:0}figcaption{font-size:12px;color:#4a5568;margin-bottom:4px}
svg.chart text{font:11px system-ui,sans-serif;fill:#1d2430}svg.chart rect{fill:#4a6fa5}svg.chart line{stroke:#8a94a6}
.quoted{background:#fff1f0}footer{margin-top:40px;color:#6b7686;font-size:12px}
@media print{details{break-inside:avoid}}
`;

export function renderProfileHtml(input: HtmlReportInput): string {
  const alertCount = (profile: TableProfile): string => {
    const errors = profile.alerts.filter((a) => a.severity === 'error').length;
    const warnings = profile.alerts.filter((a) => a.severity === 'warning').length;
    return `${formatInteger(profile.alerts.length)} alerts${errors ? `, ${errors} errors` : ''}${warnings ? `, ${warnings} warnings` : ''}`;
  };
  const nav = input.tables
    .map(
      (t, i) =>
        `<li><a href="#table-${i}">${escapeHtml(t.table)}</a> <span class="muted">${formatInteger(t.rowCount)} rows · ${alertCount(t)}${t.sampled ? ' · sampled' : ''}</span></li>`,
    )
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Profile of ${escapeHtml(input.source)}</title><style>${style}</style></head><body>`,
    `<header><h1>Data profile</h1><p class="meta">${escapeHtml(input.source)} · profiled ${escapeHtml(input.profiledAt)} · ${formatInteger(input.tables.length)} tables</p></header>`,
    `<nav><ul>${nav}</ul></nav>`,
    ...input.tables.map(tableSection),
    `<footer>Made by Tally${input.version ? ` ${escapeHtml(input.version)}` : ''}. Statistics computed inside the database; patterns map A–Z to A, a–z to a and 0–9 to 9.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
