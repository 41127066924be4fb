// The Waves area's handler: drift between two waves, a read-only analysis run through the registry (a job with
// progress and cancel, the activity sentence, optional save), in its own file so the Monitor areas plug in
// without editing each other's.
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import { ANALYSES } from './analyses/index';
import { runAnalysis } from './results/save';
import type { WorkspaceState } from './workspace-state';

export function driftHandlers(state: WorkspaceState, jobs: JobRunner): Pick<Handlers, 'drift.run'> {
  return {
    'drift.run': ({ jobId, spec, save }) => runAnalysis(ANALYSES.drift, { db: state.current().db, path: state.current().path, jobs }, jobId, spec, save),
  };
}
