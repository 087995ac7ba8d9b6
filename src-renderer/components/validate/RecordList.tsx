import type { ReviewRecord } from '../../../src-shared/review';
import type { ReviewView } from '../../state/review';

/** The sampled records, grouped by table, each with its comparison and decision at a glance. */
export function RecordList({
  records,
  view,
  selected,
  onSelect,
}: {
  records: readonly ReviewRecord[];
  view: ReviewView;
  selected: string | null;
  onSelect: (recordId: string) => void;
}) {
  const pinned = new Set(view.pins.map((p) => `${p.tableId} ${p.rowKey}`));
  return (
    <ul className="record-list" aria-label="Sampled records">
      {records.map((record) => {
        const decision = view.decisions[record.recordId];
        return (
          <li key={record.recordId}>
            <button
              type="button"
              className={record.recordId === selected ? 'record-item record-item-current' : 'record-item'}
              aria-current={record.recordId === selected ? 'true' : undefined}
              onClick={() => onSelect(record.recordId)}
            >
              <span className={`record-dot record-dot-${record.status}`} title={record.status} />
              <span className="record-item-name">
                <span className="mono">{record.tableId}</span> <span className="mono muted">{record.rowKey}</span>
              </span>
              {pinned.has(`${record.tableId} ${record.rowKey}`) ? (
                <span className="pin-mark" title="Pinned: later validations re-check it">
                  pin
                </span>
              ) : null}
              {decision ? (
                <span className={`decision-mark decision-${decision.decision}`}>
                  {decision.decision === 'approved' ? '✓' : '⚑'}
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
