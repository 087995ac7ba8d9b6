/** An in-memory transport: the CLI and the tests call the API in-process through the same dispatcher. */
import { createApiClient, type ApiClient } from '../../src-shared/rpc/client';
import type { ClientMessage, ServerMessage } from '../../src-shared/rpc/protocol';
import type { Dispatcher } from './dispatcher';

export function createInProcessClient(dispatcher: Dispatcher): ApiClient {
  const listeners = new Set<(message: ServerMessage) => void>();
  // Round-trip through JSON, as every real transport does, so tests catch values that would not survive one.
  const session = dispatcher.openSession((message) => {
    const copy = JSON.parse(JSON.stringify(message)) as ServerMessage;
    queueMicrotask(() => listeners.forEach((listener) => listener(copy)));
  });
  const client = createApiClient({
    send(message: ClientMessage) {
      session.receive(JSON.parse(JSON.stringify(message)));
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    ...client,
    dispose() {
      client.dispose();
      session.close();
    },
  };
}
