// The NPS view: three analyses behind pill tabs — NPS (overall, by group, trend), the collection-context check
// (measurement bias) and key drivers. Each keeps its own set-up, job and result; all three stay mounted so a run
// continues, and its result waits, while another tab is shown.
import { useEffect, useState } from 'react';
import type { ResultKind } from '../../../shared/results';
import { onPendingResult, pendingKinds } from '../../lib/open-result';
import { Paper, Tabs, Text, Title } from '@mantine/core';
import { IconGauge, IconListSearch, IconTargetArrow } from '@tabler/icons-react';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useWorkspace } from '../../state/workspace';
import { ContextArea } from './ContextArea';
import { DriversArea } from './DriversArea';
import { NpsArea } from './NpsArea';
import './nps.css';

type Area = 'nps' | 'context' | 'drivers';

const AREA_OF: Partial<Record<ResultKind, Area>> = { nps: 'nps', npsContext: 'context', drivers: 'drivers' };

// Remembered for the session: the tab and whether the set-up pane is open.
let lastArea: Area = 'nps';
let lastSetupOpen = true;

export function NpsView() {
  const client = useClient();
  const { datasets, revision } = useWorkspace();
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);
  const [area, setAreaState] = useState<Area>(() => {
    // A saved result opened from the Results list shows on its own tab.
    const kind = pendingKinds().find((k) => AREA_OF[k]);
    if (kind) lastArea = AREA_OF[kind]!;
    return lastArea;
  });
  const [setupOpen, setSetupOpenState] = useState(lastSetupOpen);
  const setArea = (a: Area) => {
    lastArea = a;
    setAreaState(a);
  };
  const setSetupOpen = (open: boolean) => {
    lastSetupOpen = open;
    setSetupOpenState(open);
  };

  useEffect(() => onPendingResult((kind) => AREA_OF[kind] && setArea(AREA_OF[kind]!)), []);

  if (datasets.length === 0) {
    return (
      <div className="cxw-page">
        <Paper withBorder radius="md" p="xl" maw={680}>
          <Title order={3}>No survey data yet</Title>
          <Text mt="xs" c="dimmed">
            Import survey answers on the Data view — one row per respondent with a 0–10 recommend score — and mark the score column as NPS.
            Ratings (satisfaction with delivery, price, support…) become candidate key drivers.
          </Text>
        </Paper>
      </div>
    );
  }

  return (
    <Tabs value={area} onChange={(v) => v && setArea(v as Area)} variant="pills" keepMounted className="cxw-nps">
      <Tabs.List className="cxw-nps-areas">
        <Tabs.Tab value="nps" leftSection={<IconGauge size={18} />}>
          NPS
        </Tabs.Tab>
        <Tabs.Tab value="context" leftSection={<IconListSearch size={18} />}>
          Collection context
        </Tabs.Tab>
        <Tabs.Tab value="drivers" leftSection={<IconTargetArrow size={18} />}>
          Key drivers
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="nps" className="cxw-nps-panel">
        <NpsArea segmentations={segmentations.data ?? []} setupOpen={setupOpen} onSetupOpen={setSetupOpen} />
      </Tabs.Panel>
      <Tabs.Panel value="context" className="cxw-nps-panel">
        <ContextArea setupOpen={setupOpen} onSetupOpen={setSetupOpen} />
      </Tabs.Panel>
      <Tabs.Panel value="drivers" className="cxw-nps-panel">
        <DriversArea setupOpen={setupOpen} onSetupOpen={setSetupOpen} />
      </Tabs.Panel>
    </Tabs>
  );
}
