import type { JsonCell } from '../../../src-shared/validation';
import { shownCell } from './cells';

/** One value of a record card. */
export function Cell({ value, masked = false }: { value: JsonCell | undefined; masked?: boolean }) {
  if (masked)
    return (
      <span className="review-value review-masked" title="Personal data, masked for reviewers">
        •••••
      </span>
    );
  const shown = shownCell(value);
  return <span className={`review-value review-value-${shown.kind}`}>{shown.text}</span>;
}
