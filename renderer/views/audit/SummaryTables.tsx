// The audit's tables besides the groups: Fairlearn's summary numbers per attribute, the disparities of one metric
// (difference, ratio, test and adjusted p, why flagged), the representation check, and the proxies in words.
import { Badge, List, Paper, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AuditResult, AuditSummary, Disparity, ProxyAssociation, RepresentationCheck } from '../../../shared/audit';
import { formatCount } from '../../lib/format';
import { WideTable } from './WideTable';
import { formatP, formatPp, formatRatio, pct } from './results';
import { disparityReliable } from '../../../shared/audit-gaps';
import { gapContext } from './verdict-gaps';

export function FairlearnSummary({ summary, hasLabel }: { summary: AuditSummary; hasLabel: boolean }) {
  // Fractions to three decimals, as Fairlearn reports them.
  const label = (v: number | null) => (v === null ? <Text span c="dimmed" size="sm">needs a label</Text> : v.toFixed(3));
  // Without a label the two error-rate columns would only say "needs a label" on every row: left out (the caption
  // says why), so the four-fifths groups keep their room at 1366 px.
  return (
    <WideTable minWidth={hasLabel ? 640 : 520}>
      <Table verticalSpacing="sm" className="cxw-aud-table" aria-label="Fairlearn summary" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Attribute</Table.Th>
            <Table.Th ta="right" title="Demographic parity difference">Parity difference</Table.Th>
            <Table.Th ta="right" title="Demographic parity ratio">Parity ratio</Table.Th>
            {hasLabel && <Table.Th ta="right" title="Equalised odds difference">Equalised odds diff.</Table.Th>}
            {hasLabel && <Table.Th ta="right" title="Equal opportunity difference">Equal opportunity diff.</Table.Th>}
            <Table.Th>Below four fifths</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {summary.byAttribute.map((s) => (
            <Table.Tr key={s.attribute}>
              <Table.Th scope="row">{s.attribute}</Table.Th>
              <Table.Td ta="right" className="cxw-tabular">
                {s.demographicParityDifference.toFixed(3)}
              </Table.Td>
              <Table.Td ta="right" className="cxw-tabular">
                <Text span fw={650} c={s.demographicParityRatio < 0.8 ? 'red' : undefined}>
                  {s.demographicParityRatio.toFixed(3)}
                </Text>
              </Table.Td>
              {hasLabel && (
                <Table.Td ta="right" className="cxw-tabular">
                  {label(s.equalizedOddsDifference)}
                </Table.Td>
              )}
              {hasLabel && (
                <Table.Td ta="right" className="cxw-tabular">
                  {label(s.equalOpportunityDifference)}
                </Table.Td>
              )}
              <Table.Td>
                {s.fourFifthsFailing.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    none
                  </Text>
                ) : (
                  <div className="cxw-aud-chips">
                    {s.fourFifthsFailing.map((g) => (
                      <Badge key={g} color="red" variant="light" size="md" tt="none">
                        {g}
                      </Badge>
                    ))}
                  </div>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Caption>
          Fairlearn’s definitions, over every group: demographic parity difference = highest − lowest selection rate, ratio = lowest ÷ highest; equalised odds difference = the
          larger of the TPR and FPR gaps; equal opportunity difference = the TPR gap. Four fifths: groups whose favourable-outcome rate is below 80% of the
          most favoured group’s, among groups of at least the minimum size.{hasLabel ? '' : ' The equalised odds and equal opportunity differences need a label (ground truth), so they are not shown.'}
        </Table.Caption>
      </Table>
    </WideTable>
  );
}

/**
 * One metric's comparisons, flagged first. Five narrow columns and the note, so the table fits a 1366 px window with
 * the set-up open (~700 px): the group with its attribute, its rate over the reference's rate and name, the
 * difference, the ratio and the adjusted p. A comparison resting on too few people is greyed and never "flagged".
 */
export function DisparityTable({ disparities, rateOf, metricLabel, reliable }: { disparities: Disparity[]; rateOf: (attribute: string, group: string) => number | null; metricLabel: string; reliable: (d: Disparity) => boolean }) {
  const judged = (d: Disparity) => (reliable(d) ? 0 : 1);
  const rows = [...disparities].sort((a, b) => judged(a) - judged(b) || Number(b.flag) - Number(a.flag));
  return (
    <WideTable minWidth={640}>
      <Table verticalSpacing="sm" horizontalSpacing="xs" className="cxw-aud-table cxw-aud-disp" aria-label={`Disparities in ${metricLabel}`} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th ta="right">Rate vs reference</Table.Th>
            <Table.Th ta="right">Difference</Table.Th>
            <Table.Th ta="right">Ratio</Table.Th>
            <Table.Th ta="right">Adjusted p</Table.Th>
            <Table.Th>Verdict</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const g = rateOf(d.attribute, d.group);
            const r = rateOf(d.attribute, d.reference);
            const ok = reliable(d);
            return (
              <Table.Tr key={`${d.attribute}\u0000${d.group}`} data-flag={(d.flag && ok) || undefined} data-unreliable={!ok || undefined}>
                <Table.Th scope="row">
                  <Text fw={650} size="md" className="cxw-aud-group-name">
                    {d.group}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {d.attribute}
                  </Text>
                </Table.Th>
                <Table.Td ta="right" className="cxw-tabular cxw-aud-disp-rate">
                  <div className="cxw-aud-rate-value">{g === null ? 'undefined' : pct(g)}</div>
                  <div className="cxw-aud-rate-sub">
                    vs {r === null ? 'undefined' : pct(r)} {d.reference}
                  </div>
                </Table.Td>
                <Table.Td ta="right" className="cxw-tabular cxw-aud-nowrap">
                  {formatPp(d.difference)}
                </Table.Td>
                <Table.Td ta="right" className="cxw-tabular">
                  <Text span fw={650} c={d.flag && ok ? 'red' : undefined}>
                    {formatRatio(d.ratio)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="cxw-tabular cxw-aud-nowrap" title={d.test ? `${d.test === 'fisher' ? "Fisher's exact test" : 'Chi-square test'}: unadjusted ${formatP(d.pValue)}` : 'No test'}>
                  {formatP(d.pAdjusted).replace(/^p (= )?/, '')}
                </Table.Td>
                <Table.Td>
                  {d.flag && ok && (
                    <Badge color="red" variant="light" mb={4}>
                      flagged
                    </Badge>
                  )}
                  {!ok && (
                    <Badge color="gray" variant="light" mb={4}>
                      too few people
                    </Badge>
                  )}
                  <Text size="sm">{d.note}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

export function RepresentationPanel({ checks }: { checks: RepresentationCheck[] }) {
  return (
    <Stack gap="lg">
      {checks.map((c) => (
        <Paper key={c.attribute} withBorder radius="md" p="lg" className="cxw-aud-card">
          <Text fw={650} size="lg">
            {c.attribute}
          </Text>
          <Text size="md" mt={4} mb="sm" className="cxw-aud-sentence">
            {c.sentence}
          </Text>
          <Table verticalSpacing="xs" className="cxw-aud-table" aria-label={`Representation of ${c.attribute}`} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Group</Table.Th>
                <Table.Th ta="right">Rows</Table.Th>
                <Table.Th ta="right">Share in data</Table.Th>
                <Table.Th ta="right">Population share</Table.Th>
                <Table.Th ta="right">Difference</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.groups.map((g) => (
                <Table.Tr key={g.group}>
                  <Table.Th scope="row">{g.group}</Table.Th>
                  <Table.Td ta="right" className="cxw-tabular">
                    {formatCount(g.observed)}
                  </Table.Td>
                  <Table.Td ta="right" className="cxw-tabular">
                    {pct(g.observedShare)}
                  </Table.Td>
                  <Table.Td ta="right" className="cxw-tabular">
                    {pct(g.expectedShare)}
                  </Table.Td>
                  <Table.Td ta="right" className="cxw-tabular">
                    {formatPp(g.difference)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Caption>
              Chi-square goodness of fit: χ² = {c.chiSquare.toFixed(2)}, df = {c.df}, {formatP(c.pValue)}.
            </Table.Caption>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}

export function ProxyList({ proxies, threshold }: { proxies: ProxyAssociation[]; threshold: number }) {
  const flagged = [...proxies].filter((p) => p.flag).sort((a, b) => b.cramersV - a.cramersV);
  if (flagged.length === 0) {
    return (
      <Text size="md" c="dimmed">
        No feature or segmentation is associated with a protected attribute above Cramér’s V {threshold}: none of them stands in for a group on its own.
      </Text>
    );
  }
  return (
    <List spacing="sm" size="md" aria-label="Flagged proxies" icon={<ThemeIcon color="orange" variant="light" size={24} radius="xl"><IconAlertTriangle size={14} /></ThemeIcon>}>
      {flagged.map((p) => (
        <List.Item key={`${p.feature}\u0000${p.attribute}`}>
          <Text size="md">
            <Text span fw={650}>
              {p.feature} → {p.attribute}
            </Text>{' '}
            <Text span c="dimmed" className="cxw-tabular">
              (V = {p.cramersV.toFixed(2)})
            </Text>
            : {p.explanation}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** How many disparities are flagged, for the headline: reliable ones only (the verdicts' own rule). */
export function flaggedCount(result: AuditResult): number {
  const ctx = gapContext(result);
  const byKey = new Map(result.groups.map((g) => [`${g.attribute}\u0000${g.group}`, g]));
  return result.disparities.filter((d) => d.flag && disparityReliable(d, byKey, ctx.minGroupSize)).length;
}
