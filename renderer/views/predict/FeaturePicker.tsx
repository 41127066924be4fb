// The Predict set-up's feature list: the suggested columns ticked, the others folded behind one button (one Tab stop
// instead of one per column), protected attributes apart, each behind its own switch (used only on purpose).
import { useId, useState } from 'react';
import { Checkbox, Group, Stack, Switch, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import { TYPE_LABELS } from '../../lib/labels';
import { defaultFeatures, featureOptions, protectedOptions, type FeatureOption, type PredictForm } from './model';

const typeLabel = (c: ColumnMeta) => TYPE_LABELS[c.type].toLowerCase();

export function FeaturePicker({ form, dataset, profile, busy, onForm }: { form: PredictForm; dataset: DatasetSummary | null; profile: ColumnProfile[] | null; busy: boolean; onForm: (f: PredictForm) => void }) {
  const ids = useId();
  const testColumn = form.testMode === 'value' ? form.testColumn : '';
  const options = featureOptions(dataset, form.target, profile, testColumn);
  const protectedCols = protectedOptions(dataset, form.target);
  const suggested = options.filter((o) => o.suggested);
  const others = options.filter((o) => !o.suggested);
  const otherChosen = others.filter((o) => form.features.includes(o.column.name)).length;
  // The columns not suggested fold away (one Tab stop instead of one per column); open when one of them is chosen.
  const [showOthers, setShowOthers] = useState(otherChosen > 0);
  const order = options.map((o) => o.column.name);
  const setFeatures = (names: string[]) => onForm({ ...form, features: order.filter((n) => names.includes(n)), autoFill: false });
  const toggle = (name: string, on: boolean) => setFeatures(on ? [...form.features, name] : form.features.filter((x) => x !== name));
  const chosen = form.features.filter((f) => order.includes(f)).length;
  const row = (o: FeatureOption) => (
    <Checkbox
      key={o.column.name}
      className="cxw-pred-feature"
      label={o.column.name}
      description={o.note ? `${typeLabel(o.column)} · ${o.note}` : typeLabel(o.column)}
      checked={form.features.includes(o.column.name)}
      onChange={(e) => toggle(o.column.name, e.currentTarget.checked)}
      disabled={busy}
    />
  );
  return (
    <fieldset className="cxw-pred-fieldset" aria-labelledby={`${ids}-features`}>
      <Group justify="space-between" align="baseline" mb={6} wrap="nowrap">
        <Text fw={650} id={`${ids}-features`}>
          Features ({chosen} of {options.length})
        </Text>
        <Group gap="md" wrap="nowrap">
          <UnstyledButton className="cxw-link-button" onClick={() => setFeatures(defaultFeatures(dataset, form.target, profile, testColumn))} disabled={busy}>
            Suggested
          </UnstyledButton>
          <UnstyledButton className="cxw-link-button" onClick={() => setFeatures([])} disabled={busy}>
            None
          </UnstyledButton>
        </Group>
      </Group>
      {options.length === 0 ? (
        <Text size="sm" c="dimmed">
          No column can be a feature: identifiers, personal data and dates never are.
        </Text>
      ) : (
        <div className="cxw-pred-feature-list">
          {suggested.map(row)}
          {others.length > 0 && (
            <>
              <UnstyledButton className="cxw-pred-others-toggle" onClick={() => setShowOthers((v) => !v)} aria-expanded={showOthers} aria-controls={`${ids}-others`}>
                {showOthers ? <IconChevronDown size={14} aria-hidden="true" /> : <IconChevronRight size={14} aria-hidden="true" />}
                <Text span size="sm" fw={600}>
                  Not suggested ({others.length}
                  {otherChosen ? `, ${otherChosen} chosen` : ''})
                </Text>
              </UnstyledButton>
              <div id={`${ids}-others`} hidden={!showOthers}>
                {showOthers && others.map(row)}
              </div>
            </>
          )}
        </div>
      )}
      <Text size="xs" c="dimmed" mt="xs">
        Identifiers, personal data and dates are never features. Text columns become one column per value; rare values are pooled.
      </Text>
      {protectedCols.length > 0 && (
        <div className="cxw-pred-protected" role="group" aria-labelledby={`${ids}-protected`}>
          <Text fw={650} size="sm" id={`${ids}-protected`}>
            Protected attributes
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            Left out by default; include one only on purpose. It is then logged and shown on the model card.
          </Text>
          <Stack gap={6}>
            {protectedCols.map((c) => (
              <Switch
                key={c.name}
                label={`Use ${c.name}`}
                checked={form.includeProtected.includes(c.name)}
                onChange={(e) =>
                  onForm({
                    ...form,
                    includeProtected: e.currentTarget.checked ? [...form.includeProtected, c.name] : form.includeProtected.filter((x) => x !== c.name),
                  })
                }
                disabled={busy}
              />
            ))}
          </Stack>
        </div>
      )}
    </fieldset>
  );
}
