import { describe, expect, it, vi } from 'vitest';
import { HANDLER_NAMES, type Handlers } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { IPC_PREFIX } from '../../../shared/platform';
import { registerIpcHandlers } from '../../../main/electron/ipc';
import { isAppUrl } from '../../../main/electron/security';
import { APP_PAGE, FakeIpcMain } from './fakes';

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const unexpected = () => {
    throw new Error('not expected in this test');
  };
  const all = Object.fromEntries(HANDLER_NAMES.map((name) => [name, unexpected])) as unknown as Handlers;
  return { ...all, 'app.ping': () => ({ ok: true, version: '0.1.0' }), ...overrides };
}

describe('registerIpcHandlers', () => {
  it('registers every handler of the contract exactly once, on its own cxw: channel', () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers(), isAppUrl);
    expect([...ipc.registrations].sort()).toEqual(HANDLER_NAMES.map((n) => IPC_PREFIX + n).sort());
    expect(new Set(ipc.registrations).size).toBe(ipc.registrations.length);
    expect(ipc.registrations.every((c) => c.startsWith('cxw:'))).toBe(true);
  });

  it('returns results as {ok: true, result}', async () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers(), isAppUrl);
    await expect(ipc.invoke('cxw:app.ping', APP_PAGE, {})).resolves.toEqual({ ok: true, result: { ok: true, version: '0.1.0' } });
  });

  it('passes the parsed arguments to the handler (strings trimmed by the schema)', async () => {
    const profile = vi.fn(() => ({ name: 'x' }));
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers({ 'dataset.profile': profile as unknown as Handlers['dataset.profile'] }), isAppUrl);
    await ipc.invoke('cxw:dataset.profile', APP_PAGE, { dataset: '  survey  ' });
    expect(profile).toHaveBeenCalledWith({ dataset: 'survey' });
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a loopback page', 'http://127.0.0.1:4317/'],
    ['a file page', 'file:///tmp/x.html'],
    ['a frame that is gone', null],
  ])('refuses calls from %s with FORBIDDEN and never runs the handler', async (_what, frameUrl) => {
    const ping = vi.fn(() => ({ ok: true as const, version: '0.1.0' }));
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers({ 'app.ping': ping }), isAppUrl);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = await ipc.invoke('cxw:app.ping', frameUrl, {});
    warn.mockRestore();
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ping).not.toHaveBeenCalled();
  });

  it('asks the injected sender check with the frame URL', async () => {
    const check = vi.fn(() => true);
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers(), check);
    await ipc.invoke('cxw:app.ping', 'app://cxw/index.html#/segments', {});
    expect(check).toHaveBeenCalledWith('app://cxw/index.html#/segments');
  });

  it('turns bad arguments into a BAD_ARGUMENTS error object naming the field', async () => {
    const ipc = new FakeIpcMain();
    registerIpcHandlers(ipc, fakeHandlers(), isAppUrl);
    const reply = await ipc.invoke('cxw:dataset.rows', APP_PAGE, { dataset: 'survey', offset: -1, limit: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS', details: { handler: 'dataset.rows' } } });
    expect((reply as { error: { message: string } }).error.message).toMatch(/offset/);
    const extra = await ipc.invoke('cxw:app.ping', APP_PAGE, { shell: 'rm -rf /' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
  });

  it('carries a handler AppError across as {code, message, details}', async () => {
    const ipc = new FakeIpcMain();
    const failing = () => {
      throw new AppError('RAGGED_ROW', 'survey.csv, line 12: expected 5 fields, found 4', { file: 'survey.csv', line: 12, column: 1 });
    };
    registerIpcHandlers(ipc, fakeHandlers({ 'dataset.profile': failing }), isAppUrl);
    const reply = await ipc.invoke('cxw:dataset.profile', APP_PAGE, { dataset: 'survey' });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'RAGGED_ROW',
        message: 'survey.csv, line 12: expected 5 fields, found 4',
        details: { file: 'survey.csv', line: 12, column: 1 },
      },
    });
  });

  it('reports an unexpected error as INTERNAL without a stack, and async rejections the same way', async () => {
    const ipc = new FakeIpcMain();
    const rejecting = () => Promise.reject(new TypeError('boom'));
    registerIpcHandlers(ipc, fakeHandlers({ 'dataset.list': rejecting }), isAppUrl);
    const reply = await ipc.invoke('cxw:dataset.list', APP_PAGE, {});
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('removes its handlers when disposed', () => {
    const ipc = new FakeIpcMain();
    const dispose = registerIpcHandlers(ipc, fakeHandlers(), isAppUrl);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });
});
