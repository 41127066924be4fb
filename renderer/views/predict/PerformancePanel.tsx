// How well the model predicts: the headline cards (test AUC against guessing, PR AUC against no skill, Brier score
// against the base rate, the rows), the same figures cross-validated and for the base rate alone, the threshold with
// the test customers it flags and misses (a 2×2 table in plain words), the ensemble's paired comparison, warnings.
import { Alert, Group, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PredictResult } from '../../../shared/predict';
import { formatCount } from '../../lib/format';
import { Card, Panel } from './parts';
import { ci3, comparisonWords, confusionWords, direction, num3, pct1, splitWords, thresholdWords } from './results';

export function PerformancePanel({ result: r }: { result: PredictResult }) {
  const c = confusionWords(r);
  const positive = direction(r);
  return (
    <Panel title="How well it predicts on customers it never saw">
      <SimpleGrid cols={{ base: 2, lg: 4 }} spacing="sm">
        <Metric label="Test AUC" value={num3(r.test.auc)} sub={`95% CI ${ci3(r.test.aucCi)} · 0.5 = guessing`} />
        <Metric label="Precision–recall AUC" value={num3(r.test.prAuc)} sub={`no skill: ${num3(r.test.baseline.prAuc)} (the share of positives)`} />
        <Metric label="Brier score" value={num3(r.test.brier)} sub={`base rate alone: ${num3(r.test.baseline.brier)} · lower is better`} />
        <Metric
          label="Rows"
          value={formatCount(r.rows)}
          sub={`${formatCount(r.positives)} ${r.positive} (${pct1(r.positives / r.rows)}) · ${formatCount(r.test.rows)} test rows`}
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed" className="cxw-pred-prose">
        The test rows — {splitWords(r)} — were kept out of everything: the encoding, the models, their calibration and the threshold were fitted on the other{' '}
        {formatCount(r.trainRows)} rows.
      </Text>

      <div className="cxw-pred-two">
        <Card>
          <Text fw={650} size="lg" mb="xs" id="pred-figures">
            The figures side by side
          </Text>
          <Table className="cxw-pred-table cxw-pred-figures cxw-tabular" withTableBorder aria-labelledby="pred-figures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Measure</Table.Th>
                <Table.Th scope="col">Test rows</Table.Th>
                <Table.Th scope="col">{r.cv ? `Cross-validated (${r.cv.folds} folds)` : 'Cross-validated'}</Table.Th>
                <Table.Th scope="col">Base rate only</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <FigureRow label="AUC" test={`${num3(r.test.auc)} (${ci3(r.test.aucCi)})`} cv={r.cv ? `${num3(r.cv.auc)} (${ci3(r.cv.aucCi)})` : '—'} base={num3(r.test.baseline.auc)} />
              <FigureRow label="Precision–recall AUC" test={num3(r.test.prAuc)} cv={r.cv ? num3(r.cv.prAuc) : '—'} base={num3(r.test.baseline.prAuc)} />
              <FigureRow label="Brier score" test={num3(r.test.brier)} cv={r.cv ? num3(r.cv.brier) : '—'} base={num3(r.test.baseline.brier)} />
              <FigureRow label="Log loss" test={num3(r.test.logLoss)} cv={r.cv ? num3(r.cv.logLoss) : '—'} base={num3(r.test.baseline.logLoss)} />
              <FigureRow label="Rows (positives)" test={`${formatCount(r.test.rows)} (${formatCount(r.test.positives)})`} cv={r.cv ? `${formatCount(r.cv.rows)} (${formatCount(r.cv.positives)})` : '—'} base="—" />
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt={6}>
            AUC with its 95% interval (DeLong). Base rate only: a model that gives every customer the training share of positives.
          </Text>
        </Card>

        <Card>
          <Text fw={650} size="lg" mb={4} id="pred-confusion">
            At the threshold of {pct1(r.threshold.value)}
          </Text>
          <Text size="sm" c="dimmed" mb="xs">
            {thresholdWords(r)}
          </Text>
          <Table className="cxw-pred-table cxw-pred-confusion cxw-tabular" withTableBorder aria-labelledby="pred-confusion">
            <Table.Thead>
              <Table.Tr>
                <Table.Td />
                <Table.Th scope="col">Actually {positive}</Table.Th>
                <Table.Th scope="col">Actually not</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">Flagged</Table.Th>
                <Cell n={c.caught} words="caught" good />
                <Cell n={c.unneeded} words="unneeded action" />
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">Not flagged</Table.Th>
                <Cell n={c.missed} words="missed" />
                <Cell n={c.leftAlone} words="rightly left alone" good />
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm" mt="xs">
            {c.precision} {c.recall}
          </Text>
        </Card>
      </div>

      {r.comparison && (
        <Card label="Logistic regression against trees">
          <Text fw={650} size="lg" mb={4}>
            Logistic regression against trees
          </Text>
          <Text size="sm">{comparisonWords(r.comparison)}</Text>
        </Card>
      )}

      {r.warnings.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Warnings" className="cxw-pred-warnings">
          <ul className="cxw-pred-list">
            {r.warnings.map((w, i) => (
              <li key={i}>
                <Text size="sm">{w}</Text>
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </Panel>
  );
}

function FigureRow({ label, test, cv, base }: { label: string; test: string; cv: string; base: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>{test}</Table.Td>
      <Table.Td>{cv}</Table.Td>
      <Table.Td>{base}</Table.Td>
    </Table.Tr>
  );
}

function Cell({ n, words, good }: { n: number; words: string; good?: boolean }) {
  return (
    <Table.Td className="cxw-pred-cell" data-good={good || undefined}>
      <span className="cxw-pred-cell-n">{formatCount(n)}</span> <span className="cxw-pred-cell-words">{words}</span>
    </Table.Td>
  );
}

function Metric({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <Paper withBorder radius="md" px="md" py="sm" className="cxw-pred-metric">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" c="dimmed" fw={600}>
          {label}
        </Text>
      </Group>
      <Text className="cxw-pred-metric-value cxw-tabular">{value}</Text>
      <Text size="sm" c="dimmed">
        {sub}
      </Text>
    </Paper>
  );
}
