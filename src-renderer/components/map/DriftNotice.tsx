import { recheckDrift, usePlanEditor } from '../../state/plan-editor';
import { ErrorNotice } from '../ErrorNotice';

/** Warns before anything runs when the databases no longer match what the plan was built against. */
export function DriftNotice() {
  const drift = usePlanEditor((state) => state.drift);
  if (drift.status === 'failed') return <ErrorNotice error={drift.error} compact />;
  if (drift.status !== 'done' || drift.report.ok) return null;
  const { source, target } = drift.report;
  return (
    <div className="notice notice-warn drift-notice" role="alert" aria-label="Schema drift">
      <div className="drift-text">
        <strong>The databases changed since this plan was built.</strong>
        <ul>
          {source.map((change, index) => (
            <li key={`s${index}`}>
              <span className="muted">Source:</span> {change.message}
            </li>
          ))}
          {target.map((change, index) => (
            <li key={`t${index}`}>
              <span className="muted">Target:</span> {change.message}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" onClick={recheckDrift}>
        Check again
      </button>
    </div>
  );
}
