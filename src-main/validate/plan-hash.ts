/** The plan's hash as runs record it (sha256 of its canonical JSON), so validations and runs of one plan meet. */
import { createHash } from 'node:crypto';
import type { Plan } from '../../src-shared/plan';
import { canonicalPlanJson } from '../api/plan-api';

export function planHashOf(plan: Plan): string {
  return createHash('sha256').update(canonicalPlanJson(plan)).digest('hex');
}
