// Pain points: stages where journeys stop and customers are unhappy.
//
// score = dropOffRate × (1 − s), s = the stage's mean satisfaction rescaled to 0–1 over the observed scale
// (min–max of the satisfaction column). A stage without ratings counts as neutral (s = ½) and says so; so does a
// scale with no spread (every rating equal). The first stage has no drop-off and is not ranked. Only funnel stages
// are ranked (a side step has no drop-off of its own); side steps' satisfaction still counts when a stage is called
// "the lowest of all stages", so that is never said of a stage while a support contact rates lower.
import type { FunnelStage, MeanCi, PainPoint } from '../../../shared/journeys';
import { formatNumber } from '../stats-basic';
import { minOf } from '../../../shared/extent';

export function painPoints(
  funnel: readonly FunnelStage[],
  satisfaction: readonly (MeanCi | null)[],
  scale: [number, number] | null,
  sideStepSatisfaction: readonly (MeanCi | null)[] = [],
): PainPoint[] {
  const means = satisfaction.map((s) => (s === null ? null : s.mean));
  const rated = [...means, ...sideStepSatisfaction.map((s) => (s === null ? null : s.mean))].filter((m): m is number => m !== null);
  const lowest = rated.length > 1 ? minOf(rated) : Number.NaN;
  const out: (PainPoint & { order: number })[] = [];
  for (let i = 1; i < funnel.length; i++) {
    const stage = funnel[i];
    const prev = funnel[i - 1];
    const mean = means[i];
    const spread = scale === null ? 0 : scale[1] - scale[0];
    const s01 = mean === null || !(spread > 0) ? 0.5 : Math.min(1, Math.max(0, (mean - (scale as [number, number])[0]) / spread));
    const score = stage.dropOffRate * (1 - s01);
    let text: string;
    if (prev.customers === 0) text = `${stage.stage}: no journey reached ${prev.stage}, so none can stop before ${stage.stage}`;
    else text = `${stage.stage}: ${formatPercent(stage.dropOffRate)} of the journeys that reached ${prev.stage} stop before ${stage.stage}`;
    if (mean === null) text += '; satisfaction is not measured at this stage, so it counts as neutral (the middle of the scale) in the score.';
    else {
      const scaleText = scale === null ? '' : ` on the ${formatNumber(scale[0])}–${formatNumber(scale[1])} scale`;
      text += `, and satisfaction here averages ${mean.toFixed(1)}${scaleText}`;
      if (!(spread > 0)) text += ' (every rating is the same, so it counts as neutral in the score)';
      else if (mean === lowest) text += ', the lowest of all stages';
      text += '.';
    }
    out.push({ stage: stage.stage, score, dropOffRate: stage.dropOffRate, meanSatisfaction: mean, explanation: text, order: i });
  }
  out.sort((a, b) => b.score - a.score || a.order - b.order);
  return out.map(({ order: _order, ...p }) => p);
}

/** 12% for rates of 10% and more, one decimal below (4.5%), so small drop-offs do not read as 0%. */
export function formatPercent(rate: number): string {
  const v = rate * 100;
  if (v === 0) return '0%';
  return `${v >= 9.95 ? Math.round(v) : Number(v.toFixed(1))}%`;
}
