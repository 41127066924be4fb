// Per-column filter: a condition suited to the column's type and, where needed, a value.
import { useState } from 'react';
import { ActionIcon, Button, Group, NativeSelect, Popover, Stack, TextInput } from '@mantine/core';
import { IconFilter, IconFilterFilled } from '@tabler/icons-react';
import type { ColumnMeta, FilterOp, RowFilter } from '../../../../shared/domain';
import { OP_LABELS, needsValue, opsFor } from './filterOps';

interface Props {
  column: ColumnMeta;
  active: RowFilter | undefined;
  onApply: (filter: RowFilter | null) => void;
}

export function FilterPopover({ column, active, onApply }: Props) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" width={260} trapFocus withinPortal>
      <Popover.Target>
        <ActionIcon
          variant={active ? 'light' : 'subtle'}
          color={active ? 'indigo' : 'gray'}
          size="sm"
          aria-label={`Filter ${column.name}`}
          onClick={(e) => {
            e.stopPropagation();
            setOpened((o) => !o);
          }}
          className="cxw-filter-button"
          data-active={active ? 'true' : undefined}
        >
          {active ? <IconFilterFilled size={13} /> : <IconFilter size={13} />}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        {opened && (
          <FilterForm
            column={column}
            active={active}
            onApply={(f) => {
              onApply(f);
              setOpened(false);
            }}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function FilterForm({ column, active, onApply }: Props) {
  const ops = opsFor(column.type);
  const [op, setOp] = useState<FilterOp>(active?.op ?? ops[0]);
  const [value, setValue] = useState(active?.value === undefined ? '' : String(active.value));
  const numeric = column.type === 'integer' || column.type === 'real';
  const isBool = column.type === 'boolean';
  const labels = column.booleanLabels ?? { true: 'true', false: 'false' };
  const parsed = numeric ? Number(value) : value;
  const valid = !needsValue(op) || (value.trim() !== '' && (!numeric || Number.isFinite(parsed)));

  const apply = () => {
    if (!valid) return;
    if (!needsValue(op)) return onApply({ column: column.name, op });
    const v = numeric || isBool ? Number(value) : value;
    onApply({ column: column.name, op, value: v });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <Stack gap="xs">
        <NativeSelect
          label="Condition"
          size="xs"
          data={ops.map((o) => ({ value: o, label: OP_LABELS[o] }))}
          value={op}
          onChange={(e) => setOp(e.currentTarget.value as FilterOp)}
          aria-label={`Condition for ${column.name}`}
        />
        {needsValue(op) &&
          (isBool ? (
            <NativeSelect
              label="Value"
              size="xs"
              data={[
                { value: '', label: 'Choose…' },
                { value: '1', label: labels.true },
                { value: '0', label: labels.false },
              ]}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              aria-label={`Value for ${column.name}`}
            />
          ) : (
            <TextInput
              label="Value"
              size="xs"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              placeholder={column.type === 'date' ? 'YYYY-MM-DD' : column.type === 'datetime' ? 'YYYY-MM-DD HH:MM' : ''}
              inputMode={numeric ? 'decimal' : undefined}
              error={value !== '' && numeric && !Number.isFinite(parsed) ? 'Enter a number' : undefined}
              aria-label={`Value for ${column.name}`}
              data-autofocus
            />
          ))}
        <Group justify="space-between" gap="xs" mt={4}>
          <Button variant="subtle" color="gray" size="xs" onClick={() => onApply(null)} disabled={!active}>
            Clear
          </Button>
          <Button type="submit" size="xs" disabled={!valid}>
            Apply filter
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
