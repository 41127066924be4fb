// The second core for a block scan (the journey scan, journeys/event-scan.ts; the cohorts scan,
// monitor/cohorts/scan.ts): a helper thread (the built job worker, running a '…scan-part' task) decodes the second
// half of the rows through its own read-only connection while the job thread decodes the first half; the job thread
// then takes the helper's part synchronously (the job is a synchronous function) from a MessagePort, waking on a
// shared status word. Where the built worker file is absent (unit tests on the sources) there is no helper and one
// thread decodes everything. Both sides live here; each scan supplies only its columns, its decoder and its part.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, deserializeError, serializeError, type SerializedError } from '../../shared/errors';
import { builtEntry } from '../jobs/built-entry';
import type { TaskKind, TaskPayloads } from '../jobs/tasks';
import { openWorkspaceDb, type Db } from './db';
import { getDataset, type StoredColumn, type StoredDataset } from './datasets';
import { FramingError } from './journeys/framing-error';

/** What every scan-part task's payload carries besides its own column positions and options. */
export interface ScanPartRange {
  workspacePath: string;
  dataset: string;
  blockRows?: number;
  /** _row range, inclusive. */
  from: number;
  to: number;
  /** Where the part goes (transferred to the helper). */
  port: MessagePort;
  /** Shared: [0] rows decoded so far, [1] set to 1 once the part is posted. */
  status: Int32Array;
}

/** The worker tasks whose payload is a scan part ('journey.scan-part', 'cohorts.scan-part'). */
export type ScanPartTask = { [K in TaskKind]: TaskPayloads[K] extends ScanPartRange ? K : never }[TaskKind];

/** What the helper posts on the port: its part, a framing failure (see FramingError), or an error. */
export type PartMessage<Part> = { part: Part } | { framing: true } | { error: SerializedError };

export interface ScanHelper<Part> {
  /** First _row of the helper's half. */
  from: number;
  /** Rows the helper has decoded so far. */
  done: () => number;
  /** Block until the helper's part arrives; `onPoll` runs between waits (progress). */
  wait: (onPoll: () => void) => Part;
  /** End the helper thread (after wait, or when the scan failed or was cancelled). */
  stop: () => void;
}

export interface ScanHelperOptions {
  /** The built worker entry (tests on the sources point at out/main/worker.js). */
  workerPath?: string;
  blockRows?: number;
  isCancelled?: () => boolean;
}

const POLL_MS = 50;
/** No progress from the helper for this long means it died without a word (a crash, not a slow disk). */
const STALL_MS = 120_000;

/**
 * Start task `task` decoding rows from..to of `ds` on a helper thread, with the task's own payload fields
 * (`fields`: column positions, options); null where no built worker exists.
 */
export function startScanHelperThread<Part, K extends ScanPartTask>(
  task: K,
  db: Db,
  ds: StoredDataset,
  fields: Omit<TaskPayloads[K], keyof ScanPartRange>,
  opts: ScanHelperOptions,
  from: number,
  to: number,
): ScanHelper<Part> | null {
  const entry = opts.workerPath ?? builtEntry('worker.js');
  if (!entry) return null;
  const { port1, port2 } = new MessageChannel();
  const status = new Int32Array(new SharedArrayBuffer(8));
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const range: ScanPartRange = { workspacePath: db.name, dataset: ds.name, blockRows: opts.blockRows, from, to, port: port2, status };
  const payload = { ...fields, ...range } as TaskPayloads[K];
  const worker = new Worker(entry, { workerData: { kind: task, payload, cancelFlag: cancelFlag.buffer }, transferList: [port2] });
  // The job runner's messages (progress, the small task result) and errors are not needed: the part and any
  // failure come through the port. Listeners keep an unexpected 'error' event from crashing the job thread.
  worker.on('error', () => undefined);
  worker.on('message', () => undefined);
  worker.unref();
  return {
    from,
    done: () => Atomics.load(status, 0),
    wait: (onPoll) => {
      let last = -1;
      let lastChange = performance.now();
      for (;;) {
        const got = receiveMessageOnPort(port1) as { message: PartMessage<Part> } | undefined;
        if (got) {
          const m = got.message;
          if ('part' in m) return m.part;
          if ('framing' in m) throw new FramingError('in the helper thread');
          throw deserializeError(m.error);
        }
        if (opts.isCancelled?.()) throw new AppError('CANCELLED', 'Cancelled while loading the events.');
        const now = Atomics.load(status, 0);
        if (now !== last) {
          last = now;
          lastChange = performance.now();
        } else if (performance.now() - lastChange > STALL_MS) {
          throw new AppError('INTERNAL', 'The helper thread reading the second half of the events stopped responding.');
        }
        onPoll();
        Atomics.wait(status, 1, 0, POLL_MS);
      }
    },
    stop: () => {
      Atomics.store(cancelFlag, 0, 1);
      port1.close();
      void worker.terminate();
    },
  };
}

/** The job thread already waits on the dataset's lock; the helper reads the same snapshot right after it. */
const BUSY_TIMEOUT_MS = 60_000;

/** The stored column at a position (StoredColumn.index), or null for an absent optional column. */
export type ColumnAt = (index: number | null) => StoredColumn | null;

/**
 * The helper thread's side: open the workspace read-only, `decode` the range (reporting rows done through
 * `onBlock`), post the part on the port (the arrays `buffersOf` names transferred, not copied) and raise the shared
 * status word. Failures go through the port too, so the job thread hears of them while it waits synchronously.
 */
export function runScanPartThread<Part extends { n: number }>(
  input: ScanPartRange,
  decode: (db: Db, ds: StoredDataset, at: ColumnAt, onBlock: (done: number) => void) => Part,
  buffersOf: (part: Part) => ArrayBuffer[],
): { events: number } {
  let message: PartMessage<Part>;
  let transfer: ArrayBuffer[] = [];
  let events = 0;
  try {
    const db = openWorkspaceDb(input.workspacePath, { readonly: true, skipIntegrityCheck: true, busyTimeoutMs: BUSY_TIMEOUT_MS });
    try {
      const ds = getDataset(db, input.dataset);
      const at: ColumnAt = (index) => (index === null ? null : (ds.columns.find((c) => c.index === index) ?? null));
      const part = decode(db, ds, at, (done) => Atomics.store(input.status, 0, done));
      events = part.n;
      message = { part };
      transfer = buffersOf(part);
    } finally {
      db.close();
    }
  } catch (err) {
    message = err instanceof FramingError ? { framing: true } : { error: serializeError(err) };
  }
  input.port.postMessage(message, transfer);
  input.port.close();
  Atomics.store(input.status, 1, 1);
  Atomics.notify(input.status, 1);
  return { events };
}
