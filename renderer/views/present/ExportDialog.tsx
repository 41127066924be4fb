// Export a deck as one file — a self-contained HTML page, a PDF or a PowerPoint — after showing what disclosure
// control will withhold (the issue: the note is seen before anything leaves). The services make the file from the
// SafeDeck; the browser saves it (lib/download: a Blob URL, no network).
import { useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { DeckExport, DisclosureReport, ExportFormat } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadBlob } from '../../lib/download';
import { useClient } from '../../state/bridge';

const MIME: Record<ExportFormat, string> = {
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};
const LABEL: Record<ExportFormat, string> = { html: 'HTML page', pdf: 'PDF', pptx: 'PowerPoint' };
const ABOUT: Record<ExportFormat, string> = {
  html: 'One self-contained file: opens offline in any browser, no script, prints one slide per page.',
  pdf: 'One slide per page with page numbers; the disclosure note on the last page.',
  pptx: 'Native slides to finish in PowerPoint: tables as tables, charts as pictures, your speaker notes in the notes pane.',
};

export function saveExport(out: DeckExport, format: ExportFormat): void {
  if (out.encoding === 'utf8') {
    downloadBlob(new Blob([out.data], { type: MIME[format] }), out.fileName);
    return;
  }
  const bin = atob(out.data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type: MIME[format] }), out.fileName);
}

interface Props {
  opened: boolean;
  deck: string;
  report: DisclosureReport | null;
  /** Saves unsaved changes first (an export is of the stored deck); false when the save was refused. */
  beforeExport: () => Promise<boolean>;
  onClose: () => void;
}

export function ExportDialog({ opened, deck, report, beforeExport, onClose }: Props) {
  const client = useClient();
  const [format, setFormat] = useState<ExportFormat>('html');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (!(await beforeExport())) return;
      const out = await client.invoke('deck.export', { name: deck, format });
      saveExport(out, format);
      setDone(`Saved “${out.fileName}”: ${out.slides} slide${out.slides === 1 ? '' : 's'}${out.report.suppressed.length ? `, ${out.report.suppressed.length} value${out.report.suppressed.length === 1 ? '' : 's'} withheld` : ''}.`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} centered size="lg" title={`Export “${deck}”`}>
      <Stack gap="md">
        <SegmentedControl
          aria-label="File format"
          value={format}
          onChange={(v) => {
            setFormat(v as ExportFormat);
            setDone(null);
          }}
          data={(['html', 'pdf', 'pptx'] as const).map((f) => ({ value: f, label: LABEL[f] }))}
        />
        <Text size="sm">{ABOUT[format]}</Text>
        <div className="cxp-export-note">
          <Text size="xs" fw={700} c="dimmed" mb={4}>
            DISCLOSURE NOTE CARRIED BY THE FILE
          </Text>
          <Text size="sm">{report?.note ?? 'Checking…'}</Text>
          {report && report.suppressed.length + report.removed.length > 0 && (
            <Text size="xs" c="dimmed" mt={4}>
              {report.suppressed.length} value{report.suppressed.length === 1 ? '' : 's'} withheld
              {report.removed.length ? `, ${report.removed.length} removed` : ''} — listed under Disclosure control.
            </Text>
          )}
        </div>
        <ErrorAlert error={error} title="The export did not finish" />
        {done && (
          <Text size="sm" c="teal.8" role="status">
            {done}
          </Text>
        )}
        <Group justify="flex-end">
          {/* "Done", not a second "Close": the dialog's × is already named Close. */}
          <Button variant="default" onClick={onClose}>
            Done
          </Button>
          <Button leftSection={<IconDownload size={16} />} loading={busy} onClick={() => void run()}>
            Export {LABEL[format]}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
