// Handlers built from the analysis registry: each read-only analysis (journeys, NPS, context check, drivers, audit)
// runs through its module (job, activity sentence, optional save), and the saved results are listed, opened,
// renamed, duplicated, deleted and re-run here. Segmentation runs in segment-service and is listed here.
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { RESULT_KIND_NOUNS, type SavedResult } from '../../shared/results';
import type { JobRunner } from '../jobs/runner';
import { logActivity } from '../workspace/activity';
import { assertNameFree, deleteResultRow, getStored, getSummary, insertResult, listResults, renameResult, uniqueResultName } from '../workspace/results/store';
import { ANALYSES, moduleOf } from './analyses/index';
import type { RunContext } from './analyses/types';
import { listSegmentations, runAnalysis } from './results/save';
import { rerunResult } from './results/rerun';
import type { WorkspaceState } from './workspace-state';

type ResultHandlers = Pick<
  Handlers,
  | 'journey.analyze'
  | 'nps.analyze'
  | 'nps.context'
  | 'drivers.analyze'
  | 'audit.run'
  | 'predict.train'
  | 'results.list'
  | 'results.get'
  | 'results.rename'
  | 'results.duplicate'
  | 'results.delete'
  | 'results.rerun'
>;

export function resultHandlers(state: WorkspaceState, jobs: JobRunner): ResultHandlers {
  const ctx = (): RunContext => ({ db: state.current().db, path: state.current().path, jobs });
  const db = () => state.current().db;
  const label = (kind: keyof typeof RESULT_KIND_NOUNS) => RESULT_KIND_NOUNS[kind];
  return {
    'journey.analyze': ({ jobId, spec, save }) => runAnalysis(ANALYSES.journey, ctx(), jobId, spec, save),
    'nps.analyze': ({ jobId, spec, save }) => runAnalysis(ANALYSES.nps, ctx(), jobId, spec, save),
    'nps.context': ({ jobId, spec, save }) => runAnalysis(ANALYSES.npsContext, ctx(), jobId, spec, save),
    'drivers.analyze': ({ jobId, spec, save }) => runAnalysis(ANALYSES.drivers, ctx(), jobId, spec, save),
    'audit.run': ({ jobId, spec, save }) => runAnalysis(ANALYSES.audit, ctx(), jobId, spec, save),
    'predict.train': ({ jobId, spec, save }) => runAnalysis(ANALYSES.model, ctx(), jobId, spec, save),

    'results.list': ({ kind }) => {
      listSegmentations(db());
      return listResults(db(), kind);
    },
    'results.get': ({ id }): SavedResult => {
      listSegmentations(db());
      const { summary, result, segmentationId: ownId } = getStored(db(), id);
      const own = moduleOf(summary.kind).ownStore;
      return { ...summary, result: own && ownId !== null ? own.read(db(), ownId) : result };
    },
    'results.rename': ({ id, name }) => {
      const { summary, segmentationId: ownId } = getStored(db(), id);
      if (name === summary.name) return summary;
      const own = ownId !== null ? moduleOf(summary.kind).ownStore : undefined;
      assertNameFree(db(), name, { id, segmentationId: ownId ?? undefined });
      own?.assertRenamable(db(), summary.name);
      db().transaction(() => {
        renameResult(db(), id, name);
        if (own && ownId !== null) own.rename(db(), ownId, name);
        logActivity(db(), 'results.rename', `Renamed the ${label(summary.kind)} “${summary.name}” to “${name}”.`, { result: id, from: summary.name, to: name });
      })();
      return getSummary(db(), id);
    },
    'results.duplicate': ({ id, name }) => {
      const { summary, result, segmentationId: ownId } = getStored(db(), id);
      const own = ownId !== null ? moduleOf(summary.kind).ownStore : undefined;
      const newName = name ?? uniqueResultName(db(), `${summary.name} (copy)`);
      return db().transaction(() => {
        assertNameFree(db(), newName);
        const createdAt = new Date().toISOString();
        const copy =
          own && ownId !== null
            ? insertResult(db(), { ...summary, name: newName, result: null, segmentationId: own.copy(db(), ownId, newName), createdAt })
            : insertResult(db(), { ...summary, name: newName, result, createdAt });
        logActivity(db(), 'results.duplicate', `Duplicated the ${label(summary.kind)} “${summary.name}” as “${newName}”.`, { result: id, copy: copy.id, name: newName });
        return copy;
      })();
    },
    'results.delete': ({ id }) => {
      const { summary, segmentationId: ownId } = getStored(db(), id);
      const own = ownId !== null ? moduleOf(summary.kind).ownStore : undefined;
      db().transaction(() => {
        if (own && ownId !== null) own.remove(db(), ownId);
        else deleteResultRow(db(), id);
        logActivity(db(), 'results.delete', `Deleted the ${label(summary.kind)} “${summary.name}” (${summary.description}).`, { result: id, kind: summary.kind, name: summary.name, spec: summary.spec });
      })();
      return { deleted: { id, name: summary.name, kind: summary.kind } };
    },
    'results.rerun': async ({ jobId, id }) => {
      listSegmentations(db());
      if (!Number.isSafeInteger(id)) throw new AppError('BAD_ARGUMENTS', 'results.rerun: id must be a whole number.');
      return rerunResult(ctx(), jobId, id);
    },
  };
}
