// Handlers for journey maps (the workshop canvas): whole-document saves with a version check, seeding from the
// analytics (a 'journey.analyze' job, then main/workspace/journeys/seed.ts), and the self-contained HTML export.
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { JobRunner } from '../jobs/runner';
import { journeyMapHtml } from '../workspace/journeys/html-export';
import { countCards, deleteMap, getMap, listMaps, mapExists, saveMap } from '../workspace/journeys/maps';
import { seedJourneyMap } from '../workspace/journeys/seed';
import type { WorkspaceState } from './workspace-state';

type JourneyMapHandlers = Pick<Handlers, 'journeyMap.list' | 'journeyMap.get' | 'journeyMap.save' | 'journeyMap.seed' | 'journeyMap.delete' | 'journeyMap.exportHtml'>;

export function journeyMapHandlers(state: WorkspaceState, jobs: JobRunner): JourneyMapHandlers {
  const db = () => state.current().db;
  const path = () => state.current().path;
  return {
    'journeyMap.list': () => listMaps(db()),
    'journeyMap.get': ({ name }) => getMap(db(), name),
    'journeyMap.save': ({ map }) => saveMap(db(), map),
    'journeyMap.seed': async ({ jobId, name, spec, persona }) => {
      // Refused before the analytics run, not after a minute of work; saveMap checks again inside its transaction.
      if (mapExists(db(), name)) throw new AppError('NAME_TAKEN', `A journey map named "${name}" already exists. Choose another name or open that map.`, { name });
      const result = await jobs.run(jobId, 'journey.analyze', { workspacePath: path(), spec });
      const map = seedJourneyMap({ name, result, spec, persona });
      const counts = countCards(map);
      return saveMap(db(), map, {
        action: 'journeyMap.seed',
        summary:
          `Seeded journey map "${name}" from "${spec.dataset}" (${result.customers.toLocaleString('en-US')} journeys): ` +
          `${counts.stages} stages, ${counts.measured} measured cards`,
        params: { spec, journeys: result.customers, events: result.events },
      });
    },
    'journeyMap.delete': ({ name }) => {
      deleteMap(db(), name);
      return { deleted: name };
    },
    'journeyMap.exportHtml': ({ name }) => journeyMapHtml(getMap(db(), name)),
  };
}
