import type { ValidationResult } from '../../../src-shared/validation';
import { formatInteger } from '../../lib/format';
import { causeLabels } from './cells';

/** Layers 1 and 2 per table: counts against the run's accounting, and segment checksums with their differences. */
export function ChecksumPanel({
  result,
  running,
  progress,
}: {
  result: ValidationResult | null;
  running: boolean;
  progress: { tableId: string; phase: string; segmentsDone: number; segmentsTotal: number } | null;
}) {
  if (running)
    return (
      <section className="checksum-panel" aria-label="Checksums">
        <div className="notice notice-progress">
          <span className="spinner" />
          <span className="notice-message">
            Validating
            {progress
              ? ` ${progress.tableId}: ${progress.phase}, ${formatInteger(progress.segmentsDone)} of ${formatInteger(progress.segmentsTotal)} segments`
              : '…'}
          </span>
        </div>
      </section>
    );
  if (!result)
    return (
      <section className="checksum-panel" aria-label="Checksums">
        <div className="notice notice-warn">
          <span className="notice-message">
            No checksum validation yet: counts and checksums of this plan have not been compared. Press{' '}
            <strong>Run validation</strong> to compare them.
          </span>
        </div>
      </section>
    );
  return (
    <section className="checksum-panel" aria-label="Checksums">
      <div className={result.ok ? 'notice notice-success' : 'notice notice-error'}>
        <span className="notice-message">
          {result.status === 'done'
            ? result.ok
              ? 'Every table matches within its tolerances.'
              : 'Differences found.'
            : `Validation ${result.status}.`}{' '}
          <span className="muted">Started {new Date(result.startedAt).toLocaleString()}.</span>
        </span>
      </div>
      <table className="checksum-table">
        <thead>
          <tr>
            <th>Table</th>
            <th>Result</th>
            <th className="num">Source rows</th>
            <th className="num">Target rows</th>
            <th className="num">Segments</th>
            <th className="num">Mismatched</th>
            <th
              className="num"
              title="Source rows the run quarantined with their reason: absent from the target as the plan says"
            >
              Quarantined
            </th>
            <th className="num">Missing</th>
            <th className="num">Extra</th>
            <th className="num">Changed</th>
            <th>Causes</th>
          </tr>
        </thead>
        <tbody>
          {result.tables.map((t) => (
            <tr key={t.tableId} className={t.status === 'match' ? undefined : 'checksum-differs'}>
              <td className="mono">{t.tableId}</td>
              <td>
                <span className={`checksum-status checksum-${t.status}`}>{t.status}</span>
              </td>
              <td className="num">{formatInteger(t.sourceRows)}</td>
              <td className="num">{formatInteger(t.targetRows)}</td>
              <td className="num">{formatInteger(t.segments)}</td>
              <td className="num">{formatInteger(t.mismatchedSegments)}</td>
              <td className="num">{formatInteger(t.quarantined)}</td>
              <td className="num">{formatInteger(t.missing)}</td>
              <td className="num">{formatInteger(t.extra)}</td>
              <td className="num">{formatInteger(t.changed)}</td>
              <td>
                {t.error
                  ? t.error.message
                  : t.groups.map((g) => `${formatInteger(g.count)} ${g.kind} (${causeLabels[g.cause]})`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
