// Permutation importance on a helper thread while the training job's thread scores the test rows and explains them
// (analysis/predict/train/index.ts asks for it through TrainOptions.importanceHelper), the job's thread then taking
// its share of the inputs from the same counter: on 1M rows × 20 it is ~2.5 s of tree traversals that need only the
// model and 20,000 sampled rows. The job is synchronous, so its thread takes the helper's share with
// receiveMessageOnPort after sleeping on a shared status word, as the scans do (../scan-helper-thread.ts). Every
// input's figures are the same bits whichever thread computed them (analysis/predict/train/importance.ts;
// tests/unit/predict/importance-helper.test.ts). Without the built entry (tests on the sources), or when the helper
// fails or stays silent, the job computes the missing inputs itself.
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { deserializeError, serializeError, type SerializedError } from '../../../shared/errors';
import { builtEntry } from '../../jobs/built-entry';
import { takeImportanceShare, type Importance, type ImportanceJob } from '../../analysis/predict/train/importance';

interface HelperData {
  job: ImportanceJob;
  port: MessagePort;
  /** [0]: 1 once the result (or an error) is posted. */
  status: Int32Array;
}

type HelperMessage = { ok: true; importance: Map<number, Importance> } | { ok: false; error: SerializedError };

const POLL_MS = 100;
/** A helper that has not answered in this long has died without a word; the job then computes the figures itself. */
const SILENT_MS = 10 * 60_000;

/** Runs in the helper thread (main/jobs/predict-helper.ts). */
export function runImportanceHelper(): void {
  const { job, port, status } = workerData as HelperData;
  let msg: HelperMessage;
  try {
    msg = { ok: true, importance: takeImportanceShare(job) };
  } catch (err) {
    msg = { ok: false, error: serializeError(err) };
  }
  port.postMessage(msg);
  // Closed, the port no longer holds this thread open: it ends by itself even when the job never waits for it (a
  // job cancelled while it scored the test rows).
  port.close();
  Atomics.store(status, 0, 1);
  Atomics.notify(status, 0);
}

/**
 * Start `job` on a helper thread: a wait for its share (null when the helper died or the job was cancelled: the
 * caller then computes the rest, and notices the cancellation itself), or null when there is no built helper entry.
 */
export function startImportanceHelper(
  job: ImportanceJob,
  isCancelled: () => boolean = () => false,
  workerPath: string | null = builtEntry('predict-helper.js'),
): (() => Map<number, Importance> | null) | null {
  if (workerPath === null) return null;
  const { port1, port2 } = new MessageChannel();
  const status = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerPath, { workerData: { job, port: port2, status } satisfies HelperData, transferList: [port2] });
  // A helper that fails to start stays silent; the wait below then gives up and the job computes the figures.
  worker.on('error', () => undefined);
  return () => {
    try {
      const until = performance.now() + SILENT_MS;
      while (Atomics.load(status, 0) === 0) {
        if (isCancelled() || performance.now() > until) return null;
        Atomics.wait(status, 0, 0, POLL_MS);
      }
      const msg = receiveMessageOnPort(port1)?.message as HelperMessage | undefined;
      if (!msg) return null;
      if (!msg.ok) throw deserializeError(msg.error);
      return msg.importance;
    } finally {
      port1.close();
      void worker.terminate();
    }
  };
}
