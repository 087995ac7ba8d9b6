/** Which step is on screen, and a step waiting while the current screen asks about unsaved work. */
import { create } from 'zustand';
import type { StepId } from '../lib/steps';

type NavigationState = {
  step: StepId;
  /** The step the user asked for while the current screen had unsaved work: it waits for an answer. */
  blocked: StepId | null;
};

export const useNavigation = create<NavigationState>()(() => ({ step: 'connect', blocked: null }));

/** Answers true when leaving the current screen would lose unsaved work. */
type LeaveGuard = () => boolean;

let leaveGuard: LeaveGuard | null = null;

/** A screen with unsaved work registers a guard while it is shown; the returned function removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

export function goTo(step: StepId): void {
  const current = useNavigation.getState();
  if (step === current.step) return;
  if (leaveGuard?.()) {
    useNavigation.setState({ blocked: step });
    return;
  }
  useNavigation.setState({ step, blocked: null });
}

/** Goes where the user asked to go, now that the unsaved work is saved or discarded. */
export function continueLeaving(): void {
  const { blocked } = useNavigation.getState();
  if (blocked) useNavigation.setState({ step: blocked, blocked: null });
}

export function stayHere(): void {
  useNavigation.setState({ blocked: null });
}
