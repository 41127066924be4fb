// Before anything runs: how many rows the chosen target and drivers leave, counted by the workspace (a rows query
// with "present" and "not a missing code" filters), and which drivers cost the most rows. With the impute choice:
// how many rows have a target (all of them are used) and how many driver values will be filled.
import { Text } from '@mantine/core';
import type { DatasetProfile, DatasetSummary } from '../../../shared/domain';
import { formatCount } from '../../lib/format';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { completeRowFilters, formatPct, missingByDriver } from './drivers-model';
import { parseCodes, type DriversForm } from './model';

export function DriversCoverage({ form, dataset, profile }: { form: DriversForm; dataset: DatasetSummary | null; profile: DatasetProfile | undefined }) {
  const client = useClient();
  const parsed = parseCodes(form.missingCodes);
  const codes = 'codes' in parsed ? parsed.codes : [];
  const filters = form.missing === 'impute' ? (form.target ? [{ column: form.target, op: 'notMissing' as const }] : null) : completeRowFilters(form, codes);
  const key = JSON.stringify(filters);
  const count = useAsync<number | null>(
    () => (dataset && filters ? client.invoke('dataset.rows', { dataset: dataset.name, offset: 0, limit: 1, filters }).then((p) => p.total) : Promise.resolve(null)),
    [client, dataset?.name, key],
  );
  if (!dataset || !filters || form.drivers.length === 0) return null;
  const total = dataset.rows;
  const n = count.data;
  const costly = missingByDriver(form, profile).slice(0, 3);
  const targetMissing = profile?.columns.find((c) => c.name === form.target)?.missing ?? 0;
  const causes = [
    ...(targetMissing > 0 ? [`no target in ${formatCount(targetMissing)}`] : []),
    ...costly.map((d) => `“${d.name}” blank in ${formatCount(d.missing)}`),
  ];
  const share = n !== null && n !== undefined && total > 0 ? n / total : 1;
  return (
    <Text size="sm" className="cxw-nps-coverage" data-low={share < 0.8 || undefined} role="status" aria-label="Rows for these drivers">
      {n === null || n === undefined ? (
        'Counting the rows these drivers leave…'
      ) : form.missing === 'impute' ? (
        <>
          <b>{formatCount(n)}</b> of {formatCount(total)} rows have the target and are all used
          {costly.length > 0 ? `; blank driver values are filled with the median (${costly.map((d) => `“${d.name}” ${formatCount(d.missing)}`).join(', ')} in the whole table)` : ''}.
        </>
      ) : (
        <>
          <b>{formatCount(n)}</b> of {formatCount(total)} rows are complete for these drivers
          {n < total ? ` (${formatPct(total - n, total)} left out${causes.length ? `: ${causes.join(', ')}` : ''})` : ''}.
        </>
      )}
    </Text>
  );
}
