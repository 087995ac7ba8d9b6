/** Saved connections of the workspace, and the result of the last test of each. */
import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract';
import type { SavedConnection } from '../../src-shared/connection';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';

export type TestOutcome = MethodOutput<'connections.test'>;

/** A test in flight, or its outcome. A failed connection is an outcome too (`ok: false`), not a thrown error. */
export type TestState = { status: 'running' } | { status: 'done'; outcome: TestOutcome };

type ConnectionsState = {
  list: readonly SavedConnection[];
  loaded: boolean;
  loadError: TallyErrorData | null;
  tests: Readonly<Record<string, TestState>>;
  /** The connection whose "Delete" was clicked and waits for confirmation. */
  confirmingDelete: string | null;
  deleteError: TallyErrorData | null;
};

export const useConnections = create<ConnectionsState>()(() => ({
  list: [],
  loaded: false,
  loadError: null,
  tests: {},
  confirmingDelete: null,
  deleteError: null,
}));

let subscribed = false;

export function loadConnections(): void {
  if (!subscribed) {
    subscribed = true;
    // Another window or the CLI may change the workspace: the host pushes the new list.
    api.on('connections.changed', ({ connections }) => useConnections.setState({ list: connections, loaded: true }));
  }
  api
    .call('connections.list', {})
    .then((list) => useConnections.setState({ list, loaded: true, loadError: null }))
    .catch((error: unknown) => useConnections.setState({ loaded: true, loadError: asErrorData(error) }));
}

/** Failures the call itself throws (e.g. the link is down) are shown like a failed test. */
export async function runTest(run: () => Promise<TestOutcome>): Promise<TestOutcome> {
  try {
    return await run();
  } catch (error: unknown) {
    return { ok: false, error: asErrorData(error) };
  }
}

function setTest(id: string, state: TestState): void {
  useConnections.setState((current) => ({ tests: { ...current.tests, [id]: state } }));
}

export async function testSavedConnection(id: string): Promise<void> {
  setTest(id, { status: 'running' });
  const outcome = await runTest(() => api.call('connections.test', { target: { connectionId: id } }));
  setTest(id, { status: 'done', outcome });
}

export function askToDelete(id: string | null): void {
  useConnections.setState({ confirmingDelete: id, deleteError: null });
}

export async function deleteConnection(id: string): Promise<void> {
  try {
    await api.call('connections.delete', { id });
    useConnections.setState((current) => {
      const tests = { ...current.tests };
      delete tests[id];
      return {
        list: current.list.filter((connection) => connection.id !== id),
        tests,
        confirmingDelete: null,
        deleteError: null,
      };
    });
  } catch (error: unknown) {
    useConnections.setState({ deleteError: asErrorData(error) });
  }
}

/** Puts a connection just saved into the list without waiting for the pushed event. */
export function rememberSaved(saved: SavedConnection): void {
  useConnections.setState((current) => {
    const others = current.list.filter((connection) => connection.id !== saved.id);
    const tests = { ...current.tests };
    delete tests[saved.id];
    const isNew = others.length === current.list.length;
    return {
      list: isNew ? [saved, ...others] : current.list.map((item) => (item.id === saved.id ? saved : item)),
      tests,
    };
  });
}
