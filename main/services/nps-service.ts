// Handlers for NPS, the measurement-bias (collection context) check and key drivers: read-only worker jobs
// (main/workspace/nps/*) so a 1M-row survey never blocks the UI.
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import type { WorkspaceState } from './workspace-state';

type NpsHandlers = Pick<Handlers, 'nps.analyze' | 'nps.context' | 'drivers.analyze'>;

export function npsHandlers(state: WorkspaceState, jobs: JobRunner): NpsHandlers {
  const path = () => state.current().path;
  return {
    'nps.analyze': ({ jobId, spec }) => jobs.run(jobId, 'nps.analyze', { workspacePath: path(), spec }),
    'nps.context': ({ jobId, spec }) => jobs.run(jobId, 'nps.context', { workspacePath: path(), spec }),
    'drivers.analyze': ({ jobId, spec }) => jobs.run(jobId, 'drivers.analyze', { workspacePath: path(), spec }),
  };
}
