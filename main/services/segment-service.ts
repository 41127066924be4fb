// Handlers for segmentation: run and sweep (worker jobs), the saved results (list, get, rename/persona, delete),
// the review queue and reassignment, scoring new data, the migration matrix and the RFM preset (a job that
// creates a dataset). Long work runs in main/workspace/segments through the job runner; quick reads and edits
// run here on the host's connection.
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { JobRunner } from '../jobs/runner';
import { logActivity } from '../workspace/activity';
import { assignmentsCsv } from '../workspace/assignments-csv';
import { DEFAULT_REVIEW_LIMIT, migrationMatrix, reassign, reviewQueue } from '../workspace/segments/review';
import { deleteSegmentation, getSegmentationResult, getStoredSegmentation, listSegmentations, readCards } from '../workspace/segments/store';
import { listSegmentations as listInResults, segmentationRef } from './results/save';
import type { WorkspaceState } from './workspace-state';

type SegmentHandlers = Pick<
  Handlers,
  | 'segment.run'
  | 'segment.sweep'
  | 'segment.list'
  | 'segment.get'
  | 'segment.update'
  | 'segment.review'
  | 'segment.reassign'
  | 'segment.delete'
  | 'segment.score'
  | 'segment.migration'
  | 'segment.export'
  | 'segment.rfm'
>;

export function segmentHandlers(state: WorkspaceState, jobs: JobRunner, datasetsChanged: () => void): SegmentHandlers {
  const db = () => state.current().db;
  const path = () => state.current().path;
  return {
    // A segmentation saves itself in its job; listing it adds its row to the saved results.
    'segment.run': async ({ jobId, params }) => {
      const result = await jobs.run(jobId, 'segment.run', { workspacePath: path(), params });
      listInResults(db());
      return { ...result, saved: segmentationRef(db(), result.id) ?? undefined };
    },
    'segment.sweep': ({ jobId, params }) => jobs.run(jobId, 'segment.sweep', { workspacePath: path(), params }),
    'segment.list': () => listSegmentations(db()),
    'segment.get': ({ segmentation }) => getSegmentationResult(db(), segmentation),
    'segment.update': ({ segmentation, index, name, persona }) => {
      if (name === undefined && persona === undefined) throw new AppError('BAD_ARGUMENTS', 'segment.update: give a name or a persona to change.');
      const s = getStoredSegmentation(db(), segmentation);
      const before = readCards(db(), s.id).find((c) => c.index === index);
      if (!before) throw new AppError('NOT_FOUND', `Segmentation "${segmentation}" has segments 0–${s.k - 1}; there is no segment ${index}.`);
      db().transaction(() => {
        if (name !== undefined) db().prepare('UPDATE segment_cards SET name = ? WHERE segmentation_id = ? AND idx = ?').run(name, s.id, index);
        if (persona !== undefined) db().prepare('UPDATE segment_cards SET persona = ? WHERE segmentation_id = ? AND idx = ?').run(persona, s.id, index);
        const what = [name !== undefined ? `renamed "${before.name}" → "${name}"` : '', persona !== undefined ? 'edited the persona' : ''].filter(Boolean).join(', ');
        logActivity(db(), 'segment.update', `Edited segmentation "${segmentation}": segment ${index + 1} ${what}.`, {
          segmentation,
          index,
          from: { name: before.name, persona: before.persona },
          to: { ...(name !== undefined ? { name } : {}), ...(persona !== undefined ? { persona } : {}) },
        });
      })();
      return readCards(db(), s.id).find((c) => c.index === index)!;
    },
    'segment.review': ({ segmentation, limit }) => reviewQueue(db(), segmentation, limit ?? DEFAULT_REVIEW_LIMIT),
    'segment.reassign': ({ segmentation, row, segment }) => reassign(db(), segmentation, row, segment),
    'segment.delete': ({ segmentation }) => {
      deleteSegmentation(db(), segmentation);
      return { deleted: segmentation };
    },
    'segment.score': async ({ jobId, ...args }) => {
      const result = await jobs.run(jobId, 'segment.score', { workspacePath: path(), args });
      listInResults(db());
      return result;
    },
    'segment.migration': ({ from, to }) => migrationMatrix(db(), from, to),
    // Synchronous on the host's connection: a streamed SELECT of ~1M rows takes about a second, less than a
    // worker's start-up plus copying the text back.
    'segment.export': ({ segmentation }) => {
      const { idColumn, csv, rows } = assignmentsCsv(db(), segmentation);
      return { fileName: `${safeFileName(segmentation)} assignments.csv`, csv, rows, idColumn };
    },
    'segment.rfm': async ({ jobId, ...args }) => {
      const result = await jobs.run(jobId, 'segment.rfm', { workspacePath: path(), args });
      datasetsChanged();
      return result;
    },
  };
}

/** A segmentation name as a file name: characters no file system accepts become "_" (names may hold "/" or ":"). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'segmentation';
}
