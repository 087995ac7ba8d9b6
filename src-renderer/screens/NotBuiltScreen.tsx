import { ScreenHeader } from '../components/ScreenHeader';
import { stepById, type StepId } from '../lib/steps';

/** A step of the flow that does not exist yet: says what will arrive here, and shows no fake data. */
export function NotBuiltScreen({ step }: { step: StepId }) {
  const { label, capabilities } = stepById(step);
  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step={step} title={label}>
          <span className="pill pill-muted">not built yet</span>
        </ScreenHeader>
        <div className="screen-content">
          <div className="not-built" role="note">
            <h2>{label} is not built yet</h2>
            <p>This step has no working screen in this version of Tally. When it arrives, it will give you:</p>
            <ul>
              {capabilities.map((capability) => (
                <li key={capability}>{capability}</li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </div>
  );
}
