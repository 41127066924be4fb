// Reading one wave: its columns through the segmentation data path (numbers from the column cache, text as codes),
// reduced to sorted values or category counts (main/analysis/monitor/drift/wave-data.ts), and its NPS answers with
// their mix groups. Used in the job's thread for the reference wave (and both periods of one dataset) and on the
// helper thread for the current wave (main/jobs/drift-helper.ts).
import { AppError } from '../../../../shared/errors';
import { categoricalWaveColumn, numericWaveColumn, type WaveColumn, type WaveNps } from '../../../analysis/monitor/drift/wave-data';
import { readScores } from '../../../analysis/nps/scores';
import type { Db } from '../../db';
import type { StoredColumn, StoredDataset } from '../../datasets';
import { loadProgress, type LoadProgress } from '../../nps/nps-columns';
import { loadColumns, type CacheDamage, type FreshColumn, type LoadedColumn } from '../../segments/columns';

export interface WaveData {
  columns: WaveColumn[];
  nps: WaveNps | null;
  /** Columns decoded from the table (not found in the column cache), for the job to keep in the cache. */
  fresh: FreshColumn[];
  /** Cache entries a helper thread found damaged (and read from the table instead), for the result's warnings. */
  damage?: CacheDamage[];
}

export interface WaveRequest {
  /** Columns to compare, in order. */
  columns: StoredColumn[];
  nps: StoredColumn | null;
  mix: StoredColumn | null;
}

function gatherF64(values: Float64Array, pick: Int32Array | null): Float64Array {
  if (!pick) return values;
  const out = new Float64Array(pick.length);
  for (let i = 0; i < pick.length; i++) out[i] = values[pick[i]];
  return out;
}

/** Category labels and codes of a loaded column (text, yes/no, or numbers read as labels) at the wave's rows. */
export function codedOf(c: LoadedColumn, pick: Int32Array | null): { levels: string[]; codes: Int32Array } {
  if (c.kind === 'categorical') {
    if (!pick) return { levels: c.levels, codes: c.codes };
    const codes = new Int32Array(pick.length);
    for (let i = 0; i < pick.length; i++) codes[i] = c.codes[pick[i]];
    return { levels: c.levels, codes };
  }
  const values = gatherF64(c.values, pick);
  const labels = c.column.booleanLabels;
  const seen = new Map<number, number>();
  const levels: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = levels.length;
      seen.set(v, code);
      levels.push(labels ? (v === 1 ? labels.true : v === 0 ? labels.false : String(v)) : String(v));
    }
    codes[i] = code;
  }
  return { levels, codes };
}

/** The loaded columns of a dataset, by name (every row: a period picks its rows afterwards). */
export function loadForWaves(db: Db, ds: StoredDataset, columns: StoredColumn[], ctx: LoadProgress): { byName: Map<string, LoadedColumn>; fresh: FreshColumn[] } {
  const unique = [...new Map(columns.map((c) => [c.index, c])).values()];
  const data = loadColumns(db, ds, unique, loadProgress(ctx));
  if (data.rows.length !== ds.rows) throw new AppError('INTERNAL', `dataset "${ds.name}" loaded ${data.rows.length} of ${ds.rows} rows`);
  return { byName: new Map(data.columns.map((c) => [c.column.name, c])), fresh: data.fresh };
}

/**
 * One wave (rows `pick` of the loaded dataset, or all) reduced for the comparison. `exclusive`: the loaded columns
 * serve this wave alone (not also the other period of the same dataset), so a numeric column that is not also the
 * NPS or mix column, nor waiting to be kept in the column cache (`fresh`), is sorted in place instead of copied.
 */
export function reduceWave(
  ds: StoredDataset,
  loaded: Map<string, LoadedColumn>,
  pick: Int32Array | null,
  req: WaveRequest,
  ctx: LoadProgress,
  exclusive: { fresh: FreshColumn[] } | null = null,
): Omit<WaveData, 'fresh'> {
  const rows = pick ? pick.length : ds.rows;
  const kept = new Set(exclusive ? exclusive.fresh.map((f) => f.data.buffer) : []);
  const sharedNames = new Set([req.nps?.name, req.mix?.name]);
  // A picked wave is gathered into a new array; the whole dataset's array only when nothing else reads it.
  const owned = (c: LoadedColumn & { kind: 'numeric' }) => pick !== null || (exclusive !== null && !kept.has(c.values.buffer) && !sharedNames.has(c.column.name));
  const columns = req.columns.map((col, i) => {
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while comparing the waves.');
    ctx.onProgress({ phase: 'compare', done: i, total: req.columns.length });
    const c = loaded.get(col.name)!;
    if (c.kind === 'numeric' && c.column.type !== 'boolean') return numericWaveColumn(col.name, gatherF64(c.values, pick), rows, c.column.type === 'integer', owned(c));
    const coded = codedOf(c, pick);
    return categoricalWaveColumn(col.name, coded.levels, coded.codes, rows);
  });
  let nps: WaveNps | null = null;
  if (req.nps) {
    const c = loaded.get(req.nps.name)!;
    if (c.kind !== 'numeric') throw new AppError('INTERNAL', `score column "${req.nps.name}" was expected to load as numbers`);
    const scores = readScores(gatherF64(c.values, pick), undefined, { dataset: ds.name, column: req.nps.name, rowOf: (i) => (pick ? pick[i] : i) + 1 }).scores;
    const mix = req.mix ? codedOf(loaded.get(req.mix.name)!, pick) : null;
    nps = { scores, levels: mix ? mix.levels : [], codes: mix ? mix.codes : null };
  }
  return { columns, nps };
}

/** Read and reduce a whole dataset as one wave. */
export function readWave(db: Db, ds: StoredDataset, req: WaveRequest, ctx: LoadProgress): WaveData {
  const all = [...req.columns, ...(req.nps ? [req.nps] : []), ...(req.mix ? [req.mix] : [])];
  const loaded = loadForWaves(db, ds, all, ctx);
  return { ...reduceWave(ds, loaded.byName, null, req, ctx, { fresh: loaded.fresh }), fresh: loaded.fresh };
}
