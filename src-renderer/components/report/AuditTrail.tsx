import type { AuditEntry, AuditVerification } from '../../../src-shared/audit';
import { formatInteger } from '../../lib/format';

/** The audit chain's verdict and its latest entries. */
export function AuditTrail({
  audit,
  entries,
  onVerify,
}: {
  audit: AuditVerification | null;
  entries: readonly AuditEntry[];
  onVerify: () => void;
}) {
  return (
    <section className="audit-trail" aria-label="Audit trail">
      <div className="audit-header">
        <h2 className="section-title">Audit trail</h2>
        <button type="button" onClick={onVerify}>
          Verify again
        </button>
      </div>
      {audit ? (
        <div
          className={audit.ok ? 'notice notice-success audit-status' : 'notice notice-error audit-status'}
          role="status"
        >
          <span className="notice-message">
            {audit.ok ? (
              <>
                <strong>Intact</strong> · {formatInteger(audit.entries)} entries, each chained to the one before it
                {audit.headHash ? (
                  <>
                    {' '}
                    · head <span className="mono">{audit.headHash.slice(0, 16)}…</span>
                  </>
                ) : null}
              </>
            ) : (
              <>
                <strong>Broken</strong> · {audit.firstBad?.reason}
              </>
            )}
          </span>
        </div>
      ) : (
        <p className="muted">Checking the chain…</p>
      )}
      <table className="audit-table">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>When</th>
            <th>What</th>
            <th>Who</th>
            <th>Entry</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td className="num">{entry.seq}</td>
              <td className="nowrap">{new Date(entry.at).toLocaleString()}</td>
              <td>
                <span className="pill">{entry.kind}</span>
              </td>
              <td>{entry.actor}</td>
              <td>{entry.summary}</td>
            </tr>
          ))}
          {entries.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                Nothing recorded yet.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
