import { useEffect, useRef } from 'react';
import type { ColumnProfile, TableProfile } from '../../../src-shared/profile';
import { formatInteger } from '../../lib/format';
import { selectProfileColumn } from '../../state/profile';
import { CountBars, Histogram, shownValue } from './Charts';

function number(value: number): string {
  if (Number.isInteger(value)) return formatInteger(value);
  return value.toLocaleString(undefined, { maximumFractionDigits: 3 });
}

/** One column in depth: its figures, histogram, most common values and formats. */
export function ColumnDetail({ profile, column }: { profile: TableProfile; column: ColumnProfile }) {
  const present = profile.profiledRows - column.nulls;
  const patterns = column.patterns;
  const section = useRef<HTMLElement>(null);
  // The detail opens under the grid: bring it into view when another column is chosen.
  useEffect(() => {
    section.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [column.name]);
  return (
    <section ref={section} className="profile-section column-detail" aria-label={`Column ${column.name}`}>
      <header className="profile-section-header">
        <h3>
          Column <span className="mono">{column.name}</span>{' '}
          <span className="muted">
            {column.nativeType} → {column.portableType}
          </span>
        </h3>
        <button type="button" className="button-ghost" onClick={() => selectProfileColumn(null)}>
          Close
        </button>
      </header>
      <dl className="profile-figures">
        <div>
          <dt>Values</dt>
          <dd>{formatInteger(present)}</dd>
        </div>
        <div>
          <dt>Nulls</dt>
          <dd>{formatInteger(column.nulls)}</dd>
        </div>
        {column.emptyStrings !== null ? (
          <div>
            <dt>Empty strings</dt>
            <dd>{formatInteger(column.emptyStrings)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Distinct{profile.sampled ? ' (in the sample)' : ''}</dt>
          <dd>{column.distinct === null ? '—' : formatInteger(column.distinct)}</dd>
        </div>
        {column.numbers ? (
          <>
            <div>
              <dt>Mean</dt>
              <dd>{number(column.numbers.mean)}</dd>
            </div>
            <div>
              <dt>Std. deviation</dt>
              <dd>{number(column.numbers.stddev)}</dd>
            </div>
          </>
        ) : null}
        {column.length ? (
          <div>
            <dt>Length</dt>
            <dd>
              {column.length.min}–{column.length.max}, avg {column.length.mean.toFixed(1)}
            </dd>
          </div>
        ) : null}
        {column.storageClasses ? (
          <div>
            <dt>Stored as</dt>
            <dd>
              {(['integer', 'real', 'text', 'blob'] as const)
                .filter((k) => (column.storageClasses?.[k] ?? 0) > 0)
                .map((k) => `${formatInteger(column.storageClasses?.[k] ?? 0)} ${k}`)
                .join(', ') || '—'}
            </dd>
          </div>
        ) : null}
        {column.inferred ? (
          <div>
            <dt>Looks like</dt>
            <dd>
              {column.inferred.type} ({(column.inferred.share * 100).toFixed(0)}%)
              {column.inferred.formats ? `, ${column.inferred.formats} formats` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="column-detail-charts">
        {column.histogram ? (
          <div>
            <h4>Histogram</h4>
            <Histogram buckets={column.histogram.buckets} of={column.histogram.of} />
          </div>
        ) : null}
        {column.top.length > 0 ? (
          <div>
            <h4>Most common values</h4>
            <CountBars
              label={`Most common values of ${column.name}`}
              items={column.top.slice(0, 12).map((v, i) => ({
                key: `${i}`,
                label: shownValue(v.value),
                count: v.count,
                share: v.share,
              }))}
            />
          </div>
        ) : null}
        {patterns && patterns.values.length > 0 ? (
          <div>
            <h4>
              Formats{' '}
              <span className="muted">
                {formatInteger(patterns.distinct)} patterns
                {patterns.sampleRows !== null ? ` · from ${formatInteger(patterns.sampleRows)} sampled rows` : ''}
              </span>
            </h4>
            <CountBars
              label={`Formats of ${column.name}`}
              items={patterns.values.slice(0, 12).map((p, i) => ({
                key: `${i}`,
                label: p.pattern,
                count: p.count,
                share: p.share,
                note: `e.g. ${p.example}`,
              }))}
            />
          </div>
        ) : null}
      </div>
    </section>
  );
}
