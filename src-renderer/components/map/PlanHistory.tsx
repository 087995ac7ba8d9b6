import { useEffect, useRef } from 'react';
import { selectDirty, usePlanEditor } from '../../state/plan-editor';
import {
  closePlanHistory,
  compareHistoryWith,
  openPlanHistory,
  selectHistoryVersion,
  usePlanHistory,
  type PlanChange,
  type PlanVersion,
} from '../../state/plans';
import { ErrorNotice } from '../ErrorNotice';

function formatSavedAt(savedAt: string): string {
  return new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Opens the history of the open plan (every save is a version). */
export function PlanHistoryButton() {
  const planId = usePlanEditor((state) => state.planId);
  const showing = usePlanHistory((state) => state.planId !== null);
  return (
    <button
      type="button"
      disabled={planId === null}
      aria-haspopup="dialog"
      aria-expanded={showing}
      title="Every saved version of this plan, and what changed between them"
      onClick={() => {
        if (planId) openPlanHistory(planId);
      }}
    >
      History
    </button>
  );
}

type ChangeGroup = { table: string | null; changes: PlanChange[] };

/** Changes of the plan itself first, then table by table in the order they came. */
function groupByTable(changes: readonly PlanChange[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  for (const change of changes) {
    const table = change.table ?? null;
    let group = groups.find((candidate) => candidate.table === table);
    if (!group) {
      group = { table, changes: [] };
      if (table === null) groups.unshift(group);
      else groups.push(group);
    }
    group.changes.push(change);
  }
  return groups;
}

const changeMarks: Record<PlanChange['kind'], string> = {
  'plan-changed': '~',
  'table-added': '+',
  'table-removed': '−',
  'table-changed': '~',
  'column-added': '+',
  'column-removed': '−',
  'column-changed': '~',
};

/** The saved versions of the open plan, newest first, and the changes between two of them. */
export function PlanHistoryDialog() {
  const planId = usePlanHistory((state) => state.planId);
  const list = usePlanHistory((state) => state.list);
  const to = usePlanHistory((state) => state.to);
  const dirty = usePlanEditor(selectDirty);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (planId) closeButton.current?.focus();
  }, [planId]);

  if (!planId) return null;
  const versions = list.status === 'loaded' ? list.versions : [];

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) closePlanHistory();
      }}
    >
      <div
        className="dialog history-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="history-title"
        onKeyDown={(event) => {
          if (event.key === 'Escape') closePlanHistory();
        }}
      >
        <div className="history-header">
          <div>
            <h2 id="history-title">Plan history</h2>
            <p className="muted">
              Every save is kept as a version. Select one to see what changed since the one before.
            </p>
          </div>
          <button type="button" ref={closeButton} onClick={closePlanHistory}>
            Close
          </button>
        </div>
        {dirty ? (
          <p className="notice notice-warn notice-compact" role="status">
            This plan has edits that are not saved yet; they become a version when you save.
          </p>
        ) : null}
        {list.status === 'failed' ? <ErrorNotice error={list.error} compact /> : null}
        {list.status === 'loading' ? <p className="muted">Reading the saved versions…</p> : null}
        {list.status === 'loaded' ? (
          <div className="history-body">
            <VersionList versions={versions} selected={to} />
            <VersionChanges versions={versions} />
          </div>
        ) : null}
      </div>
    </div>
  );
}

function VersionList({ versions, selected }: { versions: readonly PlanVersion[]; selected: number | null }) {
  return (
    <ul className="history-versions" aria-label="Saved versions">
      {versions.map((version, index) => (
        <li key={version.version}>
          <button
            type="button"
            className={version.version === selected ? 'history-version history-version-selected' : 'history-version'}
            aria-pressed={version.version === selected}
            aria-label={`Version ${version.version}`}
            onClick={() => selectHistoryVersion(version.version)}
          >
            <span className="history-version-title">
              <strong>Version {version.version}</strong>
              {index === 0 ? <span className="badge">latest</span> : null}
            </span>
            <span className="muted">{formatSavedAt(version.savedAt)}</span>
            {version.note ? <span className="history-note">{version.note}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

function VersionChanges({ versions }: { versions: readonly PlanVersion[] }) {
  const from = usePlanHistory((state) => state.from);
  const to = usePlanHistory((state) => state.to);
  const diff = usePlanHistory((state) => state.diff);
  if (to === null) return <div className="history-changes muted">No version is saved yet.</div>;
  const others = versions.filter((version) => version.version !== to);

  return (
    <section className="history-changes" aria-label="Changes">
      <div className="history-compare">
        <h3>{from === null ? `Version ${to}` : `Changes from version ${from} to version ${to}`}</h3>
        {others.length > 0 ? (
          <label className="inline-label history-compare-picker">
            Compare with
            <select
              value={from ?? ''}
              onChange={(event) => compareHistoryWith(event.target.value === '' ? null : Number(event.target.value))}
            >
              <option value="">—</option>
              {others.map((version) => (
                <option key={version.version} value={version.version}>
                  version {version.version}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      {from === null ? (
        <p className="muted">
          {versions.some((version) => version.version < to)
            ? 'Choose a version to compare it with.'
            : 'The first version of the plan: there is nothing before it to compare with.'}
        </p>
      ) : null}
      {diff.status === 'loading' ? <p className="muted">Comparing the two versions…</p> : null}
      {diff.status === 'failed' ? <ErrorNotice error={diff.error} compact /> : null}
      {diff.status === 'done' && diff.changes.length === 0 ? (
        <p className="muted">The two versions are the same.</p>
      ) : null}
      {diff.status === 'done' && diff.changes.length > 0 ? (
        <>
          <p className="muted">
            {diff.changes.length === 1 ? '1 change' : `${diff.changes.length} changes`}
            {from !== null && from > to ? ', going back to an older version' : ''}
          </p>
          <div className="history-groups">
            {groupByTable(diff.changes).map((group) => (
              <section
                key={group.table ?? ''}
                className="history-group"
                aria-label={group.table === null ? 'The plan' : `Table ${group.table}`}
              >
                <h4 className={group.table === null ? undefined : 'mono'}>{group.table ?? 'The plan'}</h4>
                <ul>
                  {group.changes.map((change, index) => (
                    <li key={index} className={`history-change history-change-${change.kind}`}>
                      <span className="history-change-mark" aria-hidden="true">
                        {changeMarks[change.kind]}
                      </span>
                      <span className="history-change-message">{change.message}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
