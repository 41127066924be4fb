// The browser-host transport: JSON POST per handler, Server-Sent Events for the event map, and an upload
// endpoint standing in for the native file dialog. The session token normally travels as an HttpOnly cookie.
import type { Args, Client, EventName, Events, HandlerName, Result } from '../../shared/api';
import { AppError, deserializeError, isSerializedError } from '../../shared/errors';
import type { Bridge, PickedFile } from '../../shared/platform';
import { WEB_ROUTES, WEB_TOKEN_HEADER } from '../../shared/platform';
import { emitUploadProgress } from './upload';

const EVENT_NAMES: readonly EventName[] = ['job.progress', 'workspace.changed'];

/** The host redirects `/?token=T` to `/` after setting its cookie; if we still see a token, keep it and hide it. */
function takeTokenFromUrl(): string | null {
  try {
    const url = new URL(window.location.href);
    const token = url.searchParams.get('token');
    if (!token) return null;
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return token;
  } catch {
    return null;
  }
}

function headers(token: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return token ? { ...extra, [WEB_TOKEN_HEADER]: token } : extra;
}

interface Envelope<T> {
  ok: boolean;
  result?: T;
  error?: unknown;
}

async function readEnvelope<T>(response: Response, what: string): Promise<T> {
  let body: Envelope<T> | null = null;
  try {
    body = (await response.json()) as Envelope<T>;
  } catch {
    throw new AppError('INTERNAL', `${what}: the host answered ${response.status} without a readable reply`);
  }
  if (body && body.ok) return body.result as T;
  if (body && isSerializedError(body.error)) throw deserializeError(body.error);
  if (response.status === 401 || response.status === 403) {
    throw new AppError('FORBIDDEN', 'This browser session is not authorised. Reopen the link printed by `cxw serve`.');
  }
  throw new AppError('INTERNAL', `${what}: the host answered ${response.status}`);
}

function createWebClient(token: string | null): Client {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  function ensureEventSource(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(WEB_ROUTES.events, { withCredentials: true });
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) (listener as (p: unknown) => void)(payload);
      });
    }
  }

  return {
    async invoke<K extends HandlerName>(name: K, args: Args<K>): Promise<Result<K>> {
      let response: Response;
      try {
        response = await fetch(WEB_ROUTES.api + name, {
          method: 'POST',
          credentials: 'same-origin',
          headers: headers(token, { 'content-type': 'application/json' }),
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new AppError('INTERNAL', 'The CX Workbench host is not reachable. Is `cxw serve` still running?');
      }
      return readEnvelope<Result<K>>(response, name);
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      ensureEventSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as (payload: never) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
}

/** Opens the browser's file chooser; resolves null when the user cancels. Must run inside a user gesture. */
function chooseLocalFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain';
    input.style.display = 'none';
    input.setAttribute('aria-hidden', 'true');
    let settled = false;
    const finish = (file: File | null) => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** Streams the File as the request body (XHR rather than fetch, for upload progress). */
function uploadFile(file: File, token: string | null): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${WEB_ROUTES.upload}?name=${encodeURIComponent(file.name)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    if (token) xhr.setRequestHeader(WEB_TOKEN_HEADER, token);
    const report = (loaded: number, state: 'uploading' | 'done') =>
      emitUploadProgress({ fileName: file.name, loaded, total: file.size, state });
    xhr.upload.addEventListener('progress', (e) => report(e.loaded, 'uploading'));
    xhr.addEventListener('load', () => {
      report(file.size, 'done');
      let body: Envelope<PickedFile> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Envelope<PickedFile>;
      } catch {
        body = null;
      }
      if (body?.ok && body.result) resolve(body.result);
      else if (body && isSerializedError(body.error)) reject(deserializeError(body.error));
      else reject(new AppError('INTERNAL', `Upload of ${file.name} failed (host answered ${xhr.status})`));
    });
    xhr.addEventListener('error', () => {
      report(0, 'done');
      reject(new AppError('INTERNAL', `Upload of ${file.name} failed: the host is not reachable`));
    });
    report(0, 'uploading');
    xhr.send(file);
  });
}

export function createWebBridge(): Bridge {
  const token = takeTokenFromUrl();
  return {
    kind: 'browser',
    client: createWebClient(token),
    dialogs: {
      async pickImportFile() {
        const file = await chooseLocalFile();
        return file ? uploadFile(file, token) : null;
      },
      // The browser cannot name a path on the host's disk; the UI shows its own picker (files.list).
      pickWorkspaceToOpen: async () => null,
      pickWorkspaceToSave: async () => null,
    },
  };
}
