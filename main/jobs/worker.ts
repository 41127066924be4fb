// Worker-thread entry (built to out/main/worker.js): runs one task, streams progress, posts the result or the
// error as data. Cancellation is a SharedArrayBuffer flag the task polls between batches, so it works even
// while the task is inside a synchronous loop.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import { TASKS, type TaskContext, type TaskKind, type TaskPayloads } from './tasks';
import type { WorkerMessage } from './messages';
import { helperInput } from './warm-worker';

interface WorkerInput {
  kind: TaskKind;
  payload: TaskPayloads[TaskKind];
  cancelFlag: SharedArrayBuffer;
}

const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

async function main(input: WorkerInput): Promise<void> {
  const flag = new Int32Array(input.cancelFlag);
  try {
    // The kind and payload were paired by JobRunner.run's signature; the union is lost crossing the thread.
    const task = TASKS[input.kind] as (payload: TaskPayloads[TaskKind], ctx: TaskContext) => unknown;
    const result = await task(input.payload, {
      isCancelled: () => Atomics.load(flag, 0) === 1,
      onProgress: (p) => post({ type: 'progress', progress: p }),
    });
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', error: serializeError(err) });
  }
}

// The input arrives as workerData, or as the first message for a worker started ahead (JobRunner.startWorkerEarly).
helperInput<WorkerInput>((input) => void main(input));
