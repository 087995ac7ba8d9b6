import { steps } from '../lib/steps';
import { goTo, useNavigation } from '../state/navigation';

/** The steps of the flow, numbered, the current one marked. */
export function StepNav() {
  const current = useNavigation((state) => state.step);
  return (
    <nav className="step-nav" aria-label="Migration steps">
      <ol>
        {steps.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              className={step.id === current ? 'step step-current' : 'step'}
              aria-current={step.id === current ? 'page' : undefined}
              aria-label={step.label}
              title={step.summary}
              onClick={() => goTo(step.id)}
            >
              <span className="step-number">{index + 1}</span>
              <span className="step-label">{step.label}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
