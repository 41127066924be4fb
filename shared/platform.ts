// The platform seam: what differs between the Electron window and the browser host. The renderer asks the
// bridge; Electron answers with native dialogs (main/electron/dialogs.ts), the browser host with an upload
// endpoint and the app's own workspace picker (renderer/platform/web.ts).
import type { Client } from './api';

export interface PickedFile {
  /** A path the services can read: the real path (Electron) or the host's copy of an upload (browser). */
  path: string;
  fileName: string;
}

export interface PlatformDialogs {
  /** null when the user cancelled. */
  pickImportFile(): Promise<PickedFile | null>;
  /** Native open dialog for a .cxw; the browser host returns null and the UI shows its own picker. */
  pickWorkspaceToOpen(): Promise<string | null>;
  /** Native save dialog; the browser host returns null and the UI asks for a path itself. */
  pickWorkspaceToSave(defaultName: string): Promise<string | null>;
}

/** What the Electron preload exposes on `window.cxw`; the browser build constructs the same shape. */
export interface Bridge {
  kind: 'electron' | 'browser';
  client: Client;
  dialogs: PlatformDialogs;
}

/** Channel names on the Electron IPC bus; one per handler, never a generic pass-through. */
export const IPC_PREFIX = 'cxw:';
export const IPC_EVENT_CHANNEL = 'cxw-event';
export const IPC_DIALOG_CHANNELS = {
  pickImportFile: 'cxw-dialog:pickImportFile',
  pickWorkspaceToOpen: 'cxw-dialog:pickWorkspaceToOpen',
  pickWorkspaceToSave: 'cxw-dialog:pickWorkspaceToSave',
} as const;

/** Browser host routes. The token arrives once in the URL, then travels as an HttpOnly cookie or header. */
export const WEB_ROUTES = {
  api: '/api/',
  events: '/events',
  upload: '/upload',
} as const;
export const WEB_TOKEN_HEADER = 'x-cxw-token';
export const WEB_TOKEN_COOKIE = 'cxw_token';

/** Exactly what the Electron preload puts on `window.cxw` (functions only, so contextBridge can copy it). */
export interface ExposedBridge {
  kind: 'electron';
  invoke: Client['invoke'];
  on: Client['on'];
  dialogs: PlatformDialogs;
}
