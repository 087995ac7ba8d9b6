import { useEffect } from 'react';
import type { ProfileStep } from '../../src-shared/profile';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { AlertsPanel } from '../components/profile/AlertsPanel';
import { ColumnDetail } from '../components/profile/ColumnDetail';
import { ColumnProfileGrid } from '../components/profile/ColumnProfileGrid';
import { FindingsPanel } from '../components/profile/FindingsPanel';
import { ProfileTableList } from '../components/profile/ProfileTableList';
import { SuggestedRules } from '../components/profile/SuggestedRules';
import { ProgressBar } from '../components/run/ProgressBar';
import { formatInteger } from '../lib/format';
import { useConnections } from '../state/connections';
import { goTo } from '../state/navigation';
import {
  cancelProfile,
  chooseProfileSource,
  exportProfileHtml,
  exportProfileJson,
  selectRunning,
  selectTableProfile,
  setFullPass,
  startProfile,
  useProfile,
} from '../state/profile';

const stepLabels: Record<ProfileStep, string> = {
  sample: 'drawing the sample',
  statistics: 'counting nulls, lengths and ranges',
  details: 'values, formats, histograms and foreign keys',
  duplicates: 'looking for duplicates',
};

/** Step 3: what the source data really holds, profiled in the worker. */
export function ProfileScreen() {
  const connections = useConnections((state) => state.list);
  const connectionId = useProfile((state) => state.connectionId);
  const running = useProfile(selectRunning);
  const fullPass = useProfile((state) => state.fullPass);
  const hasTables = useProfile((state) => state.tables.length > 0);
  const sources = connections.filter((c) => c.role === 'source');
  const choices = sources.length > 0 ? sources : connections;

  // With one source only, there is nothing to choose.
  const only = choices.length === 1 ? choices[0] : undefined;
  useEffect(() => {
    if (connectionId === null && only) chooseProfileSource(only.id);
  }, [connectionId, only]);

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step="profile" title="Profile">
          <label htmlFor="profile-connection" className="inline-label">
            Source
          </label>
          <select
            id="profile-connection"
            value={connectionId ?? ''}
            disabled={running}
            onChange={(event) => chooseProfileSource(event.target.value || null)}
          >
            <option value="" disabled>
              {choices.length === 0 ? 'No saved connections' : 'Choose a connection…'}
            </option>
            {choices.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name} ({connection.role})
              </option>
            ))}
          </select>
          <label className="checkbox-field" title="Profile every row, also of tables above 500,000 rows">
            <input
              type="checkbox"
              checked={fullPass}
              disabled={running}
              onChange={(event) => setFullPass(event.target.checked)}
            />
            Full pass
          </label>
          {running ? (
            <button type="button" className="button-danger" onClick={cancelProfile}>
              Cancel
            </button>
          ) : (
            <button
              type="button"
              className="button-primary"
              disabled={connectionId === null}
              onClick={() => void startProfile()}
            >
              {hasTables ? 'Profile again' : 'Profile'}
            </button>
          )}
          <button type="button" disabled={!hasTables || running} onClick={() => void exportProfileHtml()}>
            HTML report
          </button>
          <button type="button" disabled={!hasTables || running} onClick={exportProfileJson}>
            JSON
          </button>
        </ScreenHeader>
        <ProfileStatus />
        <ProfileBody hasConnections={connections.length > 0} />
      </div>
    </div>
  );
}

function ProfileStatus() {
  const status = useProfile((state) => state.status);
  const progress = useProfile((state) => state.progress);
  const jobTables = useProfile((state) => state.jobTables);
  const error = useProfile((state) => state.error);
  const exportError = useProfile((state) => state.exportError);
  const done = useProfile((state) => state.tables.length);
  if (status === 'starting' || status === 'running') {
    const total = jobTables.length;
    const index = progress?.tableIndex ?? 0;
    return (
      <div className="profile-status" role="status" aria-label="Profiling progress">
        <span className="spinner" aria-hidden="true" />
        <span>
          {progress
            ? `Profiling ${progress.table} (${index + 1} of ${total}): ${stepLabels[progress.step]}…`
            : 'Starting the profiling worker…'}
        </span>
        <ProgressBar fraction={total === 0 ? null : index / total} label="Tables profiled" />
      </div>
    );
  }
  return (
    <>
      {status === 'cancelled' ? (
        <div className="notice notice-warn profile-notice" role="status">
          Profiling was cancelled; {formatInteger(done)} tables were profiled before it stopped.
        </div>
      ) : null}
      {error ? (
        <div className="profile-notice">
          <ErrorNotice error={error} />
        </div>
      ) : null}
      {exportError ? (
        <div className="profile-notice">
          <ErrorNotice error={exportError} />
        </div>
      ) : null}
    </>
  );
}

function ProfileBody({ hasConnections }: { hasConnections: boolean }) {
  const tables = useProfile((state) => state.tables);
  const jobTables = useProfile((state) => state.jobTables);
  const status = useProfile((state) => state.status);
  const selected = useProfile((state) => state.selectedTable);
  const profile = useProfile(selectTableProfile);
  const selectedColumn = useProfile((state) => state.selectedColumn);
  const running = useProfile(selectRunning);
  const column = profile?.columns.find((c) => c.name === selectedColumn) ?? null;

  if (tables.length === 0 && !running) {
    return (
      <div className="screen-content">
        <div className="empty-state">
          {hasConnections ? (
            <p>
              Choose a source and press <strong>Profile</strong>: every table is profiled inside the database, large
              ones on a sample.
            </p>
          ) : (
            <>
              <p>There is no saved connection to profile yet.</p>
              <button type="button" onClick={() => goTo('connect')}>
                Go to Connect
              </button>
            </>
          )}
          {status === 'failed' ? <p>The last attempt failed: see above.</p> : null}
        </div>
      </div>
    );
  }
  const pending = running ? jobTables.filter((name) => !tables.some((t) => t.table === name)) : [];
  return (
    <div className="schema-browser">
      <ProfileTableList tables={tables} pending={pending} selected={selected} />
      <div className="schema-detail profile-detail">
        {profile ? (
          <>
            <div className="table-details-header">
              <h2>{profile.table}</h2>
              <div className="table-stats">
                <span>
                  <strong>
                    {profile.rowCountExact ? '' : '≈ '}
                    {formatInteger(profile.rowCount)}
                  </strong>{' '}
                  rows
                </span>
                <span>
                  <strong>{formatInteger(profile.columns.length)}</strong> columns
                </span>
                <span className="muted">profiled in {(profile.durationMs / 1000).toFixed(2)} s</span>
              </div>
            </div>
            {profile.sampled ? (
              <div className="notice notice-warn sampled-notice" role="note">
                <span>
                  <strong>Sampled profile:</strong> {formatInteger(profile.sampled.rows)} of about{' '}
                  {formatInteger(profile.rowCount)} rows ({profile.sampled.method}). Counts are of the sample; distinct
                  counts are marked ≈.
                </span>
                <button
                  type="button"
                  disabled={running}
                  onClick={() => void startProfile({ tables: [profile.table], full: true })}
                >
                  Full pass
                </button>
              </div>
            ) : null}
            <AlertsPanel profile={profile} />
            <SuggestedRules profile={profile} />
            <section className="profile-section" aria-label="Columns">
              <header className="profile-section-header">
                <h3>Columns</h3>
                <span className="muted">Click a column for its histogram, values and formats.</span>
              </header>
              <ColumnProfileGrid profile={profile} />
            </section>
            {column ? <ColumnDetail profile={profile} column={column} /> : null}
            <FindingsPanel profile={profile} />
          </>
        ) : (
          <div className="empty-state">
            {running ? 'The first table is being profiled…' : 'Choose a table on the left.'}
          </div>
        )}
      </div>
    </div>
  );
}
