// The Monitor view: the comparisons a CX team runs every quarter — what changed between two waves (drift, NPS and
// its mix), whether an experiment worked, and whether gains last (cohorts). Each area (./areas.ts) keeps its own
// set-up, job and result behind pill tabs; all stay mounted so a run continues while another tab is shown.
import { useEffect, useState } from 'react';
import { Paper, Tabs, Text, Title } from '@mantine/core';
import { onPendingResult, pendingKinds } from '../../lib/open-result';
import { useWorkspace } from '../../state/workspace';
import type { ResultKind } from '../../../shared/results';
import { MONITOR_AREAS } from './areas';
import './monitor.css';

const areaOfKind = (kind: ResultKind): string | undefined => MONITOR_AREAS.find((a) => a.kinds.includes(kind))?.key;
/** "#/monitor/cohorts" → "cohorts" (a link or a test opens one area). */
const areaFromHash = (): string | undefined => {
  const key = window.location.hash.replace(/^#\/?/, '').split('?')[0].split('/')[1];
  return MONITOR_AREAS.some((a) => a.key === key) ? key : undefined;
};

// Remembered for the session: the tab and whether the set-up pane is open.
let lastArea: string | undefined;
let lastSetupOpen = true;

export function MonitorView() {
  const { datasets } = useWorkspace();
  const [area, setAreaState] = useState<string | undefined>(() => {
    const kind = pendingKinds().find((k) => areaOfKind(k));
    lastArea = (kind && areaOfKind(kind)) ?? areaFromHash() ?? lastArea ?? MONITOR_AREAS[0]?.key;
    return lastArea;
  });
  const [setupOpen, setSetupOpenState] = useState(lastSetupOpen);
  const setArea = (a: string) => {
    lastArea = a;
    setAreaState(a);
  };
  const setSetupOpen = (open: boolean) => {
    lastSetupOpen = open;
    setSetupOpenState(open);
  };
  useEffect(() => onPendingResult((kind) => areaOfKind(kind) && setArea(areaOfKind(kind)!)), []);

  if (datasets.length === 0) {
    return (
      <div className="cxw-page">
        <Paper withBorder radius="md" p="xl" maw={680}>
          <Title order={3}>Nothing to compare yet</Title>
          <Text mt="xs" c="dimmed">
            Import two waves of a survey or customer table (or one with a date column), an experiment’s results with the arm each customer was in,
            or an event log with customer ids and times, on the Data view — then come back here.
          </Text>
        </Paper>
      </div>
    );
  }

  return (
    <Tabs value={area} onChange={(v) => v && setArea(v)} variant="pills" keepMounted className="cxw-monitor">
      <Tabs.List className="cxw-monitor-areas">
        {MONITOR_AREAS.map((a) => (
          <Tabs.Tab key={a.key} value={a.key} leftSection={<a.icon size={18} />}>
            {a.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {MONITOR_AREAS.map((a) => (
        <Tabs.Panel key={a.key} value={a.key} className="cxw-monitor-panel">
          <a.Component setupOpen={setupOpen} onSetupOpen={setSetupOpen} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
