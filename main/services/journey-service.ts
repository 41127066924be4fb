// Handlers for journey analytics: the analysis runs as a worker job (main/workspace/journeys/analyze.ts)
// that reads the event columns through its own connection; the host records it in the activity log with the
// spec that reproduces it.
import type { Handlers } from '../../shared/api';
import type { JourneyResult } from '../../shared/journeys';
import type { JobRunner } from '../jobs/runner';
import { logActivity } from '../workspace/activity';
import type { WorkspaceState } from './workspace-state';

type JourneyHandlers = Pick<Handlers, 'journey.analyze'>;

function summary(r: JourneyResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const by = r.spec.compareBy ? `, compared by ${r.spec.compareBy}` : '';
  return `Journey analysis of "${r.spec.dataset}": ${n(r.customers)} journeys, ${n(r.events)} events, ${r.stages.length} stages${by}`;
}

export function journeyHandlers(state: WorkspaceState, jobs: JobRunner): JourneyHandlers {
  const path = () => state.current().path;
  return {
    'journey.analyze': async ({ jobId, spec }) => {
      const result = await jobs.run(jobId, 'journey.analyze', { workspacePath: path(), spec });
      try {
        logActivity(state.current().db, 'journey.analyze', summary(result), { spec, journeys: result.customers, events: result.events, skippedEvents: result.skippedEvents });
      } catch (err) {
        // A long write (an import) holding the workspace must not cost the analyst a finished analysis.
        return { ...result, warnings: [...result.warnings, `This analysis is not in the activity log: the workspace was busy (${(err as Error).message}).`] };
      }
      return result;
    },
  };
}
