// Most frequent values with proportional bars; empty strings and booleans are labelled, not left blank.
import { Text } from '@mantine/core';
import type { BooleanLabels, TopValue } from '../../shared/domain';
import { formatCount, formatPct } from '../lib/format';
import { maxOf } from '../../shared/extent';

interface Props {
  values: TopValue[];
  total: number;
  distinct: number;
  isBoolean?: boolean;
  booleanLabels?: BooleanLabels;
  limit?: number;
}

function display(value: string, isBoolean: boolean, labels?: BooleanLabels): string {
  if (isBoolean && labels) {
    if (value === '1' || value === 'true') return labels.true;
    if (value === '0' || value === 'false') return labels.false;
  }
  return value;
}

export function TopValues({ values, total, distinct, isBoolean = false, booleanLabels, limit = 5 }: Props) {
  const shown = values.slice(0, limit);
  const max = Math.max(1, maxOf(shown.map((v) => v.count)));
  const rest = distinct - shown.length;
  return (
    <div className="cxw-top">
      {shown.map((v, i) => {
        const label = display(v.value, isBoolean, booleanLabels);
        return (
          <div key={i} className="cxw-top-row" title={`${label}: ${formatCount(v.count)}`}>
            <span className={label === '' ? 'cxw-top-label cxw-null' : 'cxw-top-label'}>{label === '' ? '(empty text)' : label}</span>
            <span className="cxw-top-track" aria-hidden="true">
              <span className="cxw-top-bar" style={{ width: `${(v.count / max) * 100}%` }} />
            </span>
            <span className="cxw-top-count">{total > 0 ? formatPct((v.count / total) * 100) : formatCount(v.count)}</span>
          </div>
        );
      })}
      {rest > 0 && (
        <Text size="xs" c="dimmed" mt={2}>
          +{formatCount(rest)} more distinct {rest === 1 ? 'value' : 'values'}
        </Text>
      )}
    </div>
  );
}
