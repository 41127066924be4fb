// Handlers for datasets: preview and import (as a job), profile, grid pages, column roles, rename, delete.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { DatasetProfile } from '../../shared/domain';
import type { Handlers } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { logActivity } from '../workspace/activity';
import { deleteDataset, findColumn, getDataset, listDatasets, renameDataset, toSummary, updateColumn } from '../workspace/datasets';
import { previewImport } from '../workspace/import/index';
import { readRows } from '../workspace/rows';
import type { JobRunner } from '../jobs/runner';
import { followDatasetRename } from './results/save';
import type { WorkspaceState } from './workspace-state';

type DatasetHandlers = Pick<
  Handlers,
  | 'dataset.list'
  | 'dataset.preview'
  | 'dataset.import'
  | 'dataset.profile'
  | 'dataset.rows'
  | 'dataset.setColumn'
  | 'dataset.rename'
  | 'dataset.delete'
  | 'job.cancel'
>;

export function datasetHandlers(state: WorkspaceState, jobs: JobRunner, datasetsChanged: () => void): DatasetHandlers {
  const db = () => state.current().db;
  // Profiles are pure functions of a dataset's rows and column metadata; cache the last few per workspace.
  const profiles = new Map<string, DatasetProfile>();
  return {
    'dataset.list': () => listDatasets(db()).map(toSummary),
    'dataset.preview': ({ path, fileName, options }) => previewImport(path, { fileName: fileName ?? basename(path), options }),
    'dataset.import': async ({ jobId, ...args }) => {
      const ws = state.current();
      const result = await jobs.run(jobId, 'import', { workspacePath: ws.path, key: ws.key, args });
      datasetsChanged();
      return result;
    },
    'dataset.profile': async ({ dataset }) => {
      const ws = state.current();
      const ds = getDataset(ws.db, dataset);
      const key = JSON.stringify([ws.path, ds.id, ds.rows, ds.importedAt, ds.columns.map((c) => [c.name, c.type, c.role])]);
      const cached = profiles.get(key);
      if (cached) return { ...cached, dataset };
      const profile = await jobs.run(`profile-${randomBytes(6).toString('hex')}`, 'profile', { workspacePath: ws.path, dataset });
      if (profiles.size >= 16) profiles.delete(profiles.keys().next().value as string);
      profiles.set(key, profile);
      return profile;
    },
    'dataset.rows': ({ dataset, ...query }) => readRows(db(), getDataset(db(), dataset), query),
    'dataset.setColumn': ({ dataset, column, role, name }) => {
      if (!role && !name) throw new AppError('BAD_ARGUMENTS', 'dataset.setColumn: give a role or a name to change.');
      const ds = getDataset(db(), dataset);
      const col = findColumn(ds, column);
      db().transaction(() => {
        updateColumn(db(), ds.id, col.index, { role, name });
        logActivity(db(), 'dataset.setColumn', `Changed column "${column}" of "${dataset}"${role ? `: role ${col.role} → ${role}` : ''}${name ? `${role ? ',' : ':'} renamed to "${name}"` : ''}.`, {
          dataset,
          column,
          from: { role: col.role, name: col.name },
          to: { role, name },
        });
      })();
      datasetsChanged();
      return toSummary(getDataset(db(), dataset));
    },
    'dataset.rename': ({ dataset, name }) => {
      db().transaction(() => {
        renameDataset(db(), dataset, name);
        const results = followDatasetRename(db(), dataset, name);
        const also = results ? ` (${results === 1 ? '1 saved result now reads' : `${results} saved results now read`} it under its new name)` : '';
        logActivity(db(), 'dataset.rename', `Renamed dataset "${dataset}" to "${name}"${also}.`, { from: dataset, to: name, savedResults: results });
      })();
      datasetsChanged();
      return toSummary(getDataset(db(), name));
    },
    'dataset.delete': ({ dataset }) => {
      const ds = getDataset(db(), dataset);
      // One transaction: the data, its segmentations (removed by the foreign-key cascade) and the log entry
      // that names them go together or not at all.
      db().transaction(() => {
        const segmentations = db().prepare('SELECT name FROM segmentations WHERE dataset_id = ? ORDER BY id').pluck().all(ds.id) as string[];
        deleteDataset(db(), dataset);
        const also = segmentations.length ? ` and its ${segmentations.length} segmentation(s): ${segmentations.join(', ')}` : '';
        logActivity(db(), 'dataset.delete', `Deleted dataset "${dataset}" (${ds.rows.toLocaleString('en-US')} rows)${also}`, {
          dataset,
          rows: ds.rows,
          sourceFile: ds.sourceFile,
          segmentationsDeleted: segmentations,
        });
      })();
      datasetsChanged();
      return { deleted: dataset };
    },
    'job.cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  };
}
