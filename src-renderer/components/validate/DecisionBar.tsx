import { useState } from 'react';
import type { Pin, ReviewDecision, ReviewRecord } from '../../../src-shared/review';
import { decide, pinRecord, unpinRecord, useReview } from '../../state/review';

/** Approve, or flag with a note; pin so later validations re-check the record (project reviews only). */
export function DecisionBar({
  record,
  decision,
  pin,
  canPin,
  onDecided,
}: {
  record: ReviewRecord;
  decision: ReviewDecision | undefined;
  pin: Pin | undefined;
  canPin: boolean;
  onDecided: () => void;
}) {
  const busy = useReview((state) => state.busy === record.recordId);
  const [note, setNote] = useState('');
  return (
    <div className="decision-bar" role="group" aria-label="Decision">
      <label className="decision-note">
        <span className="inline-label">Note</span>
        <input
          type="text"
          value={note}
          placeholder={decision?.note ?? 'What is wrong (needed to flag)'}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
      <button
        type="button"
        className="button-approve"
        disabled={busy}
        onClick={() =>
          void decide(record.recordId, 'approved', note).then((ok) => {
            if (ok) {
              setNote('');
              onDecided();
            }
          })
        }
      >
        Approve
      </button>
      <button
        type="button"
        className="button-flag"
        disabled={busy}
        onClick={() =>
          void decide(record.recordId, 'flagged', note).then((ok) => {
            if (ok) {
              setNote('');
              onDecided();
            }
          })
        }
      >
        Flag
      </button>
      {canPin ? (
        pin ? (
          <button type="button" className="button-ghost" disabled={busy} onClick={() => void unpinRecord(pin.id)}>
            Unpin
          </button>
        ) : (
          <button
            type="button"
            className="button-ghost"
            disabled={busy}
            title="Every later validation and review of this plan re-checks a pinned record."
            onClick={() => void pinRecord(record.recordId, note)}
          >
            Pin
          </button>
        )
      ) : null}
      {decision ? (
        <span className="muted decision-when">
          {decision.decision === 'approved' ? 'Approved' : 'Flagged'} by {decision.reviewer} at{' '}
          {new Date(decision.decidedAt).toLocaleString()}
          {decision.note ? ` — ${decision.note}` : ''}
        </span>
      ) : null}
    </div>
  );
}
