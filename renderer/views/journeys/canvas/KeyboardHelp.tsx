// The canvas's keys, in a popover the toolbar's "Keyboard" button opens (the same list the map editing layer of
// presentation mode uses). Escape or "Close" closes it and the focus goes back to the button.
import { Button, Popover, Table, Text } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';

export const CANVAS_KEYS: { group: string; keys: [string, string][] }[] = [
  {
    group: 'Cards and cells (one Tab stop)',
    keys: [
      ['↑ ↓ ← →', 'Next card or cell down the stage, or the same lane in the next stage'],
      ['Home / End', 'First / last stage of the lane'],
      ['Ctrl+Home / Ctrl+End', 'First / last cell of the map'],
      ['Enter on “Add”', 'Write a new card in that cell'],
      ['Enter or F2', 'Edit the card (Enter keeps it, Shift+Enter new line, Escape cancels)'],
      ['Alt + ← →', 'Move the card to the previous / next stage'],
      ['Alt + ↑ ↓', 'Move the card to the lane above / below'],
      ['Alt + Shift + ↑ ↓', 'Move the card up / down within its cell'],
      ['Delete', 'Delete the card'],
      ['Shift+F10', 'The card’s menu'],
    ],
  },
  {
    group: 'Stages',
    keys: [
      ['Enter in a name', 'Keep the new name (Escape puts the old one back)'],
      ['Alt + ← →', 'In a stage name or on its “…” button: move the stage'],
    ],
  },
  {
    group: 'Anywhere on the map',
    keys: [
      ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
      ['Ctrl+S', 'Save'],
      ['Escape', 'Close an editor or menu; the focus goes back where it was'],
    ],
  },
];

export function KeyboardHelp() {
  return (
    <Popover position="bottom-end" width={520} shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconKeyboard size={16} />}>
          Keyboard
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <KeyTable />
      </Popover.Dropdown>
    </Popover>
  );
}

export function KeyTable() {
  return (
    <Table className="cxw-map-keys" verticalSpacing={4} withRowBorders={false} data-autofocus tabIndex={-1}>
      {CANVAS_KEYS.map((g) => (
        <Table.Tbody key={g.group}>
          <Table.Tr>
            <Table.Th colSpan={2} scope="colgroup">
              <Text fw={700} size="sm">
                {g.group}
              </Text>
            </Table.Th>
          </Table.Tr>
          {g.keys.map(([key, what]) => (
            <Table.Tr key={key + what}>
              <Table.Td className="cxw-map-keys-key">
                <kbd>{key}</kbd>
              </Table.Td>
              <Table.Td>{what}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      ))}
    </Table>
  );
}
