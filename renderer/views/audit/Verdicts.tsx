// The executive summary and the verdicts, failures first. Each verdict reads in one line (status in colour and
// words, the metric, how many groups and the widest gap), so the result tabs stay within the first screen; its
// details open on demand: the three largest gaps as a small table (the rest behind "Show all"), how sure we are,
// what the metric is and why it matters for this decision.
import { useState } from 'react';
import { Badge, Button, Collapse, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconCircleCheck, IconCircleX, IconMinus } from '@tabler/icons-react';
import type { AuditResult, Verdict } from '../../../shared/audit';
import { METRIC_LABELS, VERDICT_STYLE, formatP, formatRatio, orderedVerdicts, pct } from './results';
import { verdictGaps, verdictHeadline, verdictMetric, type GapRow } from './verdict-gaps';

export function ExecutiveSummary({ text }: { text: string }) {
  return (
    <Paper radius="md" p="lg" className="cxw-aud-exec" role="region" aria-label="Executive summary">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" className="cxw-eyebrow" mb={6}>
        In short
      </Text>
      <Text className="cxw-aud-exec-text">{text}</Text>
    </Paper>
  );
}

const ICONS = { fail: IconCircleX, warn: IconAlertTriangle, pass: IconCircleCheck, 'not applicable': IconMinus } as const;
const TOP = 3;

export function VerdictCards({ result }: { result: AuditResult }) {
  const verdicts = result.verdicts;
  if (verdicts.length === 0) return null;
  // Metrics that could not be judged (no label, no score) take one line, not a row each.
  const judged = orderedVerdicts(verdicts.filter((v) => v.status !== 'not applicable'));
  const notJudged = verdicts.filter((v) => v.status === 'not applicable');
  const sameReason = notJudged.length > 0 && notJudged.every((v) => v.finding === notJudged[0].finding);
  return (
    <section aria-label="Verdicts">
      <Title order={3} className="cxw-aud-h3" mb="xs">
        Verdicts
      </Title>
      <div className="cxw-aud-verdicts">
        {judged.map((v, i) => (
          <VerdictRow key={`${v.metric}-${i}`} verdict={v} result={result} />
        ))}
      </div>
      {notJudged.length > 0 && (
        <Paper withBorder radius="md" px="md" py="sm" mt="sm" className="cxw-aud-notjudged" role="note" aria-label="Not judged">
          <div className="cxw-aud-notjudged-line">
            <IconMinus size={18} className="cxw-aud-notjudged-icon" />
            <Text size="sm">
              <b>Not judged: </b>
              {sameReason ? (
                <>
                  {notJudged.map((v) => v.metric).join(' · ')}. {notJudged[0].finding}
                </>
              ) : (
                notJudged.map((v) => `${v.metric}: ${v.finding}`).join(' ')
              )}
            </Text>
          </div>
        </Paper>
      )}
    </section>
  );
}

function VerdictRow({ verdict: v, result }: { verdict: Verdict; result: AuditResult }) {
  // Open for this result only: a new run starts with every verdict collapsed again (the tabs back in view).
  const [openFor, setOpenFor] = useState<AuditResult | null>(null);
  const [allFor, setAllFor] = useState<AuditResult | null>(null);
  const open = openFor === result;
  const all = allFor === result;
  const style = VERDICT_STYLE[v.status];
  const Icon = ICONS[v.status];
  const gaps = verdictGaps(v, result);
  const metric = verdictMetric(v);
  const shown = all ? gaps : gaps.slice(0, TOP);
  const Chevron = open ? IconChevronDown : IconChevronRight;
  return (
    <Paper withBorder radius="md" className="cxw-aud-verdict" data-status={v.status} role="article" aria-label={`Verdict: ${v.metric}`}>
      <UnstyledButton className="cxw-aud-verdict-line" onClick={() => setOpenFor(open ? null : result)} aria-expanded={open}>
        <Badge color={style.color} variant="filled" size="lg" leftSection={<Icon size={15} />} className="cxw-aud-verdict-badge">
          {style.label}
        </Badge>
        <Text fw={700} size="lg" className="cxw-aud-verdict-metric">
          {v.metric}
        </Text>
        <Text size="md" className="cxw-aud-verdict-finding">
          {verdictHeadline(v, result)}
        </Text>
        <Chevron size={18} className="cxw-aud-verdict-chevron" aria-hidden />
      </UnstyledButton>
      <Collapse expanded={open}>
        <div className="cxw-aud-verdict-details">
          {metric && shown.length > 0 && (
            <div className="cxw-aud-gaps-wrap">
              <GapTable rows={shown} metricLabel={METRIC_LABELS[metric].short} name={v.metric} />
              {gaps.length > TOP && (
                <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAllFor(all ? null : result)}>
                  {all ? `Show the top ${TOP} only` : `Show all ${gaps.length} gaps`}
                </Button>
              )}
            </div>
          )}
          {/* The services' full finding: every group named, with the four-fifths and parity figures. */}
          {(all || !metric || gaps.length === 0) && (
            <Text size="sm" className="cxw-aud-verdict-fact">
              {v.finding}
            </Text>
          )}
          <Text size="sm" className="cxw-aud-verdict-fact">
            <b>How sure. </b>
            {v.confidence}
          </Text>
          <Text size="sm" c="dimmed" className="cxw-aud-verdict-fact">
            <b>What it is. </b>
            {v.what}
          </Text>
          <Text size="sm" c="dimmed" className="cxw-aud-verdict-fact">
            <b>Why it matters here. </b>
            {v.why}
          </Text>
        </div>
      </Collapse>
    </Paper>
  );
}

const KIND_WORDS: Record<GapRow['kind'], string> = { failing: 'significant', outside: 'not significant', within: 'inside the band' };

function GapTable({ rows, metricLabel, name }: { rows: GapRow[]; metricLabel: string; name: string }) {
  const rate = (v: number | null) => (v === null ? 'undefined' : pct(v));
  return (
    <Table className="cxw-aud-gaps cxw-tabular" aria-label={`Largest gaps: ${name}`} verticalSpacing={4} horizontalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Group</Table.Th>
          <Table.Th ta="right">{metricLabel}</Table.Th>
          <Table.Th>Reference</Table.Th>
          <Table.Th ta="right">Ratio</Table.Th>
          <Table.Th>Adjusted p</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={`${r.attribute}\u0000${r.group}`}>
            <Table.Th scope="row" fw={600}>
              <span className="cxw-aud-gap-attr">{r.attribute}</span> {r.group}
            </Table.Th>
            <Table.Td ta="right">{rate(r.rate)}</Table.Td>
            <Table.Td>
              {rate(r.referenceRate)} <span className="cxw-aud-gap-attr">{r.reference}</span>
            </Table.Td>
            <Table.Td ta="right">{formatRatio(r.ratio)}</Table.Td>
            <Table.Td>
              {formatP(r.pAdjusted).replace(/^p /, '')} <span className="cxw-aud-gap-attr">{KIND_WORDS[r.kind]}</span>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
