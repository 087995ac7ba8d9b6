import type { ExampleRow, TableProfile } from '../../../src-shared/profile';
import { formatInteger } from '../../lib/format';
import { shownValue } from './Charts';

/** Whole rows of a finding, as read from the source: every column, nulls marked. */
function ExampleRows({
  rows,
  label,
  highlight,
}: {
  rows: readonly ExampleRow[];
  label: string;
  highlight: readonly string[];
}) {
  if (rows.length === 0) return null;
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <details className="example-rows">
      <summary>
        {label} ({formatInteger(rows.length)})
      </summary>
      <div className="example-rows-scroll">
        <table className="example-table" aria-label={label}>
          <thead>
            <tr>
              {names.map((name) => (
                <th key={name} className={highlight.includes(name) ? 'example-key' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                {names.map((name) => {
                  const value = row[name];
                  return (
                    <td key={name} className={highlight.includes(name) ? 'mono example-key' : 'mono'}>
                      {value === null || value === undefined ? <span className="muted">null</span> : shownValue(value)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Duplicate candidate keys and orphaned foreign-key values, with their example values, counts and rows. */
export function FindingsPanel({ profile }: { profile: TableProfile }) {
  const duplicates = profile.duplicates.filter((d) => d.groups > 0);
  const orphans = profile.orphans.filter((o) => o.rows > 0);
  const checked = profile.orphans.length - orphans.length;
  return (
    <section className="profile-section" aria-label="Duplicates and orphans">
      <header className="profile-section-header">
        <h3>Duplicates and orphans</h3>
      </header>
      {duplicates.length === 0 && orphans.length === 0 ? (
        <p className="muted">
          No duplicated candidate key and no orphaned value
          {checked > 0 ? ` (${checked} foreign key${checked === 1 ? '' : 's'} checked)` : ''}.
        </p>
      ) : null}
      <div className="findings">
        {orphans.map((orphan) => (
          <article key={`o-${orphan.columns.join(',')}`} className="finding finding-orphan">
            <h4>
              <span className="mono">{orphan.columns.join(', ')}</span> →{' '}
              <span className="mono">
                {orphan.references.table}.{orphan.references.columns.join(', ')}
              </span>{' '}
              <span className={`badge ${orphan.declared ? 'badge-fk' : 'badge-warn'}`}>
                {orphan.declared ? 'declared key' : `likely key, ${(orphan.matchedShare * 100).toFixed(1)}% match`}
              </span>
            </h4>
            <p>
              <strong>{formatInteger(orphan.rows)}</strong> rows point at{' '}
              <strong>{formatInteger(orphan.distinctValues)}</strong> missing values
              {profile.sampled ? ' (in the sample)' : ''}.
            </p>
            <table className="example-table">
              <thead>
                <tr>
                  <th>Missing value</th>
                  <th>Rows</th>
                </tr>
              </thead>
              <tbody>
                {orphan.examples.map((example) => (
                  <tr key={example.values.join('\u0000')}>
                    <td className="mono">{example.values.map(shownValue).join(', ')}</td>
                    <td>{formatInteger(example.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExampleRows
              rows={orphan.exampleRows}
              label="Rows that point at missing values"
              highlight={orphan.columns}
            />
          </article>
        ))}
        {duplicates.map((duplicate) => (
          <article key={`d-${duplicate.columns.join(',')}-${duplicate.normalization}`} className="finding">
            <h4>
              <span className="mono">{duplicate.columns.join(', ')}</span>{' '}
              <span className="badge">
                {duplicate.normalization === 'exact' ? 'exact duplicates' : 'duplicates ignoring case and spaces'}
              </span>
            </h4>
            <p>
              <strong>{formatInteger(duplicate.groups)}</strong> values repeat, in{' '}
              <strong>{formatInteger(duplicate.rows)}</strong> rows{profile.sampled ? ' of the sample' : ''}.
            </p>
            <table className="example-table">
              <thead>
                <tr>
                  <th>Value</th>
                  <th>Rows</th>
                  <th>Written as</th>
                </tr>
              </thead>
              <tbody>
                {duplicate.examples.map((example) => (
                  <tr key={example.value}>
                    <td className="mono">{shownValue(example.value)}</td>
                    <td>{formatInteger(example.count)}</td>
                    <td className="mono">
                      {example.variants.length > 0 ? example.variants.map(shownValue).join(' · ') : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <ExampleRows
              rows={duplicate.exampleRows}
              label="Rows sharing the most repeated values"
              highlight={duplicate.columns}
            />
          </article>
        ))}
      </div>
    </section>
  );
}
