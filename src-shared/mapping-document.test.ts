import { describe, expect, it } from 'vitest';
import {
  chainResultType,
  checkColumnType,
  escapeHtml,
  mappingDocument,
  parsePortableType,
  sourceColumnsOf,
} from './mapping-document';
import type { ColumnMapping, Plan } from './plan';
import { formatPortableType, type PortableType } from './portable-types';

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

const hostileComment = 'Agreed with "Bob", see call | 3/4\nsecond line <script>alert(1)</script>';

function plan(): Plan {
  return {
    tally: 1,
    name: 'Shop <legacy> & "new"',
    createdAt: '2026-01-01T00:00:00.000Z',
    source: { url: 'sqlite:/data/shop.db', name: 'Shop' },
    target: { url: 'sqlite:/data/new.db' },
    sourceFingerprint: {
      hash: 'h',
      tables: [
        {
          schema: null,
          name: 'customers',
          columns: [
            { name: 'customer_id', type: 'INTEGER → integer(64)', nullable: false },
            { name: 'full_name', type: 'TEXT → text', nullable: false },
            { name: 'phone', type: 'TEXT → text', nullable: true },
            { name: 'notes', type: 'VARCHAR(500) → text(500)', nullable: true },
            { name: 'created_at', type: 'TEXT → text', nullable: true },
          ],
        },
      ],
    },
    phases: [{ name: 'Phase 1', tables: ['customers'] }],
    tables: [
      {
        id: 'customers',
        source: { table: { schema: null, name: 'customers' } },
        target: { schema: null, name: 'customers' },
        createIfMissing: true,
        keyColumns: ['customer_id'],
        writeMode: 'full',
        columns: [
          column('customer_id', {
            targetType: { kind: 'integer', bits: 64 },
            targetNullable: false,
            review: { status: 'agreed' },
          }),
          column('first_name', {
            targetType: { kind: 'text', length: 50 },
            sources: ['full_name'],
            transforms: [{ name: 'split_name', params: { part: 'first' } }],
            match: { method: 'manual', score: 1, reason: 'Chosen by hand.' },
          }),
          column('phone', {
            targetType: { kind: 'text', length: 20 },
            transforms: [{ name: 'normalize_phone', params: { defaultRegion: 'US' } }],
            defaultForNull: 'unknown',
            onError: 'default',
            review: { status: 'needs-decision', owner: 'Ana, Sales', comment: hostileComment },
          }),
          column('notes', { review: { status: 'draft', comment: '=HYPERLINK("http://evil")' } }),
          column('is_active', { targetType: { kind: 'boolean' }, sources: ['active'] }),
          column('loyalty_points', { targetType: { kind: 'integer', bits: 32 }, targetNullable: false, sources: [] }),
          column('signed_up', {
            targetType: { kind: 'date' },
            sources: ['created_at'],
            transforms: [{ name: 'parse_date', params: { formats: ['YYYY-MM-DD'] } }],
          }),
        ],
      },
    ],
  };
}

/** An RFC 4180 reader: what a spreadsheet does with the CSV. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

describe('parsePortableType', () => {
  it('reads back every portable type it formats', () => {
    const types: PortableType[] = [
      { kind: 'integer', bits: 8 },
      { kind: 'integer', bits: 64 },
      { kind: 'decimal' },
      { kind: 'decimal', precision: 10, scale: 2 },
      { kind: 'float' },
      { kind: 'boolean' },
      { kind: 'text' },
      { kind: 'text', length: 120 },
      { kind: 'binary', length: 16 },
      { kind: 'date' },
      { kind: 'time' },
      { kind: 'timestamp' },
      { kind: 'timestamptz' },
      { kind: 'uuid' },
      { kind: 'json' },
    ];
    for (const type of types) expect(parsePortableType(formatPortableType(type))).toEqual(type);
  });

  it('refuses what is not a portable type', () => {
    for (const text of ['VARCHAR(20)', 'integer(12)', 'text(1,2)', 'date(3)', '', 'text(0)'])
      expect(parsePortableType(text)).toBeUndefined();
  });
});

describe('the type check', () => {
  const p = plan();
  const table = p.tables[0];
  if (!table) throw new Error('fixture');
  const sources = sourceColumnsOf(p, table);
  const check = (target: string) => {
    const mapping = table.columns.find((c) => c.target === target);
    if (!mapping) throw new Error(target);
    return checkColumnType(mapping, sources);
  };

  it('reads the source types from the plan fingerprint', () => {
    expect(sources.map((c) => [c.name, c.type && formatPortableType(c.type)])).toEqual([
      ['customer_id', 'integer(64)'],
      ['full_name', 'text'],
      ['phone', 'text'],
      ['notes', 'text(500)'],
      ['created_at', 'text'],
    ]);
  });

  it('says fits, lossy or incompatible with the reason', () => {
    expect(check('customer_id').status).toBe('fits');
    expect(check('first_name').status).toBe('lossy');
    expect(check('first_name').reason).toContain('50 characters');
    expect(check('is_active')).toEqual({ status: 'incompatible', reason: 'The source has no column active.' });
    expect(check('loyalty_points').status).toBe('unmapped');
    expect(check('loyalty_points').reason).toContain('NOT NULL');
  });

  it('judges a chain by what its converting step produces', () => {
    expect(check('signed_up').status).toBe('fits');
    expect(chainResultType([{ kind: 'text' }], [{ name: 'to_boolean', params: {} }])).toEqual({ kind: 'boolean' });
    expect(
      chainResultType([{ kind: 'text' }], [{ name: 'cast', params: { to: { kind: 'integer', bits: 32 } } }]),
    ).toEqual({
      kind: 'integer',
      bits: 32,
    });
    expect(chainResultType([{ kind: 'text', length: 80 }], [{ name: 'trim', params: {} }])).toEqual({
      kind: 'text',
      length: 80,
    });
    expect(chainResultType([{ kind: 'integer', bits: 32 }], [{ name: 'trim', params: {} }])).toEqual({ kind: 'text' });
    expect(chainResultType([{ kind: 'text' }, { kind: 'text' }], [{ name: 'concat', params: {} }])).toEqual({
      kind: 'text',
    });
    expect(chainResultType([{ kind: 'text' }], [{ name: 'parse_timestamp', params: { output: 'local' } }])).toEqual({
      kind: 'timestamp',
    });
  });

  it('flags nulls going into a NOT NULL column without a default', () => {
    const mapping = column('phone', { targetNullable: false });
    expect(checkColumnType(mapping, sources).status).toBe('lossy');
    expect(checkColumnType(mapping, sources).reason).toContain('NOT NULL');
    expect(checkColumnType({ ...mapping, defaultForNull: 'none' }, sources).status).toBe('fits');
  });

  it('cannot judge a source whose type is not recorded', () => {
    expect(checkColumnType(column('x'), []).status).toBe('unknown');
  });
});

describe('the mapping document', () => {
  it('in Markdown: one table per target table, pipes and line breaks escaped', () => {
    const text = mappingDocument(plan(), 'markdown');
    expect(text).toContain('# Mapping document: Shop \\<legacy\\> & "new"');
    expect(text).toContain('## customers');
    expect(text).toContain('| first_name | text(50) | full_name | 1. split_name (part: first) |');
    expect(text).toContain('normalize_phone (defaultRegion: US)');
    expect(text).toContain('see call \\| 3/4<br>second line &lt;script&gt;');
    expect(text).toContain('lossy: Values longer than 50 characters');
    // Every row of a table has as many cells as its header.
    const rows = text.split('\n').filter((line) => line.startsWith('| '));
    const cells = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    for (const row of rows) expect(cells(row)).toBe(cells(rows[0] ?? ''));
  });

  it('in CSV: RFC 4180, one record per field, quotes, commas and line breaks kept', () => {
    const text = mappingDocument(plan(), 'csv');
    expect(text.endsWith('\r\n')).toBe(true);
    const records = readCsv(text);
    expect(records).toHaveLength(1 + 7);
    for (const record of records) expect(record).toHaveLength(13);
    const [header, ...rows] = records;
    expect(header?.slice(0, 3)).toEqual(['Target table', 'Field', 'Type']);
    const phone = rows.find((row) => row[1] === 'phone');
    expect(phone).toBeDefined();
    expect(phone?.[5]).toBe('1. normalize_phone (defaultRegion: US)');
    expect(phone?.[6]).toBe('"unknown"');
    expect(phone?.[7]).toBe('use the default');
    expect(phone?.[10]).toBe('needs decision');
    expect(phone?.[11]).toBe('Ana, Sales');
    expect(phone?.[12]).toBe(hostileComment);
  });

  it('in CSV: a value a spreadsheet would run as a formula is defused', () => {
    const notes = readCsv(mappingDocument(plan(), 'csv')).find((row) => row[1] === 'notes');
    expect(notes?.[12]).toBe(`'=HYPERLINK("http://evil")`);
  });

  it('in HTML: printable, self-contained, everything escaped', () => {
    const text = mappingDocument(plan(), 'html', { generatedAt: new Date('2026-02-03T04:05:06Z') });
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('<title>Mapping document: Shop &lt;legacy&gt; &amp; &quot;new&quot;</title>');
    expect(text).toContain('@media print');
    expect(text).toContain('Generated 2026-02-03T04:05:06.000Z');
    expect(text).toContain('split_name (part: first)');
    expect(text).not.toContain('<script>');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Nothing is fetched: no scripts, stylesheets, images or fonts from elsewhere.
    expect(text).not.toMatch(/\b(src|href)=/i);
    expect(text).not.toMatch(/url\(/i);
    expect(text).toContain('1 agreed, 1 need a decision, 5 draft');
  });

  it('lists tables in phase order and is reproducible without a generation time', () => {
    const p = plan();
    const orders = { ...p.tables[0]!, id: 'orders', target: { schema: null, name: 'orders' } };
    const twoTables: Plan = {
      ...p,
      tables: [orders, ...p.tables],
      phases: [{ name: 'Phase 1', tables: ['customers', 'orders'] }],
    };
    const text = mappingDocument(twoTables, 'markdown');
    expect(text.indexOf('## customers')).toBeLessThan(text.indexOf('## orders'));
    expect(mappingDocument({ ...twoTables, name: '_draft_ plan_v2 *new*' }, 'markdown')).toContain(
      '# Mapping document: \\_draft\\_ plan_v2 \\*new\\*',
    );
    expect(mappingDocument(twoTables, 'html')).toBe(mappingDocument(twoTables, 'html'));
  });

  it('escapes all five HTML special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
