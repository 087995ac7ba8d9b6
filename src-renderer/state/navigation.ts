import { create } from 'zustand';
import type { StepId } from '../lib/steps';

type NavigationState = { step: StepId };

export const useNavigation = create<NavigationState>()(() => ({ step: 'connect' }));

export function goTo(step: StepId): void {
  useNavigation.setState({ step });
}
