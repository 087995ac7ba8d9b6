import type { RunStatus } from './run-model';

const labels: Record<RunStatus, string> = {
  running: 'running',
  paused: 'paused',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** A run's status as a coloured pill; its text is the status itself, for people and for tests. */
export function RunStatusPill({ status }: { status: RunStatus }) {
  return (
    <span className={`run-status run-status-${status}`}>
      {status === 'running' ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
      {labels[status]}
    </span>
  );
}
