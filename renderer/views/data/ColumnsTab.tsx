// Column metadata after import: type, role (editable: roles drive every analysis' defaults), PII treatment.
import { useState } from 'react';
import { Badge, NativeSelect, Table, Text } from '@mantine/core';
import type { ColumnMeta, ColumnRole, DatasetSummary } from '../../../shared/domain';
import { COLUMN_ROLES } from '../../../shared/domain';
import { useClient } from '../../state/bridge';
import { useToasts } from '../../state/toasts';
import { useWorkspace } from '../../state/workspace';
import { PII_ACTION_LABELS, ROLE_HINTS, ROLE_LABELS } from '../../lib/labels';
import { TypeBadge } from '../../components/TypeBadge';

const ROLE_OPTIONS = COLUMN_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function ColumnsTab({ dataset }: { dataset: DatasetSummary }) {
  return (
    <div className="cxw-page-pad">
      <Text size="sm" c="dimmed" mb="sm" maw={720}>
        Roles tell every analysis what a column is for: identifiers join and de-duplicate, features feed segmentation,
        protected attributes are audited. Change a role here at any time; the data itself is not touched.
      </Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} highlightOnHover className="cxw-columns-table" aria-label={`Columns of ${dataset.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48}>#</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th w={230}>Role</Table.Th>
              <Table.Th>Personal data</Table.Th>
              <Table.Th>Read as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dataset.columns.map((c) => (
              <ColumnRow key={c.index} dataset={dataset.name} column={c} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

function ColumnRow({ dataset, column }: { dataset: string; column: ColumnMeta }) {
  const client = useClient();
  const { refresh } = useWorkspace();
  const toasts = useToasts();
  const [saving, setSaving] = useState(false);

  const setRole = async (role: ColumnRole) => {
    setSaving(true);
    try {
      await client.invoke('dataset.setColumn', { dataset, column: column.name, role });
      await refresh();
      toasts.success('Role updated', `${column.name}: ${ROLE_LABELS[role]}`);
    } catch (err) {
      toasts.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Table.Tr>
      <Table.Td className="cxw-tabular cxw-dim">{column.index + 1}</Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {column.name}
        </Text>
        {column.originalName !== column.name && (
          <Text size="xs" c="dimmed">
            header in file: {column.originalName === '' ? '(blank)' : `“${column.originalName}”`}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TypeBadge type={column.type} />
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          data={ROLE_OPTIONS}
          value={column.role}
          disabled={saving}
          aria-label={`Role of column ${column.name}`}
          title={ROLE_HINTS[column.role]}
          onChange={(e) => void setRole(e.currentTarget.value as ColumnRole)}
        />
      </Table.Td>
      <Table.Td>
        {column.role === 'pii' || column.piiAction !== 'keep' ? (
          <Badge variant="light" color={column.piiAction === 'pseudonymize' ? 'violet' : 'orange'} size="sm">
            {PII_ACTION_LABELS[column.piiAction]}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {column.dateFormat
            ? `dates as ${column.dateFormat}`
            : column.booleanLabels
              ? `${column.booleanLabels.true} / ${column.booleanLabels.false}`
              : ''}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
