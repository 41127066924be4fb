// Threads started before their input exists. Starting a thread costs ~0.1–0.25 s (Node's start-up and the entry's
// module loading): a segmentation's helpers are needed only once its matrix is built, and while it is loaded and
// preprocessed the second core is idle; a `cxw` command's job worker is needed only once the workspace is open
// (with its integrity check). So they are started first (startWarm) and each is handed its input when it exists
// (handOver); the entry takes its input from workerData or, for a warm start, from the
// first message (helperInput). A thread that died while waiting is not handed anything: the caller starts a fresh
// one instead, as it would have without warming.
import { parentPort, Worker, workerData } from 'node:worker_threads';

const WARM = 'cxw-warm-start';

export interface WarmWorker {
  worker: Worker;
  /** False once the thread has exited (it can no longer take an input). */
  alive: () => boolean;
  /** Set by handOver: from then on the taker owns (and stops) the thread. */
  taken: boolean;
}

export function startWarm(path: string): WarmWorker {
  const worker = new Worker(path, { workerData: WARM });
  // Waiting for an input must not keep the process alive (a command that fails before using it just exits).
  worker.unref();
  let alive = true;
  worker.on('exit', () => {
    alive = false;
  });
  // An error before the hand-over only means the caller starts a fresh thread; after it, the caller's own
  // listeners report it.
  worker.on('error', () => undefined);
  return { worker, alive: () => alive, taken: false };
}

/** Give a warm thread its input (what it would otherwise get as workerData); null when it is gone or taken. */
export function handOver(warm: WarmWorker | undefined, input: unknown): Worker | null {
  if (!warm || warm.taken || !warm.alive()) return null;
  warm.taken = true;
  warm.worker.ref();
  warm.worker.postMessage(input);
  return warm.worker;
}

/** Stop the threads nobody took (the run failed first, or turned out not to need them). */
export function stopUntaken(warm: (WarmWorker | undefined)[]): void {
  for (const w of warm) if (w && !w.taken) void w.worker.terminate();
}

/** In a helper entry: run with this thread's input, from workerData or, when started warm, the first message. */
export function helperInput<T>(run: (input: T) => void): void {
  if (workerData !== WARM) {
    run(workerData as T);
    return;
  }
  parentPort?.once('message', (input: T) => run(input));
}
