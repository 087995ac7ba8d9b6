import type { Locator, Page } from '@playwright/test';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text such as "5,000" or "5,000 / 5,000" as the number it starts with. */
export function leadingNumber(text: string): number {
  const match = /^\s*([\d,]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No number at the start of "${text}"`);
  return Number(match[1].replace(/,/g, ''));
}

/** One table of the selected run: its progress bar, counts and accounting check. */
export class RunTableRow {
  readonly progress: Locator;
  readonly read: Locator;
  /** "5,000 / 5,000": rows read and the total. */
  readonly readAndTotal: Locator;
  readonly written: Locator;
  readonly rejected: Locator;
  readonly filtered: Locator;
  /** "5,000 = 4,950 + 50 + 0 ✓" once the table is loaded. */
  readonly check: Locator;
  readonly rejectsButton: Locator;

  constructor(readonly root: Locator) {
    this.progress = root.getByRole('progressbar');
    this.read = root.locator('[data-field="read"]');
    this.readAndTotal = root.locator('.run-read');
    this.written = root.locator('[data-field="written"]');
    this.rejected = root.locator('[data-field="rejected"]');
    this.filtered = root.locator('[data-field="filtered"]');
    this.check = root.locator('[data-field="check"]');
    this.rejectsButton = root.getByRole('button', { name: /^Show the [\d,]+ rejected rows of / });
  }

  async counts(): Promise<{ read: number; written: number; rejected: number; filtered: number }> {
    return {
      read: leadingNumber(await this.read.innerText()),
      written: leadingNumber(await this.written.innerText()),
      rejected: leadingNumber(await this.rejected.innerText()),
      filtered: leadingNumber(await this.filtered.innerText()),
    };
  }
}

/** The quarantine of one table: an ag-grid of rejected rows and the selected row's source. */
export class RejectsPanel {
  /** The grid's rendered rows (the grid renders only the rows in view). */
  readonly rows: Locator;
  /** "13 · select a row…": how many rejected rows were read. */
  readonly count: Locator;
  readonly sourceRow: Locator;
  readonly reasonOfSelected: Locator;
  readonly replayButton: Locator;
  /** "Replayed 13: 0 loaded, 13 still rejected (…)." */
  readonly replayOutcome: Locator;

  constructor(readonly root: Locator) {
    this.rows = root
      .getByRole('grid')
      .getByRole('row')
      .filter({ has: root.page().getByRole('gridcell') });
    this.count = root.getByTestId('rejects-count');
    this.sourceRow = root.getByTestId('reject-source-row');
    this.reasonOfSelected = root.locator('.rejects-reason');
    this.replayButton = root.getByRole('button', { name: /^Replay/ });
    this.replayOutcome = root.getByTestId('replay-outcome');
  }

  reasonCell(index: number): Locator {
    return this.rows.nth(index).locator('[col-id="reason"]');
  }

  /** The grid's row whose reason contains the text. */
  rowWithReason(text: string | RegExp): Locator {
    return this.rows.filter({ has: this.root.page().locator('[col-id="reason"]', { hasText: text }) });
  }
}

/** Steps 5 and 6: the Run screen — the plan, the start buttons, the run followed live, the history. */
export class RunPage {
  readonly main: Locator;
  readonly planPicker: Locator;
  readonly startButton: Locator;
  readonly dryRunButton: Locator;
  readonly mode: Locator;
  readonly batchRows: Locator;
  readonly startAfresh: Locator;
  readonly runView: Locator;
  readonly title: Locator;
  readonly status: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly cancelButton: Locator;
  readonly overallProgress: Locator;
  readonly overallRead: Locator;
  readonly tables: Locator;
  readonly dryRunReport: Locator;
  readonly log: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.main = page.getByRole('main');
    this.planPicker = this.main.getByLabel('Plan', { exact: true });
    this.startButton = this.main.getByRole('button', { name: /^(Start run|Starting…)$/ });
    this.dryRunButton = this.main.getByRole('button', { name: /^(Dry run|Starting…)$/ });
    this.mode = this.main.getByLabel('Mode', { exact: true });
    this.batchRows = this.main.getByLabel('Rows per batch');
    this.startAfresh = this.main.getByLabel('Start afresh');
    this.runView = page.getByRole('region', { name: 'Selected run' });
    this.title = this.runView.getByRole('heading', { level: 2 });
    this.status = this.runView.getByRole('status', { name: 'Run status' });
    const controls = this.runView.getByRole('group', { name: 'Run controls' });
    this.pauseButton = controls.getByRole('button', { name: /^Paus/ });
    this.resumeButton = controls.getByRole('button', { name: /^Resum/ });
    this.cancelButton = controls.getByRole('button', { name: /^Cancel/ });
    this.overallProgress = this.runView.getByRole('progressbar', { name: 'Overall progress' });
    this.overallRead = this.runView.getByTestId('overall-read');
    this.tables = this.runView.getByRole('table', { name: 'Tables of the run' });
    this.dryRunReport = this.runView.getByRole('note', { name: 'Dry run report' });
    this.log = this.runView.getByRole('region', { name: 'Run log' });
    this.history = page.getByRole('complementary', { name: 'Run history' });
  }

  /** A table of the selected run, by its target name. */
  table(name: string): RunTableRow {
    return new RunTableRow(this.tables.getByRole('row', { name, exact: true }));
  }

  /** Rows read over all tables, as shown above the tables. */
  async overallRowsRead(): Promise<number> {
    return leadingNumber(await this.overallRead.innerText());
  }

  async setBatchRows(rows: number): Promise<void> {
    await this.batchRows.fill(String(rows));
    await this.batchRows.press('Enter');
  }

  async openRejects(table: string): Promise<RejectsPanel> {
    await this.table(table).rejectsButton.click();
    const panel = new RejectsPanel(this.page.getByRole('region', { name: `Rejected rows of ${table}`, exact: true }));
    await panel.rows.first().waitFor();
    return panel;
  }

  /** Runs in the history, newest first. */
  historyItems(): Locator {
    return this.history.getByRole('button', { name: /^Run / });
  }

  historyItem(status: string): Locator {
    return this.history.getByRole('button', { name: new RegExp(`, ${escapeRegExp(status)}$`) });
  }
}
