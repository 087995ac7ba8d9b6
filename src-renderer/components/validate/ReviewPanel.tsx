import { useRef, type ReactNode } from 'react';
import { ErrorNotice } from '../ErrorNotice';
import { formatInteger } from '../../lib/format';
import {
  currentView,
  selectRecord,
  setFilter,
  setReviewer,
  useReview,
  visibleRecords,
  type ReviewFilter,
} from '../../state/review';
import { DecisionBar } from './DecisionBar';
import { RecordCard } from './RecordCard';
import { RecordList } from './RecordList';

const filters: { id: ReviewFilter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'differ', label: 'Differs' },
  { id: 'undecided', label: 'Undecided' },
  { id: 'flagged', label: 'Flagged' },
];

/** Reads a file the user picked as text. */
export function FilePicker({
  label,
  accept,
  onText,
}: {
  label: string;
  accept: string;
  onText: (text: string) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        aria-label={label}
        className="visually-hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void file.text().then(onText);
        }}
      />
    </>
  );
}

export function ReviewerField() {
  const reviewer = useReview((state) => state.reviewer);
  return (
    <label className="reviewer-field">
      <span className="inline-label">Reviewer</span>
      <input
        type="text"
        value={reviewer}
        placeholder="Your name"
        aria-label="Reviewer"
        onChange={(event) => setReviewer(event.target.value)}
      />
    </label>
  );
}

/** The record cards of a review: a list on the left, the chosen card with its decision on the right. */
export function ReviewPanel({ toolbar }: { toolbar?: ReactNode }) {
  const state = useReview();
  const view = currentView(state);
  if (!view) return null;
  const records = visibleRecords(view, state.filter);
  const selected = records.find((r) => r.recordId === state.selected) ?? records[0] ?? null;
  const decided = Object.keys(view.decisions).length;
  const flagged = Object.values(view.decisions).filter((d) => d.decision === 'flagged').length;
  const nextUndecided = (): void => {
    const after = view.records.slice(view.records.findIndex((r) => r.recordId === selected?.recordId) + 1);
    const next = after.find((r) => !decisionsNow()[r.recordId]);
    if (next) selectRecord(next.recordId);
  };
  const pin = selected
    ? view.pins.find((p) => p.tableId === selected.tableId && p.rowKey === selected.rowKey)
    : undefined;
  return (
    <section className="review-panel" aria-label="Sample review">
      <div className="review-toolbar">
        <span className="review-counts">
          <strong>{formatInteger(view.records.length)}</strong> records · {formatInteger(decided)} decided ·{' '}
          {formatInteger(flagged)} flagged
          {view.masked ? (
            <span className="pill pill-warn review-masked-pill" title={view.maskedColumns.join(', ')}>
              personal data masked ({view.maskedColumns.length} columns)
            </span>
          ) : null}
        </span>
        <div className="review-filters" role="group" aria-label="Show">
          {filters.map((f) => (
            <button
              key={f.id}
              type="button"
              className={state.filter === f.id ? 'filter-button filter-button-on' : 'filter-button'}
              aria-pressed={state.filter === f.id}
              onClick={() => setFilter(f.id)}
            >
              {f.label}
            </button>
          ))}
        </div>
        <span className="spacer" />
        {toolbar}
      </div>
      {state.error ? <ErrorNotice error={state.error} /> : null}
      {state.notice ? (
        <div className="notice notice-success" role="status">
          <span className="notice-message">{state.notice}</span>
        </div>
      ) : null}
      <div className="review-body">
        <RecordList records={records} view={view} selected={selected?.recordId ?? null} onSelect={selectRecord} />
        <div className="review-card-area">
          {selected ? (
            <>
              <RecordCard record={selected} decision={view.decisions[selected.recordId]} />
              <DecisionBar
                key={selected.recordId}
                record={selected}
                decision={view.decisions[selected.recordId]}
                pin={pin}
                canPin={state.mode !== 'pack'}
                onDecided={nextUndecided}
              />
            </>
          ) : (
            <div className="empty-state">
              <p>No record matches this filter.</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

/** The decisions as they are right now (after an await), for moving on to the next undecided record. */
function decisionsNow(): Readonly<Record<string, unknown>> {
  const state = useReview.getState();
  return currentView(state)?.decisions ?? {};
}
