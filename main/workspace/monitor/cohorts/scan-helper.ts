// The second core for the cohorts scan, as the journey scan does it (../../journeys/scan-helper.ts): a helper thread
// (the built job worker, task 'cohorts.scan-part', see scan-part.ts) decodes the second half of the rows through its
// own read-only connection while the job thread decodes the first half; the job thread then takes the helper's part
// synchronously from a MessagePort, waking on a shared status word. Without the built worker file (unit tests on the
// sources) there is no helper and one thread decodes everything.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError, deserializeError, type SerializedError } from '../../../../shared/errors';
import { builtEntry } from '../../../jobs/built-entry';
import type { Db } from '../../db';
import type { StoredDataset } from '../../datasets';
import { FramingError } from '../../journeys/framing-error';
import type { CohortColumns, CohortScanOptions, LogPart } from './scan';

export interface CohortScanPartInput {
  workspacePath: string;
  dataset: string;
  /** Column positions (StoredColumn.index). */
  columns: { customer: number; time: number; value: number | null; score: number | null; by: number | null };
  blockRows?: number;
  /** _row range, inclusive. */
  from: number;
  to: number;
  /** Where the part goes (transferred to the helper). */
  port: MessagePort;
  /** Shared: [0] rows decoded so far, [1] set to 1 once the part is posted. */
  status: Int32Array;
}

export type CohortPartMessage = { part: LogPart } | { framing: true } | { error: SerializedError };

export interface CohortScanHelper {
  from: number;
  done: () => number;
  wait: (onPoll: () => void) => LogPart;
  stop: () => void;
}

const POLL_MS = 50;
/** No progress from the helper for this long means it died without a word. */
const STALL_MS = 120_000;

export function startCohortScanHelper(db: Db, ds: StoredDataset, cols: CohortColumns, opts: CohortScanOptions, from: number, to: number): CohortScanHelper | null {
  const entry = opts.workerPath ?? builtEntry('worker.js');
  if (!entry) return null;
  const { port1, port2 } = new MessageChannel();
  const status = new Int32Array(new SharedArrayBuffer(8));
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const payload: CohortScanPartInput = {
    workspacePath: db.name,
    dataset: ds.name,
    columns: { customer: cols.customer.index, time: cols.time.index, value: cols.value?.index ?? null, score: cols.score?.index ?? null, by: cols.by?.index ?? null },
    blockRows: opts.blockRows,
    from,
    to,
    port: port2,
    status,
  };
  const worker = new Worker(entry, { workerData: { kind: 'cohorts.scan-part', payload, cancelFlag: cancelFlag.buffer }, transferList: [port2] });
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
        const got = receiveMessageOnPort(port1) as { message: CohortPartMessage } | undefined;
        if (got) {
          const m = got.message;
          if ('part' in m) return m.part;
          if ('framing' in m) throw new FramingError('in the helper thread');
          throw deserializeError(m.error);
        }
        if (opts.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the events.');
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
