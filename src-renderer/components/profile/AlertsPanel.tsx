import { useState } from 'react';
import type { ProfileThresholds, TableProfile } from '../../../src-shared/profile';
import { resetThresholds, selectProfileColumn, setThreshold, useProfile } from '../../state/profile';

/** The thresholds a user can change, each with what it means, as percentages unless noted. */
const thresholdFields: { key: keyof ProfileThresholds; label: string; percent: boolean }[] = [
  { key: 'highNullRate', label: 'High null rate from', percent: true },
  { key: 'emptyStringRate', label: 'Empty strings from', percent: true },
  { key: 'highCardinality', label: 'High cardinality from (distinct share)', percent: true },
  { key: 'mixedFormatShare', label: 'A format counts from (share of values)', percent: true },
  { key: 'typedAsTextShare', label: 'Numbers/dates as text from', percent: true },
  { key: 'candidateKey', label: 'Candidate key from (distinct share)', percent: true },
  { key: 'dominantValue', label: 'Skewed when one value holds', percent: true },
  { key: 'skewness', label: 'Skewed numbers from skewness', percent: false },
];

function ThresholdsEditor() {
  const thresholds = useProfile((state) => state.thresholds);
  return (
    <form className="thresholds" aria-label="Alert thresholds" onSubmit={(event) => event.preventDefault()}>
      {thresholdFields.map((field) => {
        const value = thresholds[field.key];
        const shown = field.percent ? Math.round(value * 1000) / 10 : value;
        return (
          <label key={field.key} className="threshold">
            <span>{field.label}</span>
            <span className="threshold-input">
              <input
                type="number"
                min={0}
                max={field.percent ? 100 : undefined}
                step={field.percent ? 1 : 0.5}
                value={shown}
                aria-label={field.label}
                onChange={(event) => {
                  const number = Number(event.target.value);
                  if (event.target.value === '' || Number.isNaN(number)) return;
                  setThreshold(
                    field.key,
                    field.percent ? Math.min(100, Math.max(0, number)) / 100 : Math.max(0, number),
                  );
                }}
              />
              {field.percent ? '%' : ''}
            </span>
          </label>
        );
      })}
      <button type="button" className="button-ghost" onClick={resetThresholds}>
        Reset to defaults
      </button>
      <p className="muted thresholds-note">
        Which columns are checked for duplicates and likely foreign keys is decided when profiling: profile again to
        apply a new candidate-key threshold there.
      </p>
    </form>
  );
}

/** The table's alerts, most severe first; a click on one opens its column. */
export function AlertsPanel({ profile }: { profile: TableProfile }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="profile-section" aria-label="Alerts">
      <header className="profile-section-header">
        <h3>
          Alerts <span className="muted">{profile.alerts.length}</span>
        </h3>
        <button type="button" className="button-ghost" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {editing ? 'Hide thresholds' : 'Thresholds…'}
        </button>
      </header>
      {editing ? <ThresholdsEditor /> : null}
      {profile.alerts.length === 0 ? (
        <p className="muted">Nothing to report at these thresholds.</p>
      ) : (
        <ul className="alert-list">
          {profile.alerts.map((alert, index) => (
            <li key={`${alert.code}-${alert.column ?? ''}-${index}`} className={`alert alert-${alert.severity}`}>
              <span className={`alert-severity alert-severity-${alert.severity}`}>{alert.severity}</span>
              <span className="alert-code">{alert.code}</span>
              {alert.column ? (
                <button
                  type="button"
                  className="link-button mono"
                  onClick={() => selectProfileColumn(alert.column ?? null)}
                >
                  {alert.column}
                </button>
              ) : null}
              <span className="alert-message">{alert.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
