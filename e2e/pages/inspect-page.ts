import type { Locator, Page } from '@playwright/test';

/** Step 2: the schema browser. */
export class InspectPage {
  readonly connectionPicker: Locator;
  readonly databaseFacts: Locator;
  readonly tableList: Locator;
  readonly tableFilter: Locator;
  readonly details: Locator;
  readonly rowCount: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.connectionPicker = page.getByLabel('Connection', { exact: true });
    this.databaseFacts = page.getByLabel('Database', { exact: true });
    this.tableList = page.getByRole('navigation', { name: 'Tables and views' });
    this.tableFilter = page.getByLabel('Filter tables');
    this.details = page.getByRole('article');
    this.rowCount = this.details.getByTestId('row-count');
    this.error = page.getByRole('main').getByRole('alert');
  }

  /** A table in the left-hand list; its accessible name is `Track — 3,503 rows`. */
  tableItem(name: string): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.tableList.getByRole('button', { name: new RegExp(`^${escaped} — `) });
  }

  async selectTable(name: string): Promise<void> {
    await this.tableItem(name).click();
    await this.page.getByRole('article', { name: `Table ${name}` }).waitFor();
  }

  /** The row of the columns grid for one column. */
  column(name: string): Locator {
    return this.details.getByRole('row').filter({ has: this.page.getByRole('gridcell', { name, exact: true }) });
  }

  fact(title: 'Primary key' | 'Unique constraints' | 'Indexes' | 'References' | 'Referenced by'): Locator {
    return this.details.getByRole('region', { name: title });
  }

  async followReference(table: string): Promise<void> {
    await this.fact('References').getByRole('button', { name: table, exact: true }).click();
    await this.page.getByRole('article', { name: `Table ${table}` }).waitFor();
  }
}
