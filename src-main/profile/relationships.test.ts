import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../src-shared/portable-types';
import type { SchemaInfo, TableInfo } from '../../src-shared/schema-info';
import { keysToCheck } from './relationships';

const integer: PortableType = { kind: 'integer', bits: 64 };
const text: PortableType = { kind: 'text' };

function table(
  name: string,
  columns: [string, PortableType][],
  key: string[],
  extra: Partial<TableInfo> = {},
): TableInfo {
  return {
    schema: 'public',
    name,
    kind: 'table',
    columns: columns.map(([column, portableType], i) => ({
      name: column,
      ordinal: i + 1,
      nativeType: '',
      portableType,
      nullable: true,
      defaultValue: null,
      autoIncrement: false,
    })),
    primaryKey: key.length > 0 ? { name: null, columns: key } : null,
    foreignKeys: [],
    uniqueConstraints: [],
    indexes: [],
    rowCount: null,
    ...extra,
  };
}

const products = table(
  'products',
  [
    ['product_id', integer],
    ['sku', text],
  ],
  ['product_id'],
);
const category = table('Category', [['Id', integer]], ['Id']);
const customers = table('customers', [['customer_id', integer]], ['customer_id']);
const items = table(
  'order_items',
  [
    ['order_item_id', integer],
    ['order_id', integer],
    ['product_id', integer],
    ['CategoryId', integer],
    ['customer_id', text],
    ['paid', integer],
  ],
  ['order_item_id'],
  {
    foreignKeys: [
      {
        name: null,
        columns: ['order_id'],
        referencedTable: { schema: 'public', name: 'orders' },
        referencedColumns: ['order_id'],
        onDelete: null,
        onUpdate: null,
      },
    ],
  },
);
const orders = table('orders', [['order_id', integer]], ['order_id']);
const schema: SchemaInfo = {
  dialect: 'postgres',
  serverVersion: '',
  database: 'shop',
  schemas: ['public'],
  tables: [products, category, customers, items, orders],
  inspectedAt: '',
};

describe('keysToCheck', () => {
  it('checks the declared keys, and likely ones by name and type', () => {
    const keys = keysToCheck(items, schema).map((k) => ({
      columns: k.columns,
      to: `${k.referencedTable.name}.${k.referencedColumns.join('+')}`,
      declared: k.declared,
    }));
    expect(keys).toEqual([
      { columns: ['order_id'], to: 'orders.order_id', declared: true },
      { columns: ['product_id'], to: 'products.product_id', declared: false },
      { columns: ['CategoryId'], to: 'Category.Id', declared: false },
    ]);
  });

  it('never takes a table’s own key for a reference to itself', () => {
    expect(keysToCheck(products, schema)).toEqual([]);
  });

  it('finds plural tables ending in -ies', () => {
    const categories = table('categories', [['category_id', integer]], ['category_id']);
    const posts = table(
      'posts',
      [
        ['id', integer],
        ['category_id', integer],
      ],
      ['id'],
    );
    const keys = keysToCheck(posts, { ...schema, tables: [categories, posts] });
    expect(keys.map((k) => k.referencedTable.name)).toEqual(['categories']);
  });
});
