import { ReviewerField, ReviewPanel } from '../components/validate/ReviewPanel';
import { currentView, leaveReviewerMode, saveDecisionsFile, useReview } from '../state/review';

/** Reviewer mode: the app shows only the review, personal data masked; from a pack, decisions go back as a file. */
export function ReviewerScreen() {
  const state = useReview();
  const view = currentView(state);
  const decided = view ? Object.keys(view.decisions).length : 0;
  return (
    <div className="reviewer-screen">
      <header className="reviewer-header">
        <div>
          <h1>Reviewer mode</h1>
          <p className="screen-summary">
            {view
              ? `${view.planName}: ${view.source} → ${view.target}. Approve each record, or flag it with a note saying what is wrong.`
              : 'Reading the review…'}
          </p>
        </div>
        <div className="screen-actions">
          <ReviewerField />
          {state.mode === 'pack' ? (
            <button type="button" className="button-primary" disabled={decided === 0} onClick={saveDecisionsFile}>
              Save decisions file ({decided})
            </button>
          ) : null}
          <button type="button" onClick={leaveReviewerMode}>
            Leave reviewer mode
          </button>
        </div>
      </header>
      <div className="screen-content">{view ? <ReviewPanel /> : null}</div>
    </div>
  );
}
