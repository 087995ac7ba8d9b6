import type { TableMapping } from '../../../src-shared/plan';
import type { RowPreview } from '../../lib/mapping-preview';
import { followRow } from '../../state/map-preview';
import { focusColumn } from '../../state/plan-editor';
import { CellValue } from './CellValue';

type Props = { table: TableMapping; rows: readonly RowPreview[]; index: number | null };

/** One sample row through every step of every column's chain, and where and why it is rejected. */
export function FollowRow({ table, rows, index }: Props) {
  const row = index === null ? undefined : rows[index];
  return (
    <div className="follow-row">
      <div className="follow-row-picker">
        <label htmlFor="follow-row" className="inline-label">
          Row
        </label>
        <select
          id="follow-row"
          value={row ? String(row.index) : ''}
          onChange={(event) => followRow(event.target.value === '' ? null : Number(event.target.value))}
        >
          <option value="">Choose a sample row…</option>
          {rows.map((candidate) => (
            <option key={candidate.index} value={candidate.index}>
              {candidate.label}
              {candidate.rejections.length > 0 ? ' — rejected' : ''}
            </option>
          ))}
        </select>
        {row ? (
          row.rejections.length > 0 ? (
            <span className="outcome-rejected" role="status">
              <strong>Rejected:</strong> {row.rejections.length} column{row.rejections.length === 1 ? '' : 's'} refuse
              {row.rejections.length === 1 ? 's' : ''} this row.
            </span>
          ) : (
            <span className="outcome-ok" role="status">
              ✓ This row is written.
            </span>
          )
        ) : null}
      </div>
      {row ? (
        <table className="follow-table" aria-label={`Row ${row.label} step by step`}>
          <thead>
            <tr>
              <th>Target column</th>
              <th>Source values</th>
              <th>Steps</th>
              <th>Result</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((column) => {
              const outcome = row.columns[column.target];
              if (!outcome) return null;
              const rejected = outcome.kind === 'rejected';
              return (
                <tr
                  key={column.target}
                  aria-label={column.target}
                  className={rejected ? 'preview-rejected' : undefined}
                >
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => focusColumn(column.target)}>
                      {column.target}
                    </button>
                  </th>
                  <td>
                    {column.sources.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      column.sources.map((name, i) => (
                        <div key={name} className="follow-source">
                          <span className="mono muted">{name}</span> <CellValue value={outcome.sources[i] ?? null} />
                        </div>
                      ))
                    )}
                  </td>
                  <td>
                    {column.transforms.length === 0 ? (
                      <span className="muted">as is</span>
                    ) : (
                      <ol className="follow-steps">
                        {column.transforms.map((step, i) => {
                          const reached = outcome.steps[i];
                          const failed = outcome.kind === 'rejected' && outcome.failedStep === i;
                          return (
                            <li key={i} className={failed ? 'follow-step-failed' : undefined}>
                              <span className="chip">{step.name}</span>{' '}
                              {failed ? (
                                <span>✕ {outcome.reason}</span>
                              ) : reached ? (
                                <>
                                  → <CellValue value={reached.value} />
                                </>
                              ) : (
                                <span className="muted">not reached</span>
                              )}
                            </li>
                          );
                        })}
                      </ol>
                    )}
                  </td>
                  <td>
                    {outcome.kind === 'rejected' ? (
                      <span className="outcome-rejected">
                        ✕ Rejected
                        {outcome.failedStepName
                          ? ` at step ${(outcome.failedStep ?? 0) + 1} (${outcome.failedStepName})`
                          : ` by ${column.target}`}
                        : {outcome.reason}
                      </span>
                    ) : (
                      <>
                        <CellValue value={outcome.value} />
                        {outcome.defaulted === 'null' ? <span className="muted"> (default for null)</span> : null}
                        {outcome.defaulted === 'error' ? (
                          <span className="muted"> (default, instead of: {outcome.replacedReason})</span>
                        ) : null}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">Pick a row here, or click a row's name in the preview, to see it go through every step.</p>
      )}
    </div>
  );
}
