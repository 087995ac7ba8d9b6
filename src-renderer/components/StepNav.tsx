import { steps } from '../lib/steps';
import { goTo, useNavigation } from '../state/navigation';

/** The steps of the flow. Steps without a screen yet stay visible, marked "not built yet". */
export function StepNav() {
  const current = useNavigation((state) => state.step);
  return (
    <nav className="step-nav" aria-label="Migration steps">
      <ol>
        {steps.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              className={['step', step.id === current ? 'step-current' : '', step.built ? '' : 'step-not-built'].join(
                ' ',
              )}
              aria-current={step.id === current ? 'page' : undefined}
              aria-label={step.built ? step.label : `${step.label} (not built yet)`}
              title={step.built ? step.summary : `Not built yet. ${step.summary}`}
              onClick={() => goTo(step.id)}
            >
              <span className="step-number">{index + 1}</span>
              <span className="step-label">{step.label}</span>
              {step.built ? null : <span className="step-tag">not built yet</span>}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
