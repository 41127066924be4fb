// The Cohorts area's handler: a read-only analysis run through the registry (job with progress and cancel, activity
// sentence, optional save) like the others in results-service.ts, kept in its own file so the Monitor areas plug
// in without editing each other's.
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import { ANALYSES } from './analyses/index';
import { runAnalysis } from './results/save';
import type { WorkspaceState } from './workspace-state';

export function cohortsHandlers(state: WorkspaceState, jobs: JobRunner): Pick<Handlers, 'cohorts.run'> {
  return {
    'cohorts.run': ({ jobId, spec, save }) => runAnalysis(ANALYSES.cohorts, { db: state.current().db, path: state.current().path, jobs }, jobId, spec, save),
  };
}
