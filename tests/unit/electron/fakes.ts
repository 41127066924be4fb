// Test doubles for the IPC seams: a fake ipcMain that records handlers, and events from a given frame URL.
import type { IpcInvokeEventLike, IpcMainLike } from '../../../main/electron/wire';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly registrations: string[] = [];

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
    this.registrations.push(channel);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Call a channel as ipcRenderer.invoke would, from a frame at `frameUrl`. */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return await listener(fromFrame(frameUrl), ...args);
  }
}

export function fromFrame(url: string | null): IpcInvokeEventLike {
  return { senderFrame: url === null ? null : { url } };
}

export const APP_PAGE = 'app://cxw/index.html';
