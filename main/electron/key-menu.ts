// The window's application menu, with File → "Export pseudonymisation key…" / "Import pseudonymisation key…":
// the same code as `cxw key export|import` (services/key-transfer.ts → workspace/keys.ts) behind native save/open
// dialogs, each outcome told in a message box and logged in the workspace's activity log. Pure: the dialogs and
// the key transfer are injected, so tests drive it with fakes; main.ts only builds the menu from the template.
import type { MenuItemConstructorOptions, MessageBoxOptions, MessageBoxReturnValue, OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { KeyTransfer } from '../services/key-transfer';

export const KEY_MENU_LABELS = { export: 'Export pseudonymisation key…', import: 'Import pseudonymisation key…' } as const;

/** The dialog calls used, already bound to the window (Electron's dialog module, or a test fake). */
export interface KeyDialogs {
  showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showMessageBox(options: MessageBoxOptions): Promise<MessageBoxReturnValue>;
}

export interface MenuOptions {
  isMac: boolean;
  /** Reload and developer tools only in development: the packaged app's menu offers neither. */
  devTools: boolean;
  onExportKey: () => void;
  onImportKey: () => void;
}

export function appMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: KEY_MENU_LABELS.export, click: () => o.onExportKey() },
      { label: KEY_MENU_LABELS.import, click: () => o.onImportKey() },
      { type: 'separator' },
      o.isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(o.devTools ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [...(o.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}

const KEY_FILTERS = [{ name: 'Pseudonymisation key (JSON)', extensions: ['json'] }];
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function exportKeyFlow(dialog: KeyDialogs, keys: KeyTransfer): Promise<void> {
  const name = keys.workspaceName() ?? 'workspace';
  const r = await dialog.showSaveDialog({
    title: 'Export the pseudonymisation key',
    defaultPath: `${name} pseudonymisation key.json`,
    filters: KEY_FILTERS,
    // No overwrite offer: an existing file is never replaced (keys.ts refuses), so nothing is silently lost.
    properties: ['createDirectory'],
  });
  if (r.canceled || !r.filePath) return;
  try {
    const { file } = keys.exportKey(r.filePath);
    await dialog.showMessageBox({
      type: 'info',
      title: 'Key exported',
      message: `Exported the pseudonymisation key to ${file}`,
      detail:
        'Keep it secret: with it, anyone who has the workspace can re-identify its customers. On the other computer, open the workspace and choose File → Import pseudonymisation key… (or run cxw key import), then delete this file.',
    });
  } catch (err) {
    await dialog.showMessageBox({ type: 'error', title: 'Key not exported', message: 'The key was not exported', detail: messageOf(err) });
  }
}

export async function importKeyFlow(dialog: KeyDialogs, keys: KeyTransfer): Promise<void> {
  const r = await dialog.showOpenDialog({ title: 'Import a pseudonymisation key', properties: ['openFile'], filters: KEY_FILTERS });
  const picked = r.canceled ? undefined : r.filePaths[0];
  if (!picked) return;
  try {
    const { keptIn } = keys.importKey(picked);
    await dialog.showMessageBox({
      type: 'info',
      title: 'Key imported',
      message: `Imported the pseudonymisation key; it is kept in ${keptIn}`,
      detail: `Imports into this workspace now pseudonymise exactly as on the computer it came from. You can delete ${picked}.`,
    });
  } catch (err) {
    await dialog.showMessageBox({ type: 'error', title: 'Key not imported', message: 'The key was not imported', detail: messageOf(err) });
  }
}
