// The window's menu: "Export pseudonymisation key…" / "Import pseudonymisation key…" (File menu), the same code as
// `cxw key export|import` (main/workspace/keys.ts) behind save/open dialogs, logged in the activity log. The
// Electron-only wiring in main.ts is one line; what is tested here is the pure part: the menu template (with a
// click → action check) and the two flows with fake dialogs against real services and real key stores.
// Expected values: the key file's workspaceId equals the workspace's (settings.workspace_id); the token an e-mail
// gets on computer B after the import equals the one it got on computer A (the same key); before it, a
// pseudonymising import on B is refused (KEY_MISSING), and a file that is not a key is refused with nothing changed.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, exportKeyFlow, importKeyFlow, KEY_MENU_LABELS, type KeyDialogs } from '../../../main/electron/key-menu';
import { createServices, type Services } from '../../../main/services/index';

let dir: string;
let a: Services;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxw-keymenu-'));
  a = createServices({ stateDir: join(dir, 'state-a'), emit: () => undefined, useWorkers: false });
  await a.handlers['workspace.create']({ path: join(dir, 'team.cxw') });
  writeFileSync(join(dir, 'a.csv'), 'email,spend\nann@example.com,10\n');
  writeFileSync(join(dir, 'b.csv'), 'email,visits\nann@example.com,3\n');
  await a.handlers['dataset.import']({ jobId: 'job_a', path: join(dir, 'a.csv'), name: 'orders', columns: [{ index: 0, piiAction: 'pseudonymize' }] });
});
afterEach(() => {
  a.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function fakeDialogs(picked: string | null): KeyDialogs & { boxes: { type?: string; message: string; detail?: string }[] } {
  const boxes: { type?: string; message: string; detail?: string }[] = [];
  return {
    boxes,
    showSaveDialog: vi.fn(() => Promise.resolve(picked ? { canceled: false, filePath: picked } : { canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(() => Promise.resolve(picked ? { canceled: false, filePaths: [picked] } : { canceled: true, filePaths: [] })),
    showMessageBox: vi.fn((o) => {
      boxes.push({ type: o.type, message: o.message, detail: o.detail });
      return Promise.resolve({ response: 0, checkboxChecked: false });
    }),
  };
}

const token = (ws: string, dataset: string) => {
  const db = new Database(ws, { readonly: true });
  try {
    const table = db.prepare('SELECT table_name FROM datasets WHERE name = ?').pluck().get(dataset) as string;
    return db.prepare(`SELECT c0 FROM ${table}`).pluck().get() as string;
  } finally {
    db.close();
  }
};

const fileMenu = (t: MenuItemConstructorOptions[]) => t.find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];

describe('the application menu', () => {
  it('File holds export and import of the key, each calling its action; the standard menus stay', () => {
    const onExport = vi.fn();
    const onImport = vi.fn();
    const t = appMenuTemplate({ isMac: false, devTools: false, onExportKey: onExport, onImportKey: onImport });
    const file = fileMenu(t);
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([KEY_MENU_LABELS.export, KEY_MENU_LABELS.import, 'separator', 'quit']);
    expect(KEY_MENU_LABELS).toEqual({ export: 'Export pseudonymisation key…', import: 'Import pseudonymisation key…' });
    (file[0].click as () => void)();
    expect(onExport).toHaveBeenCalledOnce();
    (file[1].click as () => void)();
    expect(onImport).toHaveBeenCalledOnce();
    expect(t.map((m) => m.role ?? m.label)).toEqual(['File', 'editMenu', 'View', 'windowMenu']);
    // No developer tools (nor reload) in the packaged app's menu; the macOS app menu comes first there.
    const view = t.find((m) => m.label === 'View')!.submenu as MenuItemConstructorOptions[];
    expect(view.map((i) => i.role ?? i.type)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'separator', 'togglefullscreen']);
    const mac = appMenuTemplate({ isMac: true, devTools: true, onExportKey: onExport, onImportKey: onImport });
    expect(mac[0].role).toBe('appMenu');
    expect(fileMenu(mac).map((i) => i.role ?? i.label ?? i.type).at(-1)).toBe('close');
    expect((mac.find((m) => m.label === 'View')!.submenu as MenuItemConstructorOptions[]).map((i) => i.role)).toContain('toggleDevTools');
  });
});

describe('export and import through the dialogs', () => {
  it('exports to the chosen file (0600, this workspace id), logged; cancel writes nothing; an existing file is refused', async () => {
    const out = join(dir, 'team key.json');
    const d = fakeDialogs(out);
    await exportKeyFlow(d, a.keys);
    const saveOptions = (d.showSaveDialog as ReturnType<typeof vi.fn>).mock.calls[0][0] as { defaultPath: string };
    expect(saveOptions.defaultPath).toBe('team pseudonymisation key.json');
    const body = JSON.parse(readFileSync(out, 'utf8')) as { workspaceId: string };
    const db = new Database(join(dir, 'team.cxw'), { readonly: true });
    expect(body.workspaceId).toBe(db.prepare("SELECT value FROM settings WHERE key = 'workspace_id'").pluck().get());
    db.close();
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(d.boxes).toEqual([expect.objectContaining({ type: 'info', message: `Exported the pseudonymisation key to ${out}` })]);
    expect(d.boxes[0].detail).toMatch(/Keep it secret/);
    const log = await a.handlers['workspace.activity']({});
    expect(log[0]).toMatchObject({ action: 'key.export', params: { file: out } });

    const cancel = fakeDialogs(null);
    await exportKeyFlow(cancel, a.keys);
    expect(cancel.boxes).toEqual([]);
    expect((await a.handlers['workspace.activity']({}))[0].action).toBe('key.export');
    expect((await a.handlers['workspace.activity']({})).filter((e) => e.action === 'key.export')).toHaveLength(1);

    const again = fakeDialogs(out);
    await exportKeyFlow(again, a.keys);
    expect(again.boxes).toEqual([expect.objectContaining({ type: 'error', message: 'The key was not exported' })]);
    expect(again.boxes[0].detail).toContain(`${out} already exists; it was not overwritten`);
  });

  it('on another computer: a pseudonymising import is refused, then after Import… the same e-mail gets the same token', async () => {
    const out = join(dir, 'k.json');
    await exportKeyFlow(fakeDialogs(out), a.keys);
    a.dispose();
    const wsB = join(dir, 'copy.cxw');
    copyFileSync(join(dir, 'team.cxw'), wsB);
    const b = createServices({ stateDir: join(dir, 'state-b'), emit: () => undefined, useWorkers: false, workspacePath: wsB });
    try {
      const pii = { columns: [{ index: 0, piiAction: 'pseudonymize' as const }] };
      await expect(b.handlers['dataset.import']({ jobId: 'job_b1', path: join(dir, 'b.csv'), name: 'visits', ...pii })).rejects.toMatchObject({ code: 'KEY_MISSING' });

      const wrong = fakeDialogs(join(dir, 'a.csv'));
      await importKeyFlow(wrong, b.keys);
      expect(wrong.boxes[0]).toMatchObject({ type: 'error', message: 'The key was not imported' });

      const d = fakeDialogs(out);
      await importKeyFlow(d, b.keys);
      expect(d.boxes[0]).toMatchObject({ type: 'info' });
      expect(d.boxes[0].message).toMatch(/^Imported the pseudonymisation key; it is kept in /);
      await b.handlers['dataset.import']({ jobId: 'job_b2', path: join(dir, 'b.csv'), name: 'visits', ...pii }); // no reopen needed
      expect(token(wsB, 'visits')).toBe(token(wsB, 'orders'));
      expect(token(wsB, 'visits')).toMatch(/^p_[0-9a-f]{16}$/);
      const log = await b.handlers['workspace.activity']({});
      expect(log.map((e) => e.action)).toContain('key.import');
    } finally {
      b.dispose();
    }
    a = createServices({ stateDir: join(dir, 'state-a'), emit: () => undefined, useWorkers: false });
  });
});
