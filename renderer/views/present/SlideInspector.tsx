// The selected slide's words and origin: title, the one-line headline, speaker notes (and the text of a text slide);
// where its numbers came from (saved result, dataset, people, snapshot time) and "Refresh", which re-runs the
// result and shows what would change — "identical", or each figure before → after — before anything is replaced.
import { useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import type { Slide, SlideRefresh } from '../../../shared/decks';
import { RESULT_KIND_LABELS } from '../../../shared/results';
import { formatValue } from '../../../shared/slides/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { formatDateTime } from '../../lib/format';
import { useJob } from '../../lib/useJob';
import { bodyOfText, textOf } from './slide-text';
import { useClient } from '../../state/bridge';

interface Props {
  deck: string;
  slide: Slide;
  /** The slide is saved as shown (Refresh reads the stored deck). */
  saved: boolean;
  onChange: (patch: Partial<Slide>, field: string) => void;
  onReplace: (slide: Slide) => void;
}

export function SlideInspector({ deck, slide, saved, onChange, onReplace }: Props) {
  const client = useClient();
  const job = useJob();
  const [refresh, setRefresh] = useState<SlideRefresh | null>(null);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const src = slide.source;

  const startRefresh = async () => {
    setOpen(true);
    setRefresh(null);
    setError(null);
    const out = await job.start('deckrefresh', (jobId) => client.invoke('deck.refreshSlide', { jobId, deck, slideId: slide.id }));
    if (out.ok) setRefresh(out.value);
    else if (!out.cancelled) setError(out.error);
  };
  const close = () => {
    if (job.running) job.cancel();
    setOpen(false);
  };

  return (
    <Stack gap="sm">
      <TextInput label="Title" value={slide.title} maxLength={300} onChange={(e) => onChange({ title: e.currentTarget.value }, 'title')} />
      <Textarea
        label={slide.kind === 'section' ? 'Subtitle' : 'Headline'}
        description={slide.kind === 'section' ? undefined : 'The one-line “so what” the room should remember.'}
        value={slide.headline}
        maxLength={500}
        autosize
        minRows={2}
        maxRows={4}
        onChange={(e) => onChange({ headline: e.currentTarget.value }, 'headline')}
      />
      {slide.kind === 'text' && <TextField slide={slide} onChange={onChange} />}
      <Textarea label="Speaker notes" description="Shown in the presenter view only." value={slide.notes} maxLength={20000} autosize minRows={3} maxRows={8} onChange={(e) => onChange({ notes: e.currentTarget.value }, 'notes')} />
      {src && (
        <Paper withBorder radius="md" p="sm" className="cxp-source">
          <Text size="xs" c="dimmed" fw={600}>
            FROM THE SAVED RESULT
          </Text>
          <Text size="sm" fw={600} lineClamp={2} title={src.resultName}>
            {src.resultName}
          </Text>
          <Group gap={6} mt={2}>
            <Badge size="xs" variant="light">
              {RESULT_KIND_LABELS[src.resultKind]}
            </Badge>
            <Text size="xs" c="dimmed">
              {src.dataset} · {formatValue(src.base, 'count')} people
            </Text>
          </Group>
          <Group justify="space-between" mt={6} wrap="nowrap" gap="xs">
            <Text size="xs" c="dimmed">
              Snapshot of {formatDateTime(src.snapshotAt)}
            </Text>
            <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={() => void startRefresh()} disabled={!saved} title={saved ? 'Re-run the result and compare' : 'Save the deck first'} style={{ flex: 'none' }}>
              Refresh
            </Button>
          </Group>
        </Paper>
      )}
      <Modal opened={open} onClose={close} size="lg" centered title={`Refresh “${slide.title}”`}>
        <Stack gap="md">
          {job.running && <JobProgress title="Re-running the saved result on the data as it is now" progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={(p) => p} />}
          {error ? <ErrorAlert error={error} title="The refresh did not finish" /> : null}
          {refresh && <RefreshOutcome refresh={refresh} />}
          <Group justify="flex-end">
            {/* Never a second "Close": the dialog's × is already named Close. */}
            <Button variant="default" onClick={close}>
              {job.running ? 'Stop' : refresh && !refresh.identical ? 'Keep the snapshot' : 'Done'}
            </Button>
            {refresh && !refresh.identical && (
              <Button
                onClick={() => {
                  // The analyst's speaker notes are theirs: kept. Title, headline and numbers are the new snapshot's.
                  onReplace({ ...refresh.slide, id: slide.id, notes: slide.notes });
                  setOpen(false);
                }}
              >
                Replace the slide
              </Button>
            )}
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The text of a text slide, kept as typed (a blank line being typed is not yet a paragraph), in step with undo. */
function TextField({ slide, onChange }: { slide: Slide; onChange: Props['onChange'] }) {
  const [typed, setTyped] = useState(() => textOf(slide));
  const shown = textOf(slide);
  if (textOf({ ...slide, body: bodyOfText(typed) }) !== shown) setTyped(shown);
  return (
    <Textarea
      label="Text"
      description="Blank lines separate paragraphs; lines starting with “- ” are bullets."
      value={typed}
      autosize
      minRows={4}
      maxRows={10}
      onChange={(e) => {
        setTyped(e.currentTarget.value);
        onChange({ body: bodyOfText(e.currentTarget.value) }, 'text');
      }}
    />
  );
}

function RefreshOutcome({ refresh }: { refresh: SlideRefresh }) {
  return (
    <Stack gap="sm">
      <Alert
        color={refresh.identical ? 'teal' : 'yellow'}
        variant="light"
        role="status"
        icon={refresh.identical ? <IconCircleCheck size={20} /> : <IconAlertTriangle size={20} />}
        title={refresh.identical ? 'Identical: the slide already shows the data as it is now' : 'The numbers changed'}
      >
        <Text size="sm">{refresh.message}</Text>
      </Alert>
      {!refresh.identical && refresh.changes.length > 0 && (
        <Table striped withTableBorder aria-label="What the refresh changes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">On the slide</Table.Th>
              <Table.Th scope="col">Now</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refresh.changes.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Th scope="row" fw={500}>
                  {c.label}
                </Table.Th>
                <Table.Td>{c.before}</Table.Td>
                <Table.Td fw={700}>{c.after}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!refresh.identical && (
        <Text size="xs" c="dimmed">
          Replacing keeps your speaker notes; the title, headline and numbers become the new snapshot&apos;s. Undo brings the old slide back.
        </Text>
      )}
    </Stack>
  );
}
