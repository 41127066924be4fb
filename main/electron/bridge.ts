// The object the preload exposes as window.cxw, built over an ipcRenderer-like object so it can be tested without
// Electron: one typed invoke over per-handler channels, event subscription filtered by name, the three dialogs.
import type { Args, EventName, Events, HandlerName, Result } from '../../shared/api';
import { AppError, deserializeError, isSerializedError, serializeError, type SerializedError } from '../../shared/errors';
import { IPC_DIALOG_CHANNELS, IPC_EVENT_CHANNEL, IPC_PREFIX, type ExposedBridge, type PickedFile } from '../../shared/platform';
import { isKnownEvent, isKnownHandler } from './handler-names';

/** The part of Electron's ipcRenderer the bridge uses. Never handed to the page. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function unwrapReply<T>(channel: string, reply: unknown): T {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    if (reply.ok === true && 'result' in reply) return reply.result as T;
    if (reply.ok === false && 'error' in reply && isSerializedError(reply.error)) throw deserializeError(reply.error);
  }
  throw new AppError('INTERNAL', `${channel}: the app sent a malformed reply`);
}

async function call<T>(ipc: IpcRendererLike, channel: string, ...args: unknown[]): Promise<T> {
  let reply: unknown;
  try {
    reply = await ipc.invoke(channel, ...args);
  } catch (err) {
    // Only transport failures land here (no handler, uncloneable value); handler errors arrive as data.
    throw new AppError('INTERNAL', `${channel}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return unwrapReply<T>(channel, reply);
}

type AnyListener = (payload: Events[EventName]) => void;

export function createBridge(ipc: IpcRendererLike): ExposedBridge {
  const listeners = new Map<EventName, Set<AnyListener>>();
  // One IPC listener for all subscriptions; the page never sees the IpcRendererEvent (it carries `sender`).
  const onMessage = (_event: unknown, message: unknown): void => {
    if (typeof message !== 'object' || message === null || !('event' in message) || !isKnownEvent(message.event)) return;
    const payload = 'payload' in message ? message.payload : undefined;
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(payload as Events[EventName]);
      } catch (err) {
        console.error(`[cxw] a ${message.event} listener threw`, err);
      }
    }
  };
  let attached = false;
  const subscriberCount = (): number => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  return {
    kind: 'electron',
    invoke: <K extends HandlerName>(name: K, args: Args<K>): Promise<Result<K>> => {
      if (!isKnownHandler(name)) return Promise.reject(new AppError('BAD_ARGUMENTS', `unknown handler: ${String(name)}`));
      return call<Result<K>>(ipc, IPC_PREFIX + name, args);
    },
    on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void): (() => void) => {
      if (!isKnownEvent(event)) throw new AppError('BAD_ARGUMENTS', `unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new AppError('BAD_ARGUMENTS', `${event}: listener must be a function`);
      const wrapped: AnyListener = (payload) => listener(payload as Events[E]);
      const set = listeners.get(event) ?? new Set<AnyListener>();
      set.add(wrapped);
      listeners.set(event, set);
      if (!attached) {
        ipc.on(IPC_EVENT_CHANNEL, onMessage);
        attached = true;
      }
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        set.delete(wrapped);
        if (attached && subscriberCount() === 0) {
          ipc.removeListener(IPC_EVENT_CHANNEL, onMessage);
          attached = false;
        }
      };
    },
    dialogs: {
      pickImportFile: () => call<PickedFile | null>(ipc, IPC_DIALOG_CHANNELS.pickImportFile),
      pickWorkspaceToOpen: () => call<string | null>(ipc, IPC_DIALOG_CHANNELS.pickWorkspaceToOpen),
      pickWorkspaceToSave: (defaultName: string) => call<string | null>(ipc, IPC_DIALOG_CHANNELS.pickWorkspaceToSave, defaultName),
    },
  };
}

/**
 * contextBridge keeps only `message` of an Error that crosses into the page (electron/electron#25596), so the
 * exposed functions reject with the plain {code, message, details} object instead, which is copied intact; the
 * page's transport rebuilds the AppError with deserializeError (renderer/platform/electron.ts).
 */
export function forContextBridge(bridge: ExposedBridge): ExposedBridge {
  const asData = (err: unknown): Promise<never> => Promise.reject<never>(serializeError(err) satisfies SerializedError);
  return {
    kind: bridge.kind,
    invoke: (name, args) => bridge.invoke(name, args).catch(asData),
    on: (event, listener) => bridge.on(event, listener),
    dialogs: {
      pickImportFile: () => bridge.dialogs.pickImportFile().catch(asData),
      pickWorkspaceToOpen: () => bridge.dialogs.pickWorkspaceToOpen().catch(asData),
      pickWorkspaceToSave: (defaultName) => bridge.dialogs.pickWorkspaceToSave(defaultName).catch(asData),
    },
  };
}
