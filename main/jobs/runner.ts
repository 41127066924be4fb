// Runs tasks as jobs named by the caller: in a worker thread when the built worker exists, else in-process.
// Progress is throttled and forwarded as 'job.progress' events; job.cancel flips the job's shared flag.
import { builtEntry } from './built-entry';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../shared/domain';
import { AppError, deserializeError } from '../../shared/errors';
import type { WorkerMessage } from './messages';
import { TASKS, WRITER_TASKS, type TaskKind, type TaskPayloads, type TaskResults } from './tasks';

interface RunningJob {
  flag: Int32Array;
  writer: boolean;
  worker?: Worker;
}

/** A cancelled task normally stops at its next check; one that does not is terminated after this long. */
const CANCEL_GRACE_MS = 15_000;

export interface JobRunnerOptions {
  onProgress: (p: JobProgress) => void;
  /** false forces in-process execution (tests, CLI crash harness). */
  useWorkers?: boolean;
}

/** The built worker sits beside the bundle that contains this code (out/main/worker.js). */
function builtWorkerPath(): string | null {
  return builtEntry('worker.js');
}

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  /** Writers queue per workspace file: a second import waits instead of failing on SQLite's write lock. */
  private readonly writeQueues = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: JobRunnerOptions) {}

  get activeJobs(): number {
    return this.running.size;
  }

  /** Running or queued jobs that write to a workspace (imports, segmentations, RFM). */
  get activeWriters(): number {
    let n = 0;
    for (const job of this.running.values()) if (job.writer) n++;
    return n;
  }

  async run<K extends TaskKind>(jobId: string, kind: K, payload: TaskPayloads[K]): Promise<TaskResults[K]> {
    if (this.running.has(jobId)) throw new AppError('BAD_ARGUMENTS', `A job with id ${jobId} is already running.`);
    // Registered before queueing, so a queued job can be cancelled and counts as active.
    const job: RunningJob = { flag: new Int32Array(new SharedArrayBuffer(4)), writer: WRITER_TASKS.has(kind) };
    this.running.set(jobId, job);
    try {
      const path = (payload as { workspacePath?: string }).workspacePath;
      if (!WRITER_TASKS.has(kind) || path === undefined) return await this.start(jobId, job, kind, payload);
      const before = this.writeQueues.get(path);
      if (before) this.opts.onProgress({ jobId, phase: 'waiting', done: 0, total: null, message: 'Waiting for another task to finish writing' });
      const mine = (before ?? Promise.resolve()).catch(() => undefined).then(() => this.start(jobId, job, kind, payload));
      this.writeQueues.set(path, mine);
      try {
        return await mine;
      } finally {
        if (this.writeQueues.get(path) === mine) this.writeQueues.delete(path);
      }
    } finally {
      this.running.delete(jobId);
    }
  }

  private async start<K extends TaskKind>(jobId: string, job: RunningJob, kind: K, payload: TaskPayloads[K]): Promise<TaskResults[K]> {
    const { flag } = job;
    if (Atomics.load(flag, 0) === 1) throw new AppError('CANCELLED', 'Cancelled before it started.');
    const emit = (p: Omit<JobProgress, 'jobId'>): void => this.opts.onProgress({ jobId, ...p });
    const workerPath = this.opts.useWorkers === false ? null : builtWorkerPath();
    if (!workerPath) {
      return await TASKS[kind](payload, { isCancelled: () => Atomics.load(flag, 0) === 1, onProgress: emit });
    }
    return await new Promise<TaskResults[K]>((resolve, reject) => {
      const worker = new Worker(workerPath, { workerData: { kind, payload, cancelFlag: flag.buffer } });
      job.worker = worker;
      let settled = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'progress') emit(m.progress);
        else if (m.type === 'result') {
          settled = true;
          resolve(m.result as TaskResults[K]);
        } else {
          settled = true;
          reject(deserializeError(m.error));
        }
      });
      worker.on('error', (err) => {
        settled = true;
        reject(new AppError('INTERNAL', `Job ${jobId} failed: ${err.message}`));
      });
      worker.on('exit', (code) => {
        job.worker = undefined;
        if (settled) return;
        // Terminated after a cancel that the task did not honour in time: SQLite rolled its transaction back.
        if (Atomics.load(flag, 0) === 1) reject(new AppError('CANCELLED', 'Cancelled.'));
        else reject(new AppError('INTERNAL', `Job ${jobId} stopped unexpectedly (exit code ${code}).`));
      });
    });
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    Atomics.store(job.flag, 0, 1);
    const timer = setTimeout(() => void job.worker?.terminate(), CANCEL_GRACE_MS);
    timer.unref();
    return true;
  }

  cancelAll(): void {
    for (const id of this.running.keys()) this.cancel(id);
  }
}
