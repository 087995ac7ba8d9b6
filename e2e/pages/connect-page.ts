import type { Locator, Page } from '@playwright/test';

export type SqliteConnection = { name: string; file: string; role?: 'source' | 'target' };

/** The add/edit connection form (the drawer on the Connect screen). */
export class ConnectionFormPanel {
  readonly root: Locator;
  readonly name: Locator;
  readonly role: Locator;
  readonly dialect: Locator;
  readonly pasteUrl: Locator;
  readonly sqliteFile: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;
  /** The outcome of "Test connection": success (status) or the error sentence (alert). */
  readonly testResult: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('form', { name: 'Connection form' });
    this.name = this.root.getByLabel('Name', { exact: true });
    this.role = this.root.getByLabel('Role', { exact: true });
    this.dialect = this.root.getByLabel('Dialect', { exact: true });
    this.pasteUrl = this.root.getByLabel('Paste URL', { exact: true });
    this.sqliteFile = this.root.getByLabel('SQLite file', { exact: true });
    this.testButton = this.root.getByRole('button', { name: 'Test connection' });
    this.saveButton = this.root.getByRole('button', { name: 'Save' });
    this.testResult = this.root.locator('.panel-footer').getByRole('status').or(this.root.getByRole('alert'));
    this.error = this.root.getByRole('alert');
  }

  /** The sentence shown under a field, by the field's label. */
  fieldError(label: string): Locator {
    return this.root
      .locator('.field')
      .filter({ has: this.root.page().getByLabel(label, { exact: true }) })
      .locator('.field-error');
  }

  async fillSqlite(connection: SqliteConnection): Promise<void> {
    await this.name.fill(connection.name);
    await this.role.selectOption(connection.role ?? 'source');
    await this.dialect.selectOption('sqlite');
    await this.sqliteFile.fill(connection.file);
  }

  async testConnection(): Promise<void> {
    await this.testButton.click();
    await this.root.getByText('Testing the connection…').waitFor({ state: 'detached' });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
  }
}

/** One saved connection in the list: its card, its actions and the test result under it. */
export class ConnectionRow {
  constructor(readonly root: Locator) {}

  get testResult(): Locator {
    return this.root.getByRole('status').or(this.root.getByRole('alert'));
  }

  async test(): Promise<void> {
    await this.root.getByRole('button', { name: 'Test connection' }).click();
  }

  async browseSchema(): Promise<void> {
    await this.root.getByRole('button', { name: 'Browse schema' }).click();
  }

  async edit(): Promise<void> {
    await this.root.getByRole('button', { name: 'Edit' }).click();
  }

  async delete(): Promise<void> {
    await this.root.getByRole('button', { name: 'Delete' }).click();
    await this.root.getByRole('button', { name: 'Confirm delete' }).click();
  }
}

/** Step 1: the saved connections and the form that adds them. */
export class ConnectPage {
  readonly addButton: Locator;
  readonly list: Locator;
  readonly form: ConnectionFormPanel;

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('button', { name: 'Add connection' });
    this.list = page.getByRole('list', { name: 'Saved connections' });
    this.form = new ConnectionFormPanel(page);
  }

  async startAdding(): Promise<ConnectionFormPanel> {
    await this.addButton.click();
    await this.form.root.waitFor();
    return this.form;
  }

  connection(name: string): ConnectionRow {
    return new ConnectionRow(this.list.getByRole('listitem', { name, exact: true }));
  }
}
