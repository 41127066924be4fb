// Creates the main window over the hardened options and loads the app from app://cxw, showing it once painted.
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, windowOptions } from './security';

export function createMainWindow(preloadPath: string, devTools: boolean): BrowserWindow {
  const win = new BrowserWindow(windowOptions(preloadPath, devTools));
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
