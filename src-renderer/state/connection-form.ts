/** The add/edit connection form: its draft, the URL paste, the test before saving, and save errors. */
import { create } from 'zustand';
import type { SavedConnection } from '../../src-shared/connection';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { draftToSpec, draftWithSpec, emptyDraft, passwordInUrl, type ConnectionDraft } from '../lib/connection-draft';
import { asErrorData, fieldOfValidationError } from '../lib/errors';
import { rememberSaved, runTest, type TestState } from './connections';

type FormState = {
  open: boolean;
  draft: ConnectionDraft;
  /** The saved name of the connection being edited, for the title while the name field changes. */
  editingName: string | null;
  /** Whether the connection being edited has a password in the secret store (kept unless a new one is typed). */
  hasStoredSecret: boolean;
  urlText: string;
  urlError: TallyErrorData | null;
  test: TestState | null;
  saving: boolean;
  error: TallyErrorData | null;
  /** The field the error is about, to show the sentence next to it. */
  errorField: string | null;
};

const closed: FormState = {
  open: false,
  draft: emptyDraft(),
  editingName: null,
  hasStoredSecret: false,
  urlText: '',
  urlError: null,
  test: null,
  saving: false,
  error: null,
  errorField: null,
};

export const useConnectionForm = create<FormState>()(() => closed);

export function openNewConnection(prefill: Partial<ConnectionDraft> = {}): void {
  useConnectionForm.setState({ ...closed, open: true, draft: { ...emptyDraft(), ...prefill, id: null } });
}

export function openEditConnection(connection: SavedConnection): void {
  const draft = draftWithSpec(
    { ...emptyDraft(), id: connection.id, name: connection.name, role: connection.role },
    connection.spec,
  );
  useConnectionForm.setState({
    ...closed,
    open: true,
    draft,
    editingName: connection.name,
    hasStoredSecret: connection.hasStoredSecret,
  });
}

export function closeConnectionForm(): void {
  useConnectionForm.setState(closed);
}

export function updateDraft(change: Partial<ConnectionDraft>): void {
  useConnectionForm.setState((current) => {
    const clearsError = current.errorField !== null && Object.keys(change).includes(current.errorField);
    return {
      draft: { ...current.draft, ...change },
      test: null,
      ...(clearsError ? { error: null, errorField: null } : {}),
    };
  });
}

export function setUrlText(urlText: string): void {
  useConnectionForm.setState({ urlText, urlError: null });
}

export async function fillFromUrl(): Promise<void> {
  const { urlText } = useConnectionForm.getState();
  if (urlText.trim() === '') return;
  try {
    const { spec } = await api.call('connections.parseUrl', { url: urlText.trim() });
    const password = passwordInUrl(urlText);
    useConnectionForm.setState((current) => {
      const draft = draftWithSpec(current.draft, spec);
      return {
        draft: password === null ? draft : { ...draft, password },
        // The URL may hold a password: it does not stay on screen once it has filled the form.
        urlText: '',
        urlError: null,
        test: null,
        error: null,
        errorField: null,
      };
    });
  } catch (error: unknown) {
    useConnectionForm.setState({ urlError: asErrorData(error) });
  }
}

function showError(error: TallyErrorData, field: string | null = fieldOfValidationError(error)): void {
  useConnectionForm.setState({ error, errorField: field });
}

export async function testDraft(): Promise<void> {
  const { draft } = useConnectionForm.getState();
  const converted = draftToSpec(draft);
  if (!converted.ok) {
    showError({ code: 'bad-input', message: converted.message }, converted.field);
    return;
  }
  useConnectionForm.setState({ test: { status: 'running' }, error: null, errorField: null });
  const password = draft.password === '' ? undefined : draft.password;
  // The name and id let the host find TALLY_PASSWORD_<NAME> or the stored password when none is
  // typed; the role decides whether the test opens the database read-only (sources) or not.
  const name = draft.name.trim() === '' ? undefined : draft.name.trim();
  const outcome = await runTest(() =>
    api.call('connections.test', {
      target: { spec: converted.spec, name, role: draft.role, ...(draft.id ? { connectionId: draft.id } : {}) },
      password,
    }),
  );
  if (!outcome.ok && outcome.error.code === 'bad-input') {
    useConnectionForm.setState({ test: null });
    showError(outcome.error);
    return;
  }
  useConnectionForm.setState({ test: { status: 'done', outcome } });
}

/** Saves the draft; true when it was saved (the form then closes). */
export async function saveDraft(): Promise<boolean> {
  const { draft } = useConnectionForm.getState();
  const converted = draftToSpec(draft);
  if (!converted.ok) {
    showError({ code: 'bad-input', message: converted.message }, converted.field);
    return false;
  }
  useConnectionForm.setState({ saving: true, error: null, errorField: null });
  try {
    const saved = await api.call('connections.save', {
      id: draft.id ?? undefined,
      name: draft.name,
      role: draft.role,
      spec: converted.spec,
      password: draft.password === '' ? undefined : draft.password,
    });
    rememberSaved(saved);
    closeConnectionForm();
    return true;
  } catch (error: unknown) {
    useConnectionForm.setState({ saving: false });
    showError(asErrorData(error));
    return false;
  }
}
