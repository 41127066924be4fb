// The fairness audit charts' numbers as tables and one-sentence summaries (unit-tested), from the same shaped data the
// traces are drawn from (audit-figures.ts: disparity rows, calibration series, proxy matrix). No React, no Plotly.
import type { CalibrationBin, Disparity } from '../../shared/audit';
import { type ChartTableData, listWords, plural, wholePct } from './chart-table';
import { calibrationSeries, type DisparityRow, type ProxyMatrix } from './audit-figures';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 100);
const ratioWords = (r: number) => `${r <= 0 ? '0' : r.toFixed(2)}×`;

// ------------------------------------------------------------------ disparity

function verdictOf(r: Extract<DisparityRow, { kind: 'group' }>): string {
  if (r.unreliable) return 'too few people: not judged';
  return r.disparity.flag ? 'flagged' : 'not flagged';
}

/** One row per drawn group (its reference at ratio 1 included) and per group whose ratio is undefined. */
export function disparityTable(rows: DisparityRow[], undefinedRatio: Disparity[], metricLabel: string): ChartTableData {
  const body = rows.flatMap((r) => {
    if (r.kind === 'header') return [];
    if (r.kind === 'reference') return [[r.attribute, r.group, r.n, pct(r.rate), pct(r.rate), 1, null, null, 'reference group']];
    const d = r.disparity;
    return [[r.attribute, r.group, r.n, pct(r.rate), pct(r.referenceRate), d.ratio, d.difference === null ? null : d.difference * 100, d.pAdjusted, verdictOf(r)]];
  });
  const undefinedRows = undefinedRatio.map((d) => [d.attribute, d.group, null, null, null, null, null, d.pAdjusted, `ratio undefined${d.note ? `: ${d.note}` : ''}`]);
  return {
    columns: [
      { label: 'Attribute', kind: 'text' },
      { label: 'Group', kind: 'text' },
      { label: 'People', kind: 'count' },
      { label: metricLabel, kind: 'percent' },
      { label: 'Reference group’s', kind: 'percent' },
      { label: 'Ratio to the reference', kind: 'number', digits: 2 },
      { label: 'Difference (points)', kind: 'signed' },
      { label: 'Adjusted p', kind: 'p' },
      { label: 'Verdict', kind: 'text' },
    ],
    rows: [...body, ...undefinedRows],
  };
}

/** "2 of 7 groups are flagged for selection rate: Male at 0.62× and 60+ at 1.41× their reference group; 1 rests on too few people." */
export function disparitySummary(rows: DisparityRow[], metricLabel: string): string {
  const groups = rows.filter((r): r is Extract<DisparityRow, { kind: 'group' }> => r.kind === 'group');
  if (groups.length === 0) return `No group to compare for ${metricLabel.toLowerCase()}.`;
  const flagged = groups.filter((g) => !g.unreliable && g.disparity.flag);
  const thin = groups.filter((g) => g.unreliable).length;
  const thinWords = thin ? `; ${thin === 1 ? '1 rests' : `${thin} rest`} on too few people to judge` : '';
  if (flagged.length === 0) {
    const judged = groups.filter((g) => !g.unreliable);
    const far = judged.reduce<(typeof judged)[number] | null>((best, g) => (!best || Math.abs(Math.log(Math.max(g.disparity.ratio!, 1e-9))) > Math.abs(Math.log(Math.max(best.disparity.ratio!, 1e-9))) ? g : best), null);
    return `No group is flagged for ${metricLabel.toLowerCase()} (${plural(groups.length, 'comparison')})${far ? `; the furthest from its reference group is ${far.group} at ${ratioWords(far.disparity.ratio!)}` : ''}${thinWords}.`;
  }
  const named = flagged.map((g) => `${g.group} at ${ratioWords(g.disparity.ratio!)}`);
  return `${flagged.length} of ${groups.length} groups ${flagged.length === 1 ? 'is' : 'are'} flagged for ${metricLabel.toLowerCase()}: ${listWords(named, 4)} ${flagged.length === 1 ? 'its' : 'their'} reference group's rate${thinWords}.`;
}

// ------------------------------------------------------------------ calibration

export function calibrationTable(bins: CalibrationBin[], attribute: string): ChartTableData {
  const series = calibrationSeries(bins, attribute);
  return {
    columns: [
      { label: 'Group', kind: 'text' },
      { label: 'Decile', kind: 'count' },
      { label: 'Scores from', kind: 'number', digits: 3 },
      { label: 'Scores to', kind: 'number', digits: 3 },
      { label: 'Mean score', kind: 'number', digits: 3 },
      { label: 'Rows', kind: 'count' },
      { label: 'Positive', kind: 'count' },
      { label: 'Observed rate', kind: 'percent' },
      { label: '95% CI from', kind: 'percent' },
      { label: '95% CI to', kind: 'percent' },
    ],
    rows: series.flatMap((s) =>
      s.bins.map((b) => [s.group, b.decile, b.lower, b.upper, b.meanScore, b.n, b.observed.numerator, pct(b.observed.value), pct(b.observed.ci?.[0]), pct(b.observed.ci?.[1])]),
    ),
  };
}

/**
 * With a probability score: each group's average gap between the observed rate and the mean score (weighted by rows),
 * closest and furthest. Otherwise the observed rate at the lowest and highest decile of each group.
 */
export function calibrationSummary(bins: CalibrationBin[], attribute: string, probability: boolean): string {
  const series = calibrationSeries(bins, attribute).filter((s) => s.bins.some((b) => b.observed.value !== null));
  if (series.length === 0) return `No calibration to show for ${attribute}.`;
  if (probability) {
    const gaps = series.map((s) => {
      const used = s.bins.filter((b) => b.observed.value !== null);
      const n = used.reduce((a, b) => a + b.n, 0);
      return { group: s.group, gap: (100 * used.reduce((a, b) => a + b.n * Math.abs(b.observed.value! - b.meanScore), 0)) / n, signed: used.reduce((a, b) => a + b.n * (b.observed.value! - b.meanScore), 0) / n };
    });
    const sorted = [...gaps].sort((a, b) => a.gap - b.gap);
    const words = (g: (typeof gaps)[number]) => `${g.group} (${g.gap.toFixed(1)} points on average, ${g.signed < 0 ? 'the score over-states' : 'the score under-states'} the rate)`;
    if (sorted.length === 1) return `For ${words(sorted[0])}, over ${plural(series[0].bins.length, 'score decile')}.`;
    return `The score matches the observed rate most closely for ${words(sorted[0])} and least for ${words(sorted[sorted.length - 1])}, over ${plural(series.length, 'group')} of ${attribute}.`;
  }
  const parts = series.map((s) => {
    const used = s.bins.filter((b) => b.observed.value !== null);
    return `${s.group} ${wholePct(100 * used[0].observed.value!)} to ${wholePct(100 * used[used.length - 1].observed.value!)}`;
  });
  return `From the lowest to the highest score decile, the observed positive rate goes: ${listWords(parts, 4)}.`;
}

// ------------------------------------------------------------------ proxies

export function proxyTable(m: ProxyMatrix): ChartTableData {
  return {
    columns: [
      { label: 'Feature', kind: 'text' },
      { label: 'Protected attribute', kind: 'text' },
      { label: 'Cramér’s V', kind: 'number', digits: 3 },
      { label: 'Mutual information (bits)', kind: 'number', digits: 3 },
      { label: 'Share of the attribute’s entropy', kind: 'percent' },
      { label: 'Proxy', kind: 'text' },
    ],
    rows: m.cells.flatMap((row) => row.flatMap((c) => (c ? [[c.feature, c.attribute, c.cramersV, c.mutualInformation, c.normalizedMi * 100, c.flag ? 'flagged' : '']] : []))),
  };
}

export function proxySummary(m: ProxyMatrix, threshold: number): string {
  const cells = m.cells.flat().filter((c): c is NonNullable<typeof c> => c !== null);
  if (cells.length === 0) return 'No feature was measured against a protected attribute.';
  const strongest = cells.reduce((a, b) => (b.cramersV > a.cramersV ? b : a));
  const flagged = cells.filter((c) => c.flag);
  const top = `the strongest is ${strongest.feature} with ${strongest.attribute} (V ${strongest.cramersV.toFixed(2)})`;
  if (flagged.length === 0) return `No feature is flagged as a proxy (V above ${threshold}) in ${plural(cells.length, 'pair')}; ${top}.`;
  return `${flagged.length} of ${plural(cells.length, 'feature–attribute pair')} ${flagged.length === 1 ? 'is flagged as a proxy' : 'are flagged as proxies'} (V above ${threshold}); ${top}.`;
}
