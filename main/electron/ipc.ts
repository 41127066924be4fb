// One ipcMain.handle per handler in the contract ('cxw:' + name): checks the sender frame is our app:// page,
// validates the arguments with the contract's schema, and replies {ok, result} or {ok: false, error} as data.
import { HANDLER_NAMES, parseArgs, type Args, type HandlerName, type Handlers, type Result } from '../../shared/api';
import { AppError, serializeError } from '../../shared/errors';
import { IPC_PREFIX } from '../../shared/platform';
import { senderFrameUrl, type IpcInvokeEventLike, type IpcMainLike, type IpcReply, type SenderCheck } from './wire';

export function forbiddenSender(channel: string, frameUrl: string | undefined): AppError {
  return new AppError('FORBIDDEN', `${channel}: calls are accepted only from the app's own page`, {
    senderUrl: frameUrl ?? null,
  });
}

async function callHandler<K extends HandlerName>(handlers: Handlers, name: K, raw: unknown): Promise<Result<K>> {
  const args: Args<K> = parseArgs(name, raw);
  const handler: Handlers[K] = handlers[name];
  return await handler(args);
}

/** Run a reply-producing function behind the sender check, turning anything thrown into an error object. */
export async function guardedReply<T>(
  channel: string,
  event: IpcInvokeEventLike,
  isTrustedSender: SenderCheck,
  run: () => T | Promise<T>,
): Promise<IpcReply<T>> {
  const frameUrl = senderFrameUrl(event);
  if (!isTrustedSender(frameUrl)) {
    console.warn(`[cxw] refused IPC ${channel} from ${frameUrl ?? 'an unknown frame'}`);
    return { ok: false, error: serializeError(forbiddenSender(channel, frameUrl)) };
  }
  try {
    return { ok: true, result: await run() };
  } catch (err) {
    return { ok: false, error: serializeError(err) };
  }
}

/** Registers every handler; returns a function that removes them again. */
export function registerIpcHandlers<E extends IpcInvokeEventLike>(
  ipcMain: IpcMainLike<E>,
  handlers: Handlers,
  isTrustedSender: SenderCheck,
): () => void {
  const channels: string[] = [];
  for (const name of HANDLER_NAMES) {
    const channel = IPC_PREFIX + name;
    ipcMain.handle(channel, (event, raw) => guardedReply(channel, event, isTrustedSender, () => callHandler(handlers, name, raw)));
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
