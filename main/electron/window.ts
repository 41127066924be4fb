// Creates the main window and loads the app from app://cxw, showing it once painted.
// The hardened webPreferences are written out literally at the `new BrowserWindow` call, not built in a helper:
// security scanners (Electronegativity, run by `npm run security:scan` in `npm test`) read this call site, and a
// reviewer should see at a glance that the page is isolated, sandboxed and without Node.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security';

/** The main window: isolated, sandboxed, no Node in the page or its workers, no webviews, no remote anything. */
export function createMainWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    // Shown on 'ready-to-show', so the user never sees a blank frame.
    show: false,
    title: 'CX Workbench',
    backgroundColor: '#1f2933',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise open links in new windows (the window-open handler refuses them anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  // If the bundle is missing or broken, show the (blank) window rather than a process with no window at all.
  win.webContents.once('did-fail-load', (_event, code, description, url) => {
    console.error(`[cxw] could not load ${url}: ${description} (${code})`);
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[cxw] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * An invisible window that prints a deck's HTML to PDF (print-pdf.ts): the same hardened preferences, no preload
 * (it talks to nothing) and JavaScript off (the export has no script; nothing may run).
 */
export function createPrintWindow(): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: 1280,
    height: 720,
    webPreferences: {
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    },
  });
}
