// Native file dialogs behind the IPC_DIALOG_CHANNELS: pick a CSV/TSV/TXT to import, a .cxw to open, a path to
// save a workspace as. The dialog object is injected (Electron's, parented to the caller's window, or a test fake).
import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { AppError } from '../../shared/errors';
import { IPC_DIALOG_CHANNELS, type PickedFile } from '../../shared/platform';
import { guardedReply } from './ipc';
import type { IpcInvokeEventLike, IpcMainLike, SenderCheck } from './wire';

/** The two dialog calls used, already bound to a parent window. */
export interface DialogLike {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export const IMPORT_EXTENSIONS = ['csv', 'tsv', 'txt'] as const;
export const WORKSPACE_EXTENSION = 'cxw';
const workspaceFilter = { name: 'CX Workbench workspace', extensions: [WORKSPACE_EXTENSION] };

export async function pickImportFile(dialog: DialogLike): Promise<PickedFile | null> {
  const r = await dialog.showOpenDialog({
    title: 'Import a data file',
    properties: ['openFile'],
    filters: [{ name: 'Delimited text (CSV, TSV, TXT)', extensions: [...IMPORT_EXTENSIONS] }],
  });
  const picked = r.canceled ? undefined : r.filePaths[0];
  return picked ? { path: picked, fileName: path.basename(picked) } : null;
}

export async function pickWorkspaceToOpen(dialog: DialogLike): Promise<string | null> {
  const r = await dialog.showOpenDialog({ title: 'Open a workspace', properties: ['openFile'], filters: [workspaceFilter] });
  return (r.canceled ? undefined : r.filePaths[0]) ?? null;
}

/** The renderer supplies only a suggested file name: anything path-like is reduced to its last part. */
export function suggestedWorkspaceName(raw: unknown): string {
  if (typeof raw !== 'string') throw new AppError('BAD_ARGUMENTS', 'pickWorkspaceToSave: defaultName must be a string');
  const base = raw.split(/[\\/]/).pop()?.trim().slice(0, 200) ?? '';
  const name = base === '' || base === '.' || base === '..' ? 'workspace' : base;
  return path.extname(name).toLowerCase() === `.${WORKSPACE_EXTENSION}` ? name : `${name}.${WORKSPACE_EXTENSION}`;
}

export async function pickWorkspaceToSave(dialog: DialogLike, defaultName: unknown): Promise<string | null> {
  const r = await dialog.showSaveDialog({
    title: 'Save workspace as',
    defaultPath: suggestedWorkspaceName(defaultName),
    filters: [workspaceFilter],
    // No overwrite confirmation: saving over an existing workspace is refused (it would lose its data), so the
    // service answers "choose another name" instead of the dialog offering to replace it.
    properties: ['createDirectory'],
  });
  if (r.canceled || !r.filePath) return null;
  // Linux file choosers do not add the filter's extension; a workspace without one would not open by double-click.
  return path.extname(r.filePath) === '' ? `${r.filePath}.${WORKSPACE_EXTENSION}` : r.filePath;
}

/** Registers the three dialog channels behind the same sender check as the handlers. */
export function registerDialogHandlers<E extends IpcInvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  dialogFor: (event: E) => DialogLike,
  isTrustedSender: SenderCheck,
): () => void {
  const c = IPC_DIALOG_CHANNELS;
  ipcMain.handle(c.pickImportFile, (event) => guardedReply(c.pickImportFile, event, isTrustedSender, () => pickImportFile(dialogFor(event))));
  ipcMain.handle(c.pickWorkspaceToOpen, (event) =>
    guardedReply(c.pickWorkspaceToOpen, event, isTrustedSender, () => pickWorkspaceToOpen(dialogFor(event))),
  );
  ipcMain.handle(c.pickWorkspaceToSave, (event, defaultName) =>
    guardedReply(c.pickWorkspaceToSave, event, isTrustedSender, () => pickWorkspaceToSave(dialogFor(event), defaultName)),
  );
  return () => {
    for (const channel of Object.values(c)) ipcMain.removeHandler(channel);
  };
}
