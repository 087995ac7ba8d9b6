import type { ReviewDecision, ReviewRecord } from '../../../src-shared/review';
import { Cell } from './Cell';
import { causeLabels } from './cells';

const statusText: Record<ReviewRecord['status'], string> = {
  match: 'Target matches the mapping',
  differ: 'Target differs from the mapping',
  missing: 'Not in the target',
  rejected: 'Rejected by the mapping',
};

const stratumText: Record<ReviewRecord['stratum'], string> = {
  ordinary: 'random row',
  rare: 'rare value',
  'near-reject': 'beside a reject',
  pinned: 'pinned',
};

/** One sampled record side by side: the source values, the row the mapping expects, the row the target holds. */
export function RecordCard({ record, decision }: { record: ReviewRecord; decision: ReviewDecision | undefined }) {
  const maskedSource = new Set(record.maskedSource);
  const usedSources = new Set(record.fields.flatMap((f) => f.sources));
  const otherSources = Object.keys(record.source).filter((name) => !usedSources.has(name));
  const differing = record.fields.filter((f) => f.differs).length;
  return (
    <article className="record-card" aria-label={`Record ${record.tableId} ${record.rowKey}`}>
      <header className="record-card-header">
        <div>
          <h2>
            <span className="mono">{record.tableId}</span> <span className="muted">·</span>{' '}
            <span className="mono record-key">{record.rowKey}</span>
          </h2>
          <p className="muted record-why">
            <span className="pill">{stratumText[record.stratum]}</span> {record.why}
          </p>
        </div>
        <div className="record-card-status">
          <span className={`record-status record-status-${record.status}`}>
            {statusText[record.status]}
            {differing > 0 ? ` (${differing} field${differing === 1 ? '' : 's'})` : ''}
          </span>
          {decision ? (
            <span className={`decision-pill decision-${decision.decision}`} title={decision.note ?? undefined}>
              {decision.decision === 'approved' ? 'Approved' : 'Flagged'} by {decision.reviewer}
            </span>
          ) : null}
        </div>
      </header>
      {record.expectedError ? (
        <div className="notice notice-warn record-refusal">
          <span className="notice-message">{record.expectedError}</span>
        </div>
      ) : null}
      <table className="record-fields">
        <thead>
          <tr>
            <th>Target column</th>
            <th>Source ({record.sourceTable})</th>
            <th>Expected after mapping</th>
            <th>Actual in target ({record.targetTable})</th>
            <th>Difference</th>
          </tr>
        </thead>
        <tbody>
          {record.fields.map((field) => (
            <tr key={field.column} className={field.differs ? 'field-differs' : undefined} data-column={field.column}>
              <th scope="row" className="mono">
                {field.column}
              </th>
              <td>
                {field.sources.length === 0 ? (
                  <span className="muted">constant</span>
                ) : (
                  field.sources.map((name) => (
                    <div key={name} className="source-value">
                      {field.sources.length > 1 || name !== field.column ? (
                        <span className="source-name mono">{name}: </span>
                      ) : null}
                      <Cell value={record.source[name]} masked={maskedSource.has(name)} />
                    </div>
                  ))
                )}
              </td>
              <td>
                {record.expected ? (
                  <Cell value={field.expected} masked={field.masked} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {record.actual ? <Cell value={field.actual} masked={field.masked} /> : <span className="muted">—</span>}
              </td>
              <td>
                {field.differs && field.cause ? (
                  <span className={`cause cause-${field.cause}`}>{causeLabels[field.cause]}</span>
                ) : null}
              </td>
            </tr>
          ))}
          {otherSources.map((name) => (
            <tr key={`source-${name}`} className="field-source-only">
              <th scope="row" className="mono muted">
                ({name})
              </th>
              <td>
                <Cell value={record.source[name]} masked={maskedSource.has(name)} />
              </td>
              <td colSpan={3} className="muted">
                read from the source, not written to a column of its own
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
