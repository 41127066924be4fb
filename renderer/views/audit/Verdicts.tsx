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
  return (
    <section aria-label="Verdicts">
      <Title order={3} className="cxw-aud-h3" mb="sm">
        Verdicts
      </Title>
      <div className="cxw-aud-verdicts">
        {orderedVerdicts(verdicts).map((v, i) => {
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
              <Text size="md" fw={550} mt={6} className="cxw-aud-verdict-finding">
                {v.finding}
              </Text>
              <dl className="cxw-aud-verdict-facts">
                <dt>What it is</dt>
                <dd>{v.what}</dd>
                <dt>Why it matters here</dt>
                <dd>{v.why}</dd>
                <dt>How sure</dt>
                <dd>{v.confidence}</dd>
              </dl>
            </Paper>
          );
        })}
      </div>
    </section>
  );
}
