import { useState } from 'react';
import { reviewStatusSchema, type ColumnMapping, type TableMapping } from '../../../src-shared/plan';
import { formatPortableType } from '../../../src-shared/portable-types';
import type { ColumnOutcome } from '../../lib/mapping-preview';
import { matchText, reviewStatusLabels } from '../../lib/mapping-rows';
import { formatDefault, parseDefault } from '../../lib/plan-edits';
import { clearColumns, editDefault, editOnError, editReview, editSources, removeColumn } from '../../state/plan-editor';
import { ChainEditor } from './ChainEditor';
import { CommitInput } from './CommitInput';

type Props = {
  table: TableMapping;
  column: ColumnMapping;
  sourceColumns: readonly string[];
  /** The column on the followed sample row (or the first one), to show each step's value. */
  trace: { label: string; outcome: ColumnOutcome } | null;
};

function SourcesEditor({ column, sourceColumns }: { column: ColumnMapping; sourceColumns: readonly string[] }) {
  const unused = sourceColumns.filter((name) => !column.sources.includes(name));
  const move = (index: number, by: -1 | 1): void => {
    const next = [...column.sources];
    const a = next[index];
    const b = next[index + by];
    if (a === undefined || b === undefined) return;
    next[index] = b;
    next[index + by] = a;
    editSources(column.target, next);
  };
  return (
    <section className="editor-section" aria-label="Sources">
      <h3>Source columns</h3>
      {column.sources.length === 0 ? (
        <p className="muted">No source column: only a constant or the default fills it.</p>
      ) : null}
      <ol className="source-list">
        {column.sources.map((name, index) => (
          <li key={name} className="source-item">
            <span className="mono">{name}</span>
            {sourceColumns.length > 0 && !sourceColumns.includes(name) ? (
              <span className="badge badge-warn" title="The source table has no such column">
                missing
              </span>
            ) : null}
            <span className="spacer" />
            {column.sources.length > 1 ? (
              <>
                <button
                  type="button"
                  className="button-ghost icon-button"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button-ghost icon-button"
                  aria-label={`Move ${name} down`}
                  disabled={index === column.sources.length - 1}
                  onClick={() => move(index, 1)}
                >
                  ↓
                </button>
              </>
            ) : null}
            <button
              type="button"
              className="button-ghost button-ghost-danger icon-button"
              aria-label={`Remove source ${name}`}
              onClick={() =>
                editSources(
                  column.target,
                  column.sources.filter((source) => source !== name),
                )
              }
            >
              ✕
            </button>
          </li>
        ))}
      </ol>
      <label htmlFor="add-source" className="visually-hidden">
        Add a source column
      </label>
      <select
        id="add-source"
        value=""
        onChange={(event) => {
          if (event.target.value) editSources(column.target, [...column.sources, event.target.value]);
        }}
      >
        <option value="">
          {column.sources.length === 0 ? 'Choose a source column…' : 'Add another source column…'}
        </option>
        {unused.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </section>
  );
}

/** The side panel: everything about the target column in focus. */
export function ColumnEditor({ table, column, sourceColumns, trace }: Props) {
  const [defaultError, setDefaultError] = useState<string | null>(null);
  const removable = table.createIfMissing && !table.keyColumns.includes(column.target);
  return (
    <aside className="column-editor" aria-label={`Mapping of ${column.target}`}>
      <header className="column-editor-header">
        <div>
          <h2>{column.target}</h2>
          <span className="mono muted">
            {formatPortableType(column.targetType)}
            {column.targetNullable ? '' : ' NOT NULL'}
          </span>
        </div>
        <span className="spacer" />
        <button
          type="button"
          className="button-ghost button-ghost-danger"
          onClick={() => clearColumns([column.target])}
        >
          Clear
        </button>
        {removable ? (
          <button
            type="button"
            className="button-ghost button-ghost-danger"
            title="Remove this column from the table Tally creates"
            onClick={() => removeColumn(column.target)}
          >
            Remove column
          </button>
        ) : null}
      </header>
      {column.match ? (
        <p className="match-line">
          <span className={`match match-${column.match.method}`}>{matchText(column.match)}</span>{' '}
          <span className="muted">{column.match.reason}</span>
        </p>
      ) : null}
      <SourcesEditor column={column} sourceColumns={sourceColumns} />
      <ChainEditor column={column} trace={trace} />
      <section className="editor-section editor-grid" aria-label="Nulls and errors">
        <div className="param">
          <label htmlFor="column-default">Default for null</label>
          <CommitInput
            id="column-default"
            value={formatDefault(column.defaultForNull)}
            placeholder="none: null stays null"
            aria-invalid={defaultError ? true : undefined}
            onCommit={(text) => {
              const parsed = parseDefault(text, column.targetType);
              if (!parsed.ok) {
                setDefaultError(parsed.message);
                return;
              }
              setDefaultError(null);
              editDefault(column.target, parsed.value);
            }}
          />
          {defaultError ? <div className="field-error">{defaultError}</div> : null}
        </div>
        <div className="param">
          <label htmlFor="column-on-error">When a value cannot be converted</label>
          <select
            id="column-on-error"
            value={column.onError}
            onChange={(event) => editOnError(column.target, event.target.value === 'default' ? 'default' : 'reject')}
          >
            <option value="reject">Reject the row</option>
            <option value="default">Use the default</option>
          </select>
        </div>
      </section>
      <section className="editor-section editor-grid" aria-label="Review">
        <div className="param">
          <label htmlFor="column-status">Review status</label>
          <select
            id="column-status"
            value={column.review.status}
            onChange={(event) => {
              const status = reviewStatusSchema.safeParse(event.target.value);
              if (status.success) editReview([column.target], { status: status.data });
            }}
          >
            {reviewStatusSchema.options.map((status) => (
              <option key={status} value={status}>
                {reviewStatusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="param">
          <label htmlFor="column-owner">Owner</label>
          <CommitInput
            id="column-owner"
            value={column.review.owner ?? ''}
            placeholder="Who decides"
            onCommit={(owner) => editReview([column.target], { owner })}
          />
        </div>
        <div className="param param-wide">
          <label htmlFor="column-comment">Comment</label>
          <CommitInput
            id="column-comment"
            multiline
            value={column.review.comment ?? ''}
            placeholder="What was agreed, and why"
            onCommit={(comment) => editReview([column.target], { comment })}
          />
        </div>
      </section>
    </aside>
  );
}
