// Stage order and grouping: the stages of the last run, in order. Move a stage up or down, merge a step into the
// stage above or below, split it back out into a stage of its own, rename stages; "Run" applies it as spec.stages.
import { ActionIcon, Button, Group, Menu, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowDown, IconArrowUp, IconChevronDown, IconCornerLeftUp, IconCornerRightDown, IconDots, IconLayoutDistributeHorizontal } from '@tabler/icons-react';
import { segmentColor } from '../../charts/palette';
import { mergeStage, moveStage, moveStep, renameStage, splitStep, type StageDraft } from './stages';

interface Props {
  draft: StageDraft;
  /** The analyst changed it (vs the order inferred from the data). */
  custom: boolean;
  disabled: boolean;
  onChange: (draft: StageDraft) => void;
  onReset: () => void;
}

export function StageEditor({ draft, custom, disabled, onChange, onReset }: Props) {
  return (
    <Stack gap={8} role="list" aria-label="Stages in order">
      {draft.map((stage, i) => (
        <div key={i} role="listitem" className="cxw-jny-stage" style={{ ['--stage-color' as string]: segmentColor(i) }} aria-label={`Stage ${i + 1}: ${stage.name}`}>
          <Group gap={6} wrap="nowrap" align="center">
            <span className="cxw-jny-stage-num cxw-tabular" aria-hidden="true">
              {i + 1}
            </span>
            <TextInput
              className="cxw-grow"
              size="sm"
              value={stage.name}
              onChange={(e) => onChange(renameStage(draft, i, e.currentTarget.value))}
              aria-label={`Name of analysis stage ${i + 1}`}
              error={stage.name.trim() ? undefined : true}
              disabled={disabled}
            />
            <Tooltip label="Move stage up">
              <ActionIcon variant="subtle" color="gray" onClick={() => onChange(moveStage(draft, i, -1))} disabled={disabled || i === 0} aria-label={`Move stage ${stage.name} up`}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move stage down">
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => onChange(moveStage(draft, i, 1))}
                disabled={disabled || i === draft.length - 1}
                aria-label={`Move stage ${stage.name} down`}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" withinPortal shadow="md" disabled={disabled || draft.length < 2}>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More for stage ${stage.name}`} disabled={disabled || draft.length < 2}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{stage.name || `Stage ${i + 1}`}</Menu.Label>
                <Menu.Item leftSection={<IconCornerLeftUp size={15} />} disabled={i === 0} onClick={() => onChange(mergeStage(draft, i, -1))}>
                  Merge the whole stage into the one above
                </Menu.Item>
                <Menu.Item leftSection={<IconCornerRightDown size={15} />} disabled={i === draft.length - 1} onClick={() => onChange(mergeStage(draft, i, 1))}>
                  Merge the whole stage into the one below
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
                  <Menu.Item leftSection={<IconCornerLeftUp size={15} />} disabled={i === 0} onClick={() => onChange(moveStep(draft, step, -1))}>
                    {i === 0 ? 'Merge into the stage above' : `Merge into “${draft[i - 1].name}” (above)`}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconCornerRightDown size={15} />} disabled={i === draft.length - 1} onClick={() => onChange(moveStep(draft, step, 1))}>
                    {i === draft.length - 1 ? 'Merge into the stage below' : `Merge into “${draft[i + 1].name}” (below)`}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLayoutDistributeHorizontal size={15} />} disabled={stage.steps.length < 2} onClick={() => onChange(splitStep(draft, step))}>
                    Split out into its own stage
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ))}
          </div>
        </div>
      ))}
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
