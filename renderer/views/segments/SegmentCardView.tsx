// One segment as a card a facilitator can put on a projector: colour and number, editable name (revertible to the
// suggestion), share in large type, stability in words, what sets it apart, NPS and outcome rates with CIs, the
// persona note, and the centroid on demand.
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Badge, Collapse, Group, Stack, Table, Text, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowBackUp, IconArrowDownRight, IconArrowUpRight, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { SegmentCard } from '../../../shared/segments';
import { segmentColor, textOn } from '../../charts/palette';
import { formatCount, formatPct, formatValue } from '../../lib/format';
import { describeDifference, formatNps, formatNpsCi, formatRate, STABILITY_WORDS, stabilityLevel, topDifferences } from './model';

interface Props {
  card: SegmentCard;
  onSave: (index: number, patch: { name?: string; persona?: string }) => Promise<boolean>;
}

export function SegmentCardView({ card, onSave }: Props) {
  const color = segmentColor(card.index);
  const [name, setName] = useState(card.name);
  const [persona, setPersona] = useState(card.persona);
  const [centroidOpen, setCentroidOpen] = useState(false);
  const stability = STABILITY_WORDS[stabilityLevel(card.stability)];

  useEffect(() => setName(card.name), [card.name]);
  useEffect(() => setPersona(card.persona), [card.persona]);

  // Enter saves and keeps the focus in the field, so the blur that follows later must not save the same name again.
  const sent = useRef<string | null>(null);
  const commitName = async (value = name) => {
    const trimmed = value.trim();
    if (!trimmed || trimmed === card.name) {
      setName(card.name);
      return;
    }
    if (sent.current === trimmed) return;
    sent.current = trimmed;
    const ok = await onSave(card.index, { name: trimmed });
    sent.current = null;
    if (!ok) setName(card.name);
  };
  const commitPersona = async () => {
    if (persona === card.persona) return;
    if (!(await onSave(card.index, { persona }))) setPersona(card.persona);
  };

  const differences = topDifferences(card.distinguishing, 4);
  const centroid = Object.entries(card.centroid);

  return (
    <article className="cxw-seg-card" aria-label={`Segment ${card.name}`} style={{ ['--seg-color' as string]: color }}>
      <Group gap="sm" wrap="nowrap" align="center">
        <span className="cxw-seg-swatch" style={{ background: color, color: textOn(color) }} aria-hidden="true">
          {card.index + 1}
        </span>
        <Textarea
          aria-label={`Name of segment ${card.index + 1}`}
          value={name}
          maxLength={80}
          autosize
          minRows={1}
          maxRows={3}
          onChange={(e) => setName(e.currentTarget.value.replace(/\n/g, ' '))}
          onBlur={() => void commitName()}
          onKeyDown={(e) => {
            // Enter keeps the name, Escape puts the saved one back; the focus stays in the field either way (a blur
            // would drop the keyboard on the page).
            if (e.key === 'Enter') {
              e.preventDefault();
              void commitName();
            }
            if (e.key === 'Escape' && name !== card.name) {
              e.preventDefault();
              setName(card.name);
            }
          }}
          variant="unstyled"
          className="cxw-seg-name"
          flex={1}
        />
        {card.name !== card.suggestedName && (
          <Tooltip label={`Revert to the suggested name “${card.suggestedName}”`}>
            <ActionIcon variant="subtle" color="gray" aria-label={`Revert segment ${card.index + 1} to suggested name`} onClick={() => void commitName(card.suggestedName)}>
              <IconArrowBackUp size={18} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      {card.name !== card.suggestedName && (
        <Text size="xs" c="dimmed" mt={-4} ml={52}>
          Suggested: {card.suggestedName}
        </Text>
      )}

      <Group justify="space-between" align="flex-end" mt="md" wrap="nowrap">
        <div>
          <Text className="cxw-seg-big cxw-tabular">{formatPct(card.share * 100)}</Text>
          <Text size="sm" c="dimmed" className="cxw-tabular">
            {formatCount(card.size)} customers
          </Text>
        </div>
        <Tooltip label={`${stability.explain} Bootstrap Jaccard ${card.stability.toFixed(2)} (1 = identical every time).`} multiline w={280}>
          <Badge size="lg" variant="dot" color={stability.color} className="cxw-seg-stability" tabIndex={0}>
            {stability.label}
          </Badge>
        </Tooltip>
      </Group>
      <div className="cxw-seg-share" role="presentation">
        <div style={{ width: `${Math.max(0.5, card.share * 100)}%`, background: color }} />
      </div>

      {differences.length > 0 && (
        <Stack gap={6} mt="md">
          <Text size="xs" fw={650} c="dimmed" tt="uppercase" className="cxw-eyebrow">
            What sets it apart
          </Text>
          <ul className="cxw-seg-diffs">
            {differences.map((d) => (
              <li key={d.feature}>
                {d.direction === 'higher' ? (
                  <IconArrowUpRight size={18} className="cxw-seg-up" aria-label="higher" />
                ) : (
                  <IconArrowDownRight size={18} className="cxw-seg-down" aria-label="lower" />
                )}
                <Text size="md" span>
                  <DifferenceText text={describeDifference(d)} feature={d.feature} />
                </Text>
              </li>
            ))}
          </ul>
        </Stack>
      )}

      {(card.nps || card.outcomes.length > 0) && (
        <div className="cxw-seg-kpis">
          {card.nps && card.nps.value !== null && (
            <div className="cxw-seg-kpi">
              <Text size="xs" c="dimmed" fw={600}>
                NPS
              </Text>
              <Text className="cxw-seg-kpi-value cxw-tabular">{formatNps(card.nps.value)}</Text>
              {formatNpsCi(card.nps) && (
                <Text size="xs" c="dimmed" className="cxw-tabular">
                  95% CI {formatNpsCi(card.nps)}
                </Text>
              )}
              <Text size="xs" c="dimmed" className="cxw-tabular">
                n = {formatCount(card.nps.n)}
              </Text>
            </div>
          )}
          {card.outcomes.map((o) => {
            const r = formatRate(o.rate);
            return (
              <div className="cxw-seg-kpi" key={o.column}>
                <Text size="xs" c="dimmed" fw={600} truncate title={o.column}>
                  {o.column}
                </Text>
                <Text className="cxw-seg-kpi-value cxw-tabular">{r.value}</Text>
                {r.ci && (
                  <Text size="xs" c="dimmed" className="cxw-tabular">
                    95% CI {r.ci}
                  </Text>
                )}
                <Text size="xs" c="dimmed" className="cxw-tabular">
                  n = {formatCount(o.rate.n)}
                </Text>
              </div>
            );
          })}
        </div>
      )}

      {card.lowConfidence > 0 && (
        <Text size="sm" c="dimmed" mt="sm">
          {formatCount(card.lowConfidence)} {card.lowConfidence === 1 ? 'customer sits' : 'customers sit'} close to another segment (see Review queue).
        </Text>
      )}

      <Textarea
        label="Persona note"
        placeholder="Who are these customers? What do they need from us?"
        value={persona}
        onChange={(e) => setPersona(e.currentTarget.value)}
        onBlur={() => void commitPersona()}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={2000}
        mt="md"
        aria-label={`Persona note for segment ${card.index + 1}`}
      />

      {centroid.length > 0 && (
        <>
          <UnstyledButton className="cxw-seg-toggle" onClick={() => setCentroidOpen((o) => !o)} aria-expanded={centroidOpen} mt="sm">
            {centroidOpen ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <Text size="sm" span>
              Average values (centroid)
            </Text>
          </UnstyledButton>
          <Collapse expanded={centroidOpen}>
            <Table className="cxw-seg-centroid" withRowBorders={false} verticalSpacing={3} mt={4}>
              <Table.Tbody>
                {centroid.map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Td className="cxw-seg-centroid-key">{k}</Table.Td>
                    <Table.Td className="cxw-tabular" ta="right">
                      {formatValue(v)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Collapse>
        </>
      )}
    </article>
  );
}

/** The feature's name in bold when the sentence starts with it ("monthly_spend 2.1 SD above average"). */
function DifferenceText({ text, feature }: { text: string; feature: string }) {
  const lead = [feature, feature.replace(/_/g, ' ')].find((f) => text.startsWith(f));
  if (!lead) return <>{text}</>;
  return (
    <>
      <b>{lead}</b>
      {text.slice(lead.length)}
    </>
  );
}
