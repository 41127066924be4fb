// Small pieces the NPS view's analyses share: result cards, warnings, the score-scale refusal with its one-click
// mappings, the mapping in force, and the confidence-level and minimum-n inputs.
import type { ReactNode } from 'react';
import { Alert, Badge, Button, CloseButton, Group, NativeSelect, NumberInput, Paper, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconRuler2, IconScale } from '@tabler/icons-react';
import type { NpsGroup, NpsMapping, NpsTest } from '../../../shared/nps';
import { formatNps1, formatP, levelLabel, pPhrase } from '../../charts/nps-figures';
import { formatCount } from '../../lib/format';
import { formatNpsCi1, LEVELS, mappingLabel, wholeNumber, type MappingOption } from './model';

export function Card({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Paper withBorder radius="md" p="lg" className="cxw-nps-card" aria-label={label} role={label ? 'group' : undefined}>
      {children}
    </Paper>
  );
}

export function Warnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} py="xs" aria-label="Warnings" className="cxw-nps-narrow">
      {warnings.length === 1 ? (
        <Text size="sm">{warnings[0]}</Text>
      ) : (
        <ul className="cxw-nps-list">
          {warnings.map((w, i) => (
            <li key={i}>
              <Text size="sm">{w}</Text>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** The services refused the score column's scale: their message, and the mappings it suggests as buttons. */
export function ScaleProblem({ message, options, onChoose, onClose }: { message: string; options: MappingOption[]; onChoose: (m: NpsMapping) => void; onClose: () => void }) {
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconRuler2 size={20} />}
      title="The score column is not on the 0–10 recommend scale"
      withCloseButton
      onClose={onClose}
      closeButtonLabel="Dismiss"
      role="alert"
      className="cxw-nps-narrow cxw-nps-error"
    >
      <Text size="md">{message}</Text>
      {options.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mt="sm">
            Only map the scores when you know what they mean; the mapping is stated with the results.
          </Text>
          <Group gap="sm" mt="xs">
            {options.map((o) => (
              <Button key={o.label} variant="light" color="orange" onClick={() => onChoose(o.mapping)}>
                {o.label}
              </Button>
            ))}
          </Group>
        </>
      )}
    </Alert>
  );
}

/** The mapping in force, in the set-up, with a way to drop it. */
export function MappingBadge({ mapping, onClear, disabled }: { mapping: NpsMapping; onClear: () => void; disabled: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" className="cxw-nps-mapping">
      <div className="cxw-nps-mapping-text">{mappingLabel(mapping)}</div>
      <CloseButton size="sm" onClick={onClear} disabled={disabled} aria-label="Remove the score mapping" />
    </Group>
  );
}

export function LevelSelect({ value, onChange, disabled }: { value: number; onChange: (v: number) => void; disabled: boolean }) {
  return (
    <NativeSelect
      label="Confidence level"
      value={String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={LEVELS.map((l) => ({ value: String(l), label: levelLabel(l) }))}
      disabled={disabled}
    />
  );
}

export function MinNInput({ value, onChange, disabled }: { value: number; onChange: (v: number) => void; disabled: boolean }) {
  return (
    <NumberInput
      label="Minimum n"
      description="Smaller groups are flagged, not dropped"
      min={1}
      max={1_000_000}
      allowDecimal={false}
      allowNegative={false}
      value={value}
      onChange={(v) => onChange(Math.max(1, wholeNumber(v, value)))}
      disabled={disabled}
    />
  );
}

export function Metric({ label, value, sub, text }: { label: string; value: ReactNode; sub?: ReactNode; text?: boolean }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className="cxw-nps-metric">
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text className="cxw-nps-metric-value cxw-tabular" data-text={text || undefined}>
        {value}
      </Text>
      {sub && (
        <Text size="sm" c="dimmed">
          {sub}
        </Text>
      )}
    </Paper>
  );
}

/** The overall test in words: the services' note, the method and statistic, the p-value as a badge. */
export function TestCard({ test, title, alpha }: { test: NpsTest; title: string; alpha: number }) {
  return (
    <div className="cxw-nps-test" role="group" aria-label="Test of the difference">
      <Group gap="xs" wrap="nowrap" align="center">
        <IconScale size={20} className="cxw-muted-icon" />
        <Text fw={650} size="lg">
          {title}
        </Text>
        <Badge variant="light" color={test.pValue < alpha ? 'orange' : 'gray'} size="lg" radius="sm" className="cxw-nps-p">
          {pPhrase(test.pValue)}
        </Badge>
      </Group>
      <Text size="md" mt={6}>
        {test.note}
      </Text>
      <Text size="sm" c="dimmed" mt={4}>
        {test.method}: statistic {test.statistic.toFixed(2)}
        {test.df !== null ? `, df ${test.df}` : ''}, p {formatP(test.pValue)}.
      </Text>
    </div>
  );
}

/**
 * The last result while a refusal or an error is shown above it: dimmed and labelled, so nobody reads it as the
 * answer to the set-up that just failed. stale (useAnalysis): the set-up no longer matches that result.
 */
export function PreviousResult({ children, failed, stale }: { children: ReactNode; failed: boolean; stale: boolean }) {
  if (!failed) return <>{children}</>;
  return (
    <div className="cxw-nps-previous" role="group" aria-label="Previous result">
      <Text size="md" fw={650} className="cxw-nps-previous-label">
        {stale ? 'Below: the results from the previous set-up, not from the one on the left.' : 'Below: the results of the last run that succeeded.'}
      </Text>
      <div className="cxw-nps-previous-body">{children}</div>
    </div>
  );
}

/** The leading cells of a group's row in the NPS and context tables: its name (with the caller's badge and a
 *  "small n" badge), n, NPS and interval to one decimal. */
export function GroupCells({ g, minN, bold, badge }: { g: NpsGroup; minN: number; bold: boolean; badge: ReactNode }) {
  return (
    <>
      <Table.Td>
        {/* Badges wrap under a long name instead of being squeezed to "refe…". */}
        <Group gap={6} wrap="wrap">
          <Text size="md" fw={bold ? 700 : 500}>
            {g.group}
          </Text>
          {badge}
          {g.small && (
            <Badge variant="light" color="gray" radius="sm" size="sm" title={`Fewer than ${minN} answers`}>
              small n
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular">
        {formatCount(g.n)}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular" fw={700}>
        {formatNps1(g.nps)}
      </Table.Td>
      <Table.Td ta="right" className="cxw-tabular">
        {formatNpsCi1(g.ci)}
      </Table.Td>
    </>
  );
}
