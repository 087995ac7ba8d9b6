/**
 * The desktop host: one hardened window (context isolation, sandbox, no Node in the renderer,
 * navigation and new windows blocked) and the API bound to one IPC channel. Everything else is
 * the same engine the web host and the CLI use.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, type WebContents } from 'electron';
import { ipcChannel } from '../../src-shared/rpc/channel';
import { setUpHost } from '../api/host-setup';
import type { DispatcherSession } from '../api/dispatcher';
import { defaultDemoPaths } from '../app-paths';
import { KeychainSecretStore, MemorySecretStore } from '../connections/secret-store';

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const rendererIndex = join(__dirname, '../renderer/index.html');
const rendererUrl = new URL(`file://${rendererIndex}`).href;

function isOurRenderer(contents: WebContents, frameUrl: string | undefined): boolean {
  return frameUrl === rendererUrl && contents.getURL() === rendererUrl;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    title: 'Tally',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  // The renderer holds back an unload while edits are unsaved; the user decides here.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'The mapping has unsaved changes.',
      detail: 'Leave without saving them?',
    });
    if (choice === 0) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const demo = defaultDemoPaths();
  const wantsDemo = process.argv.includes('--demo');
  const workspacePath =
    argValue('--workspace') ?? (wantsDemo ? demo.workspace : join(app.getPath('userData'), 'default.tally'));
  const host = setUpHost({
    host: 'electron',
    workspacePath,
    ...(wantsDemo ? { demoDatabasePath: demo.database } : {}),
    secrets: (workspace) =>
      safeStorage.isEncryptionAvailable() ? new KeychainSecretStore(workspace, safeStorage) : new MemorySecretStore(),
  });

  const sessions = new Map<number, DispatcherSession>();
  ipcMain.on(ipcChannel, (event, message: unknown) => {
    if (!isOurRenderer(event.sender, event.senderFrame?.url)) return;
    let apiSession = sessions.get(event.sender.id);
    if (!apiSession) {
      const contents = event.sender;
      apiSession = host.dispatcher.openSession((reply) => {
        if (!contents.isDestroyed()) contents.send(ipcChannel, reply);
      });
      sessions.set(contents.id, apiSession);
      contents.once('destroyed', () => {
        sessions.get(contents.id)?.close();
        sessions.delete(contents.id);
      });
    }
    apiSession.receive(message);
  });

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    host.close();
    app.quit();
  });
}

void main();
