/** The schema browser: which connection is inspected, the inspection result, the selected table. */
import { create } from 'zustand';
import type { TallyErrorData } from '../../src-shared/errors';
import { formatTableRef, type SchemaInfo } from '../../src-shared/schema-info';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';

export type Inspection =
  | { status: 'idle' }
  | { status: 'loading'; startedAt: number }
  | { status: 'loaded'; info: SchemaInfo }
  | { status: 'failed'; error: TallyErrorData };

type SchemaState = {
  connectionId: string | null;
  inspection: Inspection;
  /** `formatTableRef` of the selected table. */
  selectedTable: string | null;
  filter: string;
};

export const useSchema = create<SchemaState>()(() => ({
  connectionId: null,
  inspection: { status: 'idle' },
  selectedTable: null,
  filter: '',
}));

let inFlight: AbortController | null = null;

export function inspectConnection(connectionId: string): void {
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  useSchema.setState({
    connectionId,
    inspection: { status: 'loading', startedAt: Date.now() },
    selectedTable: null,
    filter: '',
  });
  api
    .call('schema.inspect', { target: { connectionId } }, { signal: controller.signal })
    .then((info) => {
      if (inFlight !== controller) return;
      const first = info.tables[0];
      useSchema.setState({
        inspection: { status: 'loaded', info },
        selectedTable: first ? formatTableRef(first) : null,
      });
    })
    .catch((error: unknown) => {
      if (inFlight !== controller) return;
      useSchema.setState({ inspection: { status: 'failed', error: asErrorData(error) } });
    })
    .finally(() => {
      if (inFlight === controller) inFlight = null;
    });
}

export function cancelInspection(): void {
  inFlight?.abort();
  inFlight = null;
  useSchema.setState({ inspection: { status: 'idle' } });
}

/** Inspects the connection unless its schema is already shown or loading. */
export function showSchemaOf(connectionId: string): void {
  const { connectionId: current, inspection } = useSchema.getState();
  if (current === connectionId && inspection.status !== 'idle' && inspection.status !== 'failed') return;
  inspectConnection(connectionId);
}

export function selectTable(key: string): void {
  useSchema.setState({ selectedTable: key });
}

export function setTableFilter(filter: string): void {
  useSchema.setState({ filter });
}

/** Forgets a connection that was deleted. */
export function forgetConnection(connectionId: string): void {
  if (useSchema.getState().connectionId !== connectionId) return;
  inFlight?.abort();
  inFlight = null;
  useSchema.setState({ connectionId: null, inspection: { status: 'idle' }, selectedTable: null, filter: '' });
}
