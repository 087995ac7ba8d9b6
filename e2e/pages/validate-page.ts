import type { Download, Locator, Page } from '@playwright/test';

/** The Validate screen: checksums, the sample review with its record cards and decisions. */
export class ValidatePage {
  readonly checksums: Locator;
  readonly drawButton: Locator;
  readonly reviewer: Locator;
  readonly review: Locator;
  readonly records: Locator;
  readonly card: Locator;
  readonly note: Locator;
  readonly approveButton: Locator;
  readonly flagButton: Locator;
  readonly pinButton: Locator;
  readonly counts: Locator;
  readonly validateButton: Locator;

  constructor(readonly page: Page) {
    this.checksums = page.getByRole('region', { name: 'Checksums' });
    this.drawButton = page.getByRole('button', { name: /^Draw (a sample to review|a new sample)$/ });
    this.reviewer = page.getByRole('textbox', { name: 'Reviewer' });
    this.review = page.getByRole('region', { name: 'Sample review' });
    this.records = this.review.getByRole('list', { name: 'Sampled records' }).getByRole('button');
    this.card = this.review.locator('article.record-card');
    this.note = this.review.getByRole('group', { name: 'Decision' }).getByRole('textbox');
    this.approveButton = this.review.getByRole('button', { name: 'Approve', exact: true });
    this.flagButton = this.review.getByRole('button', { name: 'Flag', exact: true });
    this.pinButton = this.review.getByRole('button', { name: 'Pin', exact: true });
    this.counts = this.review.locator('.review-counts');
    this.validateButton = page.getByRole('button', { name: 'Run validation' });
  }

  /** The record whose card is shown: its table and key, as the card's heading says. */
  async currentRecord(): Promise<string> {
    return (await this.card.getByRole('heading', { level: 2 }).innerText()).replace(/\s+/g, ' ').trim();
  }

  record(tableAndKey: RegExp): Locator {
    return this.records.filter({ hasText: tableAndKey });
  }

  async exportPack(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.review.getByRole('button', { name: 'Export review pack' }).click();
    return download;
  }
}

/** The Report screen: the sign-off export and the audit trail. */
export class ReportPage {
  readonly signedBy: Locator;
  readonly statement: Locator;
  readonly exportButton: Locator;
  readonly audit: Locator;
  readonly auditStatus: Locator;

  constructor(readonly page: Page) {
    this.signedBy = page.getByRole('textbox', { name: 'Signed off by' });
    this.statement = page.getByRole('textbox', { name: 'Statement' });
    this.exportButton = page.getByRole('button', { name: /export report$/i });
    this.audit = page.getByRole('region', { name: 'Audit trail' });
    this.auditStatus = this.audit.getByRole('status');
  }

  async exportReport(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    return download;
  }
}
