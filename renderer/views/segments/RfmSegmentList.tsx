// RFM segment counts as a bar list in the standard order (best customers first), each with its one-line meaning.
// Segments nobody fell into stay listed, dimmed, so the list reads the same on every dataset.
import { Progress, Text } from '@mantine/core';
import { RFM_SEGMENTS } from '../../../shared/segments';
import { formatCount, formatPct } from '../../lib/format';
import { maxOf } from '../../../shared/extent';

export function RfmSegmentList({ segments }: { segments: { name: string; customers: number }[] }) {
  const total = segments.reduce((a, s) => a + s.customers, 0);
  const count = new Map(segments.map((s) => [s.name, s.customers]));
  const known = new Set(RFM_SEGMENTS.map((s) => s.name));
  // Any name the services add later is still shown, after the standard ones.
  const rows = [...RFM_SEGMENTS, ...segments.filter((s) => !known.has(s.name)).map((s) => ({ name: s.name, meaning: '' }))];
  const max = Math.max(1, maxOf(segments.map((s) => s.customers)));
  return (
    <ul className="cxw-rfm-list" aria-label="RFM segments">
      {rows.map((r) => {
        const n = count.get(r.name) ?? 0;
        return (
          <li key={r.name} className="cxw-rfm-row" data-empty={n === 0 ? 'true' : undefined} aria-label={`${r.name}: ${n} customers`}>
            <div className="cxw-rfm-name">
              <Text fw={650}>{r.name}</Text>
              <Text size="sm" c="dimmed">
                {r.meaning}
              </Text>
            </div>
            <Progress value={(100 * n) / max} size="lg" radius="sm" className="cxw-rfm-bar" aria-hidden="true" />
            <Text className="cxw-tabular cxw-rfm-count" fw={650} ta="right">
              {formatCount(n)}
              <Text span size="sm" c="dimmed" ml={6}>
                {total ? formatPct((100 * n) / total) : ''}
              </Text>
            </Text>
          </li>
        );
      })}
    </ul>
  );
}
