import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, historyLimit, record, redo, startHistory, undo } from './undo-history';

describe('undo history', () => {
  it('undoes and redoes in order', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    expect(h.present).toBe('c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('an edit after undoing drops what was undone', () => {
    let h = record(record(startHistory('a'), 'b'), 'c');
    h = record(undo(h), 'd');
    expect(h.present).toBe('d');
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('recording the same state is not an edit', () => {
    const h = startHistory('a');
    expect(record(h, 'a')).toBe(h);
  });

  it('keeps at most the limit of past states', () => {
    let h = startHistory(0);
    for (let i = 1; i <= historyLimit + 50; i += 1) h = record(h, i);
    expect(h.past.length).toBe(historyLimit);
    expect(h.past[0]).toBe(50);
  });
});
