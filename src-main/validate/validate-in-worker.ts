/** The host's side of a validation job: fork the worker, send the job, relay its events, cancel it. */
import type { ValidationEvent } from '../../src-shared/validation';
import type { ValidateJob } from '../worker/protocol';
import { forkWorker } from '../worker/run-in-worker';

export type ValidateWorkerHandle = {
  /** Stops the job at its next segment; the worker reports a `cancelled` failure and exits. */
  cancel(): void;
  /** Resolves when the worker has exited, with its last event: `done` or `failed` (also when it died without a word). */
  finished: Promise<Extract<ValidationEvent, { type: 'done' | 'failed' }>>;
};

/**
 * `onEvent` receives every event, a `failed` one included when the worker died without a word;
 * `onSilentExit` is then called first, so the host can close the validation's record.
 */
export function validateInWorker(
  job: ValidateJob,
  onEvent: (event: ValidationEvent) => void,
  onSilentExit: (event: Extract<ValidationEvent, { type: 'failed' }>) => void = () => undefined,
): ValidateWorkerHandle {
  const { child, send } = forkWorker();
  let last: Extract<ValidationEvent, { type: 'done' | 'failed' }> | undefined;
  const finished = new Promise<Extract<ValidationEvent, { type: 'done' | 'failed' }>>((resolve) => {
    child.on('message', (event: ValidationEvent) => {
      if (event.type === 'done' || event.type === 'failed') last = event;
      onEvent(event);
    });
    child.on('exit', (code, signal) => {
      if (last) {
        resolve(last);
        return;
      }
      const died: Extract<ValidationEvent, { type: 'failed' }> = {
        type: 'failed',
        validationId: job.validationId,
        error: {
          code: 'internal',
          message: `The validation worker stopped (${signal ?? `exit ${String(code)}`}) before it finished; validate again to resume.`,
        },
      };
      onSilentExit(died);
      onEvent(died);
      resolve(died);
    });
  });
  send({ type: 'start', job });
  return { cancel: () => send({ type: 'cancel' }), finished };
}
