// Pure helpers for the NPS and key-driver charts (unit-tested): how NPS, intervals and p-values read, the category
// colours, the x range of a CI chart, how each group is drawn (reference, different, similar, small n), and the
// quadrant of the importance × performance chart. No Plotly, no React.
import type { NpsGroup, NpsSummary } from '../../shared/nps';
import { maxOf, minOf } from '../../shared/extent';

/** NPS −100…100 as "+16", "−4" or "0" (a true minus sign, readable on a projector). */
export function formatNps(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = Math.round(v);
  return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
}

/** One decimal for tables: "+31.4", "−2.7". */
export function formatNps1(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '—';
  const r = Math.round(v * 10) / 10;
  const s = Math.abs(r).toFixed(1);
  return r > 0 ? `+${s}` : r < 0 ? `−${s}` : '0.0';
}

/** A signed difference in points, "+19" / "−13". */
export const formatPoints = formatNps;

export function formatNpsCi(ci: [number, number] | null): string {
  return ci ? `${formatNps(ci[0])} to ${formatNps(ci[1])}` : '—';
}

/** "95%" for 0.95, "99.5%" for 0.995. */
export function levelLabel(level: number): string {
  const pct = Math.round(level * 1000) / 10;
  return `${pct}%`;
}

/** "+16 (95% CI +13 to +19), n = 2,792" — the headline sentence of an NPS. */
export function npsHeadline(s: NpsSummary, level: number): string {
  if (s.nps === null) return `no answers (n = 0)`;
  return `${formatNps(s.nps)} (${levelLabel(level)} CI ${formatNpsCi(s.ci)}), n = ${s.n.toLocaleString('en-US')}`;
}

/** p-values as analysts read them: "< 0.001", "0.032", "0.39". */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—';
  if (p < 0.001) return '< 0.001';
  if (p >= 0.995) return '1.00';
  if (p < 0.01) return p.toFixed(3);
  return p.toFixed(p < 0.1 ? 3 : 2);
}

/** "p < 0.001" / "p = 0.032". */
export function pPhrase(p: number): string {
  const f = formatP(p);
  return f.startsWith('<') ? `p ${f}` : `p = ${f}`;
}

export type NpsCategory = 'detractor' | 'passive' | 'promoter';

export function categoryOf(score: number): NpsCategory {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/** Okabe–Ito vermillion / grey / bluish green: distinguishable with the common colour-vision deficiencies. */
export function categoryColors(dark: boolean): Record<NpsCategory, string> {
  return dark ? { detractor: '#E8743B', passive: '#8A919E', promoter: '#2BB58C' } : { detractor: '#D55E00', passive: '#A7ADB7', promoter: '#009E73' };
}

export const CATEGORY_LABELS: Record<NpsCategory, string> = { detractor: 'Detractors (0–6)', passive: 'Passives (7–8)', promoter: 'Promoters (9–10)' };

/** Shares in % of n (0 when n = 0). */
export function mixShares(s: Pick<NpsSummary, 'n' | 'promoters' | 'passives' | 'detractors'>): Record<NpsCategory, number> {
  const n = s.n || 1;
  return { detractor: (100 * s.detractors) / n, passive: (100 * s.passives) / n, promoter: (100 * s.promoters) / n };
}

/**
 * An NPS axis range that holds every interval with a little room (for the labels beside them), snapped outwards to
 * tens and never wider than −100…100.
 */
export function npsRange(intervals: ([number, number] | null)[], values: (number | null)[] = [], pad = 8): [number, number] {
  const xs = [...intervals.flatMap((c) => (c ? c : [])), ...values.filter((v): v is number => v !== null && Number.isFinite(v))];
  if (xs.length === 0) return [-100, 100];
  const lo = Math.max(-100, Math.floor((minOf(xs) - pad) / 10) * 10);
  const hi = Math.min(100, Math.ceil((maxOf(xs) + pad) / 10) * 10);
  return lo < hi ? [lo, hi] : [Math.max(-100, lo - 10), Math.min(100, hi + 10)];
}

/** How a group is drawn against the reference. */
export type GroupStyle = 'reference' | 'higher' | 'lower' | 'similar' | 'small' | 'empty';

export function groupStyle(g: NpsGroup, reference: string | null): GroupStyle {
  if (g.nps === null || g.n === 0) return 'empty';
  if (g.small) return 'small';
  if (reference !== null && g.group === reference) return 'reference';
  if (g.vsReference?.significant) return g.vsReference.difference > 0 ? 'higher' : 'lower';
  return 'similar';
}

/** Text for Plotly labels: user values may hold "<", "&" (Plotly reads a subset of HTML). */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Break a long label onto lines of about `width` characters at spaces (Plotly's <br>), escaped. */
export function wrapLabel(s: string, width: number): string {
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map(escapeHtml).join('<br>');
}

// ------------------------------------------------------------------ key drivers

export const QUADRANT_TITLES = {
  'improve first': 'Improve first',
  'key strength': 'Key strengths',
  maintain: 'Maintain',
  'low priority': 'Low priority',
} as const;

/** A share with its sign: "40.7%"; the sign of the coefficient as "+" / "−" / "0". */
export function signLabel(sign: -1 | 0 | 1): string {
  return sign > 0 ? '+' : sign < 0 ? '−' : '0';
}

/**
 * Whether higher values of a driver go with a worse outcome: a negative coefficient, or a positive one when the
 * target is "is a detractor" (the only model where 1 is the worse outcome).
 */
export function againstOutcome(sign: -1 | 0 | 1, lowerIsBetter: boolean): boolean {
  return lowerIsBetter ? sign > 0 : sign < 0;
}

export function formatShare(share: number): string {
  return `${(Math.round(share * 10) / 10).toFixed(1)}%`;
}

// ------------------------------------------------------------------ point labels that do not collide

export interface LabelPlacement {
  /** Pixel offset of the label's centre from its point (Plotly annotation ax / ay: right and down are positive). */
  ax: number;
  ay: number;
  /** Drawn away from its point: connect them with a thin leader line. */
  leader: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const overlapArea = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

/**
 * Where to put each point's label so that no two labels overlap each other, a marker or a reserved area (the
 * quadrant titles), and all stay inside the plot: points are served in the given order (most important first),
 * each taking the first free spot among right, left, above, below and the diagonals, then the same further out
 * (with a leader line). When no spot is free, the one overlapping least. Pixel geometry from the axis ranges and
 * the plot area's size; label width from an average character width.
 */
export function placeLabels(
  points: { x: number; y: number; label: string }[],
  area: { width: number; height: number },
  ranges: { x: [number, number]; y: [number, number] },
  opts: { charWidth?: number; lineHeight?: number; marker?: number; reserved?: Box[] } = {},
): LabelPlacement[] {
  const charWidth = opts.charWidth ?? 7.8;
  const h = opts.lineHeight ?? 19;
  const r = opts.marker ?? 9;
  const px = (x: number) => ((x - ranges.x[0]) / (ranges.x[1] - ranges.x[0] || 1)) * area.width;
  const py = (y: number) => (1 - (y - ranges.y[0]) / (ranges.y[1] - ranges.y[0] || 1)) * area.height;
  const centres = points.map((p) => ({ x: px(p.x), y: py(p.y) }));
  const obstacles: Box[] = [...(opts.reserved ?? []), ...centres.map((c) => ({ x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r }))];
  const placed: Box[] = [];
  return points.map((p, i) => {
    const c = centres[i];
    const w = p.label.length * charWidth + 6;
    const gap = r + 4;
    // Centre offsets: right, left, above, below, then the four diagonals; each ring further out.
    const ring = (k: number) => {
      const dx = w / 2 + gap + (k - 1) * 26;
      const dy = h / 2 + gap + (k - 1) * 20;
      return [
        [dx, 0],
        [-dx, 0],
        [0, -dy],
        [0, dy],
        [dx, -dy],
        [-dx, -dy],
        [dx, dy],
        [-dx, dy],
      ];
    };
    let best: { ax: number; ay: number; leader: boolean; cost: number } | null = null;
    for (let k = 1; k <= 4 && !(best && best.cost === 0); k++) {
      for (const [ax, ay] of ring(k)) {
        const box = { x0: c.x + ax - w / 2, x1: c.x + ax + w / 2, y0: c.y + ay - h / 2, y1: c.y + ay + h / 2 };
        const outside = Math.max(0, -box.x0) + Math.max(0, box.x1 - area.width) + Math.max(0, -box.y0) + Math.max(0, box.y1 - area.height);
        const cost = outside * h + [...placed, ...obstacles].reduce((s, b) => s + overlapArea(box, b), 0);
        if (!best || cost < best.cost) best = { ax, ay, leader: k > 1, cost };
        if (cost === 0) break;
      }
    }
    const chosen = best!;
    placed.push({ x0: c.x + chosen.ax - w / 2, x1: c.x + chosen.ax + w / 2, y0: c.y + chosen.ay - h / 2, y1: c.y + chosen.ay + h / 2 });
    return { ax: chosen.ax, ay: chosen.ay, leader: chosen.leader };
  });
}

/** Whether any two label boxes of a placement overlap (for tests and a caption note). */
export function labelsOverlap(points: { x: number; y: number; label: string }[], placements: LabelPlacement[], area: { width: number; height: number }, ranges: { x: [number, number]; y: [number, number] }, charWidth = 7.8, h = 19): boolean {
  const px = (x: number) => ((x - ranges.x[0]) / (ranges.x[1] - ranges.x[0] || 1)) * area.width;
  const py = (y: number) => (1 - (y - ranges.y[0]) / (ranges.y[1] - ranges.y[0] || 1)) * area.height;
  const boxes = points.map((p, i) => {
    const w = p.label.length * charWidth + 6;
    const cx = px(p.x) + placements[i].ax;
    const cy = py(p.y) + placements[i].ay;
    return { x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2 };
  });
  return boxes.some((a, i) => boxes.some((b, j) => j > i && overlaps(a, b)));
}

/** Axis ranges for the quadrant chart: the points and the cut lines with room for labels, performance within 0–1. */
export function quadrantRanges(points: { x: number; y: number }[], cuts: { share: number; performance: number }): { x: [number, number]; y: [number, number] } {
  const xs = [...points.map((p) => p.x), cuts.performance];
  const ys = [...points.map((p) => p.y), cuts.share];
  const xSpan = Math.max(0.1, maxOf(xs) - minOf(xs));
  const ySpan = Math.max(5, maxOf(ys) - minOf(ys));
  return {
    x: [Math.max(0, minOf(xs) - xSpan * 0.35), Math.min(1, maxOf(xs) + xSpan * 0.35)],
    y: [Math.max(0, minOf(ys) - ySpan * 0.3), maxOf(ys) + ySpan * 0.3],
  };
}

/**
 * When every driver's 0–1 performance is one increasing linear map of its mean (all on the same observed range,
 * none flipped, e.g. four 1–5 ratings), that map: the quadrant's axis can then speak in the drivers' own units.
 * null when the drivers are on different scales (or cannot tell: fewer than two distinct positions).
 */
export function sharedPerformanceScale(drivers: { performance: number; performanceScaled: number }[]): { lo: number; hi: number; toOriginal: (scaled: number) => number } | null {
  const a0 = drivers[0];
  const other = drivers.find((d) => Math.abs(d.performanceScaled - a0?.performanceScaled) > 1e-9);
  if (!a0 || !other) return null;
  const slope = (other.performance - a0.performance) / (other.performanceScaled - a0.performanceScaled);
  const lo = a0.performance - slope * a0.performanceScaled;
  if (!(slope > 0) || !Number.isFinite(lo)) return null;
  const tol = 1e-6 * Math.max(1, Math.abs(lo), Math.abs(slope));
  if (drivers.some((d) => Math.abs(lo + slope * d.performanceScaled - d.performance) > tol)) return null;
  return { lo, hi: lo + slope, toOriginal: (s) => lo + slope * s };
}

/** Round tick values (…0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5…) covering [from, to], about `count` of them. */
export function niceTicks(from: number, to: number, count = 6): number[] {
  const span = to - from;
  if (!(span > 0)) return [from];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  // Integer multiples of the step, cleaned of binary noise (14 × 0.2 = 2.8000000000000003).
  for (let k = Math.ceil(from / step - 1e-9); k * step <= to + 1e-9; k++) ticks.push(Number((k * step).toFixed(10)));
  return ticks;
}
