/** Keys in binary order: numbers by value, text by UTF-8 bytes (code points), as every side sorts them in SQL. */

/** A key value as text for byte comparison. */
function textOf(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function compareValue(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint'))
    return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(textOf(a), 'utf8'), Buffer.from(textOf(b), 'utf8'));
}

export function compareKeyValues(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const order = compareValue(a[i], b[i]);
    if (order !== 0) return order;
  }
  return 0;
}

/** A key as map text: big integers and numbers alike as their decimal text. */
export function jsonKey(key: readonly unknown[]): string {
  return JSON.stringify(key.map((v) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : v)));
}

/** A key's values as they cross the wire. */
export function jsonCells(key: readonly unknown[]): (string | number | boolean | null)[] {
  return key.map((v) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    return textOf(v);
  });
}
