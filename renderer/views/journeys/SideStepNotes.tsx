// Side steps above the results: the note when the first run left the suggested side steps out of the funnel (with
// what the funnel would be otherwise, and Undo), or the hint when a stage looks like a side step (one click leaves
// it out and runs again). Numbers come from the result: the stage's journeys and the later stage that more reach.
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowRampRight } from '@tabler/icons-react';
import type { JourneyResult } from '../../../shared/journeys';
import { formatCount, formatPct } from '../../lib/format';
import { endConversion, listNames, sideStepReasons, type SideStepReason } from './side-steps';

/** The first run left these steps out; `before` is the run with them as funnel stages. */
export interface AutoSideSteps {
  steps: string[];
  before: JourneyResult;
}

interface Props {
  result: JourneyResult;
  auto: AutoSideSteps | null;
  busy: boolean;
  onUndo: () => void;
  onLeaveOut: (steps: string[]) => void;
}

const REASONS_SHOWN = 3;

/** One line per stage (named, unless it is the only one: the heading names it). */
function Reasons({ reasons }: { reasons: SideStepReason[] }) {
  const shown = reasons.slice(0, REASONS_SHOWN);
  return (
    <>
      {shown.map((r) => (
        <Text size="sm" key={r.stage}>
          {reasons.length > 1 && <b>{r.stage}: </b>}
          {formatCount(r.customers)} journeys have it, under 80% of the {formatCount(r.laterCustomers)} that reach {r.later} (in any order).
        </Text>
      ))}
      {reasons.length > shown.length && <Text size="sm">… and {reasons.length - shown.length} more.</Text>}
    </>
  );
}

export function SideStepNotes({ result, auto, busy, onUndo, onLeaveOut }: Props) {
  if (auto) {
    const stages = result.stages.filter((s) => !s.inFunnel && s.steps.some((step) => auto.steps.includes(step))).map((s) => s.stage);
    const before = endConversion(auto.before);
    const now = endConversion(result);
    return (
      <Alert color="blue" variant="light" icon={<IconArrowRampRight size={18} />} mt="md" py="xs" className="cxw-jny-alert" aria-label="Side steps left out of the funnel">
        <Text size="sm" fw={650}>
          {listNames(stages)} left out of the funnel as {stages.length === 1 ? 'a side step' : 'side steps'}
        </Text>
        <Reasons reasons={sideStepReasons(result.stages, auto.steps)} />
        <Text size="sm">
          As {stages.length === 1 ? 'a funnel stage it' : 'funnel stages they'} would cut the funnel short
          {before !== null && now !== null ? `: ${formatPct(before * 100)} would reach the end instead of ${formatPct(now * 100)}` : ''}. Still counted in
          paths, transitions, time and satisfaction.
        </Text>
        <Button variant="default" size="compact-sm" mt={8} leftSection={<IconArrowBackUp size={15} />} onClick={onUndo} disabled={busy}>
          Undo: keep {stages.length === 1 ? 'it' : 'them'} in the funnel
        </Button>
      </Alert>
    );
  }
  const steps = result.suggestedOffFunnel;
  if (steps.length === 0) return null;
  const reasons = sideStepReasons(result.stages, steps);
  const names = reasons.map((r) => r.stage);
  const end = endConversion(result);
  return (
    <Alert color="orange" variant="light" icon={<IconArrowRampRight size={18} />} mt="md" py="xs" className="cxw-jny-alert" aria-label="Side steps suggested">
      <Text size="sm" fw={650}>
        {listNames(names)} {names.length === 1 ? 'looks like a side step' : 'look like side steps'}, not {names.length === 1 ? 'a funnel stage' : 'funnel stages'}
      </Text>
      <Reasons reasons={reasons} />
      <Text size="sm">
        As {names.length === 1 ? 'a funnel stage it cuts' : 'funnel stages they cut'} the funnel short{end !== null ? `: only ${formatPct(end * 100)} reach the end` : ''}. Left out,{' '}
        {names.length === 1 ? 'it still counts' : 'they still count'} in paths, transitions, time and satisfaction.
      </Text>
      <Group mt={8}>
        <Button variant="filled" size="compact-sm" leftSection={<IconArrowRampRight size={15} />} onClick={() => onLeaveOut(steps)} disabled={busy}>
          Leave out of the funnel and re-run
        </Button>
      </Group>
    </Alert>
  );
}
