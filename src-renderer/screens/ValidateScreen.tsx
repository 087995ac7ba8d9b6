import { useEffect } from 'react';
import { ChecksumPanel } from '../components/validate/ChecksumPanel';
import { FilePicker, ReviewerField, ReviewPanel } from '../components/validate/ReviewPanel';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { goTo } from '../state/navigation';
import { loadPlans, usePlans } from '../state/plans';
import {
  drawReview,
  enterReviewerMode,
  exportPack,
  importDecisionsFile,
  loadReview,
  openPackFile,
  setPerTable,
  useReview,
} from '../state/review';
import { chooseValidatePlan, startValidation, useValidate } from '../state/validate';

function PlanPicker() {
  const plans = usePlans((state) => state.list);
  const planId = useValidate((state) => state.planId);
  const newest = plans[0]?.planId;
  useEffect(() => {
    if (newest && (planId === null || !plans.some((plan) => plan.planId === planId))) void chooseValidatePlan(newest);
  }, [newest, planId, plans]);
  return (
    <>
      <label htmlFor="validate-plan" className="inline-label">
        Plan
      </label>
      <select
        id="validate-plan"
        value={planId ?? ''}
        disabled={plans.length === 0}
        onChange={(event) => {
          if (event.target.value) void chooseValidatePlan(event.target.value);
        }}
      >
        {planId === null ? (
          <option value="" disabled>
            No saved plan
          </option>
        ) : null}
        {plans.map((plan) => (
          <option key={plan.planId} value={plan.planId}>
            {plan.name} (v{plan.latestVersion})
          </option>
        ))}
      </select>
    </>
  );
}

function ReviewStart() {
  const planLoad = useValidate((state) => state.planLoad);
  const result = useValidate((state) => state.result);
  const drawing = useReview((state) => state.drawing);
  const perTable = useReview((state) => state.perTable);
  const hasReview = useReview((state) => state.review !== null);
  return (
    <div className="review-start" role="group" aria-label="Sample review">
      <label className="run-option">
        <span className="inline-label">Records per table</span>
        <input
          type="number"
          min={1}
          max={100}
          className="run-batch-input"
          value={perTable}
          onChange={(event) => setPerTable(Number(event.target.value) || 1)}
        />
      </label>
      <button
        type="button"
        className={hasReview ? undefined : 'button-primary'}
        disabled={planLoad.status !== 'loaded' || drawing}
        title="Draw a stratified random sample: ordinary rows, rare values and patterns, rows beside rejects, pinned rows."
        onClick={() => {
          if (planLoad.status === 'loaded')
            void drawReview(planLoad.plan, planLoad.planId, planLoad.version, result?.validationId);
        }}
      >
        {drawing ? 'Drawing the sample…' : hasReview ? 'Draw a new sample' : 'Draw a sample to review'}
      </button>
      <ReviewerField />
    </div>
  );
}

/** Step 7: prove the data arrived — counts and checksums, then a sample reviewed side by side. */
export function ValidateScreen() {
  const plansLoaded = usePlans((state) => state.loaded);
  const hasPlans = usePlans((state) => state.list.length > 0);
  const planLoad = useValidate((state) => state.planLoad);
  const result = useValidate((state) => state.result);
  const runningId = useValidate((state) => state.runningId);
  const progress = useValidate((state) => state.progress);
  const starting = useValidate((state) => state.starting);
  const validateError = useValidate((state) => state.error);
  const review = useReview((state) => state.review);
  const reviewLoading = useReview((state) => state.loading);
  const reviewError = useReview((state) => state.error);

  useEffect(() => {
    loadPlans();
    loadReview();
  }, []);

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step="validate" title="Validate">
          <PlanPicker />
          <button
            type="button"
            className="button-primary"
            disabled={planLoad.status !== 'loaded' || starting || runningId !== null}
            onClick={() => void startValidation()}
          >
            {starting || runningId ? 'Validating…' : 'Run validation'}
          </button>
        </ScreenHeader>
        {plansLoaded && !hasPlans ? (
          <div className="screen-content">
            <div className="empty-state">
              <p>There is no saved plan to validate yet.</p>
              <button type="button" onClick={() => goTo('map')}>
                Go to Map
              </button>
            </div>
          </div>
        ) : (
          <div className="screen-content validate-content">
            {planLoad.status === 'failed' ? <ErrorNotice error={planLoad.error} /> : null}
            {validateError ? <ErrorNotice error={validateError} /> : null}
            <h2 className="section-title">Counts and checksums</h2>
            <ChecksumPanel result={result} running={runningId !== null} progress={progress} />
            <h2 className="section-title">Sample review</h2>
            <ReviewStart />
            {review ? (
              <ReviewPanel
                toolbar={
                  <>
                    <button
                      type="button"
                      onClick={() => void exportPack()}
                      title="One file for a reviewer without database access; personal data masked."
                    >
                      Export review pack
                    </button>
                    <FilePicker
                      label="Import decisions"
                      accept=".json,application/json"
                      onText={(text) => void importDecisionsFile(text)}
                    />
                    <button
                      type="button"
                      onClick={enterReviewerMode}
                      title="Show only the review, with personal data masked."
                    >
                      Reviewer mode
                    </button>
                  </>
                }
              />
            ) : (
              <div className="empty-state">
                {reviewLoading ? (
                  <p>Reading the review…</p>
                ) : (
                  <>
                    <p>No sample drawn yet.</p>
                    <p>
                      A sample shows, for each chosen row, the source row, the row the plan&apos;s mapping expects and
                      the row the target holds, with every difference highlighted and its cause.
                    </p>
                  </>
                )}
                {reviewError && !review ? <ErrorNotice error={reviewError} /> : null}
              </div>
            )}
            <p className="muted validate-pack-hint">
              Received a review pack?{' '}
              <FilePicker
                label="Open a review pack"
                accept=".json,application/json"
                onText={(text) => void openPackFile(text)}
              />
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
