// Pure data shaping for the fairness audit charts (unit-tested): the rows of the disparity chart (reference group
// at 1, each group's ratio, header rows between attributes), a log ratio axis that always shows the 0.8–1.25 band,
// the proxy heatmap's matrix and flagged cells, and the calibration lines per group.
import type { AuditGroup, AuditMetric, AuditResult, CalibrationBin, Disparity, ProxyAssociation } from '../../shared/audit';
import { DEFAULT_MIN_GROUP_SIZE, rateReliable } from '../../shared/audit-gaps';
import { maxOf, minOf } from '../../shared/extent';

export const FAIR_BAND: readonly [number, number] = [0.8, 1.25];

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ------------------------------------------------------------------ disparity chart

export type DisparityRow =
  | { kind: 'header'; attribute: string; label: string }
  | { kind: 'reference'; attribute: string; group: string; label: string; rate: number | null; n: number; small: boolean }
  | {
      kind: 'group';
      attribute: string;
      group: string;
      label: string;
      disparity: Disparity;
      rate: number | null;
      referenceRate: number | null;
      n: number;
      small: boolean;
      /** The group's or the reference's rate rests on fewer than the minimum group size: drawn grey, not judged. */
      unreliable: boolean;
    };

/**
 * One row per group of the chosen attributes for one metric, top to bottom: a header per attribute (when more than
 * one is shown), its reference group, then the other groups in the services' order. Groups whose ratio is
 * undefined are returned separately so the caption can name them. Row labels are unique (a plotly category axis
 * merges equal labels): the group name, with zero-width spaces added to a repeated one.
 */
export function disparityRows(result: AuditResult, metric: AuditMetric, attributes: string[]): { rows: DisparityRow[]; undefinedRatio: Disparity[] } {
  const rows: DisparityRow[] = [];
  const undefinedRatio: Disparity[] = [];
  const used = new Set<string>();
  const unique = (label: string) => {
    let l = label;
    while (used.has(l)) l += '\u200b';
    used.add(l);
    return l;
  };
  const rateOf = (g: AuditGroup | undefined) => (g ? (g[metric]?.value ?? null) : null);
  const min = result.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  for (const attribute of attributes) {
    const groups = result.groups.filter((g) => g.attribute === attribute);
    const disparities = result.disparities.filter((d) => d.attribute === attribute && d.metric === metric);
    if (disparities.length === 0) continue;
    if (attributes.length > 1) rows.push({ kind: 'header', attribute, label: unique(attribute) });
    const refName = disparities[0].reference;
    const ref = groups.find((g) => g.group === refName);
    rows.push({ kind: 'reference', attribute, group: refName, label: unique(refName), rate: rateOf(ref), n: ref?.n ?? 0, small: ref?.small ?? false });
    for (const d of disparities) {
      if (d.ratio === null) {
        undefinedRatio.push(d);
        continue;
      }
      const g = groups.find((x) => x.group === d.group);
      const unreliable = !rateReliable(g?.[metric], min) || !rateReliable(ref?.[metric], min);
      rows.push({ kind: 'group', attribute, group: d.group, label: unique(d.group), disparity: d, rate: rateOf(g), referenceRate: rateOf(ref), n: g?.n ?? 0, small: g?.small ?? false, unreliable });
    }
  }
  return { rows, undefinedRatio };
}

export interface LogAxis {
  /** log10 of the ends, as plotly's log axis range takes them. */
  range: [number, number];
  tickvals: number[];
  ticktext: string[];
  /** Where a ratio of 0 is drawn (the left edge): a log axis has no 0. */
  floor: number;
}

const NICE_TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 5, 10, 20, 50, 100];

/** A log axis around the ratios that always shows 0.5–2 (so the band and 1 are in view), with readable ticks. */
export function ratioAxis(ratios: number[]): LogAxis {
  const positive = ratios.filter((r) => r > 0 && Number.isFinite(r));
  const lo = Math.min(0.5, minOf(positive.map((r) => r / 1.25)));
  const hi = Math.max(2, maxOf(positive.map((r) => r * 1.25)));
  const span = Math.log10(hi) - Math.log10(lo);
  // Fewer ticks on a wide axis: keep the band's edges and 1, drop the in-between values that would crowd them.
  const ticks = NICE_TICKS.filter((t) => t >= lo && t <= hi).filter((t) => span < 1.6 || [0.01, 0.1, 0.5, 0.8, 1, 1.25, 2, 10, 100].includes(t));
  return {
    range: [Math.log10(lo), Math.log10(hi)],
    tickvals: ticks,
    ticktext: ticks.map((t) => `${t}×`),
    floor: lo * 1.04,
  };
}

// ------------------------------------------------------------------ proxy heatmap

export interface ProxyMatrix {
  /** Rows, strongest association first. */
  features: string[];
  attributes: string[];
  /** z[row][column] = Cramér's V (null when the pair was not measured). */
  z: (number | null)[][];
  cells: (ProxyAssociation | null)[][];
  flagged: { row: number; column: number }[];
}

export function proxyMatrix(proxies: ProxyAssociation[], attributeOrder: string[]): ProxyMatrix {
  const attributes = [...attributeOrder.filter((a) => proxies.some((p) => p.attribute === a)), ...new Set(proxies.map((p) => p.attribute).filter((a) => !attributeOrder.includes(a)))];
  const strongest = new Map<string, number>();
  for (const p of proxies) strongest.set(p.feature, Math.max(strongest.get(p.feature) ?? 0, p.cramersV));
  const features = [...strongest.keys()].sort((a, b) => strongest.get(b)! - strongest.get(a)! || a.localeCompare(b));
  const cells = features.map((f) => attributes.map((a) => proxies.find((p) => p.feature === f && p.attribute === a) ?? null));
  const flagged: { row: number; column: number }[] = [];
  cells.forEach((row, r) => row.forEach((c, col) => c?.flag && flagged.push({ row: r, column: col })));
  return { features, attributes, z: cells.map((row) => row.map((c) => (c ? c.cramersV : null))), cells, flagged };
}

// ------------------------------------------------------------------ calibration

export interface CalibrationSeries {
  group: string;
  bins: CalibrationBin[];
}

/** The attributes that have calibration bins, in the services' order. */
export function calibrationAttributes(bins: CalibrationBin[]): string[] {
  return [...new Set(bins.map((b) => b.attribute))];
}

/** One line per group of `attribute`, bins in decile order; empty deciles are simply absent. */
export function calibrationSeries(bins: CalibrationBin[], attribute: string): CalibrationSeries[] {
  const out = new Map<string, CalibrationBin[]>();
  for (const b of bins) {
    if (b.attribute !== attribute || b.n === 0) continue;
    const list = out.get(b.group) ?? [];
    list.push(b);
    out.set(b.group, list);
  }
  return [...out].map(([group, list]) => ({ group, bins: list.sort((a, b) => a.decile - b.decile) }));
}

export interface CalibrationAxes {
  /** Scores within 0–1 read as probabilities: both axes share one range and the diagonal is perfect calibration. */
  probability: boolean;
  x: [number, number];
  y: [number, number];
}

/**
 * The calibration chart's axes. A probability score shares one square range with the observed rate (so the diagonal
 * means "as often as predicted"); any other score (a 300–850 credit score) gets its own x range and no diagonal.
 */
export function calibrationAxes(bins: CalibrationBin[]): CalibrationAxes {
  const scores = bins.map((b) => b.meanScore);
  const rates = bins.flatMap((b) => [...(b.observed.value === null ? [] : [b.observed.value]), ...(b.observed.ci ?? [])]);
  const span = (values: number[], clamp: boolean): [number, number] => {
    if (values.length === 0) return [0, 1];
    let lo = minOf(values);
    let hi = maxOf(values);
    const pad = (hi - lo || 1) * 0.04;
    lo -= pad;
    hi += pad;
    return clamp ? [Math.max(0, lo), Math.min(1, hi)] : [lo, hi];
  };
  const probability = scores.length > 0 && scores.every((s) => s >= 0 && s <= 1);
  if (probability) {
    const both = span([...scores, ...rates], true);
    return { probability, x: both, y: both };
  }
  return { probability, x: span(scores, false), y: span(rates, true) };
}
