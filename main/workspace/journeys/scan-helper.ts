// The second core for the journey scan: a helper thread (the built job worker, task 'journey.scan-part', see
// scan-part.ts) decodes the second half of the rows through its own read-only connection while the job thread
// decodes the first half; the job thread then takes the helper's part synchronously (the job is a synchronous
// function) from a MessagePort, waking on a shared status word. Where the built worker file is absent (unit
// tests on the sources) there is no helper and one thread decodes everything.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, deserializeError, type SerializedError } from '../../../shared/errors';
import { builtEntry } from '../../jobs/built-entry';
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import type { ScanOptions, SinkPart } from './event-scan';
import { FramingError } from './framing-error';
import type { JourneyColumns } from './spec-columns';

export interface ScanPartInput {
  workspacePath: string;
  dataset: string;
  /** Column positions (StoredColumn.index). */
  columns: { customer: number; time: number; step: number; channel: number | null; satisfaction: number | null; nps: number | null };
  precision: 'exact' | 'day';
  blockRows?: number;
  /** _row range, inclusive. */
  from: number;
  to: number;
  /** Where the part goes (transferred to the helper). */
  port: MessagePort;
  /** Shared: [0] rows decoded so far, [1] set to 1 once the part is posted. */
  status: Int32Array;
}

/** What the helper posts on the port: its part, a framing failure (see FramingError), or an error. */
export type PartMessage = { part: SinkPart } | { framing: true } | { error: SerializedError };

export interface ScanHelper {
  /** First _row of the helper's half. */
  from: number;
  /** Rows the helper has decoded so far. */
  done: () => number;
  /** Block until the helper's part arrives; `onPoll` runs between waits (progress). */
  wait: (onPoll: () => void) => SinkPart;
  /** End the helper thread (after wait, or when the scan failed or was cancelled). */
  stop: () => void;
}

const POLL_MS = 50;
/** No progress from the helper for this long means it died without a word (a crash, not a slow disk). */
const STALL_MS = 120_000;

/** Start decoding rows from..to on a helper thread; null where no built worker exists. */
export function startScanHelper(db: Db, ds: StoredDataset, cols: JourneyColumns, opts: ScanOptions, from: number, to: number): ScanHelper | null {
  const entry = opts.workerPath ?? builtEntry('worker.js');
  if (!entry) return null;
  const { port1, port2 } = new MessageChannel();
  const status = new Int32Array(new SharedArrayBuffer(8));
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const payload: ScanPartInput = {
    workspacePath: db.name,
    dataset: ds.name,
    columns: {
      customer: cols.customer.index,
      time: cols.time.index,
      step: cols.step.index,
      channel: cols.channel?.index ?? null,
      satisfaction: cols.satisfaction?.index ?? null,
      nps: cols.nps?.index ?? null,
    },
    precision: opts.precision,
    blockRows: opts.blockRows,
    from,
    to,
    port: port2,
    status,
  };
  const worker = new Worker(entry, { workerData: { kind: 'journey.scan-part', payload, cancelFlag: cancelFlag.buffer }, transferList: [port2] });
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
        const got = receiveMessageOnPort(port1) as { message: PartMessage } | undefined;
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
