// The app's top-level views, in navigation order.
import { IconChartDots3, IconCrystalBall, IconDatabase, IconGauge, IconHistory, IconHeartRateMonitor, IconPresentation, IconRoute, IconScale, type Icon } from '@tabler/icons-react';

export type ViewKey = 'data' | 'segments' | 'journeys' | 'nps' | 'audit' | 'predict' | 'monitor' | 'results' | 'present';

export interface ViewDef {
  key: ViewKey;
  label: string;
  icon: Icon;
  ready: boolean;
}

export const VIEWS: readonly ViewDef[] = [
  { key: 'data', label: 'Data', icon: IconDatabase, ready: true },
  { key: 'segments', label: 'Segments', icon: IconChartDots3, ready: true },
  { key: 'journeys', label: 'Journeys', icon: IconRoute, ready: true },
  { key: 'nps', label: 'NPS', icon: IconGauge, ready: true },
  { key: 'audit', label: 'Audit', icon: IconScale, ready: true },
  { key: 'predict', label: 'Predict', icon: IconCrystalBall, ready: true },
  { key: 'monitor', label: 'Monitor', icon: IconHeartRateMonitor, ready: true },
  { key: 'results', label: 'Saved results', icon: IconHistory, ready: true },
  { key: 'present', label: 'Present', icon: IconPresentation, ready: true },
];

export function viewFromHash(hash: string): ViewKey {
  // "#/data?dataset=…" (a jump to one dataset) still selects the view by its first word.
  const key = hash.replace(/^#\/?/, '').split(/[?/]/)[0];
  return (VIEWS.find((v) => v.key === key)?.key ?? 'data') as ViewKey;
}

/** The dataset named in "#/data?dataset=NAME" (how other views open one dataset on the Data view), or null. */
export function datasetFromHash(hash: string): string | null {
  const q = hash.indexOf('?');
  return q < 0 ? null : new URLSearchParams(hash.slice(q + 1)).get('dataset');
}
