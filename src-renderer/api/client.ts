/** The one API client of the renderer: over the preload bridge in Electron, over a WebSocket in a browser. */
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/contract';
import { TallyError } from '../../src-shared/errors';
import { createApiClient, type ApiClient, type CallOptions } from '../../src-shared/rpc/client';
import { getLinkStatus, onLinkStatus } from './link-status';
import { createBridgeTransport, createWebSocketTransport, takeSessionToken } from './transport';

const transport = window.tallyBridge
  ? createBridgeTransport(window.tallyBridge)
  : createWebSocketTransport(takeSessionToken());

const inner = createApiClient(transport);

function lostError(): TallyError {
  return new TallyError('cancelled', 'Lost the connection to Tally, so the request could not be sent.');
}

// Calls still waiting when the link drops would otherwise never settle: fail them with a sentence.
onLinkStatus((status) => {
  if (status.state === 'lost') inner.dispose();
});

export const api: ApiClient = {
  call<M extends MethodName>(method: M, input: MethodInput<M>, options?: CallOptions): Promise<MethodOutput<M>> {
    if (getLinkStatus().state === 'lost') return Promise.reject(lostError());
    return inner.call(method, input, options);
  },
  on: (event, listener) => inner.on(event, listener),
  dispose: () => inner.dispose(),
};
