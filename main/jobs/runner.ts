// Runs tasks as jobs named by the caller: in a worker thread when the built worker exists, else in-process.
// Progress is throttled and forwarded as 'job.progress' events; job.cancel flips the job's shared flag.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../shared/domain';
import { AppError, deserializeError } from '../../shared/errors';
import type { WorkerMessage } from './messages';
import { TASKS, type TaskKind, type TaskPayloads, type TaskResults } from './tasks';

interface RunningJob {
  flag: Int32Array;
}

export interface JobRunnerOptions {
  onProgress: (p: JobProgress) => void;
  /** false forces in-process execution (tests, CLI crash harness). */
  useWorkers?: boolean;
}

/** The built worker sits beside the bundle that contains this code (out/main/worker.js). */
function builtWorkerPath(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidate = join(here, 'worker.js');
  return existsSync(candidate) ? candidate : null;
}

export class JobRunner {
  private readonly running = new Map<string, RunningJob>();

  constructor(private readonly opts: JobRunnerOptions) {}

  get activeJobs(): number {
    return this.running.size;
  }

  async run<K extends TaskKind>(jobId: string, kind: K, payload: TaskPayloads[K]): Promise<TaskResults[K]> {
    if (this.running.has(jobId)) throw new AppError('BAD_ARGUMENTS', `A job with id ${jobId} is already running.`);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    this.running.set(jobId, { flag });
    const emit = (p: Omit<JobProgress, 'jobId'>): void => this.opts.onProgress({ jobId, ...p });
    try {
      const workerPath = this.opts.useWorkers === false ? null : builtWorkerPath();
      if (!workerPath) {
        return await TASKS[kind](payload, { isCancelled: () => Atomics.load(flag, 0) === 1, onProgress: emit });
      }
      return await new Promise<TaskResults[K]>((resolve, reject) => {
        const worker = new Worker(workerPath, { workerData: { kind, payload, cancelFlag: flag.buffer } });
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
          if (!settled) reject(new AppError('INTERNAL', `Job ${jobId} stopped unexpectedly (exit code ${code}).`));
        });
      });
    } finally {
      this.running.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    Atomics.store(job.flag, 0, 1);
    return true;
  }

  cancelAll(): void {
    for (const id of this.running.keys()) this.cancel(id);
  }
}
