import { beforeEach, describe, expect, it, vi } from 'vitest';

const exposeInMainWorld = vi.fn();
const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn(), send: vi.fn(), sendSync: vi.fn() };
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer }));

describe('preload', () => {
  beforeEach(() => exposeInMainWorld.mockClear());

  it('exposes exactly one narrow object as window.cxw, with no way to reach ipcRenderer', async () => {
    await import('../../../main/electron/preload');
    expect(exposeInMainWorld).toHaveBeenCalledOnce();
    const [key, api] = exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('cxw');
    expect(Object.keys(api).sort()).toEqual(['dialogs', 'invoke', 'kind', 'on']);
    const values = [...Object.values(api), ...Object.values(api.dialogs as object)];
    expect(values).not.toContain(ipcRenderer);
    expect(values.every((v) => typeof v === 'function' || typeof v === 'string' || (typeof v === 'object' && v !== null))).toBe(true);
  });
});
