import type { Locator, Page } from '@playwright/test';

/** Step 3: the profile of a source, its alerts, findings and suggested rules. */
export class ProfilePage {
  readonly sourcePicker: Locator;
  readonly profileButton: Locator;
  readonly cancelButton: Locator;
  readonly progress: Locator;
  readonly tableList: Locator;
  readonly alerts: Locator;
  readonly rules: Locator;
  readonly columns: Locator;
  readonly findings: Locator;

  constructor(readonly page: Page) {
    this.sourcePicker = page.getByLabel('Source', { exact: true });
    this.profileButton = page.getByRole('main').getByRole('button', { name: /^Profile( again)?$/ });
    this.cancelButton = page.getByRole('main').getByRole('button', { name: 'Cancel' });
    this.progress = page.getByRole('status', { name: 'Profiling progress' });
    this.tableList = page.getByRole('navigation', { name: 'Profiled tables' });
    this.alerts = page.getByRole('region', { name: 'Alerts' });
    this.rules = page.getByRole('region', { name: 'Suggested rules' });
    this.columns = page.getByRole('region', { name: 'Columns' });
    this.findings = page.getByRole('region', { name: 'Duplicates and orphans' });
  }

  /** A table in the list; its accessible name is `customers — 11 alerts`. */
  tableItem(name: string): Locator {
    return this.tableList.getByRole('button', { name: new RegExp(`^${name} — \\d+ alerts$`) });
  }

  async openTable(name: string): Promise<void> {
    await this.tableItem(name).click();
    await this.page.getByRole('heading', { level: 2, name }).waitFor();
  }

  alert(code: string, column: string): Locator {
    return this.alerts.getByRole('listitem').filter({ hasText: code }).filter({ hasText: column });
  }

  /** A suggested rule by its kind for a column, e.g. ('email', 'normalize_email'). */
  rule(column: string, transform: string): Locator {
    return this.rules
      .getByRole('listitem')
      .filter({ has: this.page.locator('.rule-column', { hasText: column }) })
      .filter({ hasText: transform });
  }

  async applyRule(column: string, transform: string): Promise<Locator> {
    const rule = this.rule(column, transform);
    await rule.getByRole('button', { name: 'Apply' }).click();
    return rule.getByRole('status');
  }
}
