/**
 * The typed API client: `api.call('schema.inspect', input)` over any transport. Used by the
 * renderer (IPC or WebSocket), the CLI (in-memory) and the tests (in-memory).
 */
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../contract';
import { TallyError } from '../errors';
import type { ClientTransport, ServerMessage } from './protocol';

export type CallOptions = { signal?: AbortSignal };

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>, options?: CallOptions): Promise<MethodOutput<M>>;
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Rejects every pending call and stops listening. */
  dispose(): void;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: TallyError) => void };

export function createApiClient(transport: ClientTransport): ApiClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const stopListening = transport.onMessage((message: ServerMessage) => {
    if (message.kind === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.output);
    else call.reject(TallyError.fromData(message.error));
  });

  return {
    call<M extends MethodName>(method: M, input: MethodInput<M>, options: CallOptions = {}): Promise<MethodOutput<M>> {
      const id = nextId++;
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(new TallyError('cancelled', `The call to ${method} was cancelled.`));
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        const onAbort = (): void => transport.send({ kind: 'cancel', id });
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve: (value) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(value as MethodOutput<M>);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        transport.send({ kind: 'call', id, method, input });
      });
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        transport.send({ kind: 'subscribe', event });
      }
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => {
        const current = listeners.get(event);
        if (!current?.delete(untyped) || current.size > 0) return;
        listeners.delete(event);
        transport.send({ kind: 'unsubscribe', event });
      };
    },

    dispose(): void {
      stopListening();
      for (const call of pending.values())
        call.reject(new TallyError('cancelled', 'The connection to Tally was closed.'));
      pending.clear();
      listeners.clear();
    },
  };
}
