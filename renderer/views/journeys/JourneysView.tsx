// The Journeys view: set-up on the left (collapsible, so the charts get the whole projector), results on the right.
// A run is a 'journey.analyze' job with progress and cancel; the set-up and the last result are remembered per
// dataset for the session, so leaving the view and coming back finds them again. The first run of a dataset leaves
// the stages that look like side steps out of the funnel (a second run), says so above the results and offers Undo;
// after an Undo, the suggestion stays a hint with a one-click "Leave out of the funnel and re-run".
import { useMemo, useState } from 'react';
import { Paper, Tabs, Text, Title } from '@mantine/core';
import { IconMap2, IconRoute } from '@tabler/icons-react';
import type { JourneyResult, JourneySpec } from '../../../shared/journeys';
import type { SaveOption } from '../../../shared/results';
import type { SegmentationSummary } from '../../../shared/segments';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { useAsync } from '../../state/useAsync';
import { AnalysisIntro, AnalysisLayout, AnalysisStatus } from '../../components/AnalysisLayout';
import { savedOf, useAnalysis, type Run } from '../../lib/useAnalysis';
import { JourneyMapPanel } from './canvas/JourneyMapPanel';
import { ResultView, type JourneyTab } from './ResultView';
import { SetupPanel } from './SetupPanel';
import { fromJourneySpec } from './from-spec';
import { formProblem, journeyForms, toSpec, type JourneyForm } from './model';
import { draftFromResult } from './stages';
import { shouldPreApply, withSideSteps } from './side-steps';
import type { AutoSideSteps } from './SideStepNotes';
import { phaseLabel } from './phases';
import './journeys.css';

type Area = 'analytics' | 'map';

interface JourneyRun extends Run<JourneySpec, JourneyResult> {
  /** The side steps this run left out by itself (the first run of the dataset), with the run before. */
  auto?: AutoSideSteps;
}

// Session memory: the channels seen per dataset and channel column.
const channelsSeen = new Map<string, Set<string>>();
/** Datasets (and step columns) where the analyst undid the automatic side steps: not applied again this session. */
const declinedSideSteps = new Set<string>();

const datasetKey = (workspace: string | undefined, dataset: string) => `${workspace ?? ''}\u0000${dataset}`;
const channelKey = (workspace: string | undefined, dataset: string, channel: string) => `${datasetKey(workspace, dataset)}\u0000${channel}`;

export function JourneysView() {
  const client = useClient();
  const { info, revision } = useWorkspace();
  const workspace = info?.path;
  const segmentations = useAsync<SegmentationSummary[]>(() => client.invoke('segment.list', {}), [client, revision]);
  const [tab, setTab] = useState<JourneyTab>('flow');
  const [setupOpen, setSetupOpen] = useState(true);
  const [area, setArea] = useState<Area>('analytics');

  const sideKey = (f: JourneyForm) => `${datasetKey(workspace, f.dataset)}\u0000${f.step}`;
  const invoke = (jobId: string, spec: JourneySpec, save: SaveOption) => client.invoke('journey.analyze', { jobId, spec, save });

  // The first run of a dataset may leave the suggested side steps out and run again; then the channels seen and the tab.
  const settle = async (first: Run<JourneySpec, JourneyResult>, { from, firstRun }: { from: JourneyForm; firstRun: boolean }): Promise<JourneyRun> => {
    let next: JourneyRun = first;
    const pre = { firstRun, declined: declinedSideSteps.has(sideKey(from)), offFunnel: from.offFunnel, customStages: from.stages !== null };
    if (shouldPreApply(first.result, pre)) {
      // Leave the suggested side steps out and run again, replacing the first run's saved result; if that run fails,
      // the first result stands.
      const withSide = { ...from, offFunnel: first.result.suggestedOffFunnel };
      const spec2 = toSpec(withSide);
      const firstSaved = savedOf(first)?.id;
      const again = await a.job.start('journey', (jobId) => invoke(jobId, spec2, firstSaved ? { replaces: firstSaved } : {}));
      if (again.ok) {
        next = { sent: spec2, result: again.value, auto: { steps: first.result.suggestedOffFunnel, before: first.result } };
        a.setForm(withSide);
      }
    }
    const spec = first.sent;
    if (spec.channel) {
      const key = channelKey(workspace, spec.dataset, spec.channel);
      channelsSeen.set(key, new Set([...(channelsSeen.get(key) ?? []), ...first.result.channels]));
    }
    if (tab === 'compare' && !first.result.groups) setTab('flow');
    if (spec.compareBy && first.result.groups) setTab('compare');
    return next;
  };

  const a = useAnalysis<JourneyForm, JourneySpec, JourneyResult, JourneyRun>({
    kind: 'journey',
    forms: journeyForms,
    pickDataset: pickEventDataset,
    problem: formProblem,
    toSpec,
    fromSpec: fromJourneySpec,
    resultKind: 'journey',
    invoke,
    cancelledNote: 'The journey analysis was cancelled; the results shown (if any) are from the previous run.',
    runPerDataset: true,
    settle,
  });
  const { form, setForm, analyze, dataset, datasets, job, run, problem } = a;

  const result = run?.result ?? null;
  const sameSteps = result !== null && result.spec.dataset === form.dataset && result.spec.step === form.step;
  const stageDraft = useMemo(() => (sameSteps && result ? draftFromResult(result.stages) : null), [sameSteps, result]);
  const segmentNames = result && result.spec.segmentation === form.segmentation ? (result.segments ?? []) : [];
  const knownChannels = form.channel ? [...(channelsSeen.get(channelKey(workspace, form.dataset, form.channel)) ?? [])].sort() : [];

  // Undo the automatic side steps: count them in the funnel again, and do not apply them again this session.
  const undoSideSteps = () => {
    const steps = run?.auto?.steps ?? [];
    declinedSideSteps.add(sideKey(form));
    const next = { ...form, offFunnel: withSideSteps(form.offFunnel, steps, false) };
    setForm(next);
    void analyze(next);
  };

  // The suggestion's one click: leave those steps out of the funnel and run again.
  const leaveOut = (steps: string[]) => {
    const next = { ...form, offFunnel: withSideSteps(form.offFunnel, steps, true) };
    setForm(next);
    void analyze(next);
  };

  // The services warn when a step carries dates only under exact order: one click switches and re-runs.
  const switchToDayPrecision = () => {
    const next = { ...form, precision: 'day' as const };
    setForm(next);
    void analyze(next);
  };

  if (datasets.length === 0) {
    return (
      <div className="cxw-page">
        <Paper withBorder radius="md" p="xl" maw={680}>
          <Title order={3}>No event data yet</Title>
          <Text mt="xs" c="dimmed">
            Import an event log on the Data view — one row per event, with a journey id (customer, order or case), a timestamp and a step — then come
            back here. A satisfaction or NPS column and a channel column add the emotion curve and channel comparisons.
          </Text>
        </Paper>
      </div>
    );
  }

  return (
    <AnalysisLayout
      name="Journeys"
      setupName="Journey set-up"
      setupOpen={setupOpen}
      onSetupOpen={setSetupOpen}
      setup={
        <SetupPanel
          datasets={datasets}
          dataset={dataset}
          form={form}
          onForm={setForm}
          onDataset={a.chooseDataset}
          segmentations={segmentations.data ?? []}
          segmentNames={segmentNames}
          knownChannels={knownChannels}
          stageDraft={stageDraft}
          busy={job.running}
        />
      }
      run={a.runBar('Run journey analysis')}
      busy={job.running}
    >
      {/* Tabs (not a switch) so the map is reachable as "the Journey map tab"; pills, to stand apart from the result's tabs. */}
      <Tabs value={area} onChange={(v) => v && setArea(v as Area)} variant="pills" keepMounted={false}>
        <Tabs.List className="cxw-jny-area">
          <Tabs.Tab value="analytics" leftSection={<IconRoute size={18} />}>
            Journey analytics
          </Tabs.Tab>
          <Tabs.Tab value="map" leftSection={<IconMap2 size={18} />}>
            Journey map
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="analytics">
          <AnalysisStatus {...a.status} jobTitle={`Analysing journeys in “${form.dataset}”`} phaseLabel={phaseLabel} errorTitle="The journey analysis did not run">
            {result ? (
              <ResultView
                result={result}
                tab={tab}
                onTab={setTab}
                onDayPrecision={switchToDayPrecision}
                autoSideSteps={run?.auto ?? null}
                onUndoSideSteps={undoSideSteps}
                onLeaveOut={leaveOut}
                busy={job.running}
              />
            ) : (
              <Intro canRun={!problem && !job.running} onRun={() => void analyze()} problem={problem} />
            )}
          </AnalysisStatus>
        </Tabs.Panel>
        <Tabs.Panel value="map">
          <JourneyMapPanel spec={run?.sent ?? null} result={result} />
        </Tabs.Panel>
      </Tabs>
    </AnalysisLayout>
  );
}

function Intro({ canRun, onRun, problem }: { canRun: boolean; onRun: () => void; problem: string | null }) {
  return (
    <AnalysisIntro title={<Title order={3}>Measure the journeys in an event log</Title>} label="Run journey analysis" icon={<IconRoute size={18} />} canRun={canRun} onRun={onRun} problem={problem}>
      <Text mt="sm" size="md">
        Check the columns on the left and run. You get the funnel with drop-off per stage, the transitions between steps as a Sankey, the satisfaction
        curve along the stages, the time between steps, the most common paths and the pain points — and, with a segmentation or a channel, the same
        per group.
      </Text>
    </AnalysisIntro>
  );
}

/** The likeliest event table: one with a journey-step column, else the first dataset. */
function pickEventDataset<T extends { columns: { role: string }[] }>(datasets: T[]): T | null {
  return datasets.find((d) => d.columns.some((c) => c.role === 'journeyStep')) ?? datasets[0] ?? null;
}
