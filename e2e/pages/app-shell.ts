import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** The window around every screen: header, step navigation, banner and status bar. */
export class AppShell {
  readonly header: Locator;
  readonly workspacePath: Locator;
  readonly steps: Locator;
  readonly statusBar: Locator;
  readonly lostConnectionBanner: Locator;

  constructor(readonly page: Page) {
    this.header = page.locator('header.app-header');
    this.workspacePath = page.getByTestId('workspace-path');
    this.steps = page.getByRole('navigation', { name: 'Migration steps' });
    this.statusBar = page.locator('footer.status-bar');
    this.lostConnectionBanner = page.getByRole('alert').filter({ hasText: 'Lost the connection to Tally' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.statusBar.getByText('Connected to the web host').waitFor();
  }

  step(label: string): Locator {
    return this.steps.getByRole('button', { name: label, exact: true });
  }

  async goTo(label: string): Promise<void> {
    await this.step(label).click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(__dirname, '..', 'screenshots', `${name}.png`) });
  }
}
