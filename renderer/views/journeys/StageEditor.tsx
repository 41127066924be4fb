// Stage order and grouping: the stages of the last run, in order. Move a stage up or down, merge a step into the
// stage above or below, split it back out into a stage of its own, rename stages; "Run" applies it as spec.stages.
// A stage can be left out of the funnel as a side step (spec.offFunnel, e.g. support contacts): it is then listed
// apart under "Side steps", keeps its place in the draft, and the moves and merges of the funnel stages pass over it.
import { ActionIcon, Button, Group, Menu, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import {
  IconArrowBackUp,
  IconArrowBarRight,
  IconArrowDown,
  IconArrowRampRight,
  IconArrowUp,
  IconChevronDown,
  IconCornerLeftUp,
  IconCornerRightDown,
  IconDots,
  IconLayoutDistributeHorizontal,
} from '@tabler/icons-react';
import type { JourneyStageSpec } from '../../../shared/journeys';
import { segmentColor } from '../../charts/palette';
import { mergeStage, moveStage, moveStep, neighbour, renameStage, splitStep, type StageDraft } from './stages';
import { isSideStage, withSideSteps } from './side-steps';

interface Props {
  draft: StageDraft;
  /** Steps left out of the funnel (side steps). */
  offFunnel: string[];
  /** The analyst changed the order or grouping (vs the order inferred from the data). */
  custom: boolean;
  disabled: boolean;
  onChange: (draft: StageDraft) => void;
  onOffFunnel: (offFunnel: string[]) => void;
  onReset: () => void;
}

export function StageEditor({ draft, offFunnel, custom, disabled, onChange, onOffFunnel, onReset }: Props) {
  const side = (s: JourneyStageSpec) => isSideStage(s, offFunnel);
  // Draft indices: the draft keeps every stage in its order; the lists show funnel stages and side steps apart.
  const funnel = draft.map((s, k) => k).filter((k) => !side(draft[k]));
  const sideSteps = draft.map((s, k) => k).filter((k) => side(draft[k]));

  return (
    <Stack gap={8}>
      <Stack gap={8} role="list" aria-label="Stages in order">
        {funnel.map((k, i) => {
          const stage = draft[k];
          const above = neighbour(draft, k, -1, side);
          const below = neighbour(draft, k, 1, side);
          return (
            <div key={k} role="listitem" className="cxw-jny-stage" style={{ ['--stage-color' as string]: segmentColor(k) }} aria-label={`Stage ${i + 1}: ${stage.name}`}>
              <Group gap={6} wrap="nowrap" align="center">
                <span className="cxw-jny-stage-num cxw-tabular" aria-hidden="true">
                  {i + 1}
                </span>
                <TextInput
                  className="cxw-grow"
                  size="sm"
                  value={stage.name}
                  onChange={(e) => onChange(renameStage(draft, k, e.currentTarget.value))}
                  aria-label={`Name of analysis stage ${i + 1}`}
                  error={stage.name.trim() ? undefined : true}
                  disabled={disabled}
                />
                <Tooltip label="Move stage up">
                  <ActionIcon variant="subtle" color="gray" onClick={() => onChange(moveStage(draft, k, -1, side))} disabled={disabled || above < 0} aria-label={`Move stage ${stage.name} up`}>
                    <IconArrowUp size={16} />
                  </ActionIcon>
                </Tooltip>
                <Tooltip label="Move stage down">
                  <ActionIcon variant="subtle" color="gray" onClick={() => onChange(moveStage(draft, k, 1, side))} disabled={disabled || below < 0} aria-label={`Move stage ${stage.name} down`}>
                    <IconArrowDown size={16} />
                  </ActionIcon>
                </Tooltip>
                <Menu position="bottom-end" withinPortal shadow="md" disabled={disabled}>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`More for stage ${stage.name}`} disabled={disabled}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Label>{stage.name || `Stage ${i + 1}`}</Menu.Label>
                    <Menu.Item leftSection={<IconCornerLeftUp size={15} />} disabled={above < 0} onClick={() => onChange(mergeStage(draft, k, -1, side))}>
                      Merge the whole stage into the one above
                    </Menu.Item>
                    <Menu.Item leftSection={<IconCornerRightDown size={15} />} disabled={below < 0} onClick={() => onChange(mergeStage(draft, k, 1, side))}>
                      Merge the whole stage into the one below
                    </Menu.Item>
                    <Menu.Divider />
                    <Menu.Item leftSection={<IconArrowRampRight size={15} />} disabled={funnel.length < 2} onClick={() => onOffFunnel(withSideSteps(offFunnel, stage.steps, true))}>
                      Leave out of the funnel (side step)
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
              <div className="cxw-jny-stage-steps">
                {stage.steps.map((step) => (
                  <Menu key={step} position="bottom-start" withinPortal shadow="md" disabled={disabled}>
                    <Menu.Target>
                      <button type="button" className="cxw-jny-step-button" aria-label={`Step ${step}: change its stage`} disabled={disabled}>
                        <span className="cxw-jny-step-text">{step}</span>
                        <IconChevronDown size={13} aria-hidden="true" />
                      </button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Label>{step}</Menu.Label>
                      <Menu.Item leftSection={<IconCornerLeftUp size={15} />} disabled={above < 0} onClick={() => onChange(moveStep(draft, step, -1, side))}>
                        {above < 0 ? 'Merge into the stage above' : `Merge into “${draft[above].name}” (above)`}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconCornerRightDown size={15} />} disabled={below < 0} onClick={() => onChange(moveStep(draft, step, 1, side))}>
                        {below < 0 ? 'Merge into the stage below' : `Merge into “${draft[below].name}” (below)`}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconLayoutDistributeHorizontal size={15} />} disabled={stage.steps.length < 2} onClick={() => onChange(splitStep(draft, step))}>
                        Split out into its own stage
                      </Menu.Item>
                    </Menu.Dropdown>
                  </Menu>
                ))}
              </div>
            </div>
          );
        })}
      </Stack>

      {sideSteps.length > 0 && (
        <div className="cxw-jny-sidesteps">
          <Text fw={650} size="sm" id="jny-side-steps-label">
            Side steps
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            Left out of the funnel, its drop-offs and pain points; still in paths, transitions, time and satisfaction.
          </Text>
          <Stack gap={6} role="list" aria-labelledby="jny-side-steps-label">
            {sideSteps.map((k) => {
              const stage = draft[k];
              return (
                <div key={k} role="listitem" className="cxw-jny-stage cxw-jny-stage-side" style={{ ['--stage-color' as string]: segmentColor(k) }} aria-label={`Side step: ${stage.name}`}>
                  <Group gap={6} wrap="nowrap" align="center">
                    <IconArrowBarRight size={16} className="cxw-jny-side-icon" aria-hidden="true" />
                    <TextInput
                      className="cxw-grow"
                      size="sm"
                      value={stage.name}
                      onChange={(e) => onChange(renameStage(draft, k, e.currentTarget.value))}
                      aria-label={`Name of side step ${stage.name}`}
                      error={stage.name.trim() ? undefined : true}
                      disabled={disabled}
                    />
                  </Group>
                  <Group gap={8} mt={4} ml={22} wrap="nowrap" justify="space-between">
                    <Text size="xs" c="dimmed" className="cxw-min0" truncate>
                      {stage.steps.length > 1 || stage.steps[0] !== stage.name ? stage.steps.join(' · ') : ''}
                    </Text>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      leftSection={<IconArrowBackUp size={14} />}
                      onClick={() => onOffFunnel(withSideSteps(offFunnel, stage.steps, false))}
                      disabled={disabled}
                      aria-label={`Put ${stage.name} back in the funnel`}
                      className="cxw-jny-side-back"
                    >
                      Back in the funnel
                    </Button>
                  </Group>
                </div>
              );
            })}
          </Stack>
        </div>
      )}

      <Group justify="space-between" align="center" mt={2}>
        <Text size="xs" c="dimmed">
          {custom ? 'Your order and grouping.' : 'Inferred: one stage per step, by median position.'}
        </Text>
        {custom && (
          <Button variant="subtle" size="compact-sm" leftSection={<IconArrowBackUp size={14} />} onClick={onReset} disabled={disabled}>
            Use the inferred order
          </Button>
        )}
      </Group>
    </Stack>
  );
}
