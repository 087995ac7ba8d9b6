import type { ConnectionRole } from '../../src-shared/connection';
import { formatLatency } from '../lib/format';
import type { TestState } from '../state/connections';
import { ErrorNotice } from './ErrorNotice';

type Props = { test: TestState; role: ConnectionRole };

function readOnlyText(role: ConnectionRole, readOnly: boolean): string {
  if (role === 'target') return readOnly ? 'opened read-only' : 'read-write';
  return readOnly ? 'read-only enforced' : 'read-only not enforced by the server';
}

/** The outcome of "Test connection": server version, latency and read-only, or the error sentence. */
export function TestResult({ test, role }: Props) {
  if (test.status === 'running') {
    return (
      <div className="notice notice-progress" role="status">
        <span className="spinner" aria-hidden="true" /> Testing the connection…
      </div>
    );
  }
  const { outcome } = test;
  if (!outcome.ok) return <ErrorNotice error={outcome.error} />;
  const warnReadOnly = role === 'source' && !outcome.readOnly;
  return (
    <div className="notice notice-success" role="status">
      <strong>Connected</strong>
      <span className="notice-detail">{outcome.serverVersion}</span>
      <span className="notice-detail">{formatLatency(outcome.latencyMs)}</span>
      <span className={warnReadOnly ? 'pill pill-warn' : 'pill'}>{readOnlyText(role, outcome.readOnly)}</span>
    </div>
  );
}
