// Whose journey the map tells: a persona name and note, optionally linked to a segment of a saved segmentation.
// Picking a segment fills the name and note from that segment's card (its name and persona text), which the
// workshop can then rewrite. Text edits are committed when a field is left (one undo step each).
import { useEffect, useState } from 'react';
import { Button, Group, Paper, Select, Text, TextInput, Textarea } from '@mantine/core';
import { IconLinkOff, IconUser } from '@tabler/icons-react';
import type { JourneyPersona } from '../../../../shared/journeys';
import type { SegmentCard } from '../../../../shared/segments';
import { useClient } from '../../../state/bridge';
import { useAsync } from '../../../state/useAsync';
import { useToasts } from '../../../state/toasts';
import { formatCount } from '../../../lib/format';

interface Props {
  persona: JourneyPersona | null;
  onChange: (persona: JourneyPersona | null) => void;
}

export function PersonaPanel({ persona, onChange }: Props) {
  const client = useClient();
  const toasts = useToasts();
  const [name, setName] = useState(persona?.name ?? '');
  const [note, setNote] = useState(persona?.note ?? '');
  useEffect(() => setName(persona?.name ?? ''), [persona?.name]);
  useEffect(() => setNote(persona?.note ?? ''), [persona?.note]);

  const segmentations = useAsync(() => client.invoke('segment.list', {}), [client]);
  const linked = persona?.segmentation ?? null;
  const [pickedSegmentation, setPickedSegmentation] = useState<string | null>(linked);
  useEffect(() => setPickedSegmentation(linked), [linked]);
  const cards = useAsync<SegmentCard[]>(
    () => (pickedSegmentation ? client.invoke('segment.get', { segmentation: pickedSegmentation }).then((r) => r.segments) : Promise.resolve([])),
    [client, pickedSegmentation],
  );

  const base = (): JourneyPersona => persona ?? { name: '', note: '' };
  const commit = (patch: Partial<JourneyPersona>) => {
    const next = { ...base(), ...patch };
    onChange(next.name || next.note || next.segmentation ? next : null);
  };

  const pickSegment = (value: string | null) => {
    if (!pickedSegmentation || value === null) return;
    const card = (cards.data ?? []).find((c) => String(c.index) === value);
    if (!card) return;
    onChange({ name: card.name, note: card.persona, segmentation: pickedSegmentation, segment: card.index });
    toasts.success('Persona linked', `Filled from segment ${card.index + 1}, “${card.name}” (${formatCount(card.size)} customers).`);
  };

  const unlink = () => {
    const { segmentation: _s, segment: _i, ...rest } = base();
    setPickedSegmentation(null);
    onChange(rest.name || rest.note ? rest : null);
  };

  const segmentationOptions = (segmentations.data ?? []).map((s) => ({ value: s.name, label: `${s.name} (k = ${s.k})` }));
  const segmentOptions = (cards.data ?? []).map((c) => ({ value: String(c.index), label: `${c.index + 1}. ${c.name} — ${formatCount(c.size)} customers` }));

  return (
    <Paper component="section" withBorder radius="md" p="md" className="cxw-map-persona" aria-label="Persona">
      <Group gap="xs" mb="xs" wrap="nowrap">
        <IconUser size={20} aria-hidden="true" />
        <Text fw={650} size="lg">
          Persona
        </Text>
        {linked && persona?.segment !== undefined && (
          <Text size="sm" c="dimmed" truncate>
            linked to segment {persona.segment + 1} of “{linked}”
          </Text>
        )}
      </Group>
      <div className="cxw-map-persona-fields">
        <TextInput
          label="Name"
          placeholder="e.g. Busy parent, first order"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.currentTarget.value)}
          onBlur={() => name !== (persona?.name ?? '') && commit({ name: name.trim() })}
          // Enter keeps the name and the focus (blurring would drop the keyboard on the page).
          onKeyDown={(e) => e.key === 'Enter' && name !== (persona?.name ?? '') && commit({ name: name.trim() })}
        />
        <Select
          label="Segmentation"
          placeholder={segmentations.loading ? 'Loading…' : segmentationOptions.length ? 'Link to a segment…' : 'None saved yet'}
          data={segmentationOptions}
          value={pickedSegmentation}
          onChange={setPickedSegmentation}
          disabled={segmentationOptions.length === 0}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Segment"
          placeholder={pickedSegmentation ? (cards.loading ? 'Loading…' : 'Pick a segment') : '—'}
          data={segmentOptions}
          value={linked === pickedSegmentation && persona?.segment !== undefined ? String(persona.segment) : null}
          onChange={pickSegment}
          disabled={!pickedSegmentation || segmentOptions.length === 0}
          comboboxProps={{ withinPortal: true }}
        />
        <Button variant="subtle" color="gray" leftSection={<IconLinkOff size={16} />} onClick={unlink} disabled={!linked} className="cxw-map-persona-unlink">
          Unlink
        </Button>
        <Textarea
          className="cxw-map-persona-note"
          label="Who they are, what they want"
          placeholder="Goals, context, what a good journey means to them"
          value={note}
          maxLength={4000}
          autosize
          minRows={1}
          maxRows={5}
          onChange={(e) => setNote(e.currentTarget.value)}
          onBlur={() => note !== (persona?.note ?? '') && commit({ note })}
        />
      </div>
    </Paper>
  );
}
