import { useEffect, useState } from 'react';
import type { Plan, TableMapping } from '../../../src-shared/plan';
import { formatTableRef } from '../../../src-shared/schema-info';
import { findTable } from '../../lib/plan-edits';
import { ddlKey, loadDdl, useMapPreview } from '../../state/map-preview';
import { ErrorNotice } from '../ErrorNotice';

/** Waits until edits pause before asking for the DDL again. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function Statements({ title, statements }: { title: string; statements: readonly string[] }) {
  if (statements.length === 0) return null;
  return (
    <section className="ddl-section" aria-label={title}>
      <h3>{title}</h3>
      <pre className="ddl">{statements.map((statement) => statement.trimEnd().replace(/;?$/, ';')).join('\n\n')}</pre>
    </section>
  );
}

/** "Create target table": the statements Tally will run on the target, shown before anything runs. */
export function DdlReview({ plan, table }: { plan: Plan; table: TableMapping }) {
  const settledPlan = useSettled(plan, 300);
  const settledTable = findTable(settledPlan, table.id);
  const key = settledTable?.createIfMissing ? ddlKey(settledPlan, settledTable) : null;
  const ddl = useMapPreview((state) => (key ? state.ddl[key] : undefined));

  useEffect(() => {
    if (table.createIfMissing) loadDdl(settledPlan, table.id);
  }, [settledPlan, table.id, table.createIfMissing]);

  if (!table.createIfMissing)
    return (
      <div className="ddl-review">
        <p>
          <strong>{formatTableRef(table.target)}</strong> exists on the target: Tally writes into it and creates
          nothing.
        </p>
      </div>
    );
  return (
    <div className="ddl-review">
      <p>
        <strong>{formatTableRef(table.target)}</strong> does not exist on the target. Before loading it, Tally runs
        {ddl?.status === 'loaded' ? ` this ${ddl.ddl.dialect}` : ' this'} DDL (nothing runs from this screen):
      </p>
      {!ddl || ddl.status === 'loading' ? (
        <div className="notice notice-progress" role="status">
          <span className="spinner" aria-hidden="true" /> Writing the DDL for the target's dialect…
        </div>
      ) : null}
      {ddl?.status === 'failed' ? <ErrorNotice error={ddl.error} compact /> : null}
      {ddl?.status === 'loaded' ? (
        <>
          <Statements title="Create the table" statements={ddl.ddl.createTable} />
          <Statements title="Indexes" statements={ddl.ddl.indexes} />
          <Statements title="Foreign keys" statements={ddl.ddl.foreignKeys} />
        </>
      ) : null}
    </div>
  );
}
