// Using saved prediction models: scoring a dataset (a writer job: the scores become a dataset), explaining one
// customer (read in the main process: one row's TreeSHAP takes milliseconds), a person's review of the model's call,
// and the model's fairness audit in one step. Training is an analysis kind and runs through the registry
// (results-service.ts, analyses/predict.ts).
import type { Handlers } from '../../shared/api';
import type { AuditSpec } from '../../shared/audit';
import { AppError } from '../../shared/errors';
import type { JobRunner } from '../jobs/runner';
import { getDataset, uniqueDatasetName } from '../workspace/datasets';
import { explainCustomer, modelRef } from '../workspace/predict/apply';
import { addReview, listReviews, modelCard } from '../workspace/predict/reviews';
import { uniqueResultName } from '../workspace/results/store';
import { ANALYSES } from './analyses/index';
import { runAnalysis } from './results/save';
import type { WorkspaceState } from './workspace-state';

type PredictHandlers = Pick<Handlers, 'predict.score' | 'predict.monitor' | 'predict.explain' | 'predict.review' | 'predict.reviews' | 'predict.card' | 'predict.audit'>;

const quiet = { isCancelled: () => false, onProgress: () => undefined };

export function predictHandlers(state: WorkspaceState, jobs: JobRunner, datasetsChanged: () => void): PredictHandlers {
  const db = () => state.current().db;
  return {
    'predict.score': async ({ jobId, ...args }) => {
      const result = await jobs.run(jobId, 'predict.score', { workspacePath: state.current().path, args });
      datasetsChanged();
      return result;
    },
    'predict.explain': (args) => explainCustomer(db(), args, quiet),
    'predict.monitor': ({ jobId, ...args }) => jobs.run(jobId, 'predict.monitor', { workspacePath: state.current().path, args }),
    'predict.review': (args) => addReview(db(), args),
    'predict.reviews': ({ model }) => listReviews(db(), model),
    'predict.card': ({ model }) => modelCard(db(), model),
    'predict.audit': async ({ jobId, model, direction }) => {
      const { name, result } = modelRef(db(), model);
      const trained = getDataset(db(), result.spec.dataset);
      const attributes = trained.columns.filter((c) => c.role === 'protected').map((c) => c.name);
      if (attributes.length === 0) {
        throw new AppError(
          'BAD_ARGUMENTS',
          `“${trained.name}” has no column marked as a protected attribute, so there are no groups to compare. Mark them on the Data view (role “protected”: gender, age band, …) and audit again.`,
        );
      }
      const scores = await jobs.run(jobId, 'predict.score', {
        workspacePath: state.current().path,
        args: { model: name, dataset: trained.name, name: uniqueDatasetName(db(), `${name} test scores`), testRows: true },
      });
      datasetsChanged();
      const spec: AuditSpec = {
        dataset: scores.dataset.name,
        score: 'probability',
        threshold: result.frozen.threshold,
        // The outcome is carried into the scores under the target's own name.
        ...(scores.dataset.columns.some((c) => c.name === result.target) ? { label: result.target, labelPositive: result.positive } : {}),
        protected: attributes,
        ...(attributes.length > 1 ? { intersect: true } : {}),
        direction,
        proxySegmentations: [],
      };
      const audit = await runAnalysis(ANALYSES.audit, { db: db(), path: state.current().path, jobs }, `${jobId.slice(0, 56)}_audit`, spec, { name: uniqueResultName(db(), `Fairness of ${name}`) });
      return { scores: scores.dataset, audit };
    },
  };
}
