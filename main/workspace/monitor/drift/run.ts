// The 'drift.run' job: read the columns both waves have (through the segmentation data path: numbers from the
// column cache, text as dictionary codes), compare each (main/analysis/monitor/drift), judge them, and, with an NPS
// column, the NPS change and its mix check. Read-only on the workspace.
import { AppError } from '../../../../shared/errors';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftResult, type DriftSkipped, type DriftSpec, type DriftThresholds } from '../../../../shared/monitor-drift';
import { compareCategorical, compareNumeric, presentSorted, type ColumnComparison } from '../../../analysis/monitor/drift/compare-column';
import { judgeColumns } from '../../../analysis/monitor/drift/judge';
import { npsChange, type NpsWave } from '../../../analysis/monitor/drift/nps-mix';
import { zForLevel } from '../../../analysis/nps/distributions';
import { readScores } from '../../../analysis/nps/scores';
import type { Db } from '../../db';
import type { StoredColumn, StoredDataset } from '../../datasets';
import { loadProgress, resolveColumn, scoreColumn, type LoadProgress } from '../../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../../segments/columns';
import { pairColumns, resolveWaves, type Wave } from './waves';

/** A text column with more distinct values than this is free text, not categories. */
export const MAX_CATEGORIES = 1000;
/** ID-like: at least this many distinct values… */
const ID_MIN_DISTINCT = 50;
/** …covering at least this share of the rows that have a value. */
const ID_DISTINCT_SHARE = 0.9;

const n = (x: number) => x.toLocaleString('en-US');

/** A wave's view of a loaded column: its values at the wave's rows. */
function gatherF64(values: Float64Array, pick: Int32Array | null): Float64Array {
  if (!pick) return values;
  const out = new Float64Array(pick.length);
  for (let i = 0; i < pick.length; i++) out[i] = values[pick[i]];
  return out;
}
function gatherI32(values: Int32Array, pick: Int32Array | null): Int32Array {
  if (!pick) return values;
  const out = new Int32Array(pick.length);
  for (let i = 0; i < pick.length; i++) out[i] = values[pick[i]];
  return out;
}

/** Category labels and codes of a loaded column (text, yes/no, or a number read as a label). */
interface Coded {
  levels: string[];
  codes: Int32Array;
}
function codedOf(c: LoadedColumn, pick: Int32Array | null): Coded {
  if (c.kind === 'categorical') return { levels: c.levels, codes: gatherI32(c.codes, pick) };
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

/** Both waves' codes mapped onto one list of levels (reference levels first). */
function unify(a: Coded, b: Coded): { levels: string[]; ref: Int32Array; cur: Int32Array } {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const map = (c: Coded) => {
    const to = c.levels.map((l) => {
      let k = index.get(l);
      if (k === undefined) {
        k = levels.length;
        index.set(l, k);
        levels.push(l);
      }
      return k;
    });
    const out = new Int32Array(c.codes.length);
    for (let i = 0; i < c.codes.length; i++) out[i] = c.codes[i] < 0 ? -1 : to[c.codes[i]];
    return out;
  };
  const ref = map(a);
  const cur = map(b);
  return { levels, ref, cur };
}

function countCodes(codes: Int32Array, levels: number): number[] {
  const out = new Array<number>(levels).fill(0);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) out[codes[i]]++;
  return out;
}

function allDistinct(sorted: Float64Array): boolean {
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

interface Loaded {
  ds: StoredDataset;
  byName: Map<string, LoadedColumn>;
}

function load(db: Db, ds: StoredDataset, columns: StoredColumn[], ctx: LoadProgress): Loaded {
  const unique = [...new Map(columns.map((c) => [c.index, c])).values()];
  const data = loadColumns(db, ds, unique, loadProgress(ctx));
  if (data.rows.length !== ds.rows) throw new AppError('INTERNAL', `dataset "${ds.name}" loaded ${data.rows.length} of ${ds.rows} rows`);
  return { ds, byName: new Map(data.columns.map((c) => [c.column.name, c])) };
}

function compareOne(name: string, refCol: LoadedColumn, curCol: LoadedColumn, ref: Wave, cur: Wave): ColumnComparison | DriftSkipped {
  const numeric = refCol.kind === 'numeric' && refCol.column.type !== 'boolean' && curCol.kind === 'numeric' && curCol.column.type !== 'boolean';
  if (numeric) {
    const a = presentSorted(gatherF64(refCol.values, ref.pick));
    const b = presentSorted(gatherF64(curCol.values, cur.pick));
    if (a.length === 0 || b.length === 0) return { name, reason: `no values in the ${a.length === 0 ? 'reference' : 'current'} wave` };
    if (refCol.column.type === 'integer' && a.length >= ID_MIN_DISTINCT && allDistinct(a)) return { name, reason: `ID-like: all ${n(a.length)} whole numbers of the reference wave differ` };
    return compareNumeric(name, a, b, ref.rows, cur.rows);
  }
  const u = unify(codedOf(refCol, ref.pick), codedOf(curCol, cur.pick));
  const refCounts = countCodes(u.ref, u.levels.length);
  const curCounts = countCodes(u.cur, u.levels.length);
  const refPresent = refCounts.reduce((s, v) => s + v, 0);
  const curPresent = curCounts.reduce((s, v) => s + v, 0);
  if (refPresent === 0 || curPresent === 0) return { name, reason: `no values in the ${refPresent === 0 ? 'reference' : 'current'} wave` };
  const distinctRef = refCounts.filter((v) => v > 0).length;
  if (distinctRef >= ID_MIN_DISTINCT && distinctRef >= ID_DISTINCT_SHARE * refPresent) return { name, reason: `ID-like: ${n(distinctRef)} distinct values in ${n(refPresent)} reference rows` };
  if (u.levels.length > MAX_CATEGORIES) return { name, reason: `free text or codes: ${n(u.levels.length)} distinct values, more than the ${n(MAX_CATEGORIES)} categories compared` };
  return compareCategorical(name, u.levels, refCounts, curCounts, ref.rows, cur.rows);
}

function thresholdsOf(spec: DriftSpec): DriftThresholds {
  const t = { ...DEFAULT_DRIFT_THRESHOLDS, ...spec.thresholds };
  if (t.psiModerate > t.psiMajor) throw new AppError('BAD_ARGUMENTS', `The moderate PSI band (${t.psiModerate}) must start at or below the major one (${t.psiMajor}).`);
  return t;
}

export function runDrift(db: Db, spec: DriftSpec, ctx: LoadProgress): DriftResult {
  const thresholds = thresholdsOf(spec);
  const level = spec.level ?? 0.95;
  const waves = resolveWaves(db, spec, ctx);
  const { reference: ref, current: cur } = waves;
  const warnings = [...waves.warnings];
  const { pairs, skipped } = pairColumns(waves, spec);
  const npsRef = spec.nps !== undefined ? scoreColumn(ref.ds, spec.nps) : null;
  const npsCur = spec.nps !== undefined ? scoreColumn(cur.ds, spec.nps) : null;
  const mixRef = spec.mix !== undefined ? resolveColumn(ref.ds, spec.mix, 'mix column') : null;
  const mixCur = spec.mix !== undefined ? resolveColumn(cur.ds, spec.mix, 'mix column') : null;
  const extra = (a: StoredColumn | null) => (a ? [a] : []);
  const loadedRef = load(db, ref.ds, [...pairs.map((p) => p.ref), ...extra(npsRef), ...extra(mixRef)], ctx);
  const loadedCur = waves.mode === 'period' ? loadedRef : load(db, cur.ds, [...pairs.map((p) => p.cur), ...extra(npsCur), ...extra(mixCur)], ctx);

  const compared: ColumnComparison[] = [];
  pairs.forEach((p, i) => {
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while comparing the waves.');
    ctx.onProgress({ phase: 'compare', done: i, total: pairs.length });
    const out = compareOne(p.name, loadedRef.byName.get(p.ref.name)!, loadedCur.byName.get(p.cur.name)!, ref, cur);
    if ('reason' in out) skipped.push(out);
    else compared.push(out);
  });
  const judged = judgeColumns(compared, ref.rows, cur.rows, thresholds);

  let nps: DriftResult['nps'];
  if (npsRef && npsCur) {
    const readWave = (loaded: typeof loadedRef, w: Wave, col: StoredColumn) => {
      const c = loaded.byName.get(col.name)!;
      if (c.kind !== 'numeric') throw new AppError('INTERNAL', `score column "${col.name}" was expected to load as numbers`);
      const values = gatherF64(c.values, w.pick);
      return readScores(values, undefined, { dataset: w.ds.name, column: col.name, rowOf: (i) => (w.pick ? w.pick[i] : i) + 1 }).scores;
    };
    const refScores = readWave(loadedRef, ref, npsRef);
    const curScores = readWave(loadedCur, cur, npsCur);
    let levels: string[] = [];
    let groups: [Int32Array, Int32Array] | null = null;
    if (mixRef && mixCur) {
      const u = unify(codedOf(loadedRef.byName.get(mixRef.name)!, ref.pick), codedOf(loadedCur.byName.get(mixCur.name)!, cur.pick));
      if (u.levels.length > 100) {
        throw new AppError('BAD_ARGUMENTS', `The mix column "${mixRef.name}" has ${n(u.levels.length)} distinct values: the mix check needs a grouping such as a channel or collection context (at most 100 groups).`, {
          columnName: mixRef.name,
        });
      }
      levels = u.levels;
      groups = [u.ref, u.cur];
    }
    const refWave: NpsWave = { scores: refScores, groups: groups ? groups[0] : null };
    const curWave: NpsWave = { scores: curScores, groups: groups ? groups[1] : null };
    const r = npsChange(npsRef.name, mixRef ? mixRef.name : null, levels, refWave, curWave, zForLevel(level), level, warnings);
    if (!r) warnings.push(`"${npsRef.name}" has no answers in one of the waves, so there is no NPS change to report.`);
    else nps = r;
  }
  return {
    spec,
    mode: waves.mode,
    reference: { label: ref.label, rows: ref.rows },
    current: { label: cur.label, rows: cur.rows },
    judgedBy: judged.judgedBy,
    thresholds,
    columns: judged.columns,
    skipped,
    drifted: judged.drifted,
    total: judged.total,
    datasetDrifted: judged.datasetDrifted,
    verdict: judged.verdict,
    ...(nps ? { nps } : {}),
    warnings,
  };
}
