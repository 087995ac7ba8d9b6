/** The Report screen: the audit chain's status and entries, and the sign-off report export. */
import { create } from 'zustand';
import type { AuditEntry, AuditVerification } from '../../src-shared/audit';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { downloadText } from '../lib/download';
import { asErrorData } from '../lib/errors';

type ReportState = {
  audit: AuditVerification | null;
  entries: readonly AuditEntry[];
  exporting: boolean;
  error: TallyErrorData | null;
  notice: string | null;
};

export const useReport = create<ReportState>()(() => ({
  audit: null,
  entries: [],
  exporting: false,
  error: null,
  notice: null,
}));

export async function loadAudit(): Promise<void> {
  try {
    const [audit, entries] = await Promise.all([api.call('audit.verify', {}), api.call('audit.list', { limit: 200 })]);
    useReport.setState({ audit, entries });
  } catch (error) {
    useReport.setState({ error: asErrorData(error) });
  }
}

/** Builds the report (signed when a name is given: the sign-off goes to the audit trail first) and saves it. */
export async function exportSignoff(options: {
  planId: string | null;
  signedBy: string;
  statement: string;
}): Promise<void> {
  useReport.setState({ exporting: true, error: null, notice: null });
  try {
    const report = await api.call('report.signoff', {
      ...(options.planId ? { planId: options.planId } : {}),
      ...(options.signedBy.trim() ? { signedBy: options.signedBy.trim() } : {}),
      ...(options.statement.trim() ? { statement: options.statement.trim() } : {}),
    });
    downloadText(report.fileName, report.html, 'text/html');
    useReport.setState({ exporting: false, notice: `Sign-off report saved as ${report.fileName}.` });
    await loadAudit();
  } catch (error) {
    useReport.setState({ exporting: false, error: asErrorData(error) });
  }
}
