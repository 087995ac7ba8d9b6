/**
 * The sign-off report: one self-contained, printable HTML file (inline CSS, no script, no
 * network) saying what was moved and how it was proven: the plan version and its hash, source
 * and target, per-table counts, checksum results with the tolerances used, rejects and what was
 * decided about them, the review decisions with reviewer names and times, the audit chain's
 * status and the Tally version. Every text from the data is escaped.
 */
import type { AuditVerification } from '../../src-shared/audit';
import { redactSecrets } from '../../src-shared/errors';
import type { ReviewDecision, ReviewRecord } from '../../src-shared/review';
import type { ValidationResult } from '../../src-shared/validation';
import { escapeHtml } from '../profile/html-report';

export type SignoffTableCounts = {
  tableId: string;
  source: string;
  target: string;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
};

export type SignoffReportInput = {
  generatedAt: string;
  tallyVersion: string;
  plan: { name: string; planId: string | null; version: number | null; hash: string };
  /** Connection URLs as the plan holds them (never a password; scrubbed again here). */
  source: string;
  target: string;
  /** The run whose accounting the counts come from, or null when the plan has not run. */
  run: {
    runId: string;
    status: string;
    mode: string;
    startedAt: string;
    finishedAt: string | null;
    rolledBackAt: string | null;
    tables: SignoffTableCounts[];
  } | null;
  /** The latest validation of the plan (layers 1 and 2), or null when none has run. */
  validation: ValidationResult | null;
  rejects: { tableId: string; count: number; examples: { rowKey: string; reason: string }[] }[];
  review: {
    reviewId: string;
    createdAt: string;
    seed: number;
    perTable: number;
    records: ReviewRecord[];
    /** The latest decision per record. */
    decisions: ReviewDecision[];
  } | null;
  audit: AuditVerification;
  /** Who signs off, when they do (the report is then the signed one). */
  signedOff: { by: string; at: string; statement: string | null } | null;
};

const integer = (n: number): string => n.toLocaleString('en-US');
const text = (value: string | null | undefined): string => escapeHtml(value ?? '');

function pill(kind: 'ok' | 'bad' | 'warn' | 'none', label: string): string {
  return `<span class="pill ${kind}">${text(label)}</span>`;
}

function header(input: SignoffReportInput): string {
  const plan = input.plan;
  const version = plan.version !== null ? `version ${plan.version}` : 'not saved in the workspace';
  const verdict = overallVerdict(input);
  return `<header>
<h1>Migration sign-off</h1>
<p class="verdict">${pill(verdict.kind, verdict.label)} ${text(verdict.sentence)}</p>
<table class="facts"><tbody>
<tr><th>Plan</th><td>${text(plan.name)} <span class="muted">(${text(version)})</span></td></tr>
<tr><th>Plan hash</th><td><code>${text(plan.hash)}</code></td></tr>
<tr><th>Source</th><td><code>${text(redactSecrets(input.source))}</code></td></tr>
<tr><th>Target</th><td><code>${text(redactSecrets(input.target))}</code></td></tr>
<tr><th>Report made</th><td>${text(input.generatedAt)}</td></tr>
<tr><th>Tally</th><td>version ${text(input.tallyVersion)}</td></tr>
</tbody></table>
</header>`;
}

function overallVerdict(input: SignoffReportInput): { kind: 'ok' | 'bad' | 'warn'; label: string; sentence: string } {
  const problems: string[] = [];
  if (!input.audit.ok) problems.push('the audit trail is broken');
  if (!input.run) problems.push('the plan has no run');
  if (input.validation && !input.validation.ok) problems.push('validation found differences');
  const flagged = input.review?.decisions.filter((d) => d.decision === 'flagged').length ?? 0;
  if (flagged > 0) problems.push(`${flagged} reviewed record${flagged === 1 ? ' was' : 's were'} flagged`);
  if (problems.length > 0)
    return { kind: 'bad', label: 'Not clean', sentence: `Read before signing: ${problems.join('; ')}.` };
  const missing: string[] = [];
  if (!input.validation) missing.push('no checksum validation yet');
  const undecided = input.review ? input.review.records.length - input.review.decisions.length : 0;
  if (!input.review) missing.push('no sample review yet');
  else if (undecided > 0) missing.push(`${undecided} sampled records not decided`);
  if (missing.length > 0)
    return { kind: 'warn', label: 'Incomplete', sentence: `Nothing wrong found, but ${missing.join('; ')}.` };
  return {
    kind: 'ok',
    label: 'Clean',
    sentence: 'Counts, checksums and the reviewed sample agree, and the audit trail holds.',
  };
}

function countsSection(input: SignoffReportInput): string {
  if (!input.run)
    return `<section><h2>Row counts</h2><p class="muted">The workspace holds no run of this plan, so there is no accounting to show.</p></section>`;
  const run = input.run;
  const rows = run.tables
    .map((t) => {
      const balanced = t.read === t.written + t.rejected + t.filtered;
      return `<tr><td>${text(t.source)} → ${text(t.target)}</td><td class="num">${integer(t.read)}</td><td class="num">${integer(t.written)}</td><td class="num">${integer(t.rejected)}</td><td class="num">${integer(t.filtered)}</td><td>${balanced ? pill('ok', 'balanced') : pill('bad', 'does not balance')}</td></tr>`;
    })
    .join('');
  return `<section><h2>Row counts</h2>
<p class="muted">Run <code>${text(run.runId)}</code> (${text(run.mode === 'plan' ? "each table's mode as planned" : run.mode)}), ${text(run.status)}, started ${text(run.startedAt)}${run.finishedAt ? `, finished ${text(run.finishedAt)}` : ''}${run.rolledBackAt ? `, <strong>rolled back ${text(run.rolledBackAt)}</strong>` : ''}. Every table must prove read = written + rejected + filtered.</p>
<table><thead><tr><th>Table</th><th class="num">Read</th><th class="num">Written</th><th class="num">Rejected</th><th class="num">Filtered</th><th>Accounting</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function tolerancesText(
  tolerances: Record<
    string,
    { absolute?: number | undefined; relative?: number | undefined; seconds?: number | undefined }
  >,
): string {
  const parts = Object.entries(tolerances).map(([column, t]) => {
    const bits = [
      t.absolute !== undefined ? `±${t.absolute}` : null,
      t.relative !== undefined ? `±${t.relative * 100}%` : null,
      t.seconds !== undefined ? `±${t.seconds} s` : null,
    ].filter(Boolean);
    return `${column} ${bits.join(', ')}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'exact';
}

function checksumSection(input: SignoffReportInput): string {
  const validation = input.validation;
  if (!validation)
    return `<section><h2>Checksums</h2><p class="notice">No checksum validation yet: this report proves counts and the reviewed sample only. Run a validation (<code>tally validate</code>) before signing off.</p></section>`;
  const rows = validation.tables
    .map((t) => {
      const status =
        t.status === 'match'
          ? pill('ok', 'match')
          : t.status === 'differ'
            ? pill('bad', 'differ')
            : t.status === 'failed'
              ? pill('bad', 'failed')
              : pill('warn', t.status);
      return `<tr><td>${text(t.source)} → ${text(t.target)}</td><td>${status}</td><td class="num">${integer(t.sourceRows)}</td><td class="num">${integer(t.targetRows)}</td><td class="num">${integer(t.segments)}</td><td class="num">${integer(t.mismatchedSegments)}</td><td class="num">${integer(t.missing)}</td><td class="num">${integer(t.extra)}</td><td class="num">${integer(t.changed)}</td><td class="num">${integer(t.quarantined)}</td><td>${text(tolerancesText(t.tolerances))}; floats to ${t.floatDigits} digits</td></tr>${
        t.error ? `<tr><td colspan="11" class="problem">${text(t.error.message)}</td></tr>` : ''
      }${
        t.groups.length > 0
          ? `<tr><td colspan="11"><ul class="groups">${t.groups
              .map(
                (g) =>
                  `<li>${integer(g.count)} ${text(g.kind)} (${text(g.cause.replace(/_/g, ' '))}${g.columns.length ? `: ${text(g.columns.join(', '))}` : ''}), e.g. ${text(g.exampleKeys.slice(0, 3).join('; '))}</li>`,
              )
              .join('')}</ul></td></tr>`
          : ''
      }`;
    })
    .join('');
  return `<section><h2>Checksums</h2>
<p class="muted">Validation <code>${text(validation.validationId)}</code>, ${text(validation.status)}, started ${text(validation.startedAt)}${validation.finishedAt ? `, finished ${text(validation.finishedAt)}` : ''}: ${validation.ok ? 'every table matched within its tolerances.' : 'differences were found.'} Values were compared through the plan's mapping, each side hashed per key-range segment.</p>
<table><thead><tr><th>Table</th><th>Result</th><th class="num">Source rows</th><th class="num">Target rows</th><th class="num">Segments</th><th class="num">Mismatched</th><th class="num">Missing</th><th class="num">Extra</th><th class="num">Changed</th><th class="num">Quarantined</th><th>Tolerances</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function rejectsSection(input: SignoffReportInput): string {
  const total = input.rejects.reduce((sum, r) => sum + r.count, 0);
  if (total === 0)
    return `<section><h2>Rejected rows</h2><p>${input.run ? 'The run quarantined no row.' : 'No run, so no rejects.'}</p></section>`;
  const decided = new Map(input.review?.decisions.map((d) => [d.recordId, d]) ?? []);
  const nearDecisions = (input.review?.records ?? []).filter(
    (r) => (r.stratum === 'near-reject' || r.status === 'rejected') && decided.has(r.recordId),
  );
  const tables = input.rejects
    .filter((r) => r.count > 0)
    .map(
      (r) =>
        `<h3>${text(r.tableId)}: ${integer(r.count)} quarantined</h3><ul class="rejects">${r.examples
          .map((e) => `<li><code>${text(e.rowKey)}</code> ${text(e.reason)}</li>`)
          .join(
            '',
          )}${r.count > r.examples.length ? `<li class="muted">and ${integer(r.count - r.examples.length)} more in the workspace's quarantine</li>` : ''}</ul>`,
    )
    .join('');
  const decisions =
    nearDecisions.length > 0
      ? `<h3>Decisions on rows beside the rejects</h3><ul>${nearDecisions
          .map((r) => {
            const d = decided.get(r.recordId);
            return d
              ? `<li>${text(r.tableId)} <code>${text(r.rowKey)}</code>: ${text(d.decision)} by ${text(d.reviewer)} at ${text(d.decidedAt)}${d.note ? ` — ${text(d.note)}` : ''}</li>`
              : '';
          })
          .join('')}</ul>`
      : '<p class="muted">No reviewer decision concerns the rows beside these rejects yet.</p>';
  return `<section><h2>Rejected rows</h2><p>${integer(total)} rows were quarantined with a reason instead of being written; none was dropped silently. The plan's error budget and defaults decided which rows are rejects.</p>${tables}${decisions}</section>`;
}

function reviewSection(input: SignoffReportInput): string {
  const review = input.review;
  if (!review) return `<section><h2>Sample review</h2><p class="notice">No sample review yet.</p></section>`;
  const decided = new Map(review.decisions.map((d) => [d.recordId, d]));
  const approved = review.decisions.filter((d) => d.decision === 'approved').length;
  const flagged = review.decisions.filter((d) => d.decision === 'flagged').length;
  const reviewers = [...new Set(review.decisions.map((d) => d.reviewer))];
  const rows = review.records
    .map((r) => {
      const d = decided.get(r.recordId);
      const differing = r.fields
        .filter((f) => f.differs)
        .map((f) => `${f.column} (${(f.cause ?? 'real_change').replace(/_/g, ' ')})`);
      const decision = d
        ? `${d.decision === 'approved' ? pill('ok', 'approved') : pill('bad', 'flagged')}`
        : pill('none', 'undecided');
      return `<tr class="decision ${d?.decision ?? 'undecided'}" data-record="${text(r.recordId)}"><td>${text(r.tableId)}</td><td><code>${text(r.rowKey)}</code></td><td>${text(r.stratum)}</td><td>${text(r.status)}${differing.length ? `: ${text(differing.join(', '))}` : ''}</td><td>${decision}</td><td>${text(d?.reviewer)}</td><td>${text(d?.decidedAt)}</td><td>${text(d?.note)}${d?.via === 'pack' ? ' <span class="muted">(from a review pack)</span>' : ''}</td></tr>`;
    })
    .join('');
  return `<section><h2>Sample review</h2>
<p>Review <code>${text(review.reviewId)}</code> drawn ${text(review.createdAt)} (seed ${review.seed}, ${review.perTable} per table): ${integer(review.records.length)} records, ${integer(approved)} approved, ${integer(flagged)} flagged, ${integer(review.records.length - review.decisions.length)} undecided. Reviewers: ${text(reviewers.join(', ') || 'none yet')}.</p>
<table class="small"><thead><tr><th>Table</th><th>Row</th><th>Why sampled</th><th>Compared</th><th>Decision</th><th>Reviewer</th><th>When</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function auditSection(input: SignoffReportInput): string {
  const audit = input.audit;
  return `<section><h2>Audit trail</h2><p>${
    audit.ok
      ? `${pill('ok', 'intact')} ${integer(audit.entries)} entries; every entry chains to the one before it. Head hash <code>${text(audit.headHash ?? '(empty log)')}</code>: a later copy of the log must contain this entry unchanged.`
      : `${pill('bad', 'broken')} ${text(audit.firstBad?.reason ?? 'The chain does not hold.')}`
  }</p></section>`;
}

function signatureSection(input: SignoffReportInput): string {
  if (input.signedOff)
    return `<section class="signature"><h2>Sign-off</h2><p>Signed off by <strong>${text(input.signedOff.by)}</strong> at ${text(input.signedOff.at)}.${input.signedOff.statement ? ` “${text(input.signedOff.statement)}”` : ''} Recorded in the audit trail.</p></section>`;
  return `<section class="signature"><h2>Sign-off</h2><p class="lines">Name ____________________________ &nbsp; Signature ____________________________ &nbsp; Date ______________</p></section>`;
}

const style = `
body{font:13.5px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2430;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 6px;padding-top:10px;border-top:2px solid #d8dee8}
h3{font-size:13px;margin:14px 0 4px;color:#4a5568}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #e6eaf0}
thead th{font-size:12px;color:#4a5568;border-bottom:2px solid #d8dee8}.num{text-align:right;white-space:nowrap}
table.facts{width:auto}table.facts th{width:110px;color:#4a5568;font-weight:600}table.small{font-size:12.5px}
code{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all}td code{word-break:normal;white-space:nowrap}
.muted,.none{color:#6b7686}.quoted{background:#fff1f0}.problem{color:#b42318}
.notice{background:#fff7e0;border-left:4px solid #e0a800;padding:6px 10px}
.pill{display:inline-block;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.03em;border-radius:10px;padding:1px 8px;border:1px solid}
.pill.ok{color:#1f7a3a;border-color:#1f7a3a;background:#eaf7ee}.pill.bad{color:#b42318;border-color:#b42318;background:#fdecea}
.pill.warn{color:#8a5a00;border-color:#c77700;background:#fff7e0}.pill.none{color:#6b7686;border-color:#c3cad5}
.verdict{font-size:15px}tr.flagged td{background:#fdf3f2}ul.groups,ul.rejects{margin:2px 0;padding-left:18px}
.signature .lines{margin-top:28px;white-space:nowrap}footer{margin-top:36px;color:#6b7686;font-size:12px}
@media print{body{padding:0;max-width:none;font-size:11.5px}section{break-inside:auto}tr{break-inside:avoid}h2{break-after:avoid}
.pill{-webkit-print-color-adjust:exact;print-color-adjust:exact}@page{margin:16mm 14mm}}
`;

/** The sign-off report as one HTML document. */
export function buildSignoffReport(input: SignoffReportInput): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Sign-off: ${text(input.plan.name)}</title><style>${style}</style></head><body>`,
    header(input),
    countsSection(input),
    checksumSection(input),
    rejectsSection(input),
    reviewSection(input),
    auditSection(input),
    signatureSection(input),
    `<footer>Made by Tally ${text(input.tallyVersion)} on ${text(input.generatedAt)}. Passwords are never part of a plan or of this report.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}
