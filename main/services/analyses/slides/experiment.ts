// Experiment slides: each arm's estimate with its interval (a bar chart a facilitator can show) and the comparison
// with the control. Every figure carries the arm's n as its base, so disclosure control can withhold a small arm;
// a verdict withheld for a sample-ratio mismatch stays withheld on the slide.
import type { Figure, TableColumn } from '../../../../shared/decks';
import { pPhrase } from '../../../analysis/monitor/experiment/words';
import type { OutputOf, SpecOf } from '../types';
import { mean, npsFigure, pValue, share } from './figures';
import type { SlideKindDef } from './types';

type EOut = OutputOf<'experiment.run'>;
type Def = SlideKindDef<EOut, SpecOf<'experiment.run'>>;

function figureOf(r: EOut, x: number | null, base: number, ci?: [number, number] | null): Figure {
  if (r.kind === 'binary') return share(x, base, ci);
  if (r.kind === 'nps') return npsFigure(x, base, ci);
  return mean(x, base, 2, ci);
}

const headlineOf = (r: EOut) => (r.verdict.status === 'withheld' ? r.verdict.sentences[0] : (r.verdict.sentences[0] ?? r.verdict.headline));

export const experimentSlides: Def[] = [
  {
    kind: 'experiment.arms',
    label: 'Experiment: arms',
    byDefault: true,
    build: (r, spec) => ({
      title: `Experiment: ${r.outcomeLabel} by ${spec.arm}`,
      headline: headlineOf(r),
      notes: `Control: “${r.control}”. ${r.comparisons[0]?.method ?? ''}. Sample-ratio check against the ${r.srm.splitSource === 'given' ? 'planned' : 'equal'} split: ${pPhrase(r.srm.pValue)}${r.srm.flagged ? ' (mismatch)' : ''}.${r.cuped ? ` CUPED on ${r.cuped.covariate} removed ${(100 * r.cuped.varianceReduction).toFixed(1)}% of the variance.` : ''}`,
      body: [
        {
          type: 'chart',
          title: `${r.outcomeLabel} per arm (${Math.round(100 * r.level)}% CI)`,
          chart: {
            kind: 'bar',
            orientation: 'vertical',
            categories: r.arms.map((a) => a.arm),
            series: [{ name: r.outcomeLabel, values: r.arms.map((a) => figureOf(r, a.estimate, a.n, a.ci)) }],
            valueAxis: r.outcomeLabel,
          },
          summary: r.arms.map((a) => `${a.arm}: ${a.estimate === null ? 'n/a' : r.kind === 'binary' ? `${(100 * a.estimate).toFixed(1)}%` : a.estimate.toFixed(1)} (n = ${a.n})`).join('; '),
        },
      ],
    }),
  },
  {
    kind: 'experiment.comparison',
    label: 'Experiment: comparison with the control',
    byDefault: true,
    available: (r) => r.comparisons.length > 0 && r.verdict.status !== 'withheld',
    build: (r) => {
      const columns: TableColumn[] = [
        { key: 'arm', label: 'Arm' },
        { key: 'difference', label: `Difference from ${r.control}`, align: 'right' },
        { key: 'p', label: r.comparisons.length > 1 ? 'p (Holm)' : 'p', align: 'right' },
      ];
      const base = (arm: string) => Math.min(r.arms.find((a) => a.arm === arm)?.n ?? 0, r.arms.find((a) => a.isControl)?.n ?? 0);
      return {
        title: `Did it work? ${r.outcomeLabel}`,
        headline: headlineOf(r),
        notes: r.verdict.sentences.join(' '),
        body: [
          {
            type: 'table',
            columns,
            rows: r.comparisons.map((c) => ({
              arm: c.arm,
              difference: r.kind === 'binary' ? share(c.difference, base(c.arm), c.ci) : r.kind === 'nps' ? npsFigure(c.difference, base(c.arm), c.ci) : mean(c.difference, base(c.arm), 2, c.ci),
              p: pValue(c.pValueAdjusted, base(c.arm)),
            })),
          },
        ],
      };
    },
  },
  {
    kind: 'experiment.segments',
    label: 'Experiment: effects by segment',
    byDefault: false,
    available: (r) => r.segments !== null && r.segments.rows.length > 0 && r.verdict.status !== 'withheld',
    build: (r) => {
      const seg = r.segments!;
      const columns: TableColumn[] = [{ key: 'segment', label: seg.by }, ...r.comparisons.map((c) => ({ key: c.arm, label: `${c.arm} − ${r.control}`, align: 'right' as const }))];
      // Each segment's difference rests on the smaller of its two arms.
      const base = (row: (typeof seg.rows)[number], arm: string) => Math.min(row.arms.find((a) => a.arm === arm)?.n ?? 0, row.arms.find((a) => a.arm === r.control)?.n ?? 0);
      return {
        title: `Effects by ${seg.by} (exploratory)`,
        headline: seg.heterogeneity.some((h) => h.pValue < 0.05) ? 'The effect differs between segments more than chance would: worth a follow-up experiment.' : 'No segment’s effect differs from the others more than chance would.',
        notes: `${seg.note} ${seg.heterogeneity.map((h) => `Cochran’s Q for “${h.arm}” = ${h.q.toFixed(2)} on ${h.df} df, ${pPhrase(h.pValue)}, I² = ${(100 * h.iSquared).toFixed(0)}%.`).join(' ')}`,
        body: [
          {
            type: 'table',
            columns,
            rows: seg.rows.map((row) => ({
              segment: row.segment,
              ...Object.fromEntries(
                row.comparisons.map((c) => {
                  const b = base(row, c.arm);
                  const fig = r.kind === 'binary' ? share(c.difference, b, c.ci) : r.kind === 'nps' ? npsFigure(c.difference, b, c.ci) : mean(c.difference, b, 2, c.ci);
                  return [c.arm, fig];
                }),
              ),
            })),
          },
        ],
      };
    },
  },
];
