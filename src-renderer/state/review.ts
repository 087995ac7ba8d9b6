/**
 * The sample review (validation layer 3): the review on screen, the reviewer's name, decisions,
 * pins, review packs, and reviewer mode — the app showing only the review, personal data masked,
 * either the project's own review or a pack opened from a file (whose decisions stay here until
 * they are saved as a decisions file for the consultant).
 */
import { create } from 'zustand';
import type { TallyErrorData } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import {
  reviewDecisionsFormat,
  sealFile,
  type Pin,
  type Review,
  type ReviewDecision,
  type ReviewPack,
  type ReviewRecord,
  type ReviewTable,
  type ReviewVerdict,
} from '../../src-shared/review';
import { api } from '../api/client';
import { downloadText } from '../lib/download';
import { asErrorData } from '../lib/errors';

export type ReviewFilter = 'all' | 'differ' | 'undecided' | 'flagged';

/** Where the cards come from: the project's review (decisions through the API) or a pack file (decisions kept here). */
export type ReviewMode = 'project' | 'reviewer' | 'pack';

type ReviewState = {
  mode: ReviewMode;
  review: Review | null;
  pack: ReviewPack | null;
  /** Decisions taken on an opened pack, by record. */
  packDecisions: Record<string, ReviewDecision>;
  loading: boolean;
  drawing: boolean;
  error: TallyErrorData | null;
  /** A short confirmation of the last thing done (pack exported, decisions imported…). */
  notice: string | null;
  reviewer: string;
  perTable: number;
  selected: string | null;
  filter: ReviewFilter;
  busy: string | null;
};

const reviewerKey = 'tally.reviewer';

function storedReviewer(): string {
  try {
    return window.localStorage.getItem(reviewerKey) ?? '';
  } catch {
    return '';
  }
}

export const useReview = create<ReviewState>()(() => ({
  mode: 'project',
  review: null,
  pack: null,
  packDecisions: {},
  loading: false,
  drawing: false,
  error: null,
  notice: null,
  reviewer: storedReviewer(),
  perTable: 5,
  selected: null,
  filter: 'all',
  busy: null,
}));

export function setReviewer(name: string): void {
  useReview.setState({ reviewer: name });
  try {
    window.localStorage.setItem(reviewerKey, name);
  } catch {
    // A browser without storage just asks again next time.
  }
}

export function setPerTable(perTable: number): void {
  useReview.setState({ perTable: Math.max(1, Math.min(100, Math.round(perTable))) });
}

export function selectRecord(recordId: string | null): void {
  useReview.setState({ selected: recordId });
}

export function setFilter(filter: ReviewFilter): void {
  useReview.setState({ filter });
}

/** The cards on screen, whichever mode: records, tables, the decision per record and whether values are masked. */
export type ReviewView = {
  title: string;
  planName: string;
  source: string;
  target: string;
  records: readonly ReviewRecord[];
  tables: readonly ReviewTable[];
  decisions: Readonly<Record<string, ReviewDecision>>;
  pins: readonly Pin[];
  masked: boolean;
  maskedColumns: readonly string[];
};

export function currentView(state: ReviewState): ReviewView | null {
  if (state.mode === 'pack') {
    const pack = state.pack;
    if (!pack) return null;
    return {
      title: `Review pack from ${pack.exportedBy}`,
      planName: pack.planName,
      source: pack.source,
      target: pack.target,
      records: pack.records,
      tables: pack.tables,
      decisions: state.packDecisions,
      pins: [],
      masked: true,
      maskedColumns: pack.masked,
    };
  }
  const review = state.review;
  if (!review) return null;
  return {
    title: 'Sample review',
    planName: review.planName,
    source: review.source,
    target: review.target,
    records: review.records,
    tables: review.tables,
    decisions: Object.fromEntries(review.decisions.map((d) => [d.recordId, d])),
    pins: review.pins,
    masked: review.masked,
    maskedColumns: review.tables.flatMap((t) => t.piiColumns.map((c) => `${t.tableId}.${c}`)),
  };
}

function fail(error: unknown): void {
  useReview.setState({ error: asErrorData(error), loading: false, drawing: false, busy: null });
}

/** The project's latest review (masked in reviewer mode). */
export function loadReview(reviewId?: string): void {
  const masked = useReview.getState().mode === 'reviewer';
  useReview.setState({ loading: true, error: null });
  api
    .call('review.get', { ...(reviewId ? { reviewId } : {}), masked })
    .then((review) => useReview.setState({ review, loading: false }))
    .catch(fail);
}

export async function drawReview(
  plan: Plan,
  planId: string,
  planVersion: number,
  validationId?: string,
): Promise<void> {
  const { perTable } = useReview.getState();
  useReview.setState({ drawing: true, error: null, notice: null });
  try {
    const review = await api.call('review.create', {
      plan,
      planId,
      planVersion,
      perTable,
      ...(validationId ? { validationId } : {}),
    });
    useReview.setState({ review, drawing: false, selected: review.records[0]?.recordId ?? null, filter: 'all' });
  } catch (error) {
    fail(error);
  }
}

function needReviewer(): string | null {
  const name = useReview.getState().reviewer.trim();
  if (!name) {
    useReview.setState({
      error: { code: 'bad-input', message: 'Type your name in "Reviewer" first: every decision is signed with it.' },
    });
    return null;
  }
  return name;
}

export async function decide(recordId: string, decision: ReviewVerdict, note: string): Promise<boolean> {
  const reviewer = needReviewer();
  if (!reviewer) return false;
  const state = useReview.getState();
  if (decision === 'flagged' && !note.trim()) {
    useReview.setState({ error: { code: 'bad-input', message: 'A flag needs a note saying what is wrong.' } });
    return false;
  }
  if (state.mode === 'pack') {
    const stored: ReviewDecision = {
      recordId,
      decision,
      note: note.trim() || null,
      reviewer,
      decidedAt: new Date().toISOString(),
      via: 'pack',
      packId: state.pack?.packId ?? null,
    };
    useReview.setState({ packDecisions: { ...state.packDecisions, [recordId]: stored }, error: null });
    return true;
  }
  const review = state.review;
  if (!review) return false;
  useReview.setState({ busy: recordId, error: null });
  try {
    await api.call('review.decide', {
      reviewId: review.reviewId,
      recordId,
      decision,
      reviewer,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    const fresh = await api.call('review.get', { reviewId: review.reviewId, masked: review.masked });
    useReview.setState({ review: fresh, busy: null });
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

export async function pinRecord(recordId: string, note: string): Promise<void> {
  const by = needReviewer();
  const review = useReview.getState().review;
  if (!by || !review) return;
  useReview.setState({ busy: recordId, error: null });
  try {
    await api.call('review.pin', { reviewId: review.reviewId, recordId, by, ...(note.trim() ? { note } : {}) });
    const fresh = await api.call('review.get', { reviewId: review.reviewId, masked: review.masked });
    useReview.setState({
      review: fresh,
      busy: null,
      notice: 'Pinned: every later validation and review re-checks this record.',
    });
  } catch (error) {
    fail(error);
  }
}

export async function unpinRecord(pinId: number): Promise<void> {
  const by = needReviewer();
  const review = useReview.getState().review;
  if (!by || !review) return;
  try {
    await api.call('review.unpin', { pinId, by });
    const fresh = await api.call('review.get', { reviewId: review.reviewId, masked: review.masked });
    useReview.setState({ review: fresh });
  } catch (error) {
    fail(error);
  }
}

export async function exportPack(): Promise<void> {
  const { review, reviewer } = useReview.getState();
  if (!review) return;
  try {
    const pack = await api.call('review.exportPack', {
      reviewId: review.reviewId,
      ...(reviewer.trim() ? { exportedBy: reviewer.trim() } : {}),
    });
    downloadText(pack.fileName, pack.content, 'application/json');
    useReview.setState({
      notice: `Review pack saved as ${pack.fileName}: ${pack.records} records, ${pack.masked.length} personal columns masked.`,
    });
  } catch (error) {
    fail(error);
  }
}

/** Reviewer mode on a pack file: refused, with its sentence, when the pack was altered. */
export async function openPackFile(content: string): Promise<void> {
  useReview.setState({ loading: true, error: null, notice: null });
  try {
    const pack = await api.call('review.openPack', { content });
    useReview.setState({
      mode: 'pack',
      pack,
      packDecisions: {},
      loading: false,
      selected: pack.records[0]?.recordId ?? null,
      filter: 'all',
    });
  } catch (error) {
    fail(error);
  }
}

/** Saves the decisions taken on the open pack as a sealed file for the consultant to import. */
export function saveDecisionsFile(): void {
  const { pack, packDecisions } = useReview.getState();
  if (!pack) return;
  const decisions = Object.values(packDecisions).map((d) => ({
    recordId: d.recordId,
    decision: d.decision,
    note: d.note,
    reviewer: d.reviewer,
    decidedAt: d.decidedAt,
  }));
  const content = sealFile({
    format: reviewDecisionsFormat,
    version: 1,
    packId: pack.packId,
    packHash: pack.contentHash,
    reviewId: pack.reviewId,
    exportedAt: new Date().toISOString(),
    decisions,
  });
  const fileName = `review-decisions-${pack.packId.slice(0, 8)}.json`;
  downloadText(fileName, content, 'application/json');
  useReview.setState({ notice: `Decisions saved as ${fileName}: send it back to the consultant.` });
}

export async function importDecisionsFile(content: string): Promise<void> {
  useReview.setState({ error: null, notice: null });
  try {
    const result = await api.call('review.importDecisions', { content });
    const fresh = await api.call('review.get', { reviewId: result.reviewId });
    useReview.setState({
      review: fresh,
      notice: `Imported ${result.imported} decisions from ${result.reviewers.join(', ') || 'the reviewer'}.`,
    });
  } catch (error) {
    fail(error);
  }
}

export function enterReviewerMode(): void {
  useReview.setState({ mode: 'reviewer', notice: null, error: null });
  loadReview(useReview.getState().review?.reviewId);
}

export function leaveReviewerMode(): void {
  const reviewId = useReview.getState().review?.reviewId;
  useReview.setState({ mode: 'project', pack: null, packDecisions: {}, notice: null, error: null });
  loadReview(reviewId);
}

export function visibleRecords(view: ReviewView, filter: ReviewFilter): ReviewRecord[] {
  return view.records.filter((record) => {
    const decision = view.decisions[record.recordId];
    if (filter === 'differ') return record.status !== 'match';
    if (filter === 'undecided') return !decision;
    if (filter === 'flagged') return decision?.decision === 'flagged';
    return true;
  });
}
