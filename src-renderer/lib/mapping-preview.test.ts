import { describe, expect, it } from 'vitest';
import type { ColumnMapping, TableMapping } from '../../src-shared/plan';
import { previewColumn, previewRows, rejectionText, summarize } from './mapping-preview';

function column(target: string, change: Partial<ColumnMapping> = {}): ColumnMapping {
  return {
    target,
    targetType: { kind: 'text' },
    targetNullable: true,
    sources: [target],
    transforms: [],
    onError: 'reject',
    review: { status: 'draft' },
    ...change,
  };
}

const customers: TableMapping = {
  id: 'customers',
  source: { table: { schema: null, name: 'customers' } },
  target: { schema: null, name: 'customers' },
  createIfMissing: true,
  keyColumns: ['customer_id'],
  writeMode: 'full',
  columns: [
    column('customer_id', { targetType: { kind: 'integer', bits: 64 }, targetNullable: false }),
    column('first_name', { sources: ['full_name'], transforms: [{ name: 'split_name', params: { part: 'first' } }] }),
    column('last_name', { sources: ['full_name'], transforms: [{ name: 'split_name', params: { part: 'last' } }] }),
    column('phone', { transforms: [{ name: 'normalize_phone', params: { defaultRegion: 'US' } }] }),
  ],
};

const rows = [
  { customer_id: 2, full_name: '  Sylvester Rath', phone: '718.693.6833' },
  { customer_id: 17, full_name: "O'Connell, Deshaun", phone: '+49 30 9401 4051' },
  { customer_id: 84, full_name: 'Connor Nolan', phone: 'call me' },
  { customer_id: 1, full_name: 'Mara Jaskolski', phone: null },
];

describe('the live preview', () => {
  it('runs each column through its chain with the catalogue', () => {
    const [sylvester, deshaun] = previewRows(customers, rows);
    expect(sylvester?.label).toBe('customer_id 2');
    expect(sylvester?.columns.first_name).toMatchObject({ kind: 'value', value: 'Sylvester' });
    expect(sylvester?.columns.last_name).toMatchObject({ kind: 'value', value: 'Rath' });
    expect(sylvester?.columns.phone).toMatchObject({ kind: 'value', value: '+17186936833' });
    expect(deshaun?.columns.first_name).toMatchObject({ kind: 'value', value: 'Deshaun' });
    expect(deshaun?.columns.last_name).toMatchObject({ kind: 'value', value: "O'Connell" });
    expect(deshaun?.rejections).toEqual([]);
  });

  it('rejects a row with the column, the step and the reason', () => {
    const connor = previewRows(customers, rows)[2];
    expect(connor?.columns.phone).toMatchObject({ kind: 'rejected', failedStep: 0, failedStepName: 'normalize_phone' });
    expect(connor?.rejections).toHaveLength(1);
    expect(rejectionText(connor!.rejections[0]!)).toBe('phone (normalize_phone): "call me" is not a phone number.');
    expect(summarize(previewRows(customers, rows))).toEqual({ rows: 4, rejected: 1, defaulted: 0 });
  });

  it('keeps every step value for following a row', () => {
    const outcome = previewColumn(
      column('first_name', {
        sources: ['full_name'],
        transforms: [
          { name: 'trim', params: {} },
          { name: 'split_name', params: { part: 'first' } },
          { name: 'case', params: { to: 'upper' } },
        ],
      }),
      { full_name: '  Sylvester Rath ' },
    );
    expect(outcome.steps.map((s) => [s.name, s.value])).toEqual([
      ['trim', 'Sylvester Rath'],
      ['split_name', 'Sylvester'],
      ['case', 'SYLVESTER'],
    ]);
  });

  it('gives a null the default, and rejects it in a NOT NULL column without one', () => {
    const phone = column('phone', { targetNullable: false });
    expect(previewColumn(phone, { phone: null })).toMatchObject({ kind: 'rejected', failedStep: null });
    expect(previewColumn({ ...phone, defaultForNull: 'none' }, { phone: null })).toMatchObject({
      kind: 'value',
      value: 'none',
      defaulted: 'null',
    });
  });

  it('with on error = default, a failure takes the default and keeps its reason', () => {
    const phone = column('phone', {
      transforms: [{ name: 'normalize_phone', params: { defaultRegion: 'US' } }],
      onError: 'default',
      defaultForNull: 'unknown',
    });
    const outcome = previewColumn(phone, { phone: 'n/a' });
    expect(outcome).toMatchObject({ kind: 'value', value: 'unknown', defaulted: 'error' });
    expect(outcome.kind === 'value' ? outcome.replacedReason : null).toBe('"n/a" is not a phone number.');
  });

  it('rejects text longer than a text(n) column', () => {
    const outcome = previewColumn(column('code', { targetType: { kind: 'text', length: 3 } }), { code: 'ABCD' });
    expect(outcome).toMatchObject({
      kind: 'rejected',
      reason: '"ABCD" is 4 characters long; the column holds at most 3.',
    });
  });

  it('rejects what an integer column cannot hold, as the engine does', () => {
    const quantity = column('quantity', { targetType: { kind: 'integer', bits: 8 } });
    expect(previewColumn(quantity, { quantity: '12' })).toMatchObject({ kind: 'value', value: '12' });
    expect(previewColumn(quantity, { quantity: 'twelve' })).toMatchObject({
      kind: 'rejected',
      reason: '"twelve" is not a whole number (integer(8)).',
    });
    expect(previewColumn(quantity, { quantity: 300 })).toMatchObject({
      kind: 'rejected',
      reason: '"300" does not fit integer(8).',
    });
  });

  it('an invalid step rejects with the parameter sentence', () => {
    const outcome = previewColumn(column('x', { transforms: [{ name: 'case', params: {} }] }), { x: 'a' });
    expect(outcome).toMatchObject({ kind: 'rejected', failedStep: 0 });
    expect(outcome.kind === 'rejected' ? outcome.reason : '').toContain('"to"');
  });

  it('several sources without a combining step are refused, not silently cut to one', () => {
    const outcome = previewColumn(column('name', { sources: ['first', 'last'] }), { first: 'A', last: 'B' });
    expect(outcome).toMatchObject({ kind: 'rejected', failedStep: null, failedStepName: null });
  });
});
