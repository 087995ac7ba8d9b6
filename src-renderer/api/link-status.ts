/** Whether the renderer can reach Tally: a tiny observable the transports feed and the UI watches. */

export type LinkStatus =
  | { state: 'connecting' }
  | { state: 'open'; via: 'electron' | 'websocket' }
  /** The web host went away, refused the token, or the page was opened without one. */
  | { state: 'lost'; reason: string };

type Listener = (status: LinkStatus) => void;

let current: LinkStatus = { state: 'connecting' };
const listeners = new Set<Listener>();

export function getLinkStatus(): LinkStatus {
  return current;
}

export function setLinkStatus(status: LinkStatus): void {
  current = status;
  for (const listener of listeners) listener(status);
}

export function onLinkStatus(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
