// Handlers for journey maps (the workshop canvas): whole-document saves with a version check, seeding from the
// analytics (a 'journey.analyze' job, then main/workspace/journeys/seed.ts), and the self-contained HTML export.
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { JobRunner } from '../jobs/runner';
import type { WorkspaceState } from './workspace-state';

type JourneyMapHandlers = Pick<Handlers, 'journeyMap.list' | 'journeyMap.get' | 'journeyMap.save' | 'journeyMap.seed' | 'journeyMap.delete' | 'journeyMap.exportHtml'>;

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Journey maps are being built.');
};

export function journeyMapHandlers(state: WorkspaceState, jobs: JobRunner): JourneyMapHandlers {
  void state;
  void jobs;
  return {
    'journeyMap.list': notYet,
    'journeyMap.get': notYet,
    'journeyMap.save': notYet,
    'journeyMap.seed': notYet,
    'journeyMap.delete': notYet,
    'journeyMap.exportHtml': notYet,
  };
}
