import { describe, expect, it } from 'vitest';
import { loadOrder } from './foreign-key-order';

describe('loadOrder', () => {
  it('loads referenced tables first, in as few phases as the keys allow', () => {
    const order = loadOrder(
      ['InvoiceLine', 'Invoice', 'Customer', 'Employee', 'Track', 'Album', 'Artist'],
      [
        { from: 'InvoiceLine', to: 'Invoice' },
        { from: 'InvoiceLine', to: 'Track' },
        { from: 'Invoice', to: 'Customer' },
        { from: 'Customer', to: 'Employee' },
        { from: 'Employee', to: 'Employee' },
        { from: 'Track', to: 'Album' },
        { from: 'Album', to: 'Artist' },
      ],
    );
    expect(order.phases).toEqual([
      ['Artist', 'Employee'],
      ['Album', 'Customer'],
      ['Invoice', 'Track'],
      ['InvoiceLine'],
    ]);
    expect(order.deferredEdges).toEqual([{ from: 'Employee', to: 'Employee' }]);
  });

  it('puts a cycle in one phase and defers the keys inside it', () => {
    const order = loadOrder(
      ['departments', 'employees', 'badges'],
      [
        { from: 'departments', to: 'employees' },
        { from: 'employees', to: 'departments' },
        { from: 'badges', to: 'employees' },
      ],
    );
    expect(order.phases).toEqual([['departments', 'employees'], ['badges']]);
    expect(order.deferredEdges).toEqual([
      { from: 'departments', to: 'employees' },
      { from: 'employees', to: 'departments' },
    ]);
  });

  it('ignores keys to tables outside the plan', () => {
    expect(loadOrder(['a'], [{ from: 'a', to: 'elsewhere' }])).toEqual({ phases: [['a']], deferredEdges: [] });
  });
});
