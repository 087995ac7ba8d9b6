import { useEffect, useRef } from 'react';
import type { TableMapping } from '../../../src-shared/plan';
import { rejectionText, type ColumnOutcome, type RowPreview } from '../../lib/mapping-preview';
import { followRow } from '../../state/map-preview';
import { CellValue } from './CellValue';

function OutcomeCell({
  column,
  outcome,
  showSources,
}: {
  column: string;
  outcome: ColumnOutcome | undefined;
  showSources: boolean;
}) {
  if (!outcome) return <td data-column={column} />;
  const unchanged =
    outcome.kind === 'value' && outcome.sources.length === 1 && Object.is(outcome.sources[0], outcome.value);
  const before =
    showSources && outcome.sources.length > 0 && !unchanged ? (
      <div className="preview-before">
        {outcome.sources.map((value, index) => (
          <span key={index}>
            {index > 0 ? <span className="muted"> + </span> : null}
            <CellValue value={value} />
          </span>
        ))}
      </div>
    ) : null;
  if (outcome.kind === 'rejected')
    return (
      <td data-column={column} className="preview-cell preview-cell-rejected" title={outcome.reason}>
        {before}
        <div className="preview-after">✕ {outcome.reason}</div>
      </td>
    );
  return (
    <td data-column={column} className={outcome.defaulted ? 'preview-cell preview-cell-defaulted' : 'preview-cell'}>
      {before}
      <div className="preview-after" title={outcome.defaulted ? 'The default for null' : undefined}>
        <CellValue value={outcome.value} />
      </div>
    </td>
  );
}

type Props = {
  table: TableMapping;
  rows: readonly RowPreview[];
  focusedColumn: string | null;
};

/** Each sample row after the mapping: per target column its value (and the source value it came from). */
export function PreviewTable({ table, rows, focusedColumn }: Props) {
  const scroller = useRef<HTMLDivElement>(null);

  // The column being edited is brought into view so its values change under the user's eyes.
  useEffect(() => {
    if (!focusedColumn || !scroller.current) return;
    const header = scroller.current.querySelector(`th[data-column="${CSS.escape(focusedColumn)}"]`);
    if (!(header instanceof HTMLElement)) return;
    const box = scroller.current;
    // Sticky headers are positioned, so offsetLeft is not relative to the table: use the boxes.
    const sticky = 130;
    const from = box.getBoundingClientRect();
    const at = header.getBoundingClientRect();
    const left = at.left - from.left;
    if (left < sticky || at.right > from.right) box.scrollBy({ left: left - sticky });
  }, [focusedColumn, rows.length]);

  const changes = (target: string): boolean => {
    const column = table.columns.find((c) => c.target === target);
    return (
      column !== undefined &&
      (column.transforms.length > 0 || column.sources.length !== 1 || column.sources[0] !== target)
    );
  };

  return (
    <div className="preview-scroll" ref={scroller}>
      <table className="preview-table" aria-label="Preview of the sample rows">
        <thead>
          <tr>
            <th className="preview-sticky preview-row-head">Row</th>
            <th className="preview-outcome-head">Outcome</th>
            {table.columns.map((column) => (
              <th
                key={column.target}
                data-column={column.target}
                className={column.target === focusedColumn ? 'preview-focused' : undefined}
              >
                <div>{column.target}</div>
                <div className="preview-from mono">
                  {column.sources.length > 0 ? `← ${column.sources.join(' + ')}` : '← nothing'}
                  {column.transforms.length > 0 ? ` · ${column.transforms.map((step) => step.name).join(' → ')}` : ''}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const rejected = row.rejections.length > 0;
            return (
              <tr key={row.index} aria-label={row.label} className={rejected ? 'preview-rejected' : undefined}>
                <th
                  scope="row"
                  className="preview-sticky preview-row-head"
                  title={rejected ? row.rejections.map(rejectionText).join(' ') : undefined}
                >
                  {rejected ? (
                    <span className="rejected-mark" aria-hidden="true">
                      ✕
                    </span>
                  ) : null}
                  <button
                    type="button"
                    className="link-button"
                    title="Follow this row through every step"
                    onClick={() => followRow(row.index)}
                  >
                    {row.label}
                  </button>
                </th>
                <td className="preview-outcome">
                  {rejected ? (
                    <span className="outcome-rejected">
                      <strong>Rejected</strong> — {row.rejections.map(rejectionText).join(' ')}
                    </span>
                  ) : (
                    <span className="outcome-ok">✓ written</span>
                  )}
                </td>
                {table.columns.map((column) => (
                  <OutcomeCell
                    key={column.target}
                    column={column.target}
                    outcome={row.columns[column.target]}
                    showSources={changes(column.target)}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
