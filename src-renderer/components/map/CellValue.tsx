import type { CellValue as Value } from '../../../src-shared/transforms/transform';
import { cellKind, formatCell } from '../../lib/mapping-preview';

/** One value as the preview shows it: null and empty text marked, spaces at the ends made visible. */
export function CellValue({ value }: { value: Value }) {
  const kind = cellKind(value);
  switch (kind) {
    case 'null':
      return <span className="cell-null">null</span>;
    case 'empty':
      return <span className="cell-null">(empty)</span>;
    case 'padded':
      return (
        <span className="cell-padded" title="Has spaces at the start or the end">
          {formatCell(value)}
        </span>
      );
    case 'plain':
      return <span className="cell-plain">{formatCell(value)}</span>;
  }
}
