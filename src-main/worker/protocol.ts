/**
 * The worker's message protocol: commands in, events out, both discriminated unions. Long work
 * (runs, dry runs, profiling, validation) happens in a forked Node process so that no
 * host (Electron, the web host, the CLI) stalls on synchronous SQLite or heavy batches.
 */
import type { ConnectionSpec } from '../../src-shared/connection';
import type { ProfileEvent, ProfileOptions } from '../../src-shared/profile';
import type { RunEvent } from '../engine/run-events';

export type RunJob = {
  kind: 'run';
  planJson: string;
  workspacePath: string;
  batchRows?: number;
  fresh?: boolean;
  dryRun?: boolean;
  mode?: 'full' | 'upsert' | 'incremental';
  allowDrift?: boolean;
  /** Resolved by the parent; travel over the IPC pipe only. */
  passwords?: { source?: string; target?: string };
};

/** Profiles tables of a source database on a read-only session; reports `ProfileEvent`s. */
export type ProfileJob = {
  kind: 'profile';
  jobId: string;
  spec: ConnectionSpec;
  /** Resolved by the parent; travels over the IPC pipe only. */
  password?: string;
  /** Only these tables (`table` or `schema.table`); every table when absent. */
  tables?: string[];
  options?: ProfileOptions;
};

/** Validates a plan's tables into a validation record the host created in the workspace; reports `ValidationEvent`s. */
export type ValidateJob = {
  kind: 'validate';
  planJson: string;
  workspacePath: string;
  validationId: string;
  tableIds: string[];
  resumed: boolean;
  /** Resolved by the parent; travel over the IPC pipe only. */
  passwords?: { source?: string; target?: string };
  tuning?: { segmentRows?: number; diffRows?: number };
};

export type WorkerCommand =
  | { type: 'start'; job: RunJob | ProfileJob | ValidateJob }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' };

export type WorkerEvent = RunEvent;

export type ProfileWorkerEvent = ProfileEvent;

export function isWorkerCommand(value: unknown): value is WorkerCommand {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'start' || type === 'pause' || type === 'resume' || type === 'cancel';
}
