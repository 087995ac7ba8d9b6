import { describe, expect, it } from 'vitest';
import type { ColumnMapping, Plan } from '../../src-shared/plan';
import {
  addStep,
  addTargetColumn,
  clearMapping,
  findColumn,
  moveStep,
  parseDefault,
  removeStep,
  removeTargetColumn,
  replaceTableMapping,
  reviewCounts,
  setDefault,
  setReview,
  setSources,
  tablesInPhaseOrder,
  updateColumns,
} from './plan-edits';

function column(target: string, change: Partial<ColumnMapping> = {}): ColumnMapping {
  return {
    target,
    targetType: { kind: 'text' },
    targetNullable: true,
    sources: [target],
    transforms: [],
    onError: 'reject',
    match: { method: 'exact', score: 1, reason: 'Same name.' },
    review: { status: 'draft' },
    ...change,
  };
}

function plan(): Plan {
  return {
    tally: 1,
    name: 'Shop',
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { url: 'sqlite:/shop.db' },
    target: { url: 'sqlite:/new.db' },
    sourceFingerprint: { hash: 'h', tables: [] },
    phases: [
      { name: 'Phase 1', tables: ['customers'] },
      { name: 'Phase 2', tables: ['orders'] },
    ],
    tables: [
      {
        id: 'orders',
        source: { table: { schema: null, name: 'orders' } },
        target: { schema: null, name: 'orders' },
        createIfMissing: false,
        keyColumns: ['order_id'],
        writeMode: 'full',
        columns: [column('order_id', { targetType: { kind: 'integer', bits: 64 }, targetNullable: false })],
      },
      {
        id: 'customers',
        source: { table: { schema: null, name: 'customers' } },
        target: { schema: null, name: 'customers' },
        createIfMissing: true,
        targetTable: {
          columns: [
            { name: 'customer_id', type: { kind: 'integer', bits: 64 }, nullable: false },
            { name: 'full_name', type: { kind: 'text' }, nullable: false },
            { name: 'email', type: { kind: 'text' }, nullable: true },
          ],
          primaryKey: ['customer_id'],
          uniqueConstraints: [],
          foreignKeys: [],
          indexes: [{ name: 'customers_email', columns: ['email'], unique: false }],
        },
        keyColumns: ['customer_id'],
        writeMode: 'full',
        columns: [
          column('customer_id', { targetType: { kind: 'integer', bits: 64 }, targetNullable: false }),
          column('full_name', { targetNullable: false }),
          column('email'),
        ],
      },
    ],
  };
}

describe('column edits', () => {
  it('never change the plan they are given', () => {
    const before = plan();
    const frozen = JSON.stringify(before);
    const after = updateColumns(before, 'customers', ['full_name'], (c) => addStep(c, { name: 'trim', params: {} }));
    expect(JSON.stringify(before)).toBe(frozen);
    expect(findColumn(after, 'customers', 'full_name')?.transforms).toEqual([{ name: 'trim', params: {} }]);
    // Untouched tables keep their identity, so the grid of another table does not re-render.
    expect(after.tables[0]).toBe(before.tables[0]);
  });

  it('add, move and remove steps of a chain', () => {
    let c = column('full_name');
    c = addStep(c, { name: 'trim', params: {} });
    c = addStep(c, { name: 'split_name', params: { part: 'first' } });
    c = addStep(c, { name: 'case', params: { to: 'upper' } }, 0);
    expect(c.transforms.map((s) => s.name)).toEqual(['case', 'trim', 'split_name']);
    c = moveStep(c, 2, -1);
    expect(c.transforms.map((s) => s.name)).toEqual(['case', 'split_name', 'trim']);
    expect(moveStep(c, 0, -1)).toBe(c);
    expect(moveStep(c, 2, 1)).toBe(c);
    c = removeStep(c, 0);
    expect(c.transforms.map((s) => s.name)).toEqual(['split_name', 'trim']);
  });

  it('a source chosen by hand says so in place of the auto-matcher reason', () => {
    const c = setSources(column('first_name', { sources: [] }), ['full_name']);
    expect(c.sources).toEqual(['full_name']);
    expect(c.match?.method).toBe('manual');
  });

  it('clear removes sources, transforms and default and asks for a decision', () => {
    const c = clearMapping(
      column('phone', { transforms: [{ name: 'trim', params: {} }], defaultForNull: 'none', onError: 'default' }),
    );
    expect(c).toMatchObject({ sources: [], transforms: [], onError: 'reject', review: { status: 'needs-decision' } });
    expect('defaultForNull' in c).toBe(false);
  });

  it('review edits trim owner and comment, and drop them when emptied', () => {
    let c = setReview(column('email'), { status: 'agreed', owner: ' Ana ', comment: 'ok' });
    expect(c.review).toEqual({ status: 'agreed', owner: 'Ana', comment: 'ok' });
    c = setReview(c, { owner: '' });
    expect(c.review).toEqual({ status: 'agreed', comment: 'ok' });
  });

  it('a default can be set and removed', () => {
    const c = setDefault(column('email'), 'n/a');
    expect(c.defaultForNull).toBe('n/a');
    expect('defaultForNull' in setDefault(c, undefined)).toBe(false);
  });
});

describe('parseDefault', () => {
  it('reads numbers, booleans and text by the target type', () => {
    expect(parseDefault('42', { kind: 'integer', bits: 32 })).toEqual({ ok: true, value: 42 });
    expect(parseDefault('4.5', { kind: 'integer', bits: 32 }).ok).toBe(false);
    expect(parseDefault('4.5', { kind: 'decimal', precision: 10, scale: 2 })).toEqual({ ok: true, value: 4.5 });
    expect(parseDefault('abc', { kind: 'float' }).ok).toBe(false);
    expect(parseDefault('TRUE', { kind: 'boolean' })).toEqual({ ok: true, value: true });
    expect(parseDefault('maybe', { kind: 'boolean' }).ok).toBe(false);
    expect(parseDefault(' n/a ', { kind: 'text' })).toEqual({ ok: true, value: ' n/a ' });
    expect(parseDefault('  ', { kind: 'text' })).toEqual({ ok: true, value: undefined });
  });
});

describe('target columns of a table Tally creates', () => {
  it('can be added, to the definition and as a mapping row', () => {
    const result = addTargetColumn(plan(), 'customers', {
      name: 'first_name',
      type: { kind: 'text', length: 80 },
      nullable: true,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const table = result.plan.tables[1];
    expect(table?.targetTable?.columns.map((c) => c.name)).toContain('first_name');
    expect(table?.columns.at(-1)).toMatchObject({ target: 'first_name', sources: [], match: { method: 'manual' } });
  });

  it('are refused on an existing table, with a duplicate name, or without a name', () => {
    expect(addTargetColumn(plan(), 'orders', { name: 'x', type: { kind: 'text' }, nullable: true })).toMatchObject({
      ok: false,
    });
    expect(
      addTargetColumn(plan(), 'customers', { name: 'Full_Name', type: { kind: 'text' }, nullable: true }),
    ).toMatchObject({
      ok: false,
    });
    expect(addTargetColumn(plan(), 'customers', { name: ' ', type: { kind: 'text' }, nullable: true })).toMatchObject({
      ok: false,
    });
  });

  it('can be removed unless they are part of a key, constraint or index', () => {
    const removed = removeTargetColumn(plan(), 'customers', 'full_name');
    expect(removed.ok).toBe(true);
    if (removed.ok) expect(removed.plan.tables[1]?.columns.map((c) => c.target)).toEqual(['customer_id', 'email']);
    expect(removeTargetColumn(plan(), 'customers', 'customer_id')).toMatchObject({ ok: false });
    expect(removeTargetColumn(plan(), 'customers', 'email')).toMatchObject({ ok: false });
    expect(removeTargetColumn(plan(), 'orders', 'order_id')).toMatchObject({ ok: false });
  });
});

describe('tables', () => {
  it('are listed in phase order', () => {
    expect(tablesInPhaseOrder(plan()).map((g) => [g.phase, g.tables.map((t) => t.id)])).toEqual([
      ['Phase 1', ['customers']],
      ['Phase 2', ['orders']],
    ]);
  });

  it('list a table no phase names at the end', () => {
    const p = { ...plan(), phases: [{ name: 'Phase 1', tables: ['customers'] }] };
    expect(tablesInPhaseOrder(p).map((g) => g.phase)).toEqual(['Phase 1', 'Not in a phase']);
  });

  it('count their review statuses', () => {
    const p = updateColumns(plan(), 'customers', ['email'], (c) => setReview(c, { status: 'agreed' }));
    expect(reviewCounts(p.tables[1]!)).toEqual({ draft: 2, 'needs-decision': 0, agreed: 1 });
  });

  it('a fresh auto-mapping replaces a table but keeps its id', () => {
    const fresh = { ...plan().tables[1]!, id: 'customers_2', columns: [] };
    const next = replaceTableMapping(plan(), 'customers', fresh);
    expect(next.tables[1]).toMatchObject({ id: 'customers', columns: [] });
  });
});
