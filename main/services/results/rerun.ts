// Re-running a saved result: its spec through its module on the data as it is now, compared field by field with what
// was saved. Unchanged data must give an identical result ("Re-ran: identical."); changed data says what changed
// (each input's rows, and the headline numbers before → after). The saved result itself is never changed.
import type { HeadlineChange, RerunOutcome, ResultInput, SavedResultSummary } from '../../../shared/results';
import { RESULT_KIND_NOUNS } from '../../../shared/results';
import { AppError } from '../../../shared/errors';
import { compareResults } from '../../analysis/compare-results';
import { logActivity } from '../../workspace/activity';
import { getStored, inputNow } from '../../workspace/results/store';
import { moduleOf } from '../analyses/index';
import type { RunContext } from '../analyses/types';
import { cacheDamageOf, logCacheRebuilt } from '../../jobs/cache-damage';

const MAX_LISTED = 50;

function fmt(v: number | string | null): string {
  if (v === null) return 'n/a';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? v.toLocaleString('en-US') : Number(v.toPrecision(4)).toString();
}

function inputChanges(saved: ResultInput[]): RerunOutcome['inputs'] {
  return saved.map((before) => ({ dataset: before.dataset, before, after: null as ResultInput | null }));
}

function sentence(s: SavedResultSummary, identical: boolean, dataChanged: boolean, inputs: RerunOutcome['inputs'], headline: HeadlineChange[], differing: number): string {
  const what = `Re-ran the ${RESULT_KIND_NOUNS[s.kind]} “${s.name}”`;
  if (identical) return `${what}: identical${dataChanged ? ', although the data was re-imported' : ''}.`;
  const rows = inputs
    .filter((i) => !i.after || !i.before || i.before.rows !== i.after.rows || i.before.version !== i.after.version)
    .map((i) => (i.after ? `“${i.dataset}” ${fmt(i.before?.rows ?? null)} → ${fmt(i.after.rows)} rows${i.before && i.before.version !== i.after.version ? ' (re-imported)' : ''}` : `“${i.dataset}” is gone`));
  const moved = headline.filter((h) => h.before !== h.after).map((h) => `${h.label} ${fmt(h.before)} → ${fmt(h.after)}`);
  const parts = [dataChanged ? `the data changed (${rows.join('; ')})` : 'the data is unchanged but the result differs', moved.length ? moved.join(', ') : `${differing} field${differing === 1 ? '' : 's'} differ`];
  return `${what}: ${parts.join('; ')}.`;
}

export async function rerunResult(ctx: RunContext, jobId: string, id: number): Promise<RerunOutcome> {
  const { summary, result: before0, segmentationId: ownId } = getStored(ctx.db, id);
  const m = moduleOf(summary.kind);
  // A kind with its own store checks its own spec (a scored segmentation's names where it was scored from).
  const parsed = m.ownStore ? ({ success: true, data: summary.spec } as const) : m.specSchema.safeParse(summary.spec);
  if (!parsed.success) {
    throw new AppError('BAD_ARGUMENTS', `Saved result “${summary.name}” has a spec this version cannot run: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { id });
  }
  const inputs = inputChanges(summary.inputs);
  for (const i of inputs) i.after = inputNow(ctx.db, i.dataset);
  const gone = inputs.filter((i) => !i.after).map((i) => `“${i.dataset}”`);
  if (gone.length) {
    throw new AppError('NOT_FOUND', `Cannot re-run “${summary.name}”: ${gone.join(' and ')} ${gone.length === 1 ? 'is' : 'are'} no longer in this workspace. Import it again under the same name to re-run.`, { id });
  }
  const dataChanged = inputs.some((i) => i.before && i.after && (i.before.rows !== i.after.rows || i.before.version !== i.after.version));

  // A kind with its own store re-runs into a scratch copy (and says which fields the analyst changed by hand).
  let before: unknown = before0;
  let after: unknown;
  let handMade: { ignore: string[]; note: string } = { ignore: [], note: '' };
  if (m.ownStore && ownId !== null) {
    before = m.ownStore.read(ctx.db, ownId);
    const fresh = await m.ownStore.rerun(ctx, jobId, summary.spec, summary.name, ownId);
    after = fresh.result;
    handMade = fresh;
  } else {
    after = await m.run(ctx, jobId, parsed.data as never);
  }

  const all = compareResults(before, after, [...m.ignoreOnRerun, ...handMade.ignore]);
  const headline: HeadlineChange[] = [];
  const beforeHead = m.headline(before as never);
  const afterHead = m.headline(after as never);
  for (const [i, h] of beforeHead.entries()) headline.push({ label: h.label, before: h.value, after: afterHead[i]?.value ?? null });
  const identical = all.length === 0;
  const message = sentence(summary, identical, dataChanged, inputs, headline, all.length) + handMade.note;
  try {
    logActivity(ctx.db, 'results.rerun', message, { result: summary.id, kind: summary.kind, spec: summary.spec, identical, dataChanged, differences: all.length });
    // A read-only re-run cannot log the damaged column-cache entries it rebuilt (a writing one has): the host does.
    if (!m.ownStore) for (const d of cacheDamageOf((after as { warnings?: string[] }).warnings)) logCacheRebuilt(ctx.db, d, 'results.rerun');
  } catch {
    // A busy workspace (a long import) costs the log entry, never the comparison the analyst asked for.
  }
  return {
    result: { id: summary.id, name: summary.name, kind: summary.kind },
    identical,
    dataChanged,
    inputs,
    differences: all.slice(0, MAX_LISTED),
    moreDifferences: Math.max(0, all.length - MAX_LISTED),
    headline,
    message,
    output: after,
  };
}


