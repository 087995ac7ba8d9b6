/**
 * An undo history of immutable states: the states before the present (newest last) and the ones
 * undone since (newest last). Pure; the plan editor's store keeps one.
 */
export type UndoHistory<T> = { past: readonly T[]; present: T; future: readonly T[] };

/** Enough for a working day of edits; the oldest states are dropped first. */
export const historyLimit = 200;

export function startHistory<T>(present: T): UndoHistory<T> {
  return { past: [], present, future: [] };
}

/** Records a new present; an edit made after undoing drops the undone states. */
export function record<T>(history: UndoHistory<T>, next: T): UndoHistory<T> {
  if (next === history.present) return history;
  const past = [...history.past, history.present];
  return {
    past: past.length > historyLimit ? past.slice(past.length - historyLimit) : past,
    present: next,
    future: [],
  };
}

export function undo<T>(history: UndoHistory<T>): UndoHistory<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return { past: history.past.slice(0, -1), present: previous, future: [...history.future, history.present] };
}

export function redo<T>(history: UndoHistory<T>): UndoHistory<T> {
  const next = history.future[history.future.length - 1];
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future: history.future.slice(0, -1) };
}

export function canUndo(history: UndoHistory<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: UndoHistory<unknown>): boolean {
  return history.future.length > 0;
}
