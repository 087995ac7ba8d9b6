import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { AuditTrail } from '../components/report/AuditTrail';
import { loadPlans, usePlans } from '../state/plans';
import { exportSignoff, loadAudit, useReport } from '../state/report';
import { useReview } from '../state/review';

/** Step 8: the sign-off report (printable HTML) and the audit trail that backs it. */
export function ReportScreen() {
  const plans = usePlans((state) => state.list);
  const reviewer = useReview((state) => state.reviewer);
  const { audit, entries, exporting, error, notice } = useReport();
  const [planId, setPlanId] = useState<string | null>(null);
  const [signedBy, setSignedBy] = useState(reviewer);
  const [statement, setStatement] = useState('');
  const chosen = planId ?? plans[0]?.planId ?? null;

  useEffect(() => {
    loadPlans();
    void loadAudit();
  }, []);

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step="report" title="Report">
          <label htmlFor="report-plan" className="inline-label">
            Plan
          </label>
          <select
            id="report-plan"
            value={chosen ?? ''}
            disabled={plans.length === 0}
            onChange={(event) => setPlanId(event.target.value || null)}
          >
            {plans.length === 0 ? <option value="">No saved plan</option> : null}
            {plans.map((plan) => (
              <option key={plan.planId} value={plan.planId}>
                {plan.name} (v{plan.latestVersion})
              </option>
            ))}
          </select>
        </ScreenHeader>
        <div className="screen-content report-content">
          {error ? <ErrorNotice error={error} /> : null}
          {notice ? (
            <div className="notice notice-success" role="status">
              <span className="notice-message">{notice}</span>
            </div>
          ) : null}
          <section className="report-export" aria-label="Sign-off report">
            <h2 className="section-title">Sign-off report</h2>
            <p className="muted">
              One printable HTML file: the plan version and its hash, source and target, row counts, checksum results
              with their tolerances, rejects, every review decision with its reviewer and time, the audit chain&apos;s
              status and Tally&apos;s version. Give your name to sign it off: the sign-off is recorded in the audit
              trail.
            </p>
            <div className="report-form">
              <label className="field">
                <span>Signed off by</span>
                <input
                  type="text"
                  value={signedBy}
                  placeholder="Leave empty for an unsigned report"
                  onChange={(e) => setSignedBy(e.target.value)}
                />
              </label>
              <label className="field report-statement">
                <span>Statement</span>
                <input
                  type="text"
                  value={statement}
                  placeholder="e.g. Accepted for go-live"
                  onChange={(e) => setStatement(e.target.value)}
                />
              </label>
              <button
                type="button"
                className="button-primary"
                disabled={exporting || chosen === null}
                onClick={() => void exportSignoff({ planId: chosen, signedBy, statement })}
              >
                {exporting ? 'Building…' : signedBy.trim() ? 'Sign off and export report' : 'Export report'}
              </button>
            </div>
          </section>
          <AuditTrail audit={audit} entries={entries} onVerify={() => void loadAudit()} />
        </div>
      </div>
    </div>
  );
}
