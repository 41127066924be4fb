// What every face gives the services: where to keep app state (recent list, demo workspace) and how to emit events.
import type { EventName, Events, Handlers } from '../../shared/api';
import type { KeySealer } from '../workspace/keys';
import type { KeyTransfer } from './key-transfer';

export interface ServiceOptions {
  /** Per-user app state folder (recent workspaces, the demo workspace). */
  stateDir: string;
  /** Push an event to every connected UI (IPC, server-sent events, or CLI progress printing). */
  emit: <E extends EventName>(event: E, payload: Events[E]) => void;
  /** Workspace to open at start; when omitted the demo workspace is created/opened on first use. */
  workspacePath?: string;
  /** The OS key store for pseudonymisation keys (Electron's safeStorage); without it keys are 0600 files in stateDir. */
  keySealer?: KeySealer | null;
  /** Other state folders whose plain key files may be read too (the window reads the keys `cxw` made). */
  keyFoldersToRead?: string[];
  /** Print a deck's HTML to PDF with the host's own engine (Electron's printToPDF); else headless Chromium. */
  printPdf?: (html: string) => Promise<Buffer>;
  /** Run import jobs in a worker thread (default true). The CLI's crash tests and unit tests may run in-process. */
  useWorkers?: boolean;
  /** Open `workspacePath` with its integrity check deferred to runChecked (the CLI's analyses). */
  deferIntegrityCheck?: boolean;
  /** Start the job worker before opening the workspace (a `cxw` analysis command: it will run one job). */
  startJobWorkerEarly?: boolean;
}

export interface Services {
  handlers: Handlers;
  /** Export/import of the open workspace's pseudonymisation key (the window's menu; the CLI has `cxw key`). */
  keys: KeyTransfer;
  /** Start a call while the workspace's deferred integrity check runs (deferred-check.ts); a plain call without one. */
  runChecked<T>(start: () => Promise<T>): Promise<T>;
  dispose(): void;
}
