// The long-running tasks a job may run, keyed by kind. The same functions run in a worker thread (production)
// or in-process (unit tests, and wherever the built worker file is absent); either way each task opens its own
// connection to the workspace, because better-sqlite3 connections belong to one thread.
import type { DatasetProfile, ImportResult } from '../../shared/domain';
import type { Args } from '../../shared/api';
import { openWorkspaceDb } from '../workspace/db';
import { keyGetter, type KeyAccess } from '../workspace/keys';
import { getDataset } from '../workspace/datasets';
import { runImport } from '../workspace/import/index';
import { profileDataset } from '../workspace/profile';
import type { KRecommendation, KScore, SegmentationResult, SegmentationSummary } from '../../shared/segments';
import { runRfm, type RfmOutcome } from '../workspace/segments/rfm';
import { runSegmentation, scoreSegmentation, sweepSegmentation } from '../workspace/segments/run';
import { computeSideMetrics, type SideInput, type SideMetrics } from '../workspace/segments/side-metrics';
import type { JourneyResult, JourneySpec } from '../../shared/journeys';
import { runJourneyAnalysis } from '../workspace/journeys/analyze';
import { takeCacheDamage } from '../workspace/segments/columns';
import { runScanPart } from '../workspace/journeys/scan-part';
import type { ScanPartInput } from '../workspace/journeys/scan-helper';
import type { DriversResult, DriversSpec, NpsContextResult, NpsContextSpec, NpsResult, NpsSpec } from '../../shared/nps';
import { runNpsAnalysis } from '../workspace/nps/analyze';
import { runNpsContext } from '../workspace/nps/context';
import { runDrivers } from '../workspace/nps/drivers';
import type { AuditResult, AuditSpec } from '../../shared/audit';
import { runAudit } from '../workspace/audit/run';
import { modelTestRows, runPredictTraining } from '../workspace/predict/run';
import { modelRef } from '../workspace/predict/apply';
import { scoreWithModel } from '../workspace/predict/score';
import { monitorModel } from '../workspace/predict/monitor';
import type { ModelMonitor, PredictResult, PredictSpec, ScoreOutcome } from '../../shared/predict';
import { logCacheDamage, withCacheWarnings } from './cache-damage';
import type { ExperimentResult, ExperimentSpec } from '../../shared/monitor-experiment';
import { runExperiment } from '../workspace/monitor/experiment/run';
import type { DriftResult, DriftSpec } from '../../shared/monitor-drift';
import { runDriftJob } from '../workspace/monitor/drift/run';
import type { CohortsResult, CohortsSpec } from '../../shared/monitor-cohorts';
import { runCohorts, waitForCacheWrites } from '../workspace/monitor/cohorts/run';
import { runKeepCache, type KeepCacheInput } from '../workspace/monitor/cohorts/cache';
import { runCohortScanPart } from '../workspace/monitor/cohorts/scan-part';
import type { CohortScanPartInput } from '../workspace/monitor/cohorts/scan-helper';

export interface TaskProgress {
  phase: string;
  done: number;
  total: number | null;
  message?: string;
}

export interface TaskContext {
  isCancelled: () => boolean;
  onProgress: (p: TaskProgress) => void;
}

export interface TaskPayloads {
  /** `key`: the workspace's pseudonymisation key as the host found it (workers cannot reach the OS key store). */
  import: { workspacePath: string; key: KeyAccess; args: Omit<Args<'dataset.import'>, 'jobId'> };
  profile: { workspacePath: string; dataset: string };
  'segment.run': { workspacePath: string; params: Args<'segment.run'>['params'] };
  'segment.sweep': { workspacePath: string; params: Args<'segment.sweep'>['params'] };
  'segment.score': { workspacePath: string; args: Omit<Args<'segment.score'>, 'jobId'> };
  'segment.rfm': { workspacePath: string; args: Omit<Args<'segment.rfm'>, 'jobId'> };
  /** Internal: a segmentation run's stability and sampled silhouette on a helper thread (no workspace access). */
  'segment.side-metrics': SideInput;
  'journey.analyze': { workspacePath: string; spec: JourneySpec };
  /** Internal: the second half of a journey scan on a helper thread (the part goes back on the payload's port). */
  'journey.scan-part': ScanPartInput;
  'nps.analyze': { workspacePath: string; spec: NpsSpec };
  'nps.context': { workspacePath: string; spec: NpsContextSpec };
  'drivers.analyze': { workspacePath: string; spec: DriversSpec };
  'audit.run': { workspacePath: string; spec: AuditSpec };
  'predict.train': { workspacePath: string; spec: PredictSpec };
  'predict.score': { workspacePath: string; args: { model: string; dataset: string; name?: string; testRows?: boolean; asOf?: string; events?: string } };
  'predict.monitor': { workspacePath: string; args: { model: string; current: string; reference?: string } };
  'experiment.run': { workspacePath: string; spec: ExperimentSpec };
  'drift.run': { workspacePath: string; spec: DriftSpec };
  'cohorts.run': { workspacePath: string; spec: CohortsSpec };
  /** Internal: the second half of a cohorts scan on a helper thread (the part goes back on the payload's port). */
  'cohorts.scan-part': CohortScanPartInput;
  /** Internal: a first run's decoded log written to the column cache on a helper thread (cache.ts). */
  'cohorts.keep-cache': KeepCacheInput;
}
export interface TaskResults {
  import: ImportResult;
  profile: DatasetProfile;
  'segment.run': SegmentationResult;
  'segment.sweep': { kScores: KScore[]; recommendation: KRecommendation; rows: number; silhouetteSampleSize: number; warnings?: string[] };
  'segment.score': SegmentationSummary;
  'segment.rfm': RfmOutcome;
  'segment.side-metrics': SideMetrics;
  'journey.analyze': JourneyResult;
  'journey.scan-part': { events: number };
  'nps.analyze': NpsResult;
  'nps.context': NpsContextResult;
  'drivers.analyze': DriversResult;
  'audit.run': AuditResult;
  'predict.train': PredictResult;
  'predict.score': ScoreOutcome;
  'predict.monitor': ModelMonitor;
  'experiment.run': ExperimentResult;
  'drift.run': DriftResult;
  'cohorts.run': CohortsResult;
  'cohorts.scan-part': { events: number };
  'cohorts.keep-cache': { written: number };
}
export type TaskKind = keyof TaskPayloads;

/** Job connections wait for a running import's write lock instead of failing after the host's 5 s. */
const JOB_BUSY_TIMEOUT_MS = 30 * 60_000;

/** Tasks that write to the workspace run one at a time per workspace (see JobRunner), readers run alongside. */
export { WRITER_TASKS } from './writer-tasks';

export const TASKS: { [K in TaskKind]: (payload: TaskPayloads[K], ctx: TaskContext) => TaskResults[K] | Promise<TaskResults[K]> } = {
  import: (payload, ctx) => {
    const db = openWorkspaceDb(payload.workspacePath, { skipIntegrityCheck: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
    try {
      return runImport({ db, secret: keyGetter(payload.key), isCancelled: ctx.isCancelled, onProgress: ctx.onProgress }, payload.args);
    } finally {
      db.close();
    }
  },
  // Profiling 1M rows takes seconds: off the main thread, read-only, so it never blocks the UI or an import.
  profile: (payload) => {
    const db = openWorkspaceDb(payload.workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
    try {
      return profileDataset(db, getDataset(db, payload.dataset));
    } finally {
      db.close();
    }
  },
  // Segmentation jobs write (the saved result, the column cache) through their own connection, in one
  // transaction at the end, so a cancelled or failed job leaves the workspace as it was.
  'segment.run': (payload, ctx) => withDb(payload.workspacePath, 'segment.run', (db) => runSegmentation(db, payload.params, ctx)),
  'segment.sweep': (payload, ctx) => withDb(payload.workspacePath, 'segment.sweep', (db) => sweepSegmentation(db, payload.params, ctx)),
  'segment.score': (payload, ctx) => withDb(payload.workspacePath, 'segment.score', (db) => scoreSegmentation(db, payload.args, ctx)),
  'segment.rfm': (payload, ctx) => withDb(payload.workspacePath, 'segment.rfm', (db) => runRfm(db, payload.args, ctx)),
  'segment.side-metrics': (payload, ctx) => computeSideMetrics(payload, ctx.isCancelled),
  // Read-only: journey analytics never block an import or a segmentation.
  'journey.analyze': (payload, ctx) => {
    const db = openWorkspaceDb(payload.workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
    try {
      return runJourneyAnalysis(db, payload.spec, ctx);
    } finally {
      db.close();
    }
  },
  'journey.scan-part': (payload, ctx) => runScanPart(payload, ctx.isCancelled),
  // NPS, the context check and key drivers only read the workspace.
  'nps.analyze': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runNpsAnalysis(db, payload.spec, ctx)),
  'nps.context': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runNpsContext(db, payload.spec, ctx)),
  'drivers.analyze': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runDrivers(db, payload.spec, ctx)),
  'audit.run': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runAudit(db, payload.spec, ctx)),
  // Drift reads both waves (its own read-only connection; the current wave on a helper thread), then keeps the
  // columns it had to decode in the column cache: a writer for that last step.
  'drift.run': (payload, ctx) => runDriftJob(payload.workspacePath, payload.spec, ctx),
  // Experiments only read the workspace.
  'experiment.run': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runExperiment(db, payload.spec, ctx)),
  // Training reads only; the model is stored with the saved result by the service.
  'predict.train': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => runPredictTraining(db, payload.spec, ctx)),
  // A saved model on a new wave: read-only.
  'predict.monitor': (payload, ctx) => withReadonlyDb(payload.workspacePath, (db) => monitorModel(db, payload.args, ctx)),
  // Scores become a dataset: written in one transaction at the end, so a cancelled job leaves nothing behind.
  'predict.score': (payload, ctx) =>
    withDb(payload.workspacePath, 'predict.score', (db) => {
      const { testRows, ...args } = payload.args;
      if (!testRows) return scoreWithModel(db, args, ctx);
      // The model's own test rows (its fairness audit): an event-log model's history is counted up to its cut-off,
      // as when it was trained, so the label is the real outcome.
      const model = modelRef(db, args.model).result;
      return scoreWithModel(db, { ...args, subset: modelTestRows(db, model, ctx), ...(model.spec.label ? { asOf: model.spec.label.cutoff } : {}) }, ctx);
    }),
  // Cohorts read the event log; a first run over a large log keeps it in the column cache from a helper thread
  // (started by runCohorts, awaited here even when the run fails after handing it the log).
  'cohorts.run': async (payload, ctx) => {
    const writes: Promise<void>[] = [];
    try {
      return withReadonlyDb(payload.workspacePath, (db) => runCohorts(db, payload.spec, ctx, (w) => writes.push(w)));
    } finally {
      await waitForCacheWrites(writes);
    }
  },
  'cohorts.keep-cache': (payload) => runKeepCache(payload),
  'cohorts.scan-part': (payload, ctx) => runCohortScanPart(payload, ctx.isCancelled),
};

/**
 * Open, run (sync or async), and close only once the task has settled. A damaged column-cache entry the task
 * met is in its result's warnings and, since this connection may write, logged here.
 */
async function withDb<T>(path: string, kind: TaskKind, fn: (db: ReturnType<typeof openWorkspaceDb>) => T | Promise<T>): Promise<T> {
  const db = openWorkspaceDb(path, { skipIntegrityCheck: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
  try {
    const result = await fn(db);
    const damage = logCacheDamage(db, kind);
    return withCacheWarnings(result, damage);
  } finally {
    db.close();
  }
}

/**
 * A read-only connection for analyses that never write. A damaged cache entry goes into the result's warnings;
 * the host logs it with the analysis (services/results/save.ts).
 */
function withReadonlyDb<T>(path: string, fn: (db: ReturnType<typeof openWorkspaceDb>) => T): T {
  const db = openWorkspaceDb(path, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
  try {
    return withCacheWarnings(fn(db), takeCacheDamage(db));
  } finally {
    db.close();
  }
}
