/** The one IPC channel of the desktop app; the preload and the main process both import it. */
export const ipcChannel = 'tally:rpc';
