// Electron main entry (out/main/electron.js): single instance, hardening, the app:// protocol, the services with
// their IPC handlers and dialogs, and the window. The workspace comes from `--workspace FILE` or a trailing .cxw.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { parseArgs, type EventName, type Events } from '../../shared/api';
import { IPC_EVENT_CHANNEL } from '../../shared/platform';
import { createServices } from '../services/index';
import type { Services } from '../services/types';
import { workspaceFromArgv } from './args';
import { registerDialogHandlers, type DialogLike } from './dialogs';
import { hardenAllWebContents, hardenSession } from './harden';
import { appMenuTemplate, exportKeyFlow, importKeyFlow, type KeyDialogs } from './key-menu';
import { cliStateDir, safeStorageSealer } from './key-sealer';
import { registerIpcHandlers } from './ipc';
import { APP_SCHEME_PRIVILEGES, serveAppProtocol } from './protocol';
import { isAppUrl, isSafeExternalUrl } from './security';
import { makePdfPrinter } from './print-pdf';
import { createMainWindow, createPrintWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(here, '../renderer');
const PRELOAD_PATH = join(here, '../preload/preload.cjs');

// Both must happen before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

let services: Services | null = null;
let mainWindow: BrowserWindow | null = null;
let pendingWorkspace: string | null = workspaceFromArgv(process.argv, process.cwd());
let startupProblem: { title: string; err: unknown } | null = null;

/** Events go only to our own pages, as {event, payload} on the one event channel. */
function emit<E extends EventName>(event: E, payload: Events[E]): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (win.isDestroyed() || !isAppUrl(win.webContents.getURL())) continue;
    win.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
  }
}

function showError(title: string, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`[cxw] ${title}: ${message}`);
  const options = { type: 'error' as const, title, message: title, detail: message };
  void (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function startServices(workspacePath: string | null): Services {
  const stateDir = app.getPath('userData');
  // Pseudonymisation keys: sealed by the OS key store where there is one (called after 'ready', as safeStorage needs).
  const keys = { keySealer: safeStorageSealer(safeStorage), keyFoldersToRead: [cliStateDir()], printPdf: makePdfPrinter(createPrintWindow) };
  if (workspacePath) {
    try {
      return createServices({ stateDir, emit, workspacePath, ...keys });
    } catch (err) {
      // A missing or damaged workspace must not stop the app: open without it and say why.
      startupProblem = { title: `Could not open ${workspacePath}`, err };
    }
  }
  return createServices({ stateDir, emit, ...keys });
}

function openWorkspace(path: string): void {
  if (!services) {
    pendingWorkspace = path;
    return;
  }
  const { handlers } = services;
  Promise.resolve()
    .then(() => handlers['workspace.open'](parseArgs('workspace.open', { path })))
    .catch((err: unknown) => showError(`Could not open ${path}`, err));
}

function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

function openWindow(): void {
  mainWindow = createMainWindow(PRELOAD_PATH, !app.isPackaged);
  mainWindow.once('ready-to-show', () => {
    if (startupProblem) showError(startupProblem.title, startupProblem.err);
    startupProblem = null;
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Dialogs are parented to the window that asked. */
function dialogFor(event: IpcMainInvokeEvent): DialogLike {
  const parent = BrowserWindow.fromWebContents(event.sender);
  return {
    showOpenDialog: (options) => (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)),
    showSaveDialog: (options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
  };
}

/** Dialogs for a menu command, parented to the main window when there is one. */
function windowDialogs(): KeyDialogs {
  const parent = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  return {
    showSaveDialog: (options) => (parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options)),
    showOpenDialog: (options) => (parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options)),
    showMessageBox: (options) => (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options)),
  };
}

function keyMenuCommand(flow: typeof exportKeyFlow): void {
  if (!services) return;
  flow(windowDialogs(), services.keys).catch((err: unknown) => showError('The pseudonymisation key', err));
}

function ready(): void {
  hardenSession(session.defaultSession);
  serveAppProtocol(protocol, RENDERER_DIR);
  services = startServices(pendingWorkspace);
  pendingWorkspace = null;
  registerIpcHandlers<IpcMainInvokeEvent>(ipcMain, services.handlers, isAppUrl);
  registerDialogHandlers<IpcMainInvokeEvent>(ipcMain, dialogFor, isAppUrl);
  const menu = appMenuTemplate({
    isMac: process.platform === 'darwin',
    devTools: !app.isPackaged,
    onExportKey: () => keyMenuCommand(exportKeyFlow),
    onImportKey: () => keyMenuCommand(importKeyFlow),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another window already runs: it receives our argv through 'second-instance'.
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('com.cxworkbench.app');
  hardenAllWebContents(app, (url) => (isSafeExternalUrl(url) ? shell.openExternal(url) : undefined), undefined, { preloadPath: PRELOAD_PATH });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const path = workspaceFromArgv(argv, workingDirectory);
    if (path) openWorkspace(path);
    focusWindow();
  });
  // macOS delivers double-clicked files as an event, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openWorkspace(path);
  });
  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    services?.dispose();
    services = null;
  });

  app
    .whenReady()
    .then(ready)
    .catch((err: unknown) => {
      dialog.showErrorBox('CX Workbench could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
