import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, HANDLER_NAMES, type Handlers } from '../../../shared/api';
import { AppError, serializeError } from '../../../shared/errors';
import { IPC_DIALOG_CHANNELS, IPC_EVENT_CHANNEL } from '../../../shared/platform';
import { createBridge, forContextBridge, type IpcRendererLike } from '../../../main/electron/bridge';
import { PRELOAD_EVENT_NAMES, PRELOAD_HANDLER_NAMES } from '../../../main/electron/handler-names';
import { registerIpcHandlers } from '../../../main/electron/ipc';
import { isAppUrl } from '../../../main/electron/security';
import { APP_PAGE, FakeIpcMain } from './fakes';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer wired to a fake ipcMain, plus a way to push events as webContents.send would. */
function fakeIpcRenderer(main: FakeIpcMain | null, frameUrl = APP_PAGE) {
  const listeners = new Map<string, Set<RendererListener>>();
  const ipc = {
    invoke: vi.fn((channel: string, ...args: unknown[]) =>
      main ? main.invoke(channel, frameUrl, ...args) : Promise.reject(new Error(`No handler registered for '${channel}'`)),
    ),
    on: vi.fn((channel: string, listener: RendererListener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: RendererListener) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies IpcRendererLike;
  const send = (channel: string, message: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the ipcRenderer, never for the page' }, message);
  };
  const count = (channel: string) => listeners.get(channel)?.size ?? 0;
  return { ipc, send, count };
}

function mainWith(handlers: Partial<Handlers>): FakeIpcMain {
  const main = new FakeIpcMain();
  const all = Object.fromEntries(HANDLER_NAMES.map((n) => [n, () => Promise.reject(new Error('unexpected'))])) as unknown as Handlers;
  registerIpcHandlers(main, { ...all, ...handlers }, isAppUrl);
  return main;
}

describe('the preload name lists', () => {
  it('match the contract exactly (no zod needed in the preload)', () => {
    expect([...PRELOAD_HANDLER_NAMES].sort()).toEqual([...HANDLER_NAMES].sort());
    expect([...PRELOAD_EVENT_NAMES].sort()).toEqual([...EVENT_NAMES].sort());
  });
});

describe('createBridge: invoke', () => {
  it('exposes only kind, invoke, on and dialogs — never ipcRenderer or a generic send', () => {
    const bridge = createBridge(fakeIpcRenderer(null).ipc);
    expect(Object.keys(bridge).sort()).toEqual(['dialogs', 'invoke', 'kind', 'on']);
    expect(Object.keys(bridge.dialogs).sort()).toEqual(['pickImportFile', 'pickWorkspaceToOpen', 'pickWorkspaceToSave']);
    expect(bridge.kind).toBe('electron');
  });

  it('calls the handler channel and unwraps the result', async () => {
    const { ipc } = fakeIpcRenderer(mainWith({ 'app.ping': () => ({ ok: true, version: '9.9.9' }) }));
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('app.ping', {})).resolves.toEqual({ ok: true, version: '9.9.9' });
    expect(ipc.invoke).toHaveBeenCalledWith('cxw:app.ping', {});
  });

  it('rebuilds a handler error as an AppError with code, message and details', async () => {
    const failing = () => {
      throw new AppError('NOT_FOUND', 'No dataset named "churn"', { dataset: 'churn' });
    };
    const bridge = createBridge(fakeIpcRenderer(mainWith({ 'dataset.profile': failing })).ipc);
    const err: unknown = await bridge.invoke('dataset.profile', { dataset: 'churn' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No dataset named "churn"', details: { dataset: 'churn' } });
  });

  it('rejects names outside the contract without touching IPC', async () => {
    const { ipc } = fakeIpcRenderer(null);
    const bridge = createBridge(ipc);
    const invoke = bridge.invoke as (name: string, args: unknown) => Promise<unknown>;
    await expect(invoke('__proto__', {})).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    await expect(invoke('constructor', {})).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    await expect(invoke('fs.readFile', { path: '/etc/passwd' })).rejects.toMatchObject({ code: 'BAD_ARGUMENTS' });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a transport failure or a malformed reply into INTERNAL', async () => {
    await expect(createBridge(fakeIpcRenderer(null).ipc).invoke('app.ping', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    const odd = fakeIpcRenderer(null);
    odd.ipc.invoke.mockResolvedValueOnce({ something: 'else' });
    await expect(createBridge(odd.ipc).invoke('app.ping', {})).rejects.toMatchObject({ code: 'INTERNAL', message: /malformed/ });
  });

  it('is refused by main when the page is not the app', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { ipc } = fakeIpcRenderer(mainWith({ 'app.ping': () => ({ ok: true, version: '1' }) }), 'https://evil.example/');
    await expect(createBridge(ipc).invoke('app.ping', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    vi.restoreAllMocks();
  });
});

describe('createBridge: events', () => {
  const progress = { jobId: 'job-123456', phase: 'import', done: 10, total: 100 };

  it('delivers only the subscribed event, with the payload alone (no IPC event object)', () => {
    const { ipc, send } = fakeIpcRenderer(null);
    const bridge = createBridge(ipc);
    const onProgress = vi.fn();
    const onChanged = vi.fn();
    bridge.on('job.progress', onProgress);
    bridge.on('workspace.changed', onChanged);
    send(IPC_EVENT_CHANNEL, { event: 'job.progress', payload: progress });
    expect(onProgress).toHaveBeenCalledExactlyOnceWith(progress);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('ignores unknown event names and malformed messages', () => {
    const { ipc, send } = fakeIpcRenderer(null);
    const listener = vi.fn();
    createBridge(ipc).on('job.progress', listener);
    send(IPC_EVENT_CHANNEL, { event: 'evil.event', payload: 1 });
    send(IPC_EVENT_CHANNEL, 'job.progress');
    send(IPC_EVENT_CHANNEL, null);
    expect(listener).not.toHaveBeenCalled();
  });

  it('refuses to subscribe to a name outside the contract', () => {
    const bridge = createBridge(fakeIpcRenderer(null).ipc);
    const on = bridge.on as (event: string, listener: () => void) => () => void;
    expect(() => on('ipc-message', () => undefined)).toThrow(AppError);
  });

  it('unsubscribes, shares one IPC listener, and detaches it when the last subscriber leaves', () => {
    const { ipc, send, count } = fakeIpcRenderer(null);
    const bridge = createBridge(ipc);
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('job.progress', a);
    const offB = bridge.on('job.progress', b);
    expect(count(IPC_EVENT_CHANNEL)).toBe(1);
    offA();
    offA();
    send(IPC_EVENT_CHANNEL, { event: 'job.progress', payload: progress });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledOnce();
    offB();
    expect(count(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('keeps delivering when one listener throws', () => {
    const { ipc, send } = fakeIpcRenderer(null);
    const bridge = createBridge(ipc);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const after = vi.fn();
    bridge.on('workspace.changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('workspace.changed', after);
    send(IPC_EVENT_CHANNEL, { event: 'workspace.changed', payload: { path: null, reason: 'closed' } });
    expect(after).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});

describe('createBridge: dialogs', () => {
  it('calls the dialog channels and unwraps their replies', async () => {
    const { ipc } = fakeIpcRenderer(null);
    ipc.invoke.mockImplementation((channel: string) =>
      Promise.resolve(channel === IPC_DIALOG_CHANNELS.pickImportFile ? { ok: true, result: { path: '/a.csv', fileName: 'a.csv' } } : { ok: true, result: null }),
    );
    const bridge = createBridge(ipc);
    await expect(bridge.dialogs.pickImportFile()).resolves.toEqual({ path: '/a.csv', fileName: 'a.csv' });
    await expect(bridge.dialogs.pickWorkspaceToSave('q3')).resolves.toBeNull();
    expect(ipc.invoke).toHaveBeenLastCalledWith(IPC_DIALOG_CHANNELS.pickWorkspaceToSave, 'q3');
  });
});

describe('forContextBridge', () => {
  it('rejects with the plain {code, message, details} object, which contextBridge copies intact', async () => {
    const failing = () => {
      throw new AppError('RAGGED_ROW', 'line 3', { line: 3 });
    };
    const exposed = forContextBridge(createBridge(fakeIpcRenderer(mainWith({ 'dataset.list': failing })).ipc));
    const err: unknown = await exposed.invoke('dataset.list', {}).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(Error);
    expect(err).toEqual({ code: 'RAGGED_ROW', message: 'line 3', details: { line: 3 } });
    expect(err).toEqual(serializeError(new AppError('RAGGED_ROW', 'line 3', { line: 3 })));
  });

  it('passes results and subscriptions through unchanged', async () => {
    const fake = fakeIpcRenderer(mainWith({ 'app.ping': () => ({ ok: true, version: '2' }) }));
    const exposed = forContextBridge(createBridge(fake.ipc));
    await expect(exposed.invoke('app.ping', {})).resolves.toEqual({ ok: true, version: '2' });
    const listener = vi.fn();
    const off = exposed.on('workspace.changed', listener);
    fake.send(IPC_EVENT_CHANNEL, { event: 'workspace.changed', payload: { path: '/w.cxw', reason: 'opened' } });
    off();
    expect(listener).toHaveBeenCalledWith({ path: '/w.cxw', reason: 'opened' });
  });
});
