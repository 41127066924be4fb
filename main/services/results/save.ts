// Running an analysis through its module: the job, the activity-log sentence, and (when asked) the saved result,
// written together so a result is never saved without its log entry. Segmentations save themselves in their job;
// listSegmentation adds their row to the results list.
import type { ResultInput, ResultKind, SavedResultRef, SaveOption } from '../../../shared/results';
import { logActivity } from '../../workspace/activity';
import type { Db } from '../../workspace/db';
import { assertNameFree, currentInputs, deleteResultRow, insertResult, nameTaken, uniqueResultName, unlistedSegmentations } from '../../workspace/results/store';
import type { AnalysisHandler, AnalysisModule, OutputOf, RunContext, SpecOf } from '../analyses/types';
import { moduleOf } from '../analyses/index';
import { segmentationListing } from '../analyses/segmentation';
import { APP_VERSION } from '../app-version';
import { cacheDamageOf, logCacheRebuilt } from '../../jobs/cache-damage';

/** What a finished run adds to its result when the workspace was too busy to log or save it. */
const busyNote = (what: string, err: unknown) => `This analysis is not ${what}: the workspace was busy (${(err as Error).message}). Run it again to keep it.`;

export async function runAnalysis<H extends AnalysisHandler>(
  m: AnalysisModule<H>,
  ctx: RunContext,
  jobId: string,
  spec: SpecOf<H>,
  save: SaveOption | undefined,
): Promise<OutputOf<H> & { saved?: SavedResultRef }> {
  // The inputs as they are when the job starts: a dataset re-imported meanwhile makes the saved version honest.
  // A taken name is refused before the work, not after a long run; defaults that depend on the workspace (the
  // audit's proxy segmentations) are written into the spec, so the saved spec re-runs the same analysis later.
  if (save?.name) assertNameFree(ctx.db, save.name);
  spec = m.resolveSpec ? m.resolveSpec(ctx.db, spec) : spec;
  const inputs = currentInputs(ctx.db, m.inputs(spec));
  const result = await m.run(ctx, jobId, spec);
  try {
    const saved = ctx.db.transaction(() => {
      const ref = save ? saveResult(ctx.db, m, spec, result, inputs, save) : null;
      const replaced = ref && save?.replaces !== undefined ? ', replacing the run just before it' : '';
      const sentence = m.ranSentence(spec, result) + (ref ? ` Saved as “${ref.name}”${replaced}.` : '');
      logActivity(ctx.db, m.handler, sentence, { spec, ...m.logFigures(result), ...(ref ? { savedResult: ref.id } : {}) });
      // Read-only jobs cannot log the damaged column-cache entries they rebuilt: the host does, with the run.
      for (const d of cacheDamageOf((result as { warnings?: string[] }).warnings)) logCacheRebuilt(ctx.db, d, m.handler);
      return ref;
    })();
    return saved ? { ...result, saved } : result;
  } catch (err) {
    if ((err as { code?: string }).code === 'NAME_TAKEN') throw err;
    const warnings = (result as { warnings?: string[] }).warnings;
    return { ...result, warnings: [...(warnings ?? []), busyNote(save ? 'saved or in the activity log' : 'in the activity log', err)] };
  }
}

function saveResult<H extends AnalysisHandler>(db: Db, m: AnalysisModule<H>, spec: SpecOf<H>, result: OutputOf<H>, inputs: ResultInput[], save: SaveOption): SavedResultRef {
  if (save.replaces !== undefined) {
    // Already deleted by the analyst meanwhile: nothing to replace.
    const old = db.prepare('SELECT id, kind FROM saved_results WHERE id = ?').get(save.replaces) as { id: number; kind: string } | undefined;
    if (old?.kind === m.kind) deleteResultRow(db, old.id);
  }
  if (save.name) assertNameFree(db, save.name);
  const name = save.name ?? uniqueResultName(db, m.defaultName(spec));
  const s = insertResult(db, {
    name,
    kind: m.kind,
    dataset: inputs[0]?.dataset ?? '',
    spec,
    inputs,
    appVersion: APP_VERSION,
    description: m.describe(spec),
    headline: m.headline(result),
    result,
  });
  return { id: s.id, name: s.name, kind: s.kind };
}

/**
 * List every segmentation in the results (idempotent): new runs, and those made before saved results existed. A
 * segmentation whose name another saved result already has (possible only in workspaces edited by hand) is renamed,
 * and says so in the log, rather than breaking the list.
 */
export function listSegmentations(db: Db): void {
  const missing = unlistedSegmentations(db);
  if (missing.length === 0) return;
  db.transaction(() => {
    for (const s of missing) {
      let name = s.name;
      if (nameTaken(db, name, { segmentationId: s.id })) {
        name = uniqueResultName(db, s.name);
        db.prepare('UPDATE segmentations SET name = ? WHERE id = ?').run(name, s.id);
        logActivity(db, 'segment.rename', `Renamed segmentation "${s.name}" to "${name}": a saved result already had its name.`, { id: s.id, from: s.name, to: name });
      }
      const l = segmentationListing(db, name);
      insertResult(db, {
        name,
        kind: 'segmentation',
        dataset: l.dataset,
        spec: l.spec,
        inputs: l.inputs,
        appVersion: APP_VERSION,
        description: l.description,
        headline: l.headline,
        result: null,
        segmentationId: l.segmentationId,
        createdAt: l.createdAt,
      });
    }
  })();
}

/** The results row of a segmentation (after listSegmentations). */
export function segmentationRef(db: Db, segmentationId: number): SavedResultRef | null {
  const r = db.prepare('SELECT id, name, kind FROM saved_results WHERE segmentation_id = ?').get(segmentationId) as SavedResultRef | undefined;
  return r ?? null;
}

/**
 * A dataset was renamed: the saved results that read it follow (their spec, inputs and description), so a re-run
 * reads the same data under its new name. Runs inside the caller's transaction.
 */
export function followDatasetRename(db: Db, from: string, to: string): number {
  const rows = db.prepare('SELECT id, kind, spec, inputs FROM saved_results').all() as { id: number; kind: ResultKind; spec: string; inputs: string }[];
  const update = db.prepare('UPDATE saved_results SET dataset = ?, spec = ?, inputs = ?, description = ? WHERE id = ?');
  let changed = 0;
  for (const r of rows) {
    const inputs = JSON.parse(r.inputs) as ResultInput[];
    if (!inputs.some((i) => i.dataset === from)) continue;
    const m = moduleOf(r.kind);
    const spec = m.renameDataset(JSON.parse(r.spec) as never, from, to);
    const renamed = inputs.map((i) => (i.dataset === from ? { ...i, dataset: to } : i));
    update.run(renamed[0].dataset, JSON.stringify(spec), JSON.stringify(renamed), m.describe(spec as never), r.id);
    changed++;
  }
  return changed;
}
