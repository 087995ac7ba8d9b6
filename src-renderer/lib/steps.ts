/** The steps of the migration flow, in order, and what each one will give the user. */

export type StepId = 'connect' | 'inspect' | 'profile' | 'map' | 'dry-run' | 'run' | 'validate' | 'report';

export type Step = {
  id: StepId;
  label: string;
  /** What the step is for, shown under its title. */
  summary: string;
};

export const steps: readonly Step[] = [
  {
    id: 'connect',
    label: 'Connect',
    summary: 'Saved source and target databases.',
  },
  {
    id: 'inspect',
    label: 'Inspect',
    summary: 'Tables, columns, keys, indexes and row counts.',
  },
  {
    id: 'profile',
    label: 'Profile',
    summary: 'Learn what the source data really looks like before mapping it.',
  },
  {
    id: 'map',
    label: 'Map',
    summary: 'Decide how every target column is filled.',
  },
  {
    id: 'dry-run',
    label: 'Dry run',
    summary: 'Rehearse the whole plan into scratch tables that are dropped: rejects, rows/s and the time it will take.',
  },
  {
    id: 'run',
    label: 'Run',
    summary: 'Move the data in batches, in foreign-key order.',
  },
  {
    id: 'validate',
    label: 'Validate',
    summary: 'Prove the data arrived intact.',
  },
  {
    id: 'report',
    label: 'Report',
    summary: 'The sign-off document and the audit trail.',
  },
];

export function stepById(id: StepId): Step {
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}
