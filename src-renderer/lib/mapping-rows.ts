/** The mapping grid's rows: one per target column of a table, with what the grid shows of it. Pure. */
import { checkColumnType, sourceColumnsOf, type SourceColumn, type TypeCheck } from '../../src-shared/mapping-document';
import type { ColumnMatch, Plan, ReviewStatus, TableMapping } from '../../src-shared/plan';
import { formatPortableType } from '../../src-shared/portable-types';
import { describeStep } from '../../src-shared/transforms/catalogue';
import type { TransformStep } from '../../src-shared/transforms/transform';
import { formatDefault } from './plan-edits';

export type MappingRow = {
  target: string;
  type: string;
  nullable: boolean;
  key: boolean;
  sources: readonly string[];
  chain: readonly TransformStep[];
  /** The chain as sentences, for tooltips and the quick filter. */
  chainText: string;
  defaultText: string;
  onError: 'reject' | 'default';
  check: TypeCheck;
  match: ColumnMatch | undefined;
  status: ReviewStatus;
  owner: string;
  comment: string;
};

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  draft: 'draft',
  'needs-decision': 'needs decision',
  agreed: 'agreed',
};

export function mappingRows(
  plan: Plan,
  table: TableMapping,
  sourceColumns: readonly SourceColumn[] = sourceColumnsOf(plan, table),
): MappingRow[] {
  return table.columns.map((column) => ({
    target: column.target,
    type: formatPortableType(column.targetType),
    nullable: column.targetNullable,
    key: table.keyColumns.includes(column.target),
    sources: column.sources,
    chain: column.transforms,
    chainText: column.transforms.map((step, index) => `${index + 1}. ${describeStep(step)}`).join('\n'),
    defaultText: formatDefault(column.defaultForNull),
    onError: column.onError,
    check: checkColumnType(column, sourceColumns),
    match: column.match,
    status: column.review.status,
    owner: column.review.owner ?? '',
    comment: column.review.comment ?? '',
  }));
}

export type RowFilter = 'all' | ReviewStatus | 'problems';

export function passesFilter(row: MappingRow, filter: RowFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'problems':
      return row.check.status === 'lossy' || row.check.status === 'incompatible' || row.check.status === 'unmapped';
    case 'draft':
    case 'needs-decision':
    case 'agreed':
      return row.status === filter;
  }
}

/** `exact`, `fuzzy 0.82`… */
export function matchText(match: ColumnMatch | undefined): string {
  if (!match) return '';
  return match.method === 'exact' || match.method === 'none'
    ? match.method
    : `${match.method} ${match.score.toFixed(2)}`;
}
