// The Segments view's charts as tables and one-sentence summaries (unit-tested), from the same data the traces are
// drawn from (renderer/views/segments/charts.tsx): the k sweep, the PCA scatter (per segment: its dots' centre and
// spread — thousands of dots make no table), the profile heatmap, the sizes and the migration between two
// segmentations. No React, no Plotly.
import type { KRecommendation, KScore, MigrationMatrix, ProjectionPoints, SegmentCard } from '../../shared/segments';
import { type ChartTableData, count, extremes, listWords, plural, signedNumber } from './chart-table';

const label = (s: Pick<SegmentCard, 'index' | 'name'>) => `${s.index + 1} · ${s.name}`;
/** A segment name in a sentence: quoted, since suggested names hold "·" and several words ("High spend · App users"). */
const q = (name: string) => `“${name}”`;

// ------------------------------------------------------------------ k sweep

export function kSweepTable(scores: KScore[], recommendation: KRecommendation | null): ChartTableData {
  const rows = [...scores].sort((a, b) => a.k - b.k);
  const stability = rows.some((r) => r.minStability !== undefined);
  return {
    columns: [
      { label: 'k', kind: 'count' },
      ...(stability ? [{ label: 'Least stable segment (Jaccard)', kind: 'number' as const, digits: 2 }] : []),
      { label: 'Silhouette', kind: 'number', digits: 3 },
      { label: 'Calinski–Harabasz', kind: 'number', digits: 1 },
      { label: 'Davies–Bouldin', kind: 'number', digits: 3 },
      { label: 'Inertia', kind: 'number', digits: 1 },
      { label: 'Recommended', kind: 'text' },
    ],
    rows: rows.map((r) => [r.k, ...(stability ? [r.minStability ?? null] : []), r.silhouette, r.calinskiHarabasz, r.daviesBouldin, r.inertia, r.k === recommendation?.k ? 'recommended' : '']),
  };
}

export function kSweepSummary(scores: KScore[], recommendation: KRecommendation | null): string {
  const rows = [...scores].sort((a, b) => a.k - b.k);
  if (rows.length === 0) return 'No k was tried.';
  const span = rows.length === 1 ? `k = ${rows[0].k}` : `k = ${rows[0].k} to ${rows[rows.length - 1].k}`;
  const best = rows[extremes(rows.map((r) => r.silhouette))!.max];
  if (!recommendation) return `${span} tried; no k is recommended; the highest silhouette is at k = ${best.k} (${best.silhouette.toFixed(3)}).`;
  const rec = rows.find((r) => r.k === recommendation.k);
  const stable = rec?.minStability !== undefined ? `, least stable segment ${rec.minStability.toFixed(2)}` : '';
  return `k = ${recommendation.k} is recommended of ${span}${rec ? ` (silhouette ${rec.silhouette.toFixed(3)}${stable})` : ''}; the highest silhouette is at k = ${best.k} (${best.silhouette.toFixed(3)}).`;
}

// ------------------------------------------------------------------ PCA scatter

interface Spread {
  n: number;
  meanX: number;
  meanY: number;
  sdX: number | null;
  sdY: number | null;
}

/** Per segment index: dots drawn, mean and (sample) standard deviation on each component. */
export function projectionSpread(p: ProjectionPoints): Map<number, Spread> {
  const acc = new Map<number, { n: number; sx: number; sy: number; sxx: number; syy: number }>();
  for (let i = 0; i < p.x.length; i++) {
    const a = acc.get(p.segment[i]) ?? { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0 };
    a.n++;
    a.sx += p.x[i];
    a.sy += p.y[i];
    a.sxx += p.x[i] * p.x[i];
    a.syy += p.y[i] * p.y[i];
    acc.set(p.segment[i], a);
  }
  const out = new Map<number, Spread>();
  for (const [s, a] of acc) {
    const sd = (sum: number, sq: number) => (a.n > 1 ? Math.sqrt(Math.max(0, (sq - (sum * sum) / a.n) / (a.n - 1))) : null);
    out.set(s, { n: a.n, meanX: a.sx / a.n, meanY: a.sy / a.n, sdX: sd(a.sx, a.sxx), sdY: sd(a.sy, a.syy) });
  }
  return out;
}

export function projectionTable(p: ProjectionPoints, segments: SegmentCard[]): ChartTableData {
  const spread = projectionSpread(p);
  return {
    note: `One row per segment: where its dots sit (mean) and how far they spread (standard deviation) on each component; ${plural(p.x.length, 'dot')} drawn.`,
    columns: [
      { label: 'Segment', kind: 'text' },
      { label: 'Dots drawn', kind: 'count' },
      { label: 'Component 1 mean', kind: 'number' },
      { label: 'Component 2 mean', kind: 'number' },
      { label: 'Component 1 SD', kind: 'number' },
      { label: 'Component 2 SD', kind: 'number' },
    ],
    rows: segments.map((s) => {
      const v = spread.get(s.index);
      return [label(s), v?.n ?? 0, v?.meanX ?? null, v?.meanY ?? null, v?.sdX ?? null, v?.sdY ?? null];
    }),
  };
}

export function projectionSummary(p: ProjectionPoints, segments: SegmentCard[]): string {
  const spread = projectionSpread(p);
  const shown = segments.filter((s) => spread.has(s.index));
  const explained = Math.round((p.explained[0] + p.explained[1]) * 100);
  const head = `${plural(p.x.length, 'customer')} in ${plural(shown.length, 'segment')} on two components that explain ${explained}% of the variation`;
  if (shown.length < 2) return `${head}.`;
  const e = extremes(shown.map((seg) => spread.get(seg.index)!.meanX))!;
  const at = (seg: SegmentCard) => spread.get(seg.index)!.meanX.toFixed(2);
  return `${head}; along component 1 the segments' centres run from ${q(shown[e.min].name)} (${at(shown[e.min])}) to ${q(shown[e.max].name)} (${at(shown[e.max])}).`;
}

// ------------------------------------------------------------------ heatmap

export function heatmapTable(features: string[], z: number[][], segments: SegmentCard[]): ChartTableData {
  return {
    columns: [{ label: 'Segment', kind: 'text' }, ...features.map((f) => ({ label: f, kind: 'signed' as const, digits: 2 }))],
    rows: segments.map((seg, i) => [label(seg), ...features.map((_, j) => z[i]?.[j] ?? null)]),
  };
}

/** "The largest difference is Loyal's monthly_spend, 2.10 SD above average; the largest below is …" */
export function heatmapSummary(features: string[], z: number[][], segments: SegmentCard[]): string {
  let hi: { i: number; j: number } | null = null;
  let lo: { i: number; j: number } | null = null;
  z.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || i >= segments.length || j >= features.length) return;
      if (!hi || v > z[hi.i][hi.j]) hi = { i, j };
      if (!lo || v < z[lo.i][lo.j]) lo = { i, j };
    }),
  );
  if (!hi || !lo) return 'No profile to show.';
  const h = hi as { i: number; j: number };
  const l = lo as { i: number; j: number };
  const words = (c: { i: number; j: number }) => `${features[c.j]} in ${q(segments[c.i].name)} (${signedNumber(z[c.i][c.j], 2)} SD)`;
  return `Across ${plural(segments.length, 'segment')} and ${plural(features.length, 'feature')}, the furthest above average is ${words(h)} and the furthest below is ${words(l)}.`;
}

// ------------------------------------------------------------------ sizes

export function sizesTable(segments: SegmentCard[]): ChartTableData {
  const ordered = [...segments].sort((a, b) => a.index - b.index);
  return {
    columns: [
      { label: 'Segment', kind: 'text' },
      { label: 'Customers', kind: 'count' },
      { label: 'Share', kind: 'percent' },
    ],
    rows: ordered.map((seg) => [label(seg), seg.size, seg.share * 100]),
  };
}

export function sizesSummary(segments: SegmentCard[]): string {
  if (segments.length === 0) return 'No segments.';
  const total = segments.reduce((a, b) => a + b.size, 0);
  const e = extremes(segments.map((x) => x.size))!;
  const big = segments[e.max];
  const small = segments[e.min];
  const pctOf = (v: SegmentCard) => `${(v.share * 100).toFixed(1)}%`;
  if (segments.length === 1) return `One segment of ${plural(total, 'customer')}.`;
  return `${segments.length} segments of ${plural(total, 'customer')}: the largest is ${q(big.name)} with ${count(big.size)} (${pctOf(big)}), the smallest ${q(small.name)} with ${count(small.size)} (${pctOf(small)}).`;
}

// ------------------------------------------------------------------ migration

export function migrationTable(m: MigrationMatrix): ChartTableData {
  const rows = m.counts.flatMap((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.flatMap((c, j) => (c > 0 ? [[m.fromSegments[i], m.toSegments[j], c, total > 0 ? (100 * c) / total : null]] : []));
  });
  return {
    columns: [
      { label: `From (${m.from})`, kind: 'text' },
      { label: `To (${m.to})`, kind: 'text' },
      { label: 'Customers', kind: 'count' },
      { label: 'Share of the from-segment', kind: 'percent' },
    ],
    rows,
  };
}

export function migrationSummary(m: MigrationMatrix): string {
  const flows = m.counts.flatMap((row, i) => row.map((c, j) => ({ i, j, c, total: row.reduce((a, b) => a + b, 0) }))).filter((f) => f.c > 0);
  if (flows.length === 0) return `No customer of ${m.from} was matched in ${m.to}.`;
  const biggest = flows.reduce((a, b) => (b.c > a.c ? b : a));
  const kept = m.fromSegments.map((_, i) => {
    const row = flows.filter((f) => f.i === i);
    return row.length ? row.reduce((a, b) => (b.c > a.c ? b : a)) : null;
  });
  const split = kept.filter((f) => f && f.c / f.total < 0.5).map((f) => m.fromSegments[f!.i]);
  return `${plural(m.matched, 'customer')} matched by id move along ${plural(flows.length, 'flow')}; the largest is ${q(m.fromSegments[biggest.i])} → ${q(m.toSegments[biggest.j])} with ${count(biggest.c)} (${Math.round((100 * biggest.c) / biggest.total)}% of ${q(m.fromSegments[biggest.i])})${
    split.length ? `; no single destination takes half of ${listWords(split.map(q))}` : '; each segment sends at least half of its customers to one segment'
  }.`;
}
