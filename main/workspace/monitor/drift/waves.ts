// The two waves a drift spec names: two datasets, or the rows of one dataset whose date falls in each of two
// inclusive ranges of calendar days. Which columns both waves have, and which are left out and why.
import { AppError } from '../../../../shared/errors';
import type { DriftSkipped, DriftSpec } from '../../../../shared/monitor-drift';
import type { Db } from '../../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../../datasets';
import { readTimes, resolveColumn, timeColumn, type LoadProgress } from '../../nps/nps-columns';

export interface Wave {
  label: string;
  ds: StoredDataset;
  /** Row indexes (into the dataset's loaded arrays) of this wave; null = every row. */
  pick: Int32Array | null;
  rows: number;
}

export interface Waves {
  mode: 'datasets' | 'period';
  reference: Wave;
  current: Wave;
  warnings: string[];
}

const DAY_MS = 86_400_000;
const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const n = (x: number) => x.toLocaleString('en-US');

function pickRange(ms: Float64Array, [a, b]: [string, string]): Int32Array {
  const lo = dayStart(a);
  const hi = dayStart(b) + DAY_MS;
  const out: number[] = [];
  for (let i = 0; i < ms.length; i++) if (ms[i] >= lo && ms[i] < hi) out.push(i);
  return Int32Array.from(out);
}

export function resolveWaves(db: Db, spec: DriftSpec, ctx: LoadProgress): Waves {
  if (spec.reference !== undefined && spec.current !== undefined) {
    if (spec.reference === spec.current) throw new AppError('BAD_ARGUMENTS', `The reference and current waves are the same dataset ("${spec.reference}"): name two datasets, or split one by --period.`);
    const ref = getDataset(db, spec.reference);
    const cur = getDataset(db, spec.current);
    return { mode: 'datasets', reference: { label: ref.name, ds: ref, pick: null, rows: ref.rows }, current: { label: cur.name, ds: cur, pick: null, rows: cur.rows }, warnings: [] };
  }
  const ds = getDataset(db, spec.dataset!);
  const col = timeColumn(ds, spec.period!, 'period column');
  const times = readTimes(db, ds, col, ctx);
  const warnings: string[] = [];
  if (times.unreadable > 0) warnings.push(`${n(times.unreadable)} values of "${col.name}" are not dates (e.g. "${times.example}") and belong to neither wave.`);
  const waves = (['referenceRange', 'currentRange'] as const).map((key) => {
    const r = spec[key]!;
    const pick = pickRange(times.ms, r);
    const which = key === 'referenceRange' ? 'reference' : 'current';
    if (pick.length === 0) {
      throw new AppError('BAD_ARGUMENTS', `No row of "${ds.name}" has a "${col.name}" from ${r[0]} to ${r[1]}, so the ${which} wave is empty. Check the range (--${which}-range A..B).`, {
        dataset: ds.name,
        columnName: col.name,
      });
    }
    return { label: `${ds.name} ${r[0]}..${r[1]}`, ds, pick, rows: pick.length };
  });
  return { mode: 'period', reference: waves[0], current: waves[1], warnings };
}

export interface Pair {
  name: string;
  ref: StoredColumn;
  cur: StoredColumn;
}

const kindOf = (c: StoredColumn) => (c.type === 'integer' || c.type === 'real' ? 'number' : c.type);

function skipReason(ref: StoredColumn, cur: StoredColumn, spec: DriftSpec): string | null {
  for (const c of [ref, cur]) {
    if (c.role === 'pii' || c.piiAction !== 'keep') return 'personal data (marked PII, or pseudonymised at import): never compared by value';
  }
  if (spec.period !== undefined && ref.name === spec.period) return 'the period column that splits the waves';
  if (ref.role === 'id' || cur.role === 'id') return 'an identifier (role “id”): its values differ between waves by design';
  if (ref.role === 'ignore' || cur.role === 'ignore') return 'marked “ignore” on the Data view';
  if (ref.type === 'date' || ref.type === 'datetime') return 'a date or time: the waves differ in time by design';
  if (kindOf(ref) !== kindOf(cur)) return `its type differs between the waves (${ref.type} in the reference, ${cur.type} in the current wave)`;
  return null;
}

/** The columns to compare (by name in both waves) and those left out, with the reason. */
export function pairColumns(waves: Waves, spec: DriftSpec): { pairs: Pair[]; skipped: DriftSkipped[] } {
  const ref = waves.reference.ds;
  const cur = waves.current.ds;
  const names = spec.columns ?? [...ref.columns.map((c) => c.name), ...cur.columns.filter((c) => !ref.columns.some((r) => r.name === c.name)).map((c) => c.name)];
  const pairs: Pair[] = [];
  const skipped: DriftSkipped[] = [];
  for (const name of names) {
    const r = ref.columns.find((c) => c.name === name);
    const c = cur.columns.find((x) => x.name === name);
    if (!r || !c) {
      // A named column must exist in at least one wave; one missing in a wave is a finding, not an error.
      if (spec.columns && !r && !c) resolveColumn(ref, name, 'column to compare');
      skipped.push({ name, reason: r ? `only in the reference wave ("${ref.name}")` : `only in the current wave ("${cur.name}")` });
      continue;
    }
    const reason = skipReason(r, c, spec);
    if (reason) skipped.push({ name, reason });
    else pairs.push({ name, ref: r, cur: c });
  }
  return { pairs, skipped };
}
