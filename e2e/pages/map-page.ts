import type { Download, Locator, Page } from '@playwright/test';

function cssString(value: string): string {
  return JSON.stringify(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The side panel that edits one target column: sources, transform chain, default, review. */
export class ColumnEditorPanel {
  readonly root: Locator;
  readonly addSource: Locator;
  readonly addStepPicker: Locator;
  readonly addStepButton: Locator;
  /** The column's result on the traced sample row (or where it was rejected). */
  readonly result: Locator;

  constructor(page: Page, target: string) {
    this.root = page.getByRole('complementary', { name: `Mapping of ${target}`, exact: true });
    this.addSource = this.root.getByLabel('Add a source column');
    this.addStepPicker = this.root.getByLabel('Add a step');
    this.addStepButton = this.root.getByRole('button', { name: 'Add step' });
    this.result = this.root.getByRole('status', { name: 'Result on the traced row' });
  }

  step(index: number): Locator {
    return this.root.getByRole('listitem', { name: new RegExp(`^Step ${index + 1}: `) });
  }

  async addStep(name: string): Promise<void> {
    await this.addStepPicker.selectOption(name);
    await this.addStepButton.click();
  }

  /** Sets a parameter of a step: picks an option, or types and presses Enter. */
  async setParam(stepIndex: number, label: string, value: string): Promise<void> {
    const field = this.step(stepIndex).getByLabel(label, { exact: true });
    const choice = this.step(stepIndex).getByRole('combobox', { name: label, exact: true });
    await field.waitFor();
    if ((await choice.count()) > 0) await choice.selectOption(value);
    else {
      await field.fill(value);
      await field.press('Enter');
    }
  }
}

/** Step 4: the Map screen — the start form, the plan's tables, the grid, the preview and the panels. */
export class MapPage {
  readonly newPlanForm: Locator;
  readonly sourcePicker: Locator;
  readonly targetPicker: Locator;
  readonly autoMapButton: Locator;
  readonly savedPlans: Locator;
  readonly planPicker: Locator;
  readonly tableList: Locator;
  readonly grid: Locator;
  /** The grid's quick search (column names, sources, transforms…). */
  readonly search: Locator;
  readonly preview: Locator;
  readonly sampleSize: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;
  readonly unsavedDialog: Locator;
  readonly followTable: Locator;
  readonly driftWarning: Locator;
  /** The hidden file picker behind "Import plan file…". */
  readonly planFileInput: Locator;
  readonly historyButton: Locator;
  readonly historyDialog: Locator;

  constructor(readonly page: Page) {
    this.newPlanForm = page.getByRole('form', { name: 'New plan' });
    this.sourcePicker = this.newPlanForm.getByLabel('Source', { exact: true });
    this.targetPicker = this.newPlanForm.getByLabel('Target', { exact: true });
    this.autoMapButton = this.newPlanForm.getByRole('button', { name: 'Auto-map' });
    this.savedPlans = page.getByRole('region', { name: 'Saved plans' });
    this.planPicker = page.getByLabel('Plan', { exact: true });
    this.tableList = page.getByRole('navigation', { name: 'Plan tables' });
    this.grid = page.locator('.mapping-grid');
    this.search = page.getByLabel('Search columns');
    this.preview = page.getByRole('table', { name: 'Preview of the sample rows' });
    this.sampleSize = page.getByLabel('Sample', { exact: true });
    this.undoButton = page.getByRole('button', { name: 'Undo', exact: true });
    this.redoButton = page.getByRole('button', { name: 'Redo', exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.getByTestId('save-state');
    this.unsavedDialog = page.getByRole('alertdialog', { name: 'Unsaved mapping changes' });
    this.followTable = page.getByRole('table', { name: /step by step$/ });
    this.driftWarning = page.getByRole('alert', { name: 'Schema drift' });
    this.planFileInput = page.getByLabel('Plan file to import');
    this.historyButton = page.getByRole('button', { name: 'History', exact: true });
    this.historyDialog = page.getByRole('dialog', { name: 'Plan history' });
  }

  async autoMap(source: string, target: string): Promise<void> {
    await this.sourcePicker.selectOption({ label: source });
    await this.targetPicker.selectOption({ label: target });
    await this.autoMapButton.click();
    await this.tableList.waitFor();
  }

  /** A table in the left-hand list; its accessible name starts with the target table's name. */
  tableItem(name: string): Locator {
    return this.tableList.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)} — `) });
  }

  async openTable(name: string): Promise<void> {
    await this.tableItem(name).click();
    await this.page.getByRole('heading', { name, exact: true, level: 2 }).waitFor();
  }

  /** The grid's row of a target column (its pinned and scrolling halves). */
  gridRow(target: string): Locator {
    return this.grid.locator(`.ag-row[row-id=${cssString(target)}]`);
  }

  gridCell(target: string, colId: string): Locator {
    return this.grid.locator(`.ag-row[row-id=${cssString(target)}] [col-id=${cssString(colId)}]`);
  }

  /** Focuses a row of the grid; the side panel then edits that column. */
  async editColumn(target: string): Promise<ColumnEditorPanel> {
    const panel = new ColumnEditorPanel(this.page, target);
    // A column just added is already in focus (and scrolled to); others are clicked.
    if (await panel.root.isVisible()) return panel;
    await this.gridCell(target, 'target').click();
    await panel.root.waitFor();
    return panel;
  }

  async addTargetColumn(name: string, type: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add target column' }).click();
    const form = this.page.getByRole('form', { name: 'Add target column' });
    await form.getByLabel('Column name').fill(name);
    await form.getByLabel('Portable type').fill(type);
    await form.getByRole('button', { name: 'Add column' }).click();
    await form.waitFor({ state: 'detached' });
  }

  tab(name: 'Preview' | 'Follow a row' | 'Create target table'): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  /** A sample row of the preview, by its label (`customer_id 84`). */
  previewRow(label: string): Locator {
    return this.preview.getByRole('row', { name: label, exact: true });
  }

  /** The value a target column gets on a sample row (or ✕ and the reason). */
  previewValue(label: string, column: string): Locator {
    return this.previewRow(label).locator(`td[data-column=${cssString(column)}] .preview-after`);
  }

  previewOutcome(label: string): Locator {
    return this.previewRow(label).locator('.preview-outcome');
  }

  async follow(label: string): Promise<void> {
    await this.previewRow(label).getByRole('button', { name: label, exact: true }).click();
    await this.followTable.waitFor();
  }

  followedColumn(target: string): Locator {
    return this.followTable.getByRole('row', { name: target, exact: true });
  }

  async exportDocument(label: RegExp): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /^Export mapping document/ }).click();
    await this.page.getByRole('menuitem', { name: label }).click();
    return download;
  }

  /** Opens the "Plan file" menu in the header (the plan must be open). */
  async openPlanFileMenu(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Plan file ▾', exact: true }).click();
    const menu = this.page.getByRole('menu', { name: 'Plan file' });
    await menu.waitFor();
    return menu;
  }

  async downloadPlanFile(): Promise<Download> {
    const menu = await this.openPlanFileMenu();
    const download = this.page.waitForEvent('download');
    await menu.getByRole('menuitem', { name: 'Download plan (.json)' }).click();
    return download;
  }

  /** Chooses a plan file to import (through the hidden file picker of the start panel or the menu). */
  async importPlanFile(path: string): Promise<void> {
    await this.planFileInput.setInputFiles(path);
  }

  /** A saved version in the history panel. */
  historyVersion(version: number): Locator {
    return this.historyDialog.getByRole('button', { name: `Version ${version}`, exact: true });
  }

  /** The changes of one table in the history panel's diff. */
  historyTableChanges(table: string): Locator {
    return this.historyDialog.getByRole('region', { name: `Table ${table}`, exact: true });
  }
}
