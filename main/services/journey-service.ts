// Handlers for journey analytics: the analysis runs as a worker job (main/workspace/journeys/analyze.ts)
// that reads the event columns through its own connection.
import type { Handlers } from '../../shared/api';
import type { JobRunner } from '../jobs/runner';
import type { WorkspaceState } from './workspace-state';

type JourneyHandlers = Pick<Handlers, 'journey.analyze'>;

export function journeyHandlers(state: WorkspaceState, jobs: JobRunner): JourneyHandlers {
  const path = () => state.current().path;
  return {
    'journey.analyze': ({ jobId, spec }) => jobs.run(jobId, 'journey.analyze', { workspacePath: path(), spec }),
  };
}
