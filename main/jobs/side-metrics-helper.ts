// Entry of the segmentation's side-metrics helper thread (built to out/main/side-metrics-helper.js, started by
// main/workspace/segments/side-metrics.ts). The general job worker (worker.js) can run the same task, but it loads
// every task's code and the SQLite binding first (~0.2–0.3 s of CPU on the core the k-means helper wants); this entry
// loads only what the bootstrap and the silhouette need. Same workerData and messages as worker.js.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../shared/errors';
import { computeSideMetrics, type SideInput } from '../workspace/segments/side-metrics';
import type { WorkerMessage } from './messages';
import { helperInput } from './warm-worker';
import { setUpKernel } from '../workspace/segments/kernel-setup';

const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

setUpKernel();
helperInput<{ payload: SideInput; cancelFlag: SharedArrayBuffer }>((input) => {
  const flag = new Int32Array(input.cancelFlag);
  try {
    post({ type: 'result', result: computeSideMetrics(input.payload, () => Atomics.load(flag, 0) === 1) });
  } catch (err) {
    post({ type: 'error', error: serializeError(err) });
  }
});
