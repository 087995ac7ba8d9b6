/** Small inline SVG charts for profiles: a sparkline-sized bar strip, a histogram, share bars. */
import type { HistogramBucket } from '../../../src-shared/profile';
import { formatInteger } from '../../lib/format';

/** Bars only, for a grid cell: the shape of a column's distribution at a glance. */
export function Sparkbars({ counts, label }: { counts: readonly number[]; label: string }) {
  const width = 84;
  const height = 20;
  const max = Math.max(1, ...counts);
  const bar = counts.length === 0 ? 0 : width / counts.length;
  return (
    <svg className="sparkbars" width={width} height={height} role="img" aria-label={label}>
      {counts.map((count, index) => {
        const h = count === 0 ? 0 : Math.max(1, (count / max) * height);
        return <rect key={index} x={index * bar} y={height - h} width={Math.max(1, bar - 1)} height={h} />;
      })}
    </svg>
  );
}

/** A share as a thin bar with its percentage (null %, empty %). */
export function ShareBar({ share, tone = 'plain' }: { share: number; tone?: 'plain' | 'warn' }) {
  const percent = share * 100;
  const text =
    share > 0 && percent < 0.1
      ? '<0.1%'
      : `${percent < 10 && percent !== 0 ? percent.toFixed(1) : Math.round(percent)}%`;
  return (
    <span className="share-bar">
      <span className="share-bar-track" aria-hidden="true">
        <span className={`share-bar-fill share-${tone}`} style={{ width: `${Math.min(100, percent)}%` }} />
      </span>
      <span className="share-bar-text">{text}</span>
    </span>
  );
}

function edgeLabel(value: number, of: 'values' | 'dates' | 'lengths'): string {
  if (of === 'dates') return new Date(value * 1000).toISOString().slice(0, 10);
  if (Math.abs(value) >= 1e6 || (Math.abs(value) < 1e-2 && value !== 0)) return value.toExponential(1);
  return Number.isInteger(value) ? formatInteger(value) : value.toFixed(2);
}

/** A histogram with its first and last edges and the tallest bar's count. */
export function Histogram({
  buckets,
  of,
}: {
  buckets: readonly HistogramBucket[];
  of: 'values' | 'dates' | 'lengths';
}) {
  const width = 420;
  const height = 120;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const bar = buckets.length === 0 ? 0 : width / buckets.length;
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  return (
    <figure className="histogram">
      <svg width={width} height={height + 18} role="img" aria-label={`Histogram of ${of}`}>
        {buckets.map((bucket, index) => {
          const h = bucket.count === 0 ? 0 : Math.max(1, (bucket.count / max) * height);
          return (
            <rect key={index} x={index * bar} y={height - h} width={Math.max(1, bar - 2)} height={h}>
              <title>
                {edgeLabel(bucket.from, of)} – {edgeLabel(bucket.to, of)}: {formatInteger(bucket.count)}
              </title>
            </rect>
          );
        })}
        <line x1={0} x2={width} y1={height + 0.5} y2={height + 0.5} />
        {first ? (
          <text x={0} y={height + 14}>
            {edgeLabel(first.from, of)}
          </text>
        ) : null}
        {last ? (
          <text x={width} y={height + 14} textAnchor="end">
            {edgeLabel(last.to, of)}
          </text>
        ) : null}
      </svg>
      <figcaption>
        {of === 'lengths' ? 'Text lengths' : of === 'dates' ? 'Dates' : 'Values'} · tallest bar {formatInteger(max)}
      </figcaption>
    </figure>
  );
}

/** Values (or formats) with a bar for their count, most common first. */
export function CountBars({
  items,
  label,
}: {
  items: readonly { key: string; label: string; count: number; share: number; note?: string }[];
  label: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <table className="count-bars" aria-label={label}>
      <tbody>
        {items.map((item) => (
          <tr key={item.key}>
            <td className="count-bars-label mono" title={item.note ?? item.label}>
              {item.label}
            </td>
            <td className="count-bars-bar">
              <span className="count-bars-fill" style={{ width: `${(item.count / max) * 100}%` }} />
            </td>
            <td className="count-bars-count">{formatInteger(item.count)}</td>
            <td className="count-bars-share muted">{(item.share * 100).toFixed(1)}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A value as shown: visible spaces at the ends, line breaks as ⏎, empty as (empty). */
export function shownValue(value: string): string {
  if (value === '') return '(empty)';
  const line = value.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
  const short = line.length > 48 ? `${line.slice(0, 47)}…` : line;
  return /^\s|\s$/.test(value) ? `“${short}”` : short;
}
