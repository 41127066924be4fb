// The status lights of the Waves area, in words (the colour only repeats the word): "Data drift" from the share of
// columns that drifted, "NPS" from the change's test and how much of it the mix explains. Pure, no React.
import type { DriftResult } from '../../../../shared/monitor-drift';

export interface Light {
  area: 'Data drift' | 'NPS';
  level: 'green' | 'amber' | 'red' | 'none';
  word: string;
  detail: string;
  /** The thresholds behind the colour, shown under it. */
  thresholds: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const signed1 = (x: number) => `${x > 0 ? '+' : x < 0 ? '\u2212' : ''}${Math.abs(x).toFixed(1)}`;

export function lights(r: DriftResult): Light[] {
  const t = r.thresholds;
  const rule =
    r.judgedBy === 'tests'
      ? `Small waves (< ${t.smallWaveRows.toLocaleString('en-US')} rows): a column drifted when its BH-adjusted p < ${t.alpha}`
      : `A column drifted when normalised Wasserstein ≥ ${t.wasserstein} (numbers) or Jensen–Shannon ≥ ${t.jensenShannon} (categories)`;
  const drift: Light = {
    area: 'Data drift',
    level: r.total === 0 ? 'none' : r.datasetDrifted ? 'red' : r.drifted > 0 ? 'amber' : 'green',
    word: r.total === 0 ? 'nothing compared' : r.datasetDrifted ? 'dataset drifted' : r.drifted > 0 ? `${r.drifted} of ${r.total} columns drifted` : 'stable',
    detail: r.total === 0 ? 'No column could be compared.' : `${r.drifted} of ${r.total} columns drifted.`,
    thresholds: `${rule}; red when at least ${pct(t.datasetShare)} of the columns drifted.`,
  };
  const out = [drift];
  const n = r.nps;
  if (!n) {
    out.push({ area: 'NPS', level: 'none', word: 'not measured', detail: 'Choose an NPS column (and a mix column) to see what changed for NPS.', thresholds: '' });
    return out;
  }
  const alpha = 1 - n.level;
  const significant = n.pValue < alpha;
  const mostlyMix = n.mixShare !== null && n.mixShare >= 0.5;
  out.push({
    area: 'NPS',
    level: !significant ? 'green' : mostlyMix ? 'amber' : 'red',
    word: !significant ? 'no clear change' : mostlyMix ? 'change is mostly mix' : 'opinion changed',
    detail: `${signed1(n.change)} points (${n.reference.toFixed(1)} → ${n.current.toFixed(1)})${n.mixAdjustedChange !== null ? `; ${signed1(n.mixAdjustedChange)} at the reference mix of ${n.mix}` : ''}.`,
    thresholds: `Change tested at p < ${Number(alpha.toFixed(3))} (adjusted-Wald); amber when the mix explains at least half of it.`,
  });
  return out;
}
