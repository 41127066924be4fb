// The canvas's keys, in a popover the toolbar's keyboard button ("Keyboard shortcuts") opens. Escape closes it and
// the focus goes back to the button. An icon button: the toolbar has no room for another word at 1920 px with the
// set-up pane open.
import { ActionIcon, Popover, Table, Text } from '@mantine/core';
import { IconKeyboard } from '@tabler/icons-react';

export const CANVAS_KEYS: { group: string; keys: [string, string][] }[] = [
  {
    group: 'Cards and cells (one Tab stop)',
    keys: [
      ['↑ ↓', 'Previous / next card or cell down the stage'],
      ['← →', 'The same lane in the previous / next stage'],
      ['Home / End', 'First / last stage of the lane'],
      ['Ctrl+Home / End', 'First / last cell of the map'],
      ['Enter on “Add”', 'Write a new card in that cell'],
      ['Enter or F2', 'Edit the card'],
      ['Alt + ← →', 'Move the card to the previous / next stage'],
      ['Alt + ↑ ↓', 'Move the card to the lane above / below'],
      ['Alt + Shift + ↑ ↓', 'Move the card up / down in its cell'],
      ['Delete', 'Delete the card'],
      ['Shift+F10', 'The card’s menu'],
    ],
  },
  {
    group: 'Writing a card or a stage name',
    keys: [
      ['Enter', 'Keep it (Shift+Enter: a new line in a card)'],
      ['Escape', 'Put back what was there'],
    ],
  },
  {
    group: 'Stages',
    keys: [['Alt + ← →', 'Move the stage (in its name or on its “…”)']],
  },
  {
    group: 'Anywhere on the map',
    keys: [
      ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
      ['Ctrl+S', 'Save'],
      ['Escape', 'Close a menu; the focus goes back'],
    ],
  },
];

export function KeyboardHelp() {
  return (
    <Popover position="bottom-end" width="min(880px, calc(100vw - 48px))" shadow="md" trapFocus returnFocus withinPortal>
      {/* A title, not a Tooltip: a Tooltip between the target and its button would drop the popover's aria-expanded. */}
      <Popover.Target>
        <ActionIcon variant="default" size="lg" aria-label="Keyboard shortcuts" title="Keyboard shortcuts">
          <IconKeyboard size={18} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown className="cxw-map-keys-pop">
        <KeyTable />
      </Popover.Dropdown>
    </Popover>
  );
}

/** The keys in two columns (cards; stages and the whole map), so the list fits a 1366 × 768 screen. */
export function KeyTable() {
  const columns = [CANVAS_KEYS.slice(0, 1), CANVAS_KEYS.slice(1)];
  return (
    <div className="cxw-map-keys" data-autofocus tabIndex={-1}>
      {columns.map((groups, i) => (
        <Table key={i} verticalSpacing={3} withRowBorders={false} fz="sm">
          {groups.map((g) => (
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
      ))}
    </div>
  );
}
