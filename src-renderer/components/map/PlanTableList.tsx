import type { Plan } from '../../../src-shared/plan';
import { formatTableRef } from '../../../src-shared/schema-info';
import { reviewCounts, tablesInPhaseOrder } from '../../lib/plan-edits';
import { resetPreviewView } from '../../state/map-preview';
import { selectTable, usePlanEditor } from '../../state/plan-editor';

/** The plan's target tables in load order (phases), with how far the review of each has come. */
export function PlanTableList({ plan }: { plan: Plan }) {
  const selected = usePlanEditor((state) => state.selectedTableId);
  const groups = tablesInPhaseOrder(plan);
  return (
    <nav className="table-list plan-tables" aria-label="Plan tables">
      <div className="table-list-scroll">
        {groups.map((group) => (
          <section key={group.phase}>
            <h3 className="table-list-heading">{group.phase}</h3>
            <ul>
              {group.tables.map((table) => {
                const counts = reviewCounts(table);
                const source = 'table' in table.source ? formatTableRef(table.source.table) : 'query';
                const target = formatTableRef(table.target);
                const label = [
                  target,
                  table.createIfMissing ? 'created by Tally' : null,
                  `${counts.agreed} agreed, ${counts['needs-decision']} need a decision, ${counts.draft} draft`,
                ]
                  .filter((part) => part !== null)
                  .join(' — ');
                return (
                  <li key={table.id}>
                    <button
                      type="button"
                      className={table.id === selected ? 'plan-table selected' : 'plan-table'}
                      aria-current={table.id === selected ? 'true' : undefined}
                      aria-label={label}
                      onClick={() => {
                        selectTable(table.id);
                        resetPreviewView();
                      }}
                    >
                      <span className="plan-table-line">
                        <span className="plan-table-name">{target}</span>
                        {table.createIfMissing ? (
                          <span className="badge badge-create" title="Tally creates this table on the target">
                            new
                          </span>
                        ) : null}
                      </span>
                      <span className="plan-table-line">
                        <span className="plan-table-source muted" title={`From ${source}`}>
                          ← {source}
                        </span>
                        <span className="review-counts" aria-hidden="true">
                          <span className="count count-agreed" title="Agreed">
                            {counts.agreed}
                          </span>
                          <span className="count count-needs" title="Needs a decision">
                            {counts['needs-decision']}
                          </span>
                          <span className="count count-draft" title="Draft">
                            {counts.draft}
                          </span>
                        </span>
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </nav>
  );
}
