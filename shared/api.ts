// The one contract: every handler's argument schema and result type, and every event. Services implement
// `Handlers`; the Electron IPC bridge, the browser host and the CLI adapt it; the renderer's client is typed
// from it. Arguments are validated with these schemas on arrival at every face (see parseArgs).
import { z } from 'zod';
import { COLUMN_ROLES, COLUMN_TYPES, PII_ACTIONS } from './domain';
import type {
  ActivityEntry,
  DatasetProfile,
  DatasetSummary,
  DirEntry,
  ImportPreview,
  ImportResult,
  JobProgress,
  RecentWorkspace,
  RowPage,
  WorkspaceInfo,
} from './domain';
import { AppError } from './errors';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from './calendar-date';
import type { DriversResult, NpsContextResult, NpsResult } from './nps';
import type { AuditResult } from './audit';
import { EVENT_LABEL_POSITIVE, PREDICT_MODELS, type CustomerExplanation, type ModelMonitor, type ModelCard, type ModelReview, type PredictResult, type ScoreOutcome } from './predict';
import { JOURNEY_LANES, type JourneyMap, type JourneyMapSummary, type JourneyResult } from './journeys';
import { RESULT_KINDS, resultName, saveOption, type RerunOutcome, type SavedResult, type SavedResultRef, type SavedResultSummary } from './results';
import { deckArgSchemas, type DeckResults } from './decks';
import { experimentArgSchemas, type ExperimentResults } from './monitor-experiment';
import type { AssignmentsExport, KRecommendation, KScore, MigrationMatrix, ReviewItem, SegmentCard, SegmentationResult, SegmentationSummary } from './segments';
import { driftArgSchemas, type DriftResults } from './monitor-drift';
import { cohortsArgSchemas, type CohortsResults } from './monitor-cohorts';

const datasetName = z.string().trim().min(1, 'dataset name is empty').max(200);
const filePath = z.string().min(1, 'path is empty').max(4096);
/** Jobs are named by the caller so it can subscribe to progress and cancel before the result arrives. */
const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'jobId must be 6-64 letters, digits, _ or -');

const importOptions = z
  .object({
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    encoding: z.enum(['utf-8', 'utf-8-bom', 'windows-1252']).optional(),
    hasHeader: z.boolean().optional(),
    onBadRow: z.enum(['fail', 'skip']).optional(),
  })
  .strict();

const columnPlan = z
  .object({
    index: z.number().int().min(0),
    name: z.string().trim().min(1).max(200).optional(),
    type: z.enum(COLUMN_TYPES).optional(),
    role: z.enum(COLUMN_ROLES).optional(),
    piiAction: z.enum(PII_ACTIONS).optional(),
  })
  .strict();

const rowFilter = z
  .object({
    column: z.string().min(1),
    op: z.enum(['contains', 'equals', 'notEquals', 'gt', 'gte', 'lt', 'lte', 'isMissing', 'notMissing']),
    value: z.union([z.string().max(1000), z.number()]).optional(),
  })
  .strict();

const empty = z.object({}).strict();
const resultId = z.number().int().min(1);

const columnName = z.string().min(1).max(200);
/** YYYY-MM-DD that exists on the calendar (not 2024-13-45, not 2023-02-29). */
const calendarDate = z.string().refine(isCalendarDate, { error: (issue) => `"${String(issue.input).slice(0, 40)}" ${CALENDAR_DATE_MESSAGE}` });
const segmentationName = z.string().trim().min(1, 'segmentation name is empty').max(200);
export const segmentParamsSchema = z
  .object({
    dataset: datasetName,
    features: z.array(columnName).min(1, 'choose at least one feature').max(200),
    k: z.union([z.number().int().min(2).max(50), z.literal('auto')]),
    kRange: z.tuple([z.number().int().min(2).max(50), z.number().int().min(2).max(50)]).refine(([a, b]) => a <= b, 'kRange must be [low, high]').optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    restarts: z.number().int().min(1).max(100).optional(),
    maxIterations: z.number().int().min(1).max(10_000).optional(),
    tolerance: z.number().min(0).max(1).optional(),
    standardize: z.boolean().optional(),
    logTransform: z.array(columnName).max(200).optional(),
    categoryWeight: z.number().min(0).max(100).optional(),
    missing: z.enum(['impute', 'exclude']).optional(),
    name: segmentationName.optional(),
  })
  .strict();

export const journeySpecSchema = z
  .object({
    dataset: datasetName,
    customer: columnName,
    time: columnName,
    step: columnName,
    channel: columnName.optional(),
    satisfaction: columnName.optional(),
    nps: columnName.optional(),
    precision: z.enum(['exact', 'day']).optional(),
    stages: z
      .array(z.object({ name: z.string().trim().min(1).max(120), steps: z.array(z.string().max(500)).min(1).max(1000) }).strict())
      .max(200)
      .optional(),
    offFunnel: z.array(z.string().max(500)).max(1000).optional(),
    segmentation: segmentationName.optional(),
    filter: z.object({ segments: z.array(z.number().int().min(0)).max(50).optional(), channels: z.array(z.string().max(500)).max(200).optional() }).strict().optional(),
    compareBy: z.enum(['segment', 'channel']).optional(),
    variantsLimit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

const mapName = z.string().trim().min(1, 'map name is empty').max(200);
const mapId = z.string().min(1).max(64);
export const journeyMapSchema = z
  .object({
    name: mapName,
    stages: z.array(z.object({ id: mapId, name: z.string().max(200) }).strict()).max(100),
    cards: z
      .array(
        z
          .object({
            id: mapId,
            lane: z.enum(JOURNEY_LANES),
            stageId: mapId,
            text: z.string().max(4000),
            evidence: z.enum(['measured', 'assumed']),
            n: z.number().int().min(0).optional(),
            value: z.number().finite().optional(),
          })
          .strict(),
      )
      .max(5000),
    persona: z
      .object({ name: z.string().max(200), note: z.string().max(4000), segmentation: segmentationName.optional(), segment: z.number().int().min(0).optional() })
      .strict()
      .nullable(),
    emotionScale: z.tuple([z.number().finite(), z.number().finite()]),
    seededFrom: journeySpecSchema.nullable(),
    version: z.number().int().min(0),
    updatedAt: z.string().max(64),
  })
  .strict();

const level = z.number().min(0.5).max(0.999);
const npsMapping = z.union([
  z.object({ kind: z.literal('round') }).strict(),
  z
    .object({ kind: z.literal('rescale'), from: z.tuple([z.number().finite(), z.number().finite()]) })
    .strict()
    .refine((m) => m.from[0] < m.from[1], 'rescale.from must be [low, high]'),
]);
export const npsSpecSchema = z
  .object({
    dataset: datasetName,
    score: columnName,
    by: columnName.optional(),
    segmentation: segmentationName.optional(),
    period: columnName.optional(),
    periodUnit: z.enum(['week', 'month', 'quarter', 'year']).optional(),
    level: level.optional(),
    minN: z.number().int().min(1).max(1_000_000).optional(),
    reference: z.string().max(500).optional(),
    mapping: npsMapping.optional(),
  })
  .strict()
  .refine((s) => !(s.by && s.segmentation), 'group by a column or by a segmentation, not both');
export const npsContextSpecSchema = z
  .object({
    dataset: datasetName,
    score: columnName,
    context: columnName.optional(),
    delay: z
      .object({
        surveyTime: columnName,
        events: datasetName,
        customer: columnName,
        time: columnName,
        step: columnName,
        stepValue: z.string().min(1).max(500),
        bins: z.array(z.number().min(0).max(100_000)).min(1).max(20).optional(),
      })
      .strict()
      .optional(),
    level: level.optional(),
    minN: z.number().int().min(1).max(1_000_000).optional(),
    mapping: npsMapping.optional(),
  })
  .strict()
  .refine((s) => (s.context ? 1 : 0) + (s.delay ? 1 : 0) === 1, 'give either a context column or a delay (survey time + event log)');
export const driversSpecSchema = z
  .object({
    dataset: datasetName,
    target: columnName,
    drivers: z.array(columnName).min(2, 'choose at least two drivers').max(100),
    model: z.enum(['auto', 'linear', 'logistic', 'detractor', 'promoter']).optional(),
    positive: z.string().max(500).optional(),
    missingCodes: z.array(z.number().finite()).max(20).optional(),
    direction: z.enum(['higher-is-better', 'higher-is-worse']).optional(),
    missing: z.enum(['exclude', 'impute']).optional(),
    bootstrap: z.number().int().min(0).max(10_000).optional(),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
    level: level.optional(),
    /** A second wave (a dataset with the same columns) to compare the weights with: the reference; see docs/drivers-stability.md. */
    compareWith: datasetName.optional(),
  })
  .strict();

const groupValue = z.string().max(500);
export const auditSpecSchema = z
  .object({
    dataset: datasetName,
    decision: columnName.optional(),
    favorable: groupValue.optional(),
    score: columnName.optional(),
    threshold: z.number().finite().optional(),
    label: columnName.optional(),
    labelPositive: groupValue.optional(),
    protected: z.array(columnName).min(1, 'choose at least one protected attribute').max(10),
    bins: z.record(columnName, z.array(z.number().finite()).min(1).max(50)).optional(),
    intersect: z.boolean().optional(),
    reference: z.record(columnName, groupValue).optional(),
    direction: z.enum(['assistive', 'punitive']).optional(),
    minGroupSize: z.number().int().min(1).max(1_000_000).optional(),
    missing: z.enum(['group', 'exclude']).optional(),
    alpha: z.number().min(0.0001).max(0.5).optional(),
    proxyColumns: z.array(columnName).max(500).optional(),
    proxySegmentations: z.array(segmentationName).max(50).optional(),
    proxyThreshold: z.number().min(0).max(1).optional(),
    population: z.record(columnName, z.record(groupValue, z.number().min(0).max(1))).optional(),
  })
  .strict()
  .refine((s) => (s.decision ? 1 : 0) + (s.score !== undefined ? 1 : 0) === 1, 'audit a decision column or a score with a threshold, not both')
  .refine((s) => s.score === undefined || s.threshold !== undefined, 'a score needs a threshold (positive when score ≥ threshold)');

export const predictSpecSchema = z
  .object({
    dataset: datasetName,
    target: columnName,
    positive: groupValue.min(1, 'name the positive value of the target (e.g. Yes)'),
    features: z.array(columnName).min(1, 'choose at least one feature').max(500),
    segmentations: z.array(segmentationName).max(10).optional(),
    joined: z
      .array(z.object({ dataset: datasetName, id: columnName, columns: z.array(columnName).min(1, 'choose at least one column of the other dataset').max(100) }).strict())
      .max(5)
      .optional(),
    id: columnName.optional(),
    label: z
      .object({
        events: datasetName,
        customer: columnName,
        time: columnName,
        cutoff: z.string().refine(isCalendarDate, `the cut-off ${CALENDAR_DATE_MESSAGE}`),
        horizonDays: z.number().int().min(1, 'the horizon is at least 1 day').max(3660),
        positiveWhen: z.enum(['no-event', 'event']),
        history: z.boolean().optional(),
      })
      .strict()
      .optional(),
    model: z.enum(PREDICT_MODELS).optional(),
    folds: z.number().int().min(1).max(10).optional(),
    test: z.union([z.object({ column: columnName, value: groupValue }).strict(), z.object({ share: z.number().gt(0).lt(1) }).strict()]).optional(),
    seed: z.number().int().min(0).max(4294967295).optional(),
    includeProtected: z.array(columnName).max(50).optional(),
    confirmedLeaks: z.array(columnName).max(50).optional(),
    threshold: z
      .union([
        z.object({ rule: z.literal('cost'), missedPositiveCost: z.number().gt(0).max(1e6) }).strict(),
        z.object({ rule: z.literal('capacity'), capacity: z.number().int().min(1) }).strict(),
      ])
      .optional(),
    minLevelRows: z.number().int().min(1).max(1_000_000).optional(),
    logistic: z.object({ C: z.number().gt(0).max(1e6).optional() }).strict().optional(),
    gbdt: z
      .object({
        maxIter: z.number().int().min(1).max(2000).optional(),
        learningRate: z.number().gt(0).max(1).optional(),
        maxLeafNodes: z.number().int().min(2).max(4096).optional(),
        maxDepth: z.number().int().min(1).max(64).nullable().optional(),
        minSamplesLeaf: z.number().int().min(1).optional(),
        l2Regularization: z.number().min(0).optional(),
        earlyStopping: z.union([z.boolean(), z.literal('auto')]).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => !s.label || s.positive === EVENT_LABEL_POSITIVE, { message: `a label from an event log has the positive value "${EVENT_LABEL_POSITIVE}"`, path: ['positive'] });

export const argSchemas = {
  'app.ping': empty,
  'workspace.info': empty,
  'workspace.create': z.object({ path: filePath }).strict(),
  'workspace.open': z.object({ path: filePath }).strict(),
  'workspace.openDemo': empty,
  'workspace.saveAs': z.object({ path: filePath }).strict(),
  'workspace.recent': empty,
  'workspace.activity': z.object({ limit: z.number().int().min(1).max(10000).optional() }).strict(),
  'files.list': z.object({ dir: filePath.optional(), extensions: z.array(z.string().max(10)).max(10).optional() }).strict(),
  'dataset.list': empty,
  'dataset.preview': z.object({ path: filePath, fileName: z.string().max(500).optional(), options: importOptions.optional() }).strict(),
  'dataset.import': z
    .object({
      jobId,
      path: filePath,
      fileName: z.string().max(500).optional(),
      name: datasetName.optional(),
      options: importOptions.optional(),
      columns: z.array(columnPlan).max(5000).optional(),
    })
    .strict(),
  'dataset.profile': z.object({ dataset: datasetName }).strict(),
  'dataset.rows': z
    .object({
      dataset: datasetName,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(2000),
      sort: z.object({ column: z.string().min(1), direction: z.enum(['asc', 'desc']) }).strict().optional(),
      filters: z.array(rowFilter).max(50).optional(),
    })
    .strict(),
  'dataset.setColumn': z
    .object({ dataset: datasetName, column: z.string().min(1), role: z.enum(COLUMN_ROLES).optional(), name: z.string().trim().min(1).max(200).optional() })
    .strict(),
  'dataset.rename': z.object({ dataset: datasetName, name: datasetName }).strict(),
  'dataset.delete': z.object({ dataset: datasetName }).strict(),
  'job.cancel': z.object({ jobId }).strict(),
  'segment.run': z.object({ jobId, params: segmentParamsSchema }).strict(),
  'segment.sweep': z.object({ jobId, params: segmentParamsSchema }).strict(),
  'segment.list': empty,
  'segment.get': z.object({ segmentation: segmentationName }).strict(),
  'segment.update': z
    .object({ segmentation: segmentationName, index: z.number().int().min(0), name: z.string().trim().min(1).max(80).optional(), persona: z.string().max(2000).optional() })
    .strict(),
  'segment.review': z.object({ segmentation: segmentationName, limit: z.number().int().min(1).max(5000).optional() }).strict(),
  'segment.reassign': z.object({ segmentation: segmentationName, row: z.number().int().min(1), segment: z.number().int().min(0) }).strict(),
  'segment.delete': z.object({ segmentation: segmentationName }).strict(),
  'segment.score': z.object({ jobId, segmentation: segmentationName, dataset: datasetName, name: segmentationName.optional() }).strict(),
  'segment.migration': z.object({ from: segmentationName, to: segmentationName }).strict(),
  'segment.export': z.object({ segmentation: segmentationName }).strict(),
  'segment.rfm': z
    .object({ jobId, dataset: datasetName, customer: columnName, date: columnName, amount: columnName, asOf: calendarDate.optional(), name: datasetName.optional() })
    .strict(),
  'journey.analyze': z.object({ jobId, spec: journeySpecSchema, save: saveOption.optional() }).strict(),
  'journeyMap.list': empty,
  'journeyMap.get': z.object({ name: mapName }).strict(),
  /** Whole-document save; `map.version` must equal the stored version (0 for a new map). */
  'journeyMap.save': z.object({ map: journeyMapSchema }).strict(),
  /** Compute the analytics for `spec` and save a new map seeded from them (measured cards with their n). */
  'journeyMap.seed': z.object({ jobId, name: mapName, spec: journeySpecSchema, persona: journeyMapSchema.shape.persona.optional() }).strict(),
  'journeyMap.delete': z.object({ name: mapName }).strict(),
  /** One self-contained HTML page (inline CSS/SVG, no script, no external reference). */
  'journeyMap.exportHtml': z.object({ name: mapName }).strict(),
  'nps.analyze': z.object({ jobId, spec: npsSpecSchema, save: saveOption.optional() }).strict(),
  'nps.context': z.object({ jobId, spec: npsContextSpecSchema, save: saveOption.optional() }).strict(),
  'drivers.analyze': z.object({ jobId, spec: driversSpecSchema, save: saveOption.optional() }).strict(),
  'audit.run': z.object({ jobId, spec: auditSpecSchema, save: saveOption.optional() }).strict(),
  'predict.train': z.object({ jobId, spec: predictSpecSchema, save: saveOption.optional() }).strict(),
  /** Score every row of a dataset with a saved model into a new dataset (id, probability, band, review flag, reasons). */
  'predict.score': z
    .object({
      jobId,
      model: resultName,
      dataset: datasetName,
      name: datasetName.optional(),
      // Models of an event-log label: the day the history is counted up to (default the log's last day) and the log.
      asOf: z.string().refine(isCalendarDate, `the as-of day ${CALENDAR_DATE_MESSAGE}`).optional(),
      events: datasetName.optional(),
    })
    .strict(),
  /** One customer's probability and the contribution of each input column (base + Σ = log-odds). */
  'predict.explain': z.object({ model: resultName, dataset: datasetName, id: z.string().min(1).max(500) }).strict(),
  /** A saved model on another wave: score drift against the reference (default: its training data's test rows) and, where the outcome is known, AUC and calibration. */
  'predict.monitor': z.object({ jobId, model: resultName, current: datasetName, reference: datasetName.optional() }).strict(),
  /** A person confirms or overrides the model's call on one customer, with a reason (logged, carried by scores). */
  'predict.review': z
    .object({ model: resultName, dataset: datasetName, id: z.string().min(1).max(500), decision: z.enum(['confirm', 'override']), reason: z.string().trim().min(1, 'say why').max(2000) })
    .strict(),
  'predict.reviews': z.object({ model: resultName }).strict(),
  'predict.card': z.object({ model: resultName }).strict(),
  /**
   * The model's fairness in one step: its untouched test rows scored into a dataset (with the actual outcome and the
   * protected attributes), then the audit of probability ≥ threshold against the outcome, saved as an audit result.
   * `direction`: what being flagged does to the customer (a retention offer is 'assistive'), never assumed.
   */
  'predict.audit': z.object({ jobId, model: resultName, direction: z.enum(['assistive', 'punitive']) }).strict(),
  'results.list': z.object({ kind: z.enum(RESULT_KINDS).optional() }).strict(),
  'results.get': z.object({ id: resultId }).strict(),
  'results.rename': z.object({ id: resultId, name: resultName }).strict(),
  'results.duplicate': z.object({ id: resultId, name: resultName.optional() }).strict(),
  'results.delete': z.object({ id: resultId }).strict(),
  /** Run the saved spec again on the data as it is now and compare field by field (does not change the saved result). */
  'results.rerun': z.object({ jobId, id: resultId }).strict(),
  /** The whole activity log as a file a person or a tool can read. */
  'workspace.exportActivity': z.object({ format: z.enum(['csv', 'json']) }).strict(),
  ...deckArgSchemas,
  ...experimentArgSchemas,
  ...driftArgSchemas,
  ...cohortsArgSchemas,
} satisfies Record<string, z.ZodType>;

export type HandlerName = keyof typeof argSchemas;
export type Args<K extends HandlerName> = z.infer<(typeof argSchemas)[K]>;

interface Results extends DeckResults, ExperimentResults, CohortsResults, DriftResults {
  'app.ping': { ok: true; version: string };
  'workspace.info': WorkspaceInfo | null;
  'workspace.create': WorkspaceInfo;
  'workspace.open': WorkspaceInfo;
  'workspace.openDemo': WorkspaceInfo;
  'workspace.saveAs': WorkspaceInfo;
  'workspace.recent': RecentWorkspace[];
  'workspace.activity': ActivityEntry[];
  'files.list': { dir: string; parent: string | null; entries: DirEntry[] };
  'dataset.list': DatasetSummary[];
  'dataset.preview': ImportPreview;
  'dataset.import': ImportResult;
  'dataset.profile': DatasetProfile;
  'dataset.rows': RowPage;
  'dataset.setColumn': DatasetSummary;
  'dataset.rename': DatasetSummary;
  'dataset.delete': { deleted: string };
  'job.cancel': { cancelled: boolean };
  'segment.run': Saved<SegmentationResult>;
  'segment.sweep': { kScores: KScore[]; recommendation: KRecommendation; rows: number; silhouetteSampleSize: number };
  'segment.list': SegmentationSummary[];
  'segment.get': SegmentationResult;
  'segment.update': SegmentCard;
  'segment.review': ReviewItem[];
  'segment.reassign': ReviewItem;
  'segment.delete': { deleted: string };
  'segment.score': SegmentationSummary;
  'segment.migration': MigrationMatrix;
  /** The assignments CSV (`id,segment,confidence`) as text, for the app to offer as a download. */
  'segment.export': AssignmentsExport;
  'segment.rfm': { dataset: DatasetSummary; segments: { name: string; customers: number }[] };
  'journey.analyze': Saved<JourneyResult>;
  'journeyMap.list': JourneyMapSummary[];
  'journeyMap.get': JourneyMap;
  'journeyMap.save': JourneyMap;
  'journeyMap.seed': JourneyMap;
  'journeyMap.delete': { deleted: string };
  'journeyMap.exportHtml': { fileName: string; html: string };
  'nps.analyze': Saved<NpsResult>;
  'nps.context': Saved<NpsContextResult>;
  'drivers.analyze': Saved<DriversResult>;
  'audit.run': Saved<AuditResult>;
  'predict.train': Saved<PredictResult>;
  'predict.score': ScoreOutcome;
  'predict.explain': CustomerExplanation;
  'predict.monitor': ModelMonitor;
  'predict.review': ModelReview;
  'predict.reviews': ModelReview[];
  'predict.card': ModelCard;
  'predict.audit': { scores: DatasetSummary; audit: Saved<AuditResult> };
  'results.list': SavedResultSummary[];
  'results.get': SavedResult;
  'results.rename': SavedResultSummary;
  'results.duplicate': SavedResultSummary;
  'results.delete': { deleted: SavedResultRef };
  'results.rerun': RerunOutcome;
  'workspace.exportActivity': { fileName: string; text: string; entries: number };
}

/** An analysis's result, with the saved result it was kept as (when it was saved). */
export type Saved<R> = R & { saved?: SavedResultRef };
export type Result<K extends HandlerName> = Results[K];

/** What services implement and every face calls. Results may be returned directly or as a promise. */
export type Handlers = { [K in HandlerName]: (args: Args<K>) => Result<K> | Promise<Result<K>> };

/** What the renderer gets: one typed call per handler, always async. */
export interface Client {
  invoke<K extends HandlerName>(name: K, args: Args<K>): Promise<Result<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export interface Events {
  'job.progress': JobProgress;
  'workspace.changed': { path: string | null; reason: 'opened' | 'created' | 'datasets' | 'closed' };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['job.progress', 'workspace.changed'];

export const HANDLER_NAMES = Object.keys(argSchemas) as HandlerName[];

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argSchemas, name);
}

/** Validate a handler's arguments at a boundary; a failure names the field and what was wrong. */
export function parseArgs<K extends HandlerName>(name: K, raw: unknown): Args<K> {
  const result = argSchemas[name].safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new AppError('BAD_ARGUMENTS', `${name}: ${where}${issue?.message ?? 'invalid arguments'}`, {
      handler: name,
      issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return result.data as Args<K>;
}
