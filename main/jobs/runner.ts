// Runs tasks as jobs named by the caller: in a worker thread when the built worker exists, else in-process.
// Progress is throttled and forwarded as 'job.progress' events; job.cancel flips the job's shared flag.
// At most `maxConcurrent` jobs run at once (each worker holds its own SQLite connection and column data: 200
// parallel calls once started 200 workers and 17.5 GiB); the rest wait in arrival order, reporting 'waiting'.
import { builtEntry } from './built-entry';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../shared/domain';
import { AppError, deserializeError } from '../../shared/errors';
import type { WorkerMessage } from './messages';
import type { TASKS, TaskKind, TaskPayloads, TaskResults } from './tasks';
import { WRITER_TASKS } from './writer-tasks';
import { handOver, startWarm, stopUntaken, type WarmWorker } from './warm-worker';

interface RunningJob {
  flag: Int32Array;
  writer: boolean;
  worker?: Worker;
  /** Set while the job waits for a free slot; cancel refuses it at once. */
  queued?: QueuedStart;
}

interface QueuedStart {
  grant: () => void;
  refuse: (err: Error) => void;
}

/** A cancelled task normally stops at its next check; one that does not is terminated after this long. */
const CANCEL_GRACE_MS = 15_000;

export interface JobRunnerOptions {
  onProgress: (p: JobProgress) => void;
  /** false forces in-process execution (tests, CLI crash harness). */
  useWorkers?: boolean;
  /** The task table for in-process execution; tests pass their own to observe scheduling. */
  tasks?: Partial<typeof TASKS>;
  /** Jobs running at once; the default is the machine's cores (at least 2, so one long import never blocks every analysis). */
  maxConcurrent?: number;
  /** The worker entry (tests of the built worker under vitest); default: the built worker.js beside this bundle. */
  workerPath?: string;
}

export function defaultMaxConcurrentJobs(): number {
  return Math.max(2, availableParallelism());
}

/** The built worker sits beside the bundle that contains this code (out/main/worker.js). */
function builtWorkerPath(): string | null {
  return builtEntry('worker.js');
}

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();
  /** Writers queue per workspace file: a second import waits instead of failing on SQLite's write lock. */
  private readonly writeQueues = new Map<string, Promise<unknown>>();
  /** Jobs waiting for a slot, first come first served. */
  private readonly slotQueue: QueuedStart[] = [];
  private slotsInUse = 0;
  /** A worker started ahead for the next job (startWorkerEarly). */
  private early: WarmWorker | undefined;
  readonly maxConcurrent: number;

  constructor(private readonly opts: JobRunnerOptions) {
    this.maxConcurrent = Math.max(1, Math.floor(opts.maxConcurrent ?? defaultMaxConcurrentJobs()));
  }

  /** Running or queued jobs. */
  get activeJobs(): number {
    return this.running.size;
  }

  /** Jobs holding a slot (running their task now). */
  get runningJobs(): number {
    return this.slotsInUse;
  }

  /** Jobs waiting for a slot. */
  get queuedJobs(): number {
    return this.slotQueue.length;
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
      if (!WRITER_TASKS.has(kind) || path === undefined) return await this.startWhenFree(jobId, job, kind, payload);
      const before = this.writeQueues.get(path);
      if (before) this.opts.onProgress({ jobId, phase: 'waiting', done: 0, total: null, message: 'Waiting for another task to finish writing' });
      const mine = (before ?? Promise.resolve()).catch(() => undefined).then(() => this.startWhenFree(jobId, job, kind, payload));
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

  /** Waits for one of the `maxConcurrent` slots (a writer first waits its turn on its workspace, holding none). */
  private async startWhenFree<K extends TaskKind>(jobId: string, job: RunningJob, kind: K, payload: TaskPayloads[K]): Promise<TaskResults[K]> {
    if (this.slotsInUse < this.maxConcurrent) this.slotsInUse++;
    else {
      this.opts.onProgress({
        jobId,
        phase: 'waiting',
        done: 0,
        total: null,
        message: `Waiting for a free slot: ${this.maxConcurrent} jobs are running (${this.slotQueue.length} waiting before this one)`,
      });
      await new Promise<void>((grant, refuse) => {
        job.queued = { grant, refuse };
        this.slotQueue.push(job.queued);
      });
      job.queued = undefined;
    }
    try {
      return await this.start(jobId, job, kind, payload);
    } finally {
      this.releaseSlot();
    }
  }

  /** The slot passes straight to the next waiting job, so the count never dips and a newcomer cannot jump the queue. */
  private releaseSlot(): void {
    const next = this.slotQueue.shift();
    if (next) next.grant();
    else this.slotsInUse--;
  }

  private async start<K extends TaskKind>(jobId: string, job: RunningJob, kind: K, payload: TaskPayloads[K]): Promise<TaskResults[K]> {
    const { flag } = job;
    if (Atomics.load(flag, 0) === 1) throw new AppError('CANCELLED', 'Cancelled before it started.');
    const emit = (p: Omit<JobProgress, 'jobId'>): void => this.opts.onProgress({ jobId, ...p });
    const workerPath = this.workerPath();
    if (!workerPath) {
      // The task table (every analysis and SQLite) is loaded only to run a job in this thread: a job worker loads
      // its own, and the host and every `cxw` command start faster without it.
      const task = (this.opts.tasks?.[kind] ?? (await import('./tasks')).TASKS[kind]) as (typeof TASKS)[K];
      return await task(payload, { isCancelled: () => Atomics.load(flag, 0) === 1, onProgress: emit });
    }
    return await new Promise<TaskResults[K]>((resolve, reject) => {
      const input = { kind, payload, cancelFlag: flag.buffer };
      // A worker started ahead (startWorkerEarly) takes the first job; any other job starts its own.
      const early = this.early;
      this.early = undefined;
      const worker = handOver(early, input) ?? new Worker(workerPath, { workerData: input });
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
    if (job.queued) {
      // Never started: leave the queue now rather than when a slot frees up.
      const at = this.slotQueue.indexOf(job.queued);
      if (at >= 0) this.slotQueue.splice(at, 1);
      job.queued.refuse(new AppError('CANCELLED', 'Cancelled while waiting for a free slot; it never started.'));
      job.queued = undefined;
      return true;
    }
    const timer = setTimeout(() => void job.worker?.terminate(), CANCEL_GRACE_MS);
    timer.unref();
    return true;
  }

  cancelAll(): void {
    for (const id of this.running.keys()) this.cancel(id);
    stopUntaken([this.early]);
    this.early = undefined;
  }

  /**
   * Start the job worker for the next job now (a `cxw` command, before opening its workspace): its start-up
   * (~0.2 s: Node, the task bundle, SQLite) then overlaps the opening and the integrity check.
   */
  startWorkerEarly(): void {
    const path = this.workerPath();
    if (path && !this.early) this.early = startWarm(path);
  }

  private workerPath(): string | null {
    return this.opts.useWorkers === false ? null : (this.opts.workerPath ?? builtWorkerPath());
  }
}
