// Key-driver slides: the importance × performance quadrant and the weights table. Every figure is computed from all
// the rows the model used (n), so each carries that base; drivers are not groups of people (no partition).
import type { TableColumn } from '../../../../shared/decks';
import type { OutputOf, SpecOf } from '../types';
import { decimal, mean, num, percent, share } from './figures';
import type { SlideKindDef } from './types';

type DOut = OutputOf<'drivers.analyze'>;
type Def = SlideKindDef<DOut, SpecOf<'drivers.analyze'>>;

const r2Label = (r: DOut) => (r.model === 'linear' ? 'R²' : 'pseudo-R²');
const byWeight = (r: DOut) => [...r.drivers].sort((a, b) => b.weight - a.weight);

function driversHeadline(r: DOut): string {
  const top = byWeight(r)[0];
  if (!top) return `No drivers (n = ${num(r.n)}).`;
  const fix = r.drivers.filter((d) => d.quadrant === 'improve first').sort((a, b) => b.weight - a.weight)[0];
  const first = `${top.name} matters most: ${(top.share).toFixed(1)}% of what the drivers explain (${r2Label(r)} = ${r.r2.toFixed(2)}, n = ${num(r.n)})`;
  return fix && fix !== top ? `${first}; improve ${fix.name} first.` : `${first}.`;
}

export const driversSlides: Def[] = [
  {
    kind: 'drivers.quadrant',
    label: 'Drivers quadrant',
    byDefault: true,
    build: (r, spec) => ({
      title: `What drives ${spec.target}`,
      headline: driversHeadline(r),
      notes: `${r.direction.sentence} Importance: each driver's share of the ${r2Label(r)} (relative weights, ${r.model} model${r.model === 'logistic' && r.targetNote ? `; the outcome is ${r.targetNote}` : ''}). Performance: the driver's mean on 0–1 of its observed range, flipped for a driver where higher is worse. Cuts at the mean importance (${r.quadrantCuts.share.toFixed(1)}%) and mean performance (${r.quadrantCuts.performance.toFixed(2)}).`,
      body: [
        {
          type: 'chart',
          title: 'Importance × performance',
          chart: {
            kind: 'scatter',
            points: r.drivers.map((d) => ({ label: d.name, x: share(d.share / 100, r.n, [d.shareCi[0] / 100, d.shareCi[1] / 100]), y: { ...decimal(d.performanceScaled, 2), base: r.n }, group: d.quadrant })),
            xAxis: `Importance (share of ${r2Label(r)})`,
            yAxis: 'Performance (0–1)',
            quadrants: { x: r.quadrantCuts.share / 100, y: r.quadrantCuts.performance, labels: ['Maintain', 'Key strength', 'Low priority', 'Improve first'] },
          },
          summary: `${r.drivers.length} drivers of ${spec.target} placed by importance and performance; top right are key strengths, bottom right improve first.`,
        },
      ],
    }),
  },
  {
    kind: 'drivers.weights',
    label: 'Driver weights',
    byDefault: false,
    build: (r, spec) => {
      const columns: TableColumn[] = [
        { key: 'driver', label: 'Driver' },
        { key: 'share', label: 'Importance (95% CI)', align: 'right' },
        { key: 'weight', label: 'Weight', align: 'right' },
        { key: 'performance', label: 'Mean', align: 'right' },
        { key: 'quadrant', label: 'Quadrant' },
      ];
      return {
        title: `Driver weights: ${spec.target}`,
        headline: driversHeadline(r),
        notes: `Relative weights sum to the ${r2Label(r)} (${r.r2.toFixed(3)}); importance is each weight's share of it, with a ${r.spec.bootstrap ?? 500}-resample bootstrap interval. ${num(r.n)} rows used${r.excludedRows ? `, ${num(r.excludedRows)} left out for missing values` : ''}. Explained: ${percent(r.r2)}.`,
        body: [
          {
            type: 'table',
            columns,
            rows: byWeight(r).map((d) => ({
              driver: d.name,
              share: share(d.share / 100, r.n, [d.shareCi[0] / 100, d.shareCi[1] / 100]),
              weight: { ...decimal(d.weight, 3), base: r.n, ci: d.ci },
              performance: mean(d.performance, r.n, 2),
              quadrant: d.quadrant,
            })),
          },
        ],
      };
    },
  },
  {
    // Only for a run with compareWith (docs/drivers-stability.md): both waves' raw weights and the difference.
    kind: 'drivers.stability',
    label: 'Driver stability between waves',
    byDefault: true,
    available: (r) => Boolean(r.stability),
    build: (r, spec) => {
      const s = r.stability!;
      const lv = `${Math.round(s.level * 100)}%`;
      const columns: TableColumn[] = [
        { key: 'driver', label: 'Driver' },
        { key: 'reference', label: `${s.reference} (${lv} CI)`, align: 'right' },
        { key: 'current', label: `${s.current} (${lv} CI)`, align: 'right' },
        { key: 'difference', label: `Difference (${lv} CI)`, align: 'right' },
        { key: 'changed', label: 'Changed' },
      ];
      return {
        title: `Driver stability: ${spec.target}, ${s.reference} → ${s.current}`,
        headline: s.sentence,
        notes: `Raw relative weights (each wave's add up to its ${r2Label(r)}); n = ${num(s.referenceN)} in ${s.reference}, ${num(s.currentN)} in ${s.current}. Difference = ${s.current} − ${s.reference}; its interval: ${s.method}. Changed: that interval excludes 0.`,
        body: [
          {
            type: 'table',
            columns,
            rows: s.drivers.map((d) => ({
              driver: d.name,
              reference: { ...decimal(d.reference.weight, 3), base: s.referenceN, ci: d.reference.ci },
              current: { ...decimal(d.current.weight, 3), base: s.currentN, ci: d.current.ci },
              difference: { ...decimal(d.difference, 3), ci: d.differenceCi },
              changed: d.changed ? (d.difference > 0 ? 'gained' : 'lost') : 'no',
            })),
          },
        ],
      };
    },
  },
];
