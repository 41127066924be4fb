// What disclosure control will do to this deck when it leaves the screen: the note every export carries, each
// value withheld (and why), anything removed, and the workspace's threshold (never below 5) and rounding.
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, ScrollArea, Stack, Switch, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldHalf } from '@tabler/icons-react';
import { DISCLOSURE_FLOOR, type DisclosureReport, type DisclosureSettings } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClient } from '../../state/bridge';

interface Props {
  report: DisclosureReport | null;
  error: unknown;
  /** The deck has unsaved changes: the report is of the saved deck. */
  stale: boolean;
  onSettingsChanged: () => void;
}

export function DisclosurePanel({ report, error, stale, onSettingsChanged }: Props) {
  const client = useClient();
  const [settings, setSettings] = useState<DisclosureSettings | null>(null);
  const [draft, setDraft] = useState<DisclosureSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);

  useEffect(() => {
    client.invoke('disclosure.get', {}).then(
      (s) => {
        setSettings(s);
        setDraft(s);
      },
      setSaveError,
    );
  }, [client]);

  const changed = Boolean(settings && draft && (settings.minCell !== draft.minCell || settings.roundTo !== draft.roundTo));
  const tooLow = Boolean(draft && draft.minCell < DISCLOSURE_FLOOR);
  const apply = async () => {
    if (!draft) return;
    setBusy(true);
    setSaveError(null);
    try {
      const s = await client.invoke('disclosure.set', { settings: draft });
      setSettings(s);
      setDraft(s);
      onSettingsChanged();
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
    }
  };

  const withheld = report ? report.suppressed.length + report.removed.length : 0;
  return (
    <Paper withBorder radius="md" p="sm" className="cxp-disclosure" aria-label="Disclosure control" component="section">
      <Group gap={8} wrap="nowrap" mb={6}>
        {withheld > 0 ? <IconShieldHalf size={20} color="var(--mantine-color-orange-7)" aria-hidden="true" /> : <IconShieldCheck size={20} color="var(--mantine-color-teal-7)" aria-hidden="true" />}
        <Text fw={650} size="sm">
          Disclosure control
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Applied to everything presented or exported. The editor shows your own unsuppressed numbers.
      </Text>
      {draft && (
        <Stack gap={8}>
          <Text size="sm" fw={500} id="cxp-min-cell-label">
            Smallest group shown, in people{' '}
            <Text span size="xs" c="dimmed">
              (never below {DISCLOSURE_FLOOR})
            </Text>
          </Text>
          <Group gap="sm" align="flex-start" wrap="nowrap">
            <NumberInput
              aria-labelledby="cxp-min-cell-label"
              value={draft.minCell}
              min={DISCLOSURE_FLOOR}
              max={1000}
              step={1}
              allowDecimal={false}
              w={120}
              size="xs"
              error={tooLow ? `At least ${DISCLOSURE_FLOOR}` : undefined}
              onChange={(v) => setDraft({ ...draft, minCell: typeof v === 'number' ? v : Number(v) || DISCLOSURE_FLOOR })}
            />
            <Button size="xs" onClick={() => void apply()} loading={busy} disabled={!changed || tooLow}>
              Apply
            </Button>
          </Group>
          <Switch size="xs" label="Round counts to the nearest 5" checked={draft.roundTo === 5} onChange={(e) => setDraft({ ...draft, roundTo: e.currentTarget.checked ? 5 : 0 })} />
        </Stack>
      )}
      <ErrorAlert error={saveError} />
      <ErrorAlert error={error} title="Disclosure control could not check this deck" />
      {report && (
        <Stack gap={6} mt="sm">
          {stale && (
            <Alert color="gray" variant="light" p={8}>
              <Text size="xs">This is the saved deck; save to check your latest changes.</Text>
            </Alert>
          )}
          <Text size="sm" className="cxp-disclosure-note" data-testid="disclosure-note">
            {report.note}
          </Text>
          {withheld > 0 && (
            <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
              <ul className="cxp-suppressions" aria-label="What is withheld">
                {[...report.suppressed, ...report.removed].map((s, i) => (
                  <li key={i}>
                    <b>Slide {s.slide}</b> · {s.what} — <span className="cxp-faint-text">{s.reason}</span>
                  </li>
                ))}
              </ul>
            </ScrollArea.Autosize>
          )}
        </Stack>
      )}
    </Paper>
  );
}
