import { describe, expect, it } from 'vitest';
import { TallyError, redactSecrets } from './errors';

describe('redactSecrets', () => {
  it.each([
    ['postgres://ann:hunter2@db:5432/x failed', [], 'postgres://ann:***@db:5432/x failed'],
    ['mysql://root:p%40ss@127.0.0.1/test', [], 'mysql://root:***@127.0.0.1/test'],
    ['password authentication failed (tried S3cr3t!)', ['S3cr3t!'], 'password authentication failed (tried ***)'],
    ['no secret here', ['xy'], 'no secret here'],
    ['sqlite:/tmp/a.db', [], 'sqlite:/tmp/a.db'],
  ])('%s', (text, secrets, expected) => {
    expect(redactSecrets(text, secrets)).toBe(expected);
  });
});

describe('TallyError', () => {
  it('crosses a transport as data and comes back the same', () => {
    const error = new TallyError('bad-input', 'Row 7 of orders has a bad date in order_date.', {
      table: 'orders',
      rowKey: '7',
      column: 'order_date',
    });
    const data = JSON.parse(JSON.stringify(error.toData())) as ReturnType<TallyError['toData']>;
    expect(data).toEqual({
      code: 'bad-input',
      message: 'Row 7 of orders has a bad date in order_date.',
      table: 'orders',
      rowKey: '7',
      column: 'order_date',
    });
    expect(TallyError.fromData(data).toData()).toEqual(data);
  });
});
