// Using saved prediction models: scoring a dataset (a writer job: the scores become a dataset) and explaining one
// customer (read in the main process: one row's TreeSHAP takes milliseconds). Training is an analysis kind and runs
// through the registry (results-service.ts, analyses/predict.ts).
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import { explainCustomer } from '../workspace/predict/apply';
import type { WorkspaceState } from './workspace-state';

type PredictHandlers = Pick<Handlers, 'predict.score' | 'predict.explain'>;

export function predictHandlers(state: WorkspaceState, jobs: JobRunner, datasetsChanged: () => void): PredictHandlers {
  return {
    'predict.score': async ({ jobId, ...args }) => {
      const result = await jobs.run(jobId, 'predict.score', { workspacePath: state.current().path, args });
      datasetsChanged();
      return result;
    },
    'predict.explain': (args) => explainCustomer(state.current().db, args, { isCancelled: () => false, onProgress: () => undefined }),
  };
}
