/**
 * The worker's validation job: hashing a SQLite side runs canonical encoders in JavaScript,
 * synchronously, for every row; here it cannot stall the host. Results and checkpoints go to the
 * workspace as in the host, events to the parent. Cancel aborts between segments.
 */
import { TallyError, redactSecrets } from '../../src-shared/errors';
import { planSchema } from '../../src-shared/plan';
import type { ValidationEvent } from '../../src-shared/validation';
import { MemorySecretStore } from '../connections/secret-store';
import { runValidation } from '../validate/validator';
import { Workspace } from '../workspace/workspace';
import type { ValidateJob } from './protocol';

/** Runs the job to its end; never throws: a failure is reported as a `failed` event. */
export async function runValidateJob(
  job: ValidateJob,
  signal: AbortSignal,
  send: (event: ValidationEvent) => void,
): Promise<void> {
  const { validationId } = job;
  let workspace: Workspace | undefined;
  try {
    const parsed = planSchema.safeParse(JSON.parse(job.planJson));
    if (!parsed.success) throw new TallyError('bad-input', 'The plan sent to the worker is not valid.');
    workspace = Workspace.open(job.workspacePath);
    await runValidation({
      plan: parsed.data,
      validationId,
      tableIds: job.tableIds,
      resumed: job.resumed,
      context: { workspace, secrets: new MemorySecretStore() },
      signal,
      emit: send,
      ...(job.passwords ? { passwords: job.passwords } : {}),
      ...(job.tuning ? { tuning: job.tuning } : {}),
    });
  } catch (error) {
    const data = error instanceof TallyError ? error.toData() : { code: 'internal' as const, message: String(error) };
    const secrets = [job.passwords?.source, job.passwords?.target];
    send({ type: 'failed', validationId, error: { ...data, message: redactSecrets(data.message, secrets) } });
  } finally {
    workspace?.close();
  }
}
