import { useMemo } from 'react';
import type { TableProfile } from '../../../src-shared/profile';
import { describeStep } from '../../../src-shared/transforms/catalogue';
import { suggestRules } from '../../lib/profile-rules';
import { goTo } from '../../state/navigation';
import { applySuggestion, useProfileRules } from '../../state/profile-rules';

/** Findings turned into mapping rules: one click puts the step into the plan's chain for the column. */
export function SuggestedRules({ profile }: { profile: TableProfile }) {
  const suggestions = useMemo(() => suggestRules(profile), [profile]);
  const applying = useProfileRules((state) => state.applying);
  const results = useProfileRules((state) => state.results);
  return (
    <section className="profile-section" aria-label="Suggested rules">
      <header className="profile-section-header">
        <h3>
          Suggested rules <span className="muted">{suggestions.length}</span>
        </h3>
      </header>
      {suggestions.length === 0 ? (
        <p className="muted">No finding of this table calls for a mapping rule.</p>
      ) : (
        <ul className="rule-list">
          {suggestions.map((suggestion) => {
            const result = results[suggestion.id];
            return (
              <li key={suggestion.id} className="rule" data-rule={suggestion.id}>
                <div className="rule-main">
                  <div className="rule-title">
                    <span className="mono rule-column">{suggestion.column}</span> {suggestion.title}
                  </div>
                  <p className="rule-reason">{suggestion.reason}</p>
                  <p className="rule-step mono" title="The step added to the column's transform chain">
                    {describeStep(suggestion.step)}
                  </p>
                  {result ? (
                    <p
                      className={result.ok ? 'rule-result rule-result-ok' : 'rule-result rule-result-error'}
                      role="status"
                    >
                      {result.message}{' '}
                      {result.ok ? (
                        <button type="button" className="link-button" onClick={() => goTo('map')}>
                          Open in Map
                        </button>
                      ) : null}
                    </p>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="button-primary"
                  disabled={applying !== null}
                  onClick={() => void applySuggestion(suggestion)}
                >
                  {applying === suggestion.id ? 'Applying…' : 'Apply'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
