// Segmentation as a module. Unlike the read-only kinds it writes its own result (cards, packed assignments) in the
// job's transaction, so the saved-results row only lists it; a re-run fits again under a scratch name, reads the
// result and removes the scratch copy (see rerunSegmentation).
import { segmentParamsSchema } from '../../../shared/api';
import type { SegmentationResult } from '../../../shared/segments';
import type { Headline } from '../../../shared/results';
import type { Db } from '../../workspace/db';
import { getSegmentationResult, getStoredSegmentation, toSegmentationSummary, type ResolvedParams } from '../../workspace/segments/store';
import { AppError } from '../../../shared/errors';
import { copySegmentation } from '../results/segmentation-copy';
import { segmentationSlides } from './slides/segmentation';
import type { AnalysisModule, RunContext } from './types';
import { fixed, n, quoted, renameOwnDataset } from './types';

function headline(r: Pick<SegmentationResult, 'k' | 'rows' | 'silhouette'>): Headline[] {
  return [
    { label: 'Segments (k)', value: r.k },
    { label: 'Customers', value: r.rows },
    { label: 'Silhouette', value: r.silhouette },
  ];
}

export const segmentationModule: AnalysisModule<'segment.run'> = {
  kind: 'segmentation',
  handler: 'segment.run',
  specSchema: segmentParamsSchema,
  cliCommand: 'cxw segment',
  inputs: (spec) => [spec.dataset],
  describe: (spec) =>
    `Segments of ${quoted(spec.dataset)} on ${spec.features.length} features (${spec.features.slice(0, 4).join(', ')}${spec.features.length > 4 ? ', …' : ''}), k = ${spec.k}`,
  defaultName: (spec) => `${spec.dataset} k=${spec.k}`,
  ranSentence: (spec, r) => `Segmented ${quoted(spec.dataset)} into ${r.k} segments (${n(r.rows)} customers, silhouette ${fixed(r.silhouette, 3)}).`,
  logFigures: (r) => ({ k: r.k, rows: r.rows, silhouette: r.silhouette }),
  headline,
  // Names and personas are the analyst's edits, not findings; the id, name and time belong to the saved copy.
  renameDataset: renameOwnDataset,
  // `dataset`, `params.dataset` and `method` carry the dataset's current name, not a finding.
  ignoreOnRerun: ['id', 'name', 'createdAt', 'params.name', 'segments.*.name', 'segments.*.persona', 'dataset', 'params.dataset', 'method'],
  slides: segmentationSlides,
  run: (ctx, jobId, spec) => ctx.jobs.run(jobId, 'segment.run', { workspacePath: ctx.path, params: spec }),
  ownStore: {
    read: (db, id) => readSegmentationById(db, id),
    assertRenamable: (db, name) => assertSegmentationUnused(db, name),
    rename: (db, id, name) => void db.prepare('UPDATE segmentations SET name = ? WHERE id = ?').run(name, id),
    // Its saved_results row goes with it (ON DELETE CASCADE).
    remove: (db, id) => void db.prepare('DELETE FROM segmentations WHERE id = ?').run(id),
    copy: (db, id, name) => copySegmentation(db, id, name),
    rerun: async (ctx, jobId, spec, savedName, id) => {
      const result = await rerunSegmentation(ctx, jobId, spec as ResolvedParams, scratchName(savedName));
      return { result, ...movedByHand(ctx.db, id) };
    },
  },
};

/** What the results list needs of a stored segmentation: its spec (the resolved parameters), inputs and headline. */
export function segmentationListing(db: Db, name: string) {
  const s = getStoredSegmentation(db, name);
  const summary = toSegmentationSummary(s);
  const { scoredFrom, ...params } = s.params;
  const spec = { ...params, dataset: s.datasetName };
  const version = s.metrics.dataVersion ?? { rows: s.metrics.rows, importedAt: '' };
  return {
    segmentationId: s.id,
    dataset: s.datasetName,
    spec: scoredFrom ? { ...spec, scoredFrom } : spec,
    inputs: [{ dataset: s.datasetName, version: version.importedAt, rows: version.rows }],
    description: scoredFrom ? `Scores of ${quoted(s.datasetName)} in the segments of ${quoted(scoredFrom)}` : segmentationModule.describe(spec),
    headline: headline(summary),
    createdAt: s.createdAt,
  };
}

const SCRATCH = ' · re-run check ';

/** The scratch name a re-run fits under (removed afterwards; never a proxy, never listed). */
export function scratchName(name: string): string {
  return `${name.slice(0, 150)}${SCRATCH}${Date.now().toString(36)}`;
}

export function isScratchSegmentation(name: string): boolean {
  return name.includes(SCRATCH);
}

export function readSegmentation(db: Db, name: string): SegmentationResult {
  return getSegmentationResult(db, name);
}

/**
 * Fit the saved parameters again (or score again, for a scored segmentation) under `scratch`, return that result and
 * remove the scratch segmentation with the activity entry its job wrote: the re-run's own entry records it.
 */
export async function rerunSegmentation(ctx: RunContext, jobId: string, spec: ResolvedParams, scratch: string): Promise<SegmentationResult> {
  const { scoredFrom, ...params } = spec;
  try {
    if (scoredFrom) {
      await ctx.jobs.run(jobId, 'segment.score', { workspacePath: ctx.path, args: { segmentation: scoredFrom, dataset: params.dataset, name: scratch } });
    } else {
      await ctx.jobs.run(jobId, 'segment.run', { workspacePath: ctx.path, params: { ...params, name: scratch } });
    }
    return getSegmentationResult(ctx.db, scratch);
  } finally {
    const s = ctx.db.prepare('SELECT id FROM segmentations WHERE name = ?').get(scratch) as { id: number } | undefined;
    if (s) {
      ctx.db.transaction(() => {
        ctx.db.prepare('DELETE FROM segmentations WHERE id = ?').run(s.id);
        ctx.db.prepare("DELETE FROM activity WHERE action IN ('segment.run', 'segment.score') AND json_extract(params, '$.segmentation') = ?").run(scratch);
      })();
    }
  }
}

export function readSegmentationById(db: Db, id: number): SegmentationResult {
  const row = db.prepare('SELECT name FROM segmentations WHERE id = ?').get(id) as { name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Segmentation ${id} is no longer in this workspace.`, { id });
  return getSegmentationResult(db, row.name);
}

/**
 * Saved results, scored segmentations and journey-map personas name a segmentation; renaming it would break them
 * (a re-run would not find it). Until renames are followed there, a segmentation in use keeps its name.
 */
export function assertSegmentationUnused(db: Db, name: string): void {
  const results = db
    .prepare(
      `SELECT name FROM saved_results WHERE json_extract(spec, '$.segmentation') = ? OR json_extract(spec, '$.scoredFrom') = ?
         OR EXISTS (SELECT 1 FROM json_each(saved_results.spec, '$.proxySegmentations') WHERE value = ?)`,
    )
    .pluck()
    .all(name, name, name) as string[];
  const scored = db.prepare("SELECT name FROM segmentations WHERE json_extract(params, '$.scoredFrom') = ?").pluck().all(name) as string[];
  const maps = db.prepare("SELECT name FROM journey_maps WHERE json_extract(doc, '$.persona.segmentation') = ?").pluck().all(name) as string[];
  const users = [...results.map((r) => `saved result “${r}”`), ...scored.filter((s) => !results.includes(s)).map((s) => `scored segmentation “${s}”`), ...maps.map((m) => `journey map “${m}”`)];
  if (users.length) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Segmentation “${name}” keeps its name: ${users.slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''} use it by name. Duplicate it under the new name instead, or delete what uses it first.`,
      { name },
    );
  }
}

/**
 * Customers the analyst moved between segments (the review queue) change the saved cards' sizes, shares and
 * low-confidence counts and the projection's labels; a fresh fit has none of that. Those fields are the analyst's
 * edits, not findings: they are left out of the comparison, and the message says how many customers were moved.
 */
function movedByHand(db: Db, segmentationId: number): { ignore: string[]; note: string } {
  const n = (db.prepare('SELECT COUNT(DISTINCT row) n FROM segment_reassignments WHERE segmentation_id = ?').get(segmentationId) as { n: number }).n;
  if (n === 0) return { ignore: [], note: '' };
  return {
    ignore: ['segments.*.size', 'segments.*.share', 'segments.*.lowConfidence', 'projection.segment'],
    note: ` ${n.toLocaleString('en-US')} customer${n === 1 ? '' : 's'} moved by hand between segments ${n === 1 ? 'is' : 'are'} not compared (segment sizes and shares).`,
  };
}
