// The Monitor view's areas (waves and drift, experiments, cohorts): each is one entry here, with the saved-result
// kinds it shows and its component (an analysis layout of its own: set-up, run, results). The view reads only this
// list, so an area plugs in at one place.
import type { ComponentType } from 'react';
import type { Icon } from '@tabler/icons-react';
import type { ResultKind } from '../../../shared/results';
import { IconChartHistogram } from '@tabler/icons-react';
import { WavesArea } from './waves/WavesArea';
import { IconFlask } from '@tabler/icons-react';
import { ExperimentsArea } from './experiments/ExperimentsArea';
import { IconCalendarStats } from '@tabler/icons-react';
import { CohortsArea } from './cohorts/CohortsArea';

export interface MonitorAreaProps {
  setupOpen: boolean;
  onSetupOpen: (open: boolean) => void;
}

export interface MonitorArea {
  /** Also the address: "#/monitor/<key>" opens the area. */
  key: string;
  label: string;
  icon: Icon;
  /** Saved results of these kinds open on this area. */
  kinds: readonly ResultKind[];
  Component: ComponentType<MonitorAreaProps>;
}

export const MONITOR_AREAS: readonly MonitorArea[] = [
  { key: 'waves', label: 'Waves & drift', icon: IconChartHistogram, kinds: ['drift'], Component: WavesArea },
  { key: 'experiments', label: 'Experiments', icon: IconFlask, kinds: ['experiment'], Component: ExperimentsArea },
  { key: 'cohorts', label: 'Cohorts', icon: IconCalendarStats, kinds: ['cohorts'], Component: CohortsArea },
];
