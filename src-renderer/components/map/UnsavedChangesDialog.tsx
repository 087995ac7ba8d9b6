import { useEffect, useRef } from 'react';
import { answerUnsaved, usePlanEditor } from '../../state/plan-editor';
import { useNavigation } from '../../state/navigation';
import { stepById } from '../../lib/steps';
import { ErrorNotice } from '../ErrorNotice';

/** Asked before unsaved mapping edits would be lost: leaving the screen, opening another plan, starting anew. */
export function UnsavedChangesDialog() {
  const pending = usePlanEditor((state) => state.pending);
  const blocked = useNavigation((state) => state.blocked);
  const saving = usePlanEditor((state) => state.saving);
  const saveError = usePlanEditor((state) => state.saveError);
  const stayButton = useRef<HTMLButtonElement>(null);
  const open = pending !== null || blocked !== null;

  useEffect(() => {
    if (open) stayButton.current?.focus();
  }, [open]);

  if (!open) return null;
  const going = blocked
    ? `go to ${stepById(blocked).label}`
    : pending?.kind === 'open'
      ? 'open another plan'
      : 'start a new plan';

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-text"
        onKeyDown={(event) => {
          if (event.key === 'Escape') void answerUnsaved('stay');
        }}
      >
        <h2 id="unsaved-title">Unsaved mapping changes</h2>
        <p id="unsaved-text">
          This plan has edits that are not saved yet. Save them as a new version before you {going}, or discard them?
        </p>
        {saveError ? <ErrorNotice error={saveError} compact /> : null}
        <div className="button-row dialog-buttons">
          <button
            type="button"
            className="button-ghost button-ghost-danger"
            onClick={() => void answerUnsaved('discard')}
          >
            Discard changes
          </button>
          <span className="spacer" />
          <button type="button" ref={stayButton} onClick={() => void answerUnsaved('stay')}>
            Stay here
          </button>
          <button type="button" className="button-primary" disabled={saving} onClick={() => void answerUnsaved('save')}>
            {saving ? 'Saving…' : 'Save and continue'}
          </button>
        </div>
      </div>
    </div>
  );
}
