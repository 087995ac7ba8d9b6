import type { ClientMessage, ServerMessage } from '../../src-shared/rpc/protocol';

/** What the Electron preload exposes through contextBridge; absent in the browser. */
export type TallyBridge = {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
};

declare global {
  interface Window {
    tallyBridge?: TallyBridge;
  }
}
