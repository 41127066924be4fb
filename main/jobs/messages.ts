// Messages from a job's worker thread to the job runner.
import type { SerializedError } from '../../shared/errors';
import type { TaskProgress } from './tasks';

export type WorkerMessage =
  | { type: 'progress'; progress: TaskProgress }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: SerializedError };
