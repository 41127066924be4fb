// Population shares for the representation check: per protected attribute, one percentage per group (blank = not
// compared), the share in the data beside it when known, and the running total (it must come to 100%).
import { NumberInput, Switch, Table, Text } from '@mantine/core';
import type { ColumnProfile, DatasetSummary } from '../../../shared/domain';
import { knownGroups, populationShares, type AuditForm } from './model';

interface Props {
  form: AuditForm;
  onForm: (form: AuditForm) => void;
  dataset: DatasetSummary | null;
  profile: ColumnProfile[] | null;
  lastGroups: { attribute: string; group: string; n: number }[] | null;
  disabled: boolean;
}

export function PopulationEditor({ form, onForm, dataset, profile, lastGroups, disabled }: Props) {
  const on = Object.keys(form.population).length > 0;
  const toggle = (checked: boolean) => onForm({ ...form, population: checked ? Object.fromEntries(form.protected.map((a) => [a, {}])) : {} });
  const setShare = (attribute: string, group: string, v: number | '') =>
    onForm({ ...form, population: { ...form.population, [attribute]: { ...(form.population[attribute] ?? {}), [group]: v } } });

  return (
    <div>
      <Switch
        label="Representation check"
        description="Compare the groups’ shares in the data with population shares you enter (census, customer base…)"
        checked={on}
        onChange={(e) => toggle(e.currentTarget.checked)}
        disabled={disabled || form.protected.length === 0}
      />
      {on &&
        form.protected.map((attribute) => {
          const column = dataset?.columns.find((c) => c.name === attribute);
          const prof = profile?.find((c) => c.name === attribute);
          const known = knownGroups(attribute, column, prof, lastGroups, form.missing);
          if (known.groups.length === 0) {
            return (
              <Text key={attribute} size="sm" c="dimmed" mt="sm">
                {attribute}: run once to list its groups, then enter their shares.
              </Text>
            );
          }
          const total = Object.values(populationShares(form, attribute) ?? {}).reduce((a, b) => a + b, 0);
          const dataShare = (group: string): string => {
            const fromRun = lastGroups?.filter((g) => g.attribute === attribute);
            const rows = fromRun?.reduce((a, g) => a + g.n, 0) ?? 0;
            const hit = fromRun?.find((g) => g.group === group);
            if (hit && rows) return `${((hit.n / rows) * 100).toFixed(1)}%`;
            const top = prof?.topValues?.find((t) => t.value === group);
            if (top && dataset?.rows) return `${((top.count / dataset.rows) * 100).toFixed(1)}%`;
            if (group === '(missing)' && prof && dataset?.rows) return `${((prof.missing / dataset.rows) * 100).toFixed(1)}%`;
            return '—';
          };
          return (
            <Table key={attribute} mt="sm" verticalSpacing={4} className="cxw-aud-pop" aria-label={`Population shares for ${attribute}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{attribute}</Table.Th>
                  <Table.Th ta="right">In data</Table.Th>
                  <Table.Th ta="right" w={112}>
                    Population
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {known.groups.map((group) => (
                  <Table.Tr key={group}>
                    <Table.Td>
                      <Text size="sm" truncate>
                        {group}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className="cxw-tabular">
                      <Text size="sm" c="dimmed">
                        {dataShare(group)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        aria-label={`Population share of ${group} (${attribute}), percent`}
                        value={form.population[attribute]?.[group] ?? ''}
                        onChange={(v) => setShare(attribute, group, typeof v === 'number' ? v : v === '' ? '' : Number(v))}
                        min={0}
                        max={100}
                        decimalScale={2}
                        suffix="%"
                        hideControls
                        disabled={disabled}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text size="sm" fw={600}>
                      Total
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="cxw-tabular">
                    <Text size="sm" fw={600} c={total === 0 || Math.abs(total - 100) <= 0.5 ? undefined : 'red'}>
                      {total === 0 ? '—' : `${Math.round(total * 10) / 10}%`}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          );
        })}
    </div>
  );
}
