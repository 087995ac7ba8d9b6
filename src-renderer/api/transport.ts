/**
 * The two ways the renderer reaches the API: the Electron preload bridge, or a WebSocket to the
 * web host on 127.0.0.1. Both are dumb pipes of protocol messages.
 */
import type { ClientMessage, ClientTransport, ServerMessage } from '../../src-shared/rpc/protocol';
import { setLinkStatus } from './link-status';
import type { TallyBridge } from './bridge';

const tokenKey = 'tally.token';

export function createBridgeTransport(bridge: TallyBridge): ClientTransport {
  setLinkStatus({ state: 'open', via: 'electron' });
  return { send: (message) => bridge.send(message), onMessage: (listener) => bridge.onMessage(listener) };
}

/**
 * The web host opens the page as `/?token=…`. The token is kept in sessionStorage so a reload
 * still works, and removed from the address bar so it does not end up in history or screenshots.
 */
export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    window.sessionStorage.setItem(tokenKey, fromQuery);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromQuery;
  }
  return window.sessionStorage.getItem(tokenKey);
}

export function createWebSocketTransport(token: string | null): ClientTransport {
  const listeners = new Set<(message: ServerMessage) => void>();
  const queue: string[] = [];

  if (!token) {
    setLinkStatus({
      state: 'lost',
      reason: 'This page was opened without its access token: open the address printed by tally serve.',
    });
    return { send: () => undefined, onMessage: () => () => undefined };
  }

  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`);
  let opened = false;

  socket.addEventListener('open', () => {
    opened = true;
    setLinkStatus({ state: 'open', via: 'websocket' });
    for (const frame of queue.splice(0)) socket.send(frame);
  });

  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(event.data) as ServerMessage;
    } catch {
      return; // not a protocol frame; the client ignores what it cannot read
    }
    for (const listener of listeners) listener(message);
  });

  socket.addEventListener('close', (event: CloseEvent) => {
    const reason = opened
      ? 'The Tally web host stopped or the network dropped. Start tally serve again and open the address it prints.'
      : event.reason || 'The Tally web host refused the connection (it may have restarted with a new token).';
    setLinkStatus({ state: 'lost', reason });
  });

  return {
    send(message: ClientMessage) {
      const frame = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      else if (socket.readyState === WebSocket.CONNECTING) queue.push(frame);
      // CLOSING/CLOSED: the banner already says so, and the client rejects the call.
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
