// The IPC reply envelope shared by main (ipc.ts, dialogs.ts) and the preload (bridge.ts): results and errors
// travel as data, because Electron flattens a thrown error to its message when it crosses ipcRenderer.invoke.
import type { SerializedError } from '../../shared/errors';

export type IpcReply<T> = { ok: true; result: T } | { ok: false; error: SerializedError };

/** What main needs from ipcMain; Electron's ipcMain satisfies it, tests pass a fake. */
export interface IpcMainLike<E extends IpcInvokeEventLike = IpcInvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of IpcMainInvokeEvent the guards read. */
export interface IpcInvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null;
}

/** Decides whether an IPC call comes from our own page (main passes isAppUrl). */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

/** The sender frame's URL, or undefined when the frame is gone (reading senderFrame can throw after navigation). */
export function senderFrameUrl(event: IpcInvokeEventLike): string | undefined {
  try {
    return event.senderFrame?.url ?? undefined;
  } catch {
    return undefined;
  }
}
