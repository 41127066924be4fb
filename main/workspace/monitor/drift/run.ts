// The 'drift.run' job: read the columns both waves have (through the segmentation data path: numbers from the
// column cache, text as dictionary codes), reduce each wave (sorted values, category counts), compare column by
// column (main/analysis/monitor/drift), judge, and with an NPS column the NPS change and its mix check. Two datasets
// are read at once: the current wave on a helper thread (./wave-helper.ts) while this thread reads the reference.
// Reads the workspace; afterwards keeps the columns it decoded in the column cache (a writer job for that reason).
import { AppError } from '../../../../shared/errors';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftResult, type DriftSpec, type DriftThresholds } from '../../../../shared/monitor-drift';
import type { ColumnComparison } from '../../../analysis/monitor/drift/compare-column';
import { judgeColumns } from '../../../analysis/monitor/drift/judge';
import { npsChange } from '../../../analysis/monitor/drift/nps-mix';
import { compareWaveColumns, type WaveNps } from '../../../analysis/monitor/drift/wave-data';
import { zForLevel } from '../../../analysis/nps/distributions';
import { openWorkspaceDb, type Db } from '../../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../../datasets';
import { allColumnsCached, saveColumnCache, takeCacheDamage, type CacheDamage, type FreshColumn } from '../../segments/columns';
import { withCacheWarnings } from '../../../jobs/cache-damage';
import { phaseTimer, type PhaseTimer } from '../../segments/timings';
import { resolveColumn, scoreColumn, type LoadProgress } from '../../nps/nps-columns';
import { compareCachedPairs, type ColumnPair, type PairOutcome } from './column-pairs';
import { startPairsHelper, startWaveHelper } from './wave-helper';
import { loadForWaves, readWave, reduceWave, type WaveData, type WaveRequest } from './wave-read';
import { pairColumns, resolveWaves } from './waves';

const n = (x: number) => x.toLocaleString('en-US');
const JOB_BUSY_TIMEOUT_MS = 30 * 60_000;
/** More mix groups than this is not a channel or context. */
const MAX_MIX_GROUPS = 100;

function thresholdsOf(spec: DriftSpec): DriftThresholds {
  const t = { ...DEFAULT_DRIFT_THRESHOLDS, ...spec.thresholds };
  if (t.psiModerate > t.psiMajor) throw new AppError('BAD_ARGUMENTS', `The moderate PSI band (${t.psiModerate}) must start at or below the major one (${t.psiMajor}).`);
  return t;
}

/** Both waves' mix groups on one list of levels. */
function unifyMix(a: WaveNps, b: WaveNps): { levels: string[]; ref: Int32Array; cur: Int32Array } {
  const index = new Map<string, number>();
  const levels: string[] = [];
  const map = (w: WaveNps) => {
    const to = w.levels.map((l) => {
      let k = index.get(l);
      if (k === undefined) {
        k = levels.length;
        index.set(l, k);
        levels.push(l);
      }
      return k;
    });
    const out = new Int32Array(w.codes!.length);
    for (let i = 0; i < out.length; i++) out[i] = w.codes![i] < 0 ? -1 : to[w.codes![i]];
    return out;
  };
  const ref = map(a);
  const cur = map(b);
  return { levels, ref, cur };
}

interface Prepared {
  finish: () => Promise<{ result: DriftResult; fresh: { ds: StoredDataset; columns: FreshColumn[] }[]; damage: CacheDamage[] }>;
}

/** Everything that reads the workspace through `db` happens here, before the first await. */
function prepare(db: Db, workspacePath: string, spec: DriftSpec, ctx: LoadProgress, timer: PhaseTimer): Prepared {
  const thresholds = thresholdsOf(spec);
  const level = spec.level ?? 0.95;
  const waves = resolveWaves(db, spec, ctx);
  const { reference: ref, current: cur } = waves;
  const warnings = [...waves.warnings];
  const { pairs, skipped } = pairColumns(waves, spec);
  const npsOf = (w: typeof ref) => (spec.nps !== undefined ? scoreColumn(w.ds, spec.nps) : null);
  const mixOf = (w: typeof ref) => (spec.mix !== undefined ? resolveColumn(w.ds, spec.mix, 'mix column') : null);
  const refReq: WaveRequest = { columns: pairs.map((p) => p.ref), nps: npsOf(ref), mix: mixOf(ref) };
  const curReq: WaveRequest = { columns: pairs.map((p) => p.cur), nps: npsOf(cur), mix: mixOf(cur) };

  const cached = waves.mode !== 'period' && allColumnsCached(db, ref.ds, requested(refReq)) && allColumnsCached(db, cur.ds, requested(curReq));
  const gather = cached
    ? pairsFromCache(db, workspacePath, ref.ds, cur.ds, pairs, refReq, curReq, ctx)
    : waves.mode === 'period'
      ? periodWaves(db, ref, cur, refReq, curReq, ctx)
      : wholeWaves(db, workspacePath, ref.ds, cur.ds, refReq, curReq, ctx);
  timer.mark(cached ? 'columns compared on this thread (cached)' : 'reference wave (this thread)');

  const finish: Prepared['finish'] = async () => {
    const got = await gather();
    timer.mark(cached ? 'waiting for the helper thread' : 'waiting for the current wave (helper thread)');
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while comparing the waves.');
    const compared: ColumnComparison[] = [];
    for (const out of got.outcomes) {
      if ('reason' in out) skipped.push(out);
      else compared.push(out);
    }
    const judged = judgeColumns(compared, ref.rows, cur.rows, thresholds);
    let nps: DriftResult['nps'];
    if (got.refNps && got.curNps) {
      let levels: string[] = [];
      let groups: [Int32Array, Int32Array] | null = null;
      if (got.refNps.codes && got.curNps.codes) {
        const u = unifyMix(got.refNps, got.curNps);
        if (u.levels.length > MAX_MIX_GROUPS) {
          throw new AppError('BAD_ARGUMENTS', `The mix column "${spec.mix}" has ${n(u.levels.length)} distinct values: the mix check needs a grouping such as a channel or collection context (at most ${MAX_MIX_GROUPS} groups).`, {
            columnName: spec.mix,
          });
        }
        levels = u.levels;
        groups = [u.ref, u.cur];
      }
      const r = npsChange(spec.nps!, spec.mix ?? null, levels, { scores: got.refNps.scores, groups: groups?.[0] ?? null }, { scores: got.curNps.scores, groups: groups?.[1] ?? null }, zForLevel(level), level, warnings);
      if (!r) warnings.push(`"${spec.nps}" has no answers in one of the waves, so there is no NPS change to report.`);
      else nps = r;
    }
    const result: DriftResult = {
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
    timer.mark('compare');
    return { result, fresh: got.fresh, damage: got.damage };
  };
  return { finish };
}

/** What the comparison needs from the two waves, however they were read. */
interface Gathered {
  outcomes: PairOutcome[];
  refNps: WaveNps | null;
  curNps: WaveNps | null;
  fresh: { ds: StoredDataset; columns: FreshColumn[] }[];
  /** Damaged cache entries met on other threads or connections (this thread's are taken from its connection). */
  damage: CacheDamage[];
}

const requested = (r: WaveRequest): StoredColumn[] => [...r.columns, ...(r.nps ? [r.nps] : []), ...(r.mix ? [r.mix] : [])];

function compareWaves(refData: Pick<WaveData, 'columns'>, current: Pick<WaveData, 'columns'>): PairOutcome[] {
  return refData.columns.map((r, i) => compareWaveColumns(r, current.columns[i]));
}

/** Two periods of one dataset: loaded once, each period picked and reduced on this thread. */
function periodWaves(db: Db, ref: { ds: StoredDataset; pick: Int32Array | null }, cur: { ds: StoredDataset; pick: Int32Array | null }, refReq: WaveRequest, curReq: WaveRequest, ctx: LoadProgress): () => Promise<Gathered> {
  const loaded = loadForWaves(db, ref.ds, requested(refReq), ctx);
  const refData = reduceWave(ref.ds, loaded.byName, ref.pick, refReq, ctx);
  const current = reduceWave(cur.ds, loaded.byName, cur.pick, curReq, ctx);
  return () => Promise.resolve({ outcomes: compareWaves(refData, current), refNps: refData.nps, curNps: current.nps, fresh: [{ ds: ref.ds, columns: loaded.fresh }], damage: [] });
}

/** Two datasets read whole: the reference on this thread, the current one on a helper (decoding what is not cached). */
function wholeWaves(db: Db, workspacePath: string, refDs: StoredDataset, curDs: StoredDataset, refReq: WaveRequest, curReq: WaveRequest, ctx: LoadProgress): () => Promise<Gathered> {
  const helper = startWaveHelper({ workspacePath, dataset: curDs.name, columns: curReq.columns.map((c) => c.name), nps: curReq.nps?.name ?? null, mix: curReq.mix?.name ?? null });
  const stop = helper ? helper.stop : () => undefined;
  let refData: WaveData;
  try {
    refData = readWave(db, refDs, refReq, ctx);
  } catch (err) {
    stop();
    throw err;
  }
  const curData = helper ? helper.result : Promise.resolve(readWave(db, curDs, curReq, ctx));
  return async () => {
    const current = await curData.finally(stop);
    return { outcomes: compareWaves(refData, current), refNps: refData.nps, curNps: current.nps, fresh: [{ ds: refDs, columns: refData.fresh }, { ds: curDs, columns: current.fresh }], damage: current.damage ?? [] };
  };
}

/**
 * Every column of both datasets in the column cache: compared pair by pair (./column-pairs.ts), every other pair on a
 * helper thread. A cached column found damaged meanwhile sends the run back to reading whole waves.
 */
function pairsFromCache(
  db: Db,
  workspacePath: string,
  refDs: StoredDataset,
  curDs: StoredDataset,
  pairs: ColumnPair[],
  refReq: WaveRequest,
  curReq: WaveRequest,
  ctx: LoadProgress,
): () => Promise<Gathered> {
  const helperPairs = pairs.filter((_, i) => i % 2 === 1);
  const helper = helperPairs.length > 0 ? startPairsHelper({ workspacePath, reference: refDs.name, current: curDs.name, pairs: helperPairs.map((p) => [p.ref.name, p.cur.name]) }) : null;
  const stop = helper ? helper.stop : () => undefined;
  let mine: PairOutcome[] | null;
  let refNps: WaveNps | null;
  let curNps: WaveNps | null;
  try {
    mine = compareCachedPairs(db, refDs, curDs, helper ? pairs.filter((_, i) => i % 2 === 0) : pairs, ctx.isCancelled);
    const npsFromCache = (ds: StoredDataset, req: WaveRequest): WaveNps | null => {
      if (!req.nps) return null;
      const loaded = loadForWaves(db, ds, requested({ columns: [], nps: req.nps, mix: req.mix }), ctx);
      return reduceWave(ds, loaded.byName, null, { columns: [], nps: req.nps, mix: req.mix }, ctx).nps;
    };
    refNps = npsFromCache(refDs, refReq);
    curNps = npsFromCache(curDs, curReq);
  } catch (err) {
    stop();
    throw err;
  }
  return async () => {
    const theirs = helper ? await helper.result.finally(stop) : { outcomes: [], damage: [] };
    const theirsOut = theirs.outcomes;
    if (mine !== null && theirsOut !== null) {
      const outcomes: PairOutcome[] = [];
      let a = 0;
      let b = 0;
      pairs.forEach((_, i) => outcomes.push(helper && i % 2 === 1 ? theirsOut[b++] : mine![a++]));
      return { outcomes, refNps, curNps, fresh: [], damage: theirs.damage };
    }
    const again = openWorkspaceDb(workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
    let whole: () => Promise<Gathered>;
    let damage: CacheDamage[];
    try {
      whole = wholeWaves(again, workspacePath, refDs, curDs, refReq, curReq, ctx);
      damage = takeCacheDamage(again);
    } finally {
      again.close();
    }
    const got = await whole();
    return { ...got, damage: [...theirs.damage, ...damage, ...got.damage] };
  };
}

/**
 * Keep the columns this run decoded from the tables (text above all: 10 text columns of two 1M-row waves take
 * seconds to decode and milliseconds to read back) in the column cache, as segmentation does, keyed by the
 * dataset's row count and import so a changed dataset never reads them. Best effort: a cache that cannot be written
 * (a read-only file) costs speed on the next run, never the result.
 */
function keepInCache(workspacePath: string, fresh: { ds: StoredDataset; columns: FreshColumn[] }[]): void {
  const todo = fresh.filter((f) => f.columns.length > 0);
  if (todo.length === 0) return;
  try {
    const db = openWorkspaceDb(workspacePath, { skipIntegrityCheck: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
    try {
      db.transaction(() => {
        for (const f of todo) {
          const now = getDataset(db, f.ds.name);
          if (now.id === f.ds.id && now.rows === f.ds.rows && now.importedAt === f.ds.importedAt) saveColumnCache(db, now, f.columns);
        }
      })();
    } finally {
      db.close();
    }
  } catch {
    // Not cached this time; the next run decodes again.
  }
}

/** The job: its own read-only connection, closed as soon as this thread's reading is done. */
export async function runDriftJob(workspacePath: string, spec: DriftSpec, ctx: LoadProgress): Promise<DriftResult> {
  // CXW_TIMINGS=1 prints the phases to stderr (tests/bench/monitor/drift-bench.mjs shows them).
  const timer = phaseTimer();
  const db = openWorkspaceDb(workspacePath, { skipIntegrityCheck: true, readonly: true, busyTimeoutMs: JOB_BUSY_TIMEOUT_MS });
  let prepared: Prepared;
  let ownDamage: CacheDamage[] = [];
  try {
    timer.mark('open');
    prepared = prepare(db, workspacePath, spec, ctx, timer);
    ownDamage = takeCacheDamage(db);
  } finally {
    db.close();
  }
  const { result: found, fresh, damage } = await prepared.finish();
  // A cached column that failed its checksum was read from the table: the analyst hears of it in the result (the
  // host logs it with the run, services/results/save.ts), whichever thread met it.
  const result = withCacheWarnings(found, [...ownDamage, ...damage]);
  keepInCache(workspacePath, fresh);
  timer.mark('keep in the cache');
  timer.report('drift.run');
  return result;
}
