// The services: the one implementation of the contract in shared/api.ts that every face (Electron IPC, browser
// host, CLI) calls. Faces validate arguments with parseArgs before calling a handler.
import type { Handlers } from '../../shared/api';
import { JobRunner } from '../jobs/runner';
import { datasetHandlers } from './dataset-service';
import { deckHandlers } from './deck-service';
import { journeyMapHandlers } from './journey-map-service';
import { predictHandlers } from './predict-service';
import { experimentHandlers } from './monitor-experiment-service';
import { cohortsHandlers } from './monitor-cohorts-service';
import { driftHandlers } from './monitor-drift-service';
import { resultHandlers } from './results-service';
import { segmentHandlers } from './segment-service';
import type { ServiceOptions, Services } from './types';
import { workspaceHandlers } from './workspace-service';
import { WorkspaceState } from './workspace-state';
import { checkpointAfterWrites } from './write-checkpoint';
import { keyTransfer } from './key-transfer';
import { runWithDeferredCheck } from './deferred-check';

export type { ServiceOptions, Services } from './types';

export function createServices(opts: ServiceOptions): Services {
  const state = new WorkspaceState(opts.stateDir, (path, reason) => opts.emit('workspace.changed', { path, reason }), opts.keySealer ?? null, opts.keyFoldersToRead ?? []);
  const jobs = new JobRunner({ onProgress: (p) => opts.emit('job.progress', p), useWorkers: opts.useWorkers });
  if (opts.startJobWorkerEarly) jobs.startWorkerEarly();
  try {
    if (opts.workspacePath) state.openPath(opts.workspacePath, { deferIntegrityCheck: opts.deferIntegrityCheck });
  } catch (err) {
    jobs.cancelAll();
    throw err;
  }
  const datasetsChanged = () => opts.emit('workspace.changed', { path: state.peek()?.path ?? null, reason: 'datasets' });
  const handlers: Handlers = {
    ...workspaceHandlers(state, () => jobs.activeWriters),
    ...datasetHandlers(state, jobs, datasetsChanged),
    ...segmentHandlers(state, jobs, datasetsChanged),
    ...journeyMapHandlers(state, jobs),
    ...resultHandlers(state, jobs),
    ...predictHandlers(state, jobs, datasetsChanged),
    ...deckHandlers(state, jobs, opts.printPdf),
    ...experimentHandlers(state, jobs),
    ...cohortsHandlers(state, jobs),
    ...driftHandlers(state, jobs),
  };
  return {
    handlers: checkpointAfterWrites(state, handlers),
    keys: keyTransfer(state),
    runChecked: (start) => runWithDeferredCheck(state, start),
    dispose: () => {
      jobs.cancelAll();
      state.close();
    },
  };
}
