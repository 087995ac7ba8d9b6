/**
 * The preload bridge: the renderer gets two functions and nothing else of Electron or Node.
 * It runs sandboxed, so it bundles only what it needs (no node_modules at run time).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel } from '../../src-shared/rpc/channel';

contextBridge.exposeInMainWorld('tallyBridge', {
  send(message: unknown): void {
    ipcRenderer.send(ipcChannel, message);
  },
  onMessage(listener: (message: unknown) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: unknown): void => listener(message);
    ipcRenderer.on(ipcChannel, handler);
    return () => {
      ipcRenderer.removeListener(ipcChannel, handler);
    };
  },
});
