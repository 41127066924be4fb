// Experiments: the analysis runs through the registry (a job with progress, cancellable; its activity sentence
// and optional saved result come from analyses/experiment.ts); the planning calculator is instant and saves nothing.
import type { Handlers } from '../../shared/api';
import { planExperiment } from '../analysis/monitor/experiment/planner';
import type { JobRunner } from '../jobs/runner';
import { ANALYSES } from './analyses/index';
import { runAnalysis } from './results/save';
import type { WorkspaceState } from './workspace-state';

type ExperimentHandlers = Pick<Handlers, 'experiment.run' | 'experiment.plan'>;

export function experimentHandlers(state: WorkspaceState, jobs: JobRunner): ExperimentHandlers {
  return {
    'experiment.run': ({ jobId, spec, save }) => runAnalysis(ANALYSES.experiment, { db: state.current().db, path: state.current().path, jobs }, jobId, spec, save),
    'experiment.plan': ({ spec }) => planExperiment(spec),
  };
}
