import type { ReactNode } from 'react';
import { stepById, type StepId } from '../lib/steps';

type Props = { step: StepId; title: string; children?: ReactNode };

/** The title bar of a screen: its name, what it is for, and its main actions on the right. */
export function ScreenHeader({ step, title, children }: Props) {
  const { summary } = stepById(step);
  return (
    <header className="screen-header">
      <div>
        <h1>{title}</h1>
        <p className="screen-summary">{summary}</p>
      </div>
      <div className="screen-actions">{children}</div>
    </header>
  );
}
