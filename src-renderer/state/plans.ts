/** The plans saved in the workspace, newest first. */
import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';

export type PlanSummary = MethodOutput<'plan.list'>[number];

type PlansState = {
  list: readonly PlanSummary[];
  loaded: boolean;
  loadError: TallyErrorData | null;
};

export const usePlans = create<PlansState>()(() => ({ list: [], loaded: false, loadError: null }));

export function loadPlans(): void {
  api
    .call('plan.list', {})
    .then((list) => {
      const newestFirst = [...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      usePlans.setState({ list: newestFirst, loaded: true, loadError: null });
    })
    .catch((error: unknown) => usePlans.setState({ loaded: true, loadError: asErrorData(error) }));
}
