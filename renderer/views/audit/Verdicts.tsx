// The executive summary and one card per verdict, failures first: the status in colour and words, the finding in
// large type, then what the metric is, why it matters for this decision, and how confident we are.
import { Badge, Group, Paper, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconAlertTriangle, IconMinus } from '@tabler/icons-react';
import type { Verdict } from '../../../shared/audit';
import { VERDICT_STYLE, orderedVerdicts } from './results';

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

export function VerdictCards({ verdicts }: { verdicts: Verdict[] }) {
  if (verdicts.length === 0) return null;
  // Metrics that could not be judged (no label, no score) take one line, not a card each.
  const judged = orderedVerdicts(verdicts.filter((v) => v.status !== 'not applicable'));
  const notJudged = verdicts.filter((v) => v.status === 'not applicable');
  const sameReason = notJudged.length > 0 && notJudged.every((v) => v.finding === notJudged[0].finding);
  return (
    <section aria-label="Verdicts">
      <Title order={3} className="cxw-aud-h3" mb="sm">
        Verdicts
      </Title>
      <div className="cxw-aud-verdicts">
        {judged.map((v, i) => {
          const style = VERDICT_STYLE[v.status];
          const Icon = ICONS[v.status];
          return (
            <Paper key={`${v.metric}-${i}`} withBorder radius="md" p="md" className="cxw-aud-verdict" data-status={v.status} role="article" aria-label={`Verdict: ${v.metric}`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <Text fw={700} size="lg" className="cxw-aud-verdict-metric">
                  {v.metric}
                </Text>
                <Badge color={style.color} variant="filled" size="lg" leftSection={<Icon size={15} />} className="cxw-aud-verdict-badge">
                  {style.label}
                </Badge>
              </Group>
              <Text size="md" mt={6} className="cxw-aud-verdict-finding">
                {v.finding}
              </Text>
              <Text size="sm" mt={8} className="cxw-aud-verdict-fact">
                <b>How sure. </b>
                {v.confidence}
              </Text>
              <Text size="sm" mt={8} c="dimmed" className="cxw-aud-verdict-fact">
                <b>What it is. </b>
                {v.what}
              </Text>
              <Text size="sm" mt={4} c="dimmed" className="cxw-aud-verdict-fact">
                <b>Why it matters here. </b>
                {v.why}
              </Text>
            </Paper>
          );
        })}
      </div>
      {notJudged.length > 0 && (
        <Paper withBorder radius="md" px="md" py="sm" mt="sm" className="cxw-aud-notjudged" role="note" aria-label="Not judged">
          <Group gap="xs" wrap="nowrap" align="flex-start">
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
          </Group>
        </Paper>
      )}
    </section>
  );
}
