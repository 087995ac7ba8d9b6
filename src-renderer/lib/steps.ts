/** The steps of the migration flow, in order, and what each one will give the user. */

export type StepId = 'connect' | 'inspect' | 'profile' | 'map' | 'dry-run' | 'run' | 'validate' | 'report';

export type Step = {
  id: StepId;
  label: string;
  /** False while the step's screen does not exist yet: the navigation says so instead of pretending. */
  built: boolean;
  /** What the step is for, shown under its title (and, for unbuilt steps, what will arrive). */
  summary: string;
  capabilities: readonly string[];
};

export const steps: readonly Step[] = [
  {
    id: 'connect',
    label: 'Connect',
    built: true,
    summary: 'Saved source and target databases.',
    capabilities: [],
  },
  {
    id: 'inspect',
    label: 'Inspect',
    built: true,
    summary: 'Tables, columns, keys, indexes and row counts.',
    capabilities: [],
  },
  {
    id: 'profile',
    label: 'Profile',
    built: true,
    summary: 'Learn what the source data really looks like before mapping it.',
    capabilities: [
      'Per column: null %, empty-string %, distinct count, min/max, length statistics, top values, format patterns and a histogram.',
      'Per table: duplicate candidate keys and orphaned foreign-key values, declared and likely.',
      'Alerts for high null rates, constant columns, mixed formats and orphans; an exportable report.',
    ],
  },
  {
    id: 'map',
    label: 'Map',
    built: true,
    summary: 'Decide how every target column is filled.',
    capabilities: [
      'A grid with one row per target column: source columns, transform chain, default for null and a type check.',
      'A live preview of real sample rows before and after the transforms.',
      'Auto-mapping by name and type; creating a missing target table from the source; a versionable plan file.',
    ],
  },
  {
    id: 'dry-run',
    label: 'Dry run',
    built: true,
    summary: 'Rehearse the whole plan into scratch tables that are dropped: rejects, rows/s and the time it will take.',
    capabilities: [
      'Every row transformed and checked, with rejects listed and their reasons.',
      'Measured throughput and an estimate of the total time.',
    ],
  },
  {
    id: 'run',
    label: 'Run',
    built: true,
    summary: 'Move the data in batches, in foreign-key order.',
    capabilities: [
      'Progress per table (rows, rows/s, ETA) with pause, resume and cancel.',
      'Checkpoints that survive a crash, a quarantine for bad rows and an error budget.',
      'Full load, idempotent upsert and incremental modes; rollback of a run.',
    ],
  },
  {
    id: 'validate',
    label: 'Validate',
    built: true,
    summary: 'Prove the data arrived intact.',
    capabilities: [
      'Row counts and checksums compared across both databases, bisected down to the rows that differ.',
      'A random sample shown side by side (source, expected, actual) for a reviewer to approve or flag.',
    ],
  },
  {
    id: 'report',
    label: 'Report',
    built: true,
    summary: 'The sign-off document and the audit trail.',
    capabilities: [
      'A printable HTML report with counts, checksum results, rejects and review decisions.',
      'An audit trail of every run, change and manual decision.',
    ],
  },
];

export function stepById(id: StepId): Step {
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}
