// The open map's toolbar: undo/redo, save and whether there is something to save, add a stage, the keyboard help,
// the canvas text size, and the exports. Undo and Redo are dimmed, not disabled, at the end of the history: a
// disabled button under the keyboard's focus drops the focus on the page.
import { ActionIcon, Badge, Button, Group, SegmentedControl, Text, Tooltip } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp, IconDeviceFloppy, IconFileTypeHtml, IconPhoto, IconPlus, IconPresentation } from '@tabler/icons-react';
import type { JourneyMap } from '../../../../shared/journeys';
import { formatDateTime } from '../../../lib/format';
import { KeyboardHelp } from './KeyboardHelp';

interface Props {
  map: JourneyMap;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  exporting: 'png' | 'html' | null;
  size: string;
  onUndo: () => void;
  onRedo: () => void;
  onSave: () => void;
  onAddStage: () => void;
  onSize: (size: string) => void;
  onExportPng: () => void;
  onExportHtml: () => void;
  onAddToDeck: () => void;
}

export function MapToolbar({ map, dirty, canUndo, canRedo, saving, exporting, size, onUndo, onRedo, onSave, onAddStage, onSize, onExportPng, onExportHtml, onAddToDeck }: Props) {
  return (
    <Group className="cxw-map-toolbar" gap="xs" wrap="wrap">
      <Tooltip label="Undo (Ctrl+Z)">
        <ActionIcon variant="default" size="lg" aria-label="Undo" aria-keyshortcuts="Control+Z" onClick={onUndo} {...dimmed(!canUndo)}>
          <IconArrowBackUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Redo (Ctrl+Shift+Z)">
        <ActionIcon variant="default" size="lg" aria-label="Redo" aria-keyshortcuts="Control+Shift+Z" onClick={onRedo} {...dimmed(!canRedo)}>
          <IconArrowForwardUp size={18} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Save (Ctrl+S). Changes are kept until you save; each save is logged in the activity log.">
        <Button leftSection={<IconDeviceFloppy size={16} />} onClick={onSave} loading={saving} variant={dirty ? 'filled' : 'default'} aria-keyshortcuts="Control+S">
          Save
        </Button>
      </Tooltip>
      {dirty ? (
        <Badge color="orange" variant="light" size="lg" role="status">
          Unsaved changes
        </Badge>
      ) : (
        <Tooltip label={`Last saved ${formatDateTime(map.updatedAt)}`}>
          <Text size="sm" c="dimmed" role="status">
            Saved · version {map.version}
          </Text>
        </Tooltip>
      )}
      <div className="cxw-grow" />
      <Button variant="default" leftSection={<IconPlus size={16} />} onClick={onAddStage}>
        Add stage
      </Button>
      <KeyboardHelp />
      <SegmentedControl
        aria-label="Canvas text size"
        value={size}
        onChange={onSize}
        data={[
          { value: 'normal', label: 'Normal' },
          { value: 'large', label: 'Projector' },
        ]}
      />
      <Button variant="default" leftSection={<IconPhoto size={16} />} onClick={onExportPng} loading={exporting === 'png'}>
        Export PNG
      </Button>
      <Tooltip label={dirty ? 'Saves your changes first: the HTML page is made from the saved map.' : 'One HTML file: no scripts, no links, nothing fetched.'} multiline w={260}>
        <Button variant="default" leftSection={<IconFileTypeHtml size={16} />} onClick={onExportHtml} loading={exporting === 'html'}>
          Export HTML
        </Button>
      </Tooltip>
      <Tooltip label={dirty ? 'Saves your changes first: the slide is a snapshot of the saved map.' : 'A slide of this map in a workshop deck; edit it live while presenting.'} multiline w={260}>
        <Button variant="default" leftSection={<IconPresentation size={16} />} onClick={onAddToDeck}>
          Add to deck
        </Button>
      </Tooltip>
    </Group>
  );
}

function dimmed(off: boolean): { 'data-disabled'?: true; 'aria-disabled'?: true } {
  return off ? { 'data-disabled': true, 'aria-disabled': true } : {};
}
