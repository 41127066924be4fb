// CSV helpers for the NPS tests' independent recounts, on the tests' own RFC 4180 reader (deliberately not the
// app's parser, so a recount does not share its code).
import { parseCsv } from '../demo/csv';

/** Records keyed by header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Promoters, passives, detractors and NPS of 0–10 scores, counted the obvious way. */
export function recount(scores: number[]): { n: number; promoters: number; passives: number; detractors: number; nps: number | null } {
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const n = scores.length;
  return { n, promoters, passives: n - promoters - detractors, detractors, nps: n ? (100 * (promoters - detractors)) / n : null };
}
