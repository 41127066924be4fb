// One attribute's groups: n, share and each rate as a percentage with its counts and 95% Wilson interval; an
// undefined rate says "undefined" and why (never 0); the reference group and small groups are marked. A rate whose
// denominator is below the minimum group size is greyed, keeps its interval and says "too few" — no verdict rests
// on it (shared/audit-gaps.ts).
import { Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import type { AuditGroup, Rate } from '../../../shared/audit';
import { rateReliable } from '../../../shared/audit-gaps';
import { formatCount } from '../../lib/format';
import { WideTable } from './WideTable';
import { METRIC_LABELS, pct, rateView, type TableMetric } from './results';

interface Props {
  attribute: string;
  groups: AuditGroup[];
  metrics: readonly TableMetric[];
  minGroupSize: number;
}

export function GroupTable({ attribute, groups, metrics, minGroupSize }: Props) {
  // Columns that are null for every group (no label: base rate and error rates) are left out, not shown as blanks.
  const shown = metrics.filter((m) => groups.some((g) => g[m] !== null));
  // Few columns (no label): room for the selection rate drawn as a bar with its interval, the reference marked.
  const compact = shown.length <= 2;
  const reference = groups.find((g) => g.isReference)?.selectionRate.value ?? null;
  return (
    <WideTable minWidth={170 + shown.length * 80 + (compact ? 240 : 0)}>
      <Table verticalSpacing="sm" horizontalSpacing={6} className="cxw-aud-table" aria-label={`Groups by ${attribute}`} striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th ta="right">
              <Tooltip label="Rows in the group, and their share of the audited rows" multiline w={240}>
                <span className="cxw-aud-th">n</span>
              </Tooltip>
            </Table.Th>
            {shown.map((m) => (
              <Table.Th key={m} ta="right">
                <Tooltip label={`${METRIC_LABELS[m].long}: ${METRIC_LABELS[m].explain}`} multiline w={260}>
                  <span className="cxw-aud-th">{METRIC_LABELS[m].short}</span>
                </Tooltip>
              </Table.Th>
            ))}
            {compact && (
              <Table.Th w="40%">
                <span className="cxw-aud-bar-head">0–100% · dashed: reference</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.group} data-reference={g.isReference || undefined} data-small={g.small || undefined}>
              <Table.Th scope="row" className="cxw-aud-group">
                <Text fw={650} size="md" className="cxw-aud-group-name">
                  {g.group}
                </Text>
                <Group gap={4} mt={2}>
                  {g.isReference && (
                    <Badge size="sm" variant="light" color="indigo">
                      reference
                    </Badge>
                  )}
                  {g.small && (
                    <Tooltip label={`Fewer than ${minGroupSize} people: its rates are greyed and left out of the verdicts and the widest gap.`} multiline w={260}>
                      <Badge size="sm" variant="light" color="yellow">
                        small group
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Table.Th>
              <Table.Td ta="right" className="cxw-aud-rate" title={`${formatCount(g.n)} rows, ${pct(g.share)} of the audited rows`}>
                <div className="cxw-aud-rate-value cxw-tabular">{formatCount(g.n)}</div>
                <div className="cxw-aud-rate-sub cxw-tabular">{pct(g.share)}</div>
              </Table.Td>
              {shown.map((m) => (
                <RateCell key={m} rate={g[m]} metric={METRIC_LABELS[m].long} minGroupSize={minGroupSize} />
              ))}
              {compact && (
                <Table.Td>
                  <RateBar rate={g.selectionRate} reference={reference} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function RateCell({ rate, metric, minGroupSize }: { rate: Rate | null; metric: string; minGroupSize: number }) {
  if (!rate) {
    return (
      <Table.Td ta="right">
        <Text size="sm" c="dimmed">
          —
        </Text>
      </Table.Td>
    );
  }
  const v = rateView(rate, metric);
  const thin = v.defined && !rateReliable(rate, minGroupSize);
  const title = thin ? `${v.title} Too few people (${formatCount(rate.denominator)} < ${minGroupSize}): shown with its interval, left out of the verdicts.` : v.title;
  return (
    <Table.Td ta="right" title={title} className="cxw-aud-rate" data-undefined={!v.defined || undefined} data-unreliable={thin || undefined}>
      <div className="cxw-aud-rate-value cxw-tabular">{v.value}</div>
      <div className="cxw-aud-rate-sub cxw-tabular">{v.counts}</div>
      {v.defined ? (
        v.interval && <div className="cxw-aud-rate-sub cxw-tabular">{v.interval.replace('95% CI ', '')}</div>
      ) : (
        <div className="cxw-aud-rate-sub cxw-aud-rate-reason">{rate.reason ?? 'denominator 0'}</div>
      )}
      {thin && <div className="cxw-aud-rate-thin">too few</div>}
    </Table.Td>
  );
}

/** The rate as a bar on a 0–100% track, its 95% interval as a whisker, the reference group's rate as a line. */
function RateBar({ rate, reference }: { rate: Rate; reference: number | null }) {
  if (rate.value === null) return null;
  const at = (v: number) => `${Math.max(0, Math.min(1, v)) * 100}%`;
  return (
    <div className="cxw-aud-bar" aria-hidden="true">
      <div className="cxw-aud-bar-fill" style={{ width: at(rate.value) }} />
      {rate.ci && <div className="cxw-aud-bar-ci" style={{ left: at(rate.ci[0]), width: `calc(${at(rate.ci[1])} - ${at(rate.ci[0])})` }} />}
      {reference !== null && <div className="cxw-aud-bar-ref" style={{ left: at(reference) }} />}
    </div>
  );
}
