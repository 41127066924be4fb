// The long-running tasks a job may run, keyed by kind. The same functions run in a worker thread (production)
// or in-process (unit tests, and wherever the built worker file is absent); either way each task opens its own
// connection to the workspace, because better-sqlite3 connections belong to one thread.
import type { ImportResult } from '../../shared/domain';
import type { Args } from '../../shared/api';
import { openWorkspaceDb, workspaceSecret } from '../workspace/db';
import { runImport } from '../workspace/import/index';

export interface TaskProgress {
  phase: string;
  done: number;
  total: number | null;
  message?: string;
}

export interface TaskContext {
  isCancelled: () => boolean;
  onProgress: (p: TaskProgress) => void;
}

export interface TaskPayloads {
  import: { workspacePath: string; args: Omit<Args<'dataset.import'>, 'jobId'> };
}
export interface TaskResults {
  import: ImportResult;
}
export type TaskKind = keyof TaskPayloads;

export const TASKS: { [K in TaskKind]: (payload: TaskPayloads[K], ctx: TaskContext) => TaskResults[K] | Promise<TaskResults[K]> } = {
  import: (payload, ctx) => {
    const db = openWorkspaceDb(payload.workspacePath, { skipIntegrityCheck: true });
    try {
      return runImport({ db, secret: workspaceSecret(db), isCancelled: ctx.isCancelled, onProgress: ctx.onProgress }, payload.args);
    } finally {
      db.close();
    }
  },
};
