/** The validation engine: counts, then segment checksums bisected down to the rows that differ. */
import type { Plan } from '../../src-shared/plan';
import type { ValidationEvent } from '../../src-shared/validation';
import type { ConnectionContext } from '../connections/connections';

export type ValidateOptions = {
  plan: Plan;
  validationId: string;
  tableIds: readonly string[];
  resumed: boolean;
  context: ConnectionContext;
  signal: AbortSignal;
  emit(event: ValidationEvent): void;
  /** Rows per segment and the row count below which a mismatched segment is compared row by row. */
  tuning?: { segmentRows?: number; diffRows?: number };
};

export async function runValidation(options: ValidateOptions): Promise<void> {
  const error = { code: 'unsupported' as const, message: 'Validation is being built.' };
  options.context.workspace.validations.setStatus(options.validationId, 'failed', null, error);
  options.emit({ type: 'failed', validationId: options.validationId, error });
}
