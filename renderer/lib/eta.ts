// Time left of a running job, from how long it has run and how much of it is done: elapsed × (1 − f) / f, i.e.
// the rest is assumed to go at the average pace so far. Only shown once it means something: after 2 s (start-up
// costs dominate before) and 5% (one early stage would otherwise set the pace for the whole job).
export const ETA_MIN_ELAPSED_MS = 2000;
export const ETA_MIN_FRACTION = 0.05;

/** Milliseconds left, or null while an estimate would be noise (too early, too little done, or already done). */
export function estimateRemainingMs(elapsedMs: number, fraction: number): number | null {
  if (!(elapsedMs >= ETA_MIN_ELAPSED_MS) || !(fraction >= ETA_MIN_FRACTION) || !(fraction < 1)) return null;
  return (elapsedMs * (1 - fraction)) / fraction;
}

/** "a few seconds left", "about 25 s left", "about 3 min left", "about 1 h 5 min left": rounded, never falsely exact. */
export function formatRemaining(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return 'a few seconds left';
  if (s < 57.5) return `about ${Math.round(s / 5) * 5} s left`;
  const min = Math.max(1, Math.round(s / 60));
  if (min < 60) return `about ${min} min left`;
  const h = Math.floor(min / 60);
  const rest = min - h * 60;
  return `about ${h} h${rest ? ` ${rest} min` : ''} left`;
}

/** The share of the job done: the job's own whole-job fraction when it sends one, else the current step's done/total. */
export function fractionDone(p: { done: number; total: number | null; fraction?: number }): number | null {
  if (p.fraction !== undefined && Number.isFinite(p.fraction)) return Math.min(1, Math.max(0, p.fraction));
  if (p.total && p.total > 0) return Math.min(1, Math.max(0, p.done / p.total));
  return null;
}
