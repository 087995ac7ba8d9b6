import { useEffect, useRef, useState, type ChangeEvent, type RefObject } from 'react';
import type { Plan } from '../../../src-shared/plan';
import { downloadText, fileNameOf } from '../../lib/download';
import { importPlanFileFrom, planFileText, selectDirty, usePlanEditor } from '../../state/plan-editor';

/** The file picker behind "Import plan file…": hidden, opened by a button or a menu item. */
function PlanFileInput({ input }: { input: RefObject<HTMLInputElement | null> }) {
  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files?.[0];
    // Cleared at once, so that choosing the same file again reads it again.
    event.target.value = '';
    if (!file) return;
    void importPlanFileFrom(file);
  };
  return (
    <input
      ref={input}
      type="file"
      accept=".json,application/json"
      className="visually-hidden"
      tabIndex={-1}
      aria-label="Plan file to import"
      onChange={onChange}
    />
  );
}

/** "Import plan file…" on the start panel: reads a plan file and opens it as a new saved plan. */
export function ImportPlanFileButton() {
  const input = useRef<HTMLInputElement>(null);
  const importing = usePlanEditor((state) => state.importing);
  return (
    <>
      <button type="button" disabled={importing} onClick={() => input.current?.click()}>
        {importing ? 'Importing…' : 'Import plan file…'}
      </button>
      <PlanFileInput input={input} />
    </>
  );
}

/** The plan as a file: download it (as on screen, saved or not) or import another one. */
export function PlanFileMenu({ plan }: { plan: Plan }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const dirty = usePlanEditor(selectDirty);
  const version = usePlanEditor((state) => state.version);
  const importing = usePlanEditor((state) => state.importing);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent): void => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const closeOnEscape = (event: { key: string }): void => {
    if (event.key === 'Escape') setOpen(false);
  };

  const download = (): void => {
    downloadText(`${fileNameOf(plan.name)}.plan.json`, planFileText(plan), 'application/json');
    setOpen(false);
  };

  const chooseFile = (): void => {
    setOpen(false);
    input.current?.click();
  };

  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={importing}
        onClick={() => setOpen((current) => !current)}
        onKeyDown={closeOnEscape}
      >
        {importing ? 'Importing…' : 'Plan file ▾'}
      </button>
      {open ? (
        <div className="menu-popup plan-file-menu" role="menu" aria-label="Plan file">
          <button type="button" role="menuitem" className="menu-item" onClick={download} onKeyDown={closeOnEscape}>
            Download plan (.json)
          </button>
          <p className={dirty ? 'menu-note menu-note-warn' : 'menu-note'}>
            {dirty
              ? 'The file holds the plan as edited here, with the changes not saved yet.'
              : `The file holds the plan as saved${version === null ? '' : ` (version ${version})`}.`}
          </p>
          <div className="menu-separator" role="separator" />
          <button type="button" role="menuitem" className="menu-item" onClick={chooseFile} onKeyDown={closeOnEscape}>
            Import plan file…
          </button>
          <p className="menu-note">Saved in this workspace as a new plan, then opened.</p>
        </div>
      ) : null}
      <PlanFileInput input={input} />
    </div>
  );
}
