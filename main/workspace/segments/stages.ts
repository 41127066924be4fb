// Whole-job progress for the segmentation jobs. Each job declares its stages in order with a rough relative cost
// (measured on 1M rows × 10 features, see README "Benchmarks": reading 0.1–0.7 s, preprocessing 0.3 s, one
// k-means ~1 s, a sweep k ~1.5 s growing with k, metrics/cards/projection/save ~0.1 s each); every progress
// report is then tagged with the fraction of the whole job done, so the bar shows one real percentage and the
// view can estimate the time left. A stage's own done/total moves the fraction within the stage; the fraction
// never goes backwards.
import type { Progress } from './prepare';

export interface Stage {
  /** The phase name the job reports (load, preprocess, sweep, kmeans, …). */
  phase: string;
  /** Relative cost. */
  weight: number;
  /** Share of the stage done for a report's done/total (default done / total). */
  within?: (done: number, total: number) => number;
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Wrap a job's progress so each report carries `fraction` (0–1 of the whole job) and its stage number. */
export function stagedProgress(ctx: Progress, stages: Stage[]): Progress {
  const total = stages.reduce((s, x) => s + x.weight, 0);
  const offsets: number[] = [];
  let acc = 0;
  for (const s of stages) {
    offsets.push(acc);
    acc += s.weight;
  }
  let last = 0;
  return {
    isCancelled: ctx.isCancelled,
    onProgress: (p) => {
      const i = stages.findIndex((s) => s.phase === p.phase);
      if (i < 0 || total <= 0) {
        ctx.onProgress({ ...p, fraction: last });
        return;
      }
      const st = stages[i];
      const within = p.total && p.total > 0 ? clamp01(st.within ? st.within(p.done, p.total) : p.done / p.total) : 0;
      last = Math.max(last, clamp01((offsets[i] + st.weight * within) / total));
      ctx.onProgress({ ...p, fraction: last, stage: i + 1, stages: stages.length });
    },
  };
}

/** Relative cost of one k of a sweep: k-means and the stability check grow about linearly with k. */
export const sweepKWeight = (k: number): number => 0.25 * k;

/** The sweep as one stage: `done` ks finished of the range [lo, hi], weighted by sweepKWeight. */
export function sweepStage(range: [number, number]): Stage {
  const [lo, hi] = range;
  let sum = 0;
  for (let k = lo; k <= hi; k++) sum += sweepKWeight(k);
  return {
    phase: 'sweep',
    weight: sum,
    within: (done) => {
      let part = 0;
      for (let k = lo; k < lo + done && k <= hi; k++) part += sweepKWeight(k);
      return sum > 0 ? part / sum : 0;
    },
  };
}

/** Stages of reading and preparing the features (prepare.ts). */
export const PREPARE_STAGES: Stage[] = [
  { phase: 'load', weight: 0.5 },
  { phase: 'preprocess', weight: 0.3 },
];

/** Stages after the clustering: metrics, cards, projection, save, and the wait for the stability helper. */
export const FINISH_STAGES: Stage[] = [
  { phase: 'metrics', weight: 0.2 },
  { phase: 'cards', weight: 0.1 },
  { phase: 'projection', weight: 0.15 },
  { phase: 'save', weight: 0.15 },
  { phase: 'stability', weight: 0.3 },
];
