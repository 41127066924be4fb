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
import type { AssignmentsExport, KRecommendation, KScore, MigrationMatrix, ReviewItem, SegmentCard, SegmentationResult, SegmentationSummary } from './segments';

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

const columnName = z.string().min(1).max(200);
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
    .object({ jobId, dataset: datasetName, customer: columnName, date: columnName, amount: columnName, asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), name: datasetName.optional() })
    .strict(),
} satisfies Record<string, z.ZodType>;

export type HandlerName = keyof typeof argSchemas;
export type Args<K extends HandlerName> = z.infer<(typeof argSchemas)[K]>;

interface Results {
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
  'segment.run': SegmentationResult;
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
}
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
