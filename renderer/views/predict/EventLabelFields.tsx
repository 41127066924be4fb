// The Predict set-up's outcome made from an event log: the log and its customer and date columns, the cut-off day
// (with the log's span and the latest cut-off it can answer for), the horizon, which is the outcome (asked, never
// assumed), the label's name, and whether to add the history features. The direction is said in a sentence below.
import { Anchor, NativeSelect, NumberInput, Radio, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { DatasetSummary } from '../../../shared/domain';
import { chooseEventLog, defaultLabelName, latestCutoff, type EventLabelForm } from './event-label-form';

interface Props {
  label: EventLabelForm;
  /** The label's name (the form's target). */
  name: string;
  onChange: (label: EventLabelForm, name?: string) => void;
  logs: DatasetSummary[];
  idName: string;
  span: { first: string; last: string } | null;
  busy: boolean;
}

const numberOrBlank = (v: string | number) => (typeof v === 'number' ? v : v === '' ? '' : Number(v));

export function EventLabelFields({ label, name, onChange, logs, idName, span, busy }: Props) {
  const log = logs.find((l) => l.name === label.events);
  const set = (patch: Partial<EventLabelForm>) => onChange({ ...label, ...patch });
  const latest = span && label.horizonDays !== '' ? latestCutoff(span.last, label.horizonDays) : null;
  if (logs.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No other dataset has a date column. Import the event log (one row per event: customer id, date or time) on the Data view first.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Event log"
        description="One row per event (purchase, visit, login…) with the customer id and a date"
        withAsterisk
        value={label.events}
        onChange={(e) => onChange(chooseEventLog(label, logs.find((l) => l.name === e.currentTarget.value), idName))}
        data={[{ value: '', label: 'Choose a dataset…' }, ...logs.map((l) => ({ value: l.name, label: l.name }))]}
        disabled={busy}
      />
      {log && (
        <>
          <NativeSelect
            label="Customer id in the log"
            description={idName ? `The same ids as “${idName}”` : undefined}
            withAsterisk
            value={label.customer}
            onChange={(e) => set({ customer: e.currentTarget.value })}
            data={[{ value: '', label: 'Choose a column…' }, ...log.columns.map((c) => ({ value: c.name, label: c.name }))]}
            disabled={busy}
          />
          <NativeSelect
            label="Event date"
            withAsterisk
            value={label.time}
            onChange={(e) => set({ time: e.currentTarget.value, cutoff: '' })}
            data={[{ value: '', label: 'Choose a column…' }, ...log.columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => ({ value: c.name, label: c.name }))]}
            disabled={busy}
          />
        </>
      )}
      <Radio.Group
        label="The outcome to predict"
        withAsterisk
        value={label.positiveWhen}
        onChange={(v) => {
          const positiveWhen = v as EventLabelForm['positiveWhen'];
          // The default name follows the direction until the analyst types their own.
          const renamed = name === defaultLabelName(label.positiveWhen) || !name.trim() ? defaultLabelName(positiveWhen) : undefined;
          onChange({ ...label, positiveWhen }, renamed);
        }}
        error={label.positiveWhen ? undefined : 'Required: which is the outcome'}
      >
        <Stack gap={6} mt={6}>
          <Radio value="no-event" label="No event in the window (churn, lapse)" disabled={busy} />
          <Radio value="event" label="At least one event in the window (a return, a repeat purchase)" disabled={busy} />
        </Stack>
      </Radio.Group>
      <TextInput
        label="Cut-off day"
        description={
          span ? (
            <>
              The model knows what happened up to this day. The log runs from {span.first} to {span.last}
              {latest && latest >= span.first ? (
                <>
                  ; latest cut-off for {label.horizonDays} days:{' '}
                  <Anchor component="button" type="button" size="xs" onClick={() => set({ cutoff: latest })} disabled={busy}>
                    {latest}
                  </Anchor>
                </>
              ) : null}
              .
            </>
          ) : (
            'The model knows what happened up to this day (YYYY-MM-DD)'
          )
        }
        placeholder="YYYY-MM-DD"
        withAsterisk
        value={label.cutoff}
        onChange={(e) => set({ cutoff: e.currentTarget.value.trim() })}
        maxLength={10}
        disabled={busy}
      />
      <NumberInput
        label="Horizon (days after the cut-off)"
        withAsterisk
        value={label.horizonDays}
        onChange={(v) => set({ horizonDays: numberOrBlank(v) })}
        min={1}
        max={3660}
        allowDecimal={false}
        disabled={busy}
      />
      <TextInput label="Name of the label" description="What a positive customer did" value={name} onChange={(e) => onChange(label, e.currentTarget.value)} maxLength={100} disabled={busy} />
      <Switch
        label="Add history features from the log"
        description="Days since the last and the first event, events, events in the last horizon — counted up to the cut-off only"
        checked={label.history}
        onChange={(e) => set({ history: e.currentTarget.checked })}
        disabled={busy}
      />
    </Stack>
  );
}
