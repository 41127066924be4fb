// Pure helpers of "Compare with another wave" in the Key drivers area (unit-tested): which datasets can be the
// other wave (every column the run used: the target and each driver), and the chart's table and summary sentence,
// from the result's stability block.
import type { DatasetSummary } from '../../../shared/domain';
import type { DriversStability, DriversSpec } from '../../../shared/nps';
import type { ChartTableData } from '../../charts/chart-table';

/** Datasets other than the analysed one that hold the target and every driver, by name. */
export function comparableWaves(datasets: DatasetSummary[], spec: Pick<DriversSpec, 'dataset' | 'target' | 'drivers'>): string[] {
  const needed = [spec.target, ...spec.drivers];
  return datasets
    .filter((d) => d.name !== spec.dataset)
    .filter((d) => {
      const names = new Set(d.columns.map((c) => c.name));
      return needed.every((n) => names.has(n));
    })
    .map((d) => d.name);
}

const pct = (level: number) => `${Math.round(level * 100)}%`;

export function stabilityTable(s: DriversStability): ChartTableData {
  const lv = pct(s.level);
  return {
    columns: [
      { label: 'Driver', kind: 'text' },
      { label: `${s.reference} weight`, kind: 'number', digits: 3 },
      { label: `${lv} CI from`, kind: 'number', digits: 3 },
      { label: `${lv} CI to`, kind: 'number', digits: 3 },
      { label: `${s.current} weight`, kind: 'number', digits: 3 },
      { label: `${lv} CI from`, kind: 'number', digits: 3 },
      { label: `${lv} CI to`, kind: 'number', digits: 3 },
      { label: 'Difference', kind: 'number', digits: 3 },
      { label: `Difference ${lv} CI from`, kind: 'number', digits: 3 },
      { label: `Difference ${lv} CI to`, kind: 'number', digits: 3 },
      { label: 'Changed', kind: 'text' },
    ],
    rows: s.drivers.map((d) => [
      d.name,
      d.reference.weight,
      d.reference.ci[0],
      d.reference.ci[1],
      d.current.weight,
      d.current.ci[0],
      d.current.ci[1],
      d.difference,
      d.differenceCi[0],
      d.differenceCi[1],
      d.changed ? 'yes' : 'no',
    ]),
  };
}

/** The chart's one sentence: the largest move and how many drivers changed. */
export function stabilitySummary(s: DriversStability): string {
  const changed = s.drivers.filter((d) => d.changed).length;
  const top = s.drivers[0];
  const moved = top ? ` The largest move is ${top.name}, ${top.reference.weight.toFixed(3)} → ${top.current.weight.toFixed(3)}.` : '';
  return `Raw weights of ${s.drivers.length} drivers in “${s.reference}” and “${s.current}” with ${pct(s.level)} bootstrap intervals; ${changed === 0 ? 'none changed' : `${changed} changed`} beyond the interval of the difference.${moved}`;
}
