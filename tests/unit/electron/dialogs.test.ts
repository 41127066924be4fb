import { describe, expect, it, vi } from 'vitest';
import { IPC_DIALOG_CHANNELS } from '../../../shared/platform';
import { registerDialogHandlers, suggestedWorkspaceName, type DialogLike } from '../../../main/electron/dialogs';
import { isAppUrl } from '../../../main/electron/security';
import { APP_PAGE, FakeIpcMain } from './fakes';

function fakeDialog(open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath?: string } = { canceled: true }) {
  return {
    showOpenDialog: vi.fn<DialogLike['showOpenDialog']>(() => Promise.resolve(open)),
    showSaveDialog: vi.fn<DialogLike['showSaveDialog']>(() => Promise.resolve(save)),
  };
}

function setup(dialog: DialogLike) {
  const ipc = new FakeIpcMain();
  const dialogFor = vi.fn(() => dialog);
  registerDialogHandlers(ipc, dialogFor, isAppUrl);
  return { ipc, dialogFor };
}

describe('dialog channels', () => {
  it('registers the three dialog channels', () => {
    const { ipc } = setup(fakeDialog({ canceled: true, filePaths: [] }));
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(IPC_DIALOG_CHANNELS).sort());
  });

  it('picks an import file filtered to CSV, TSV and TXT and returns its path and name', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/home/ana/exports/nps q3.csv'] });
    const { ipc, dialogFor } = setup(dialog);
    const reply = await ipc.invoke(IPC_DIALOG_CHANNELS.pickImportFile, APP_PAGE);
    expect(reply).toEqual({ ok: true, result: { path: '/home/ana/exports/nps q3.csv', fileName: 'nps q3.csv' } });
    expect(dialogFor).toHaveBeenCalledOnce();
    const options = dialog.showOpenDialog.mock.calls[0][0];
    expect(options.properties).toEqual(['openFile']);
    expect(options.filters?.flatMap((f) => f.extensions)).toEqual(['csv', 'tsv', 'txt']);
  });

  it('returns null when the user cancels', async () => {
    const { ipc } = setup(fakeDialog({ canceled: true, filePaths: [] }));
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickImportFile, APP_PAGE)).resolves.toEqual({ ok: true, result: null });
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickWorkspaceToOpen, APP_PAGE)).resolves.toEqual({ ok: true, result: null });
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickWorkspaceToSave, APP_PAGE, 'q3')).resolves.toEqual({ ok: true, result: null });
  });

  it('opens only .cxw workspaces', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/data/q3.cxw'] });
    const { ipc } = setup(dialog);
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickWorkspaceToOpen, APP_PAGE)).resolves.toEqual({ ok: true, result: '/data/q3.cxw' });
    expect(dialog.showOpenDialog.mock.calls[0][0].filters).toEqual([{ name: 'CX Workbench workspace', extensions: ['cxw'] }]);
  });

  it('saves with the suggested name and adds .cxw when the chooser did not', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: '/data/q3 review' });
    const { ipc } = setup(dialog);
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickWorkspaceToSave, APP_PAGE, 'q3 review')).resolves.toEqual({
      ok: true,
      result: '/data/q3 review.cxw',
    });
    expect(dialog.showSaveDialog.mock.calls[0][0]).toMatchObject({ defaultPath: 'q3 review.cxw', filters: [{ extensions: ['cxw'] }] });
  });

  it('reduces a path-like suggestion to a file name and rejects a non-string one', async () => {
    expect(suggestedWorkspaceName('../../etc/cron.d/x')).toBe('x.cxw');
    expect(suggestedWorkspaceName('C:\\Users\\ana\\q3.cxw')).toBe('q3.cxw');
    expect(suggestedWorkspaceName('..')).toBe('workspace.cxw');
    expect(suggestedWorkspaceName('')).toBe('workspace.cxw');
    const { ipc } = setup(fakeDialog({ canceled: true, filePaths: [] }));
    await expect(ipc.invoke(IPC_DIALOG_CHANNELS.pickWorkspaceToSave, APP_PAGE, { path: '/etc' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_ARGUMENTS' },
    });
  });

  it('refuses dialog requests from anything but the app page, without showing a dialog', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/etc/passwd'] });
    const { ipc } = setup(dialog);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = await ipc.invoke(IPC_DIALOG_CHANNELS.pickImportFile, 'https://evil.example/');
    warn.mockRestore();
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});
