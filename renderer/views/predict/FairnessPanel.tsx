// Fairness of a model: the protected attributes it uses on purpose, the features that stand in for one (proxies,
// Cramér's V > 0.3), and the model's fairness audit in one step ('predict.audit': its untouched test rows scored,
// then flagged-or-not audited against the outcome by protected group), opened in the Audit view. What being flagged
// does to a customer (a benefit or a burden) decides which error matters most, so it is asked, never assumed.
import { useEffect, useRef, useState } from 'react';
import { Button, Group, Paper, Radio, Stack, Table, Text } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import type { PredictResult } from '../../../shared/predict';
import type { DatasetSummary } from '../../../shared/domain';
import { useClient } from '../../state/bridge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { formatCount } from '../../lib/format';
import { openInView } from '../../lib/open-result';
import { phaseLabeller } from '../../lib/phases';
import { useJob } from '../../lib/useJob';
import { Card, NotSaved, Panel } from './parts';

const phaseLabel = phaseLabeller({ load: 'Reading the columns', score: 'Scoring the test rows', analyze: 'Comparing the groups', prepare: 'Preparing the groups' });

type Direction = 'assistive' | 'punitive';

export function FairnessPanel({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const job = useJob();
  const [direction, setDirection] = useState<Direction | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ scores: DatasetSummary; id: number | null; name: string; summary: string } | null>(null);
  const [opening, setOpening] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  // The outcome appears below the form: bring it into view.
  useEffect(() => {
    if (done) doneRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [done]);

  const audit = async () => {
    if (!model || !direction) return;
    setError(null);
    setDone(null);
    const out = await job.start('predict_audit', (jobId) => client.invoke('predict.audit', { jobId, model, direction }));
    if (out.ok) {
      const a = out.value.audit;
      setDone({ scores: out.value.scores, id: a.saved?.id ?? null, name: a.saved?.name ?? '', summary: a.executiveSummary });
    } else if (!out.cancelled) setError(out.error);
  };
  const open = async (id: number) => {
    setOpening(true);
    try {
      openInView(await client.invoke('results.get', { id }));
    } catch (err) {
      setError(err);
    } finally {
      setOpening(false);
    }
  };

  return (
    <Panel title="Fairness">
      <Card>
        <Text fw={650} size="lg" mb={4}>
          Protected attributes and proxies
        </Text>
        <Text size="sm" mb="sm">
          {result.includedProtected.length
            ? `Used on purpose as features: ${result.includedProtected.join(', ')}.`
            : 'No protected attribute is used as a feature (they are left out by default).'}{' '}
          {result.proxies.length
            ? `But ${result.proxies.length === 1 ? 'one feature stands' : `${result.proxies.length} features stand`} in for a protected attribute, so the model can still treat the groups differently:`
            : 'No feature is strongly associated with a protected attribute (Cramér’s V above 0.3), where the dataset marks any.'}
        </Text>
        {result.proxies.length > 0 && (
          <Table withTableBorder className="cxw-pred-table" verticalSpacing={6}>
            <Table.Caption>Features that reveal a protected attribute</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Feature</Table.Th>
                <Table.Th scope="col">Protected attribute</Table.Th>
                <Table.Th scope="col">Cramér’s V</Table.Th>
                <Table.Th scope="col">What it means</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.proxies.map((p) => (
                <Table.Tr key={`${p.feature}\u0000${p.attribute}`}>
                  <Table.Th scope="row">{p.feature}</Table.Th>
                  <Table.Td>{p.attribute}</Table.Td>
                  <Table.Td className="cxw-tabular">{p.cramersV.toFixed(2)}</Table.Td>
                  <Table.Td>{p.explanation}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>

      <Card>
        <Text fw={650} size="lg" mb={4}>
          Audit this model’s fairness
        </Text>
        <Text size="sm" c="dimmed" mb="sm">
          Scores the model’s {formatCount(result.test.rows)} test rows again, then audits “flagged” (probability at or above {Math.round(result.frozen.threshold * 1000) / 10}%) against the
          actual {result.target} for every protected attribute of “{result.spec.dataset}”: rates per group, error rates, calibration, the four-fifths rule. The
          audit is saved and opens in the Audit view.
        </Text>
        {!model ? (
          <NotSaved what="be audited" />
        ) : (
          <Stack gap="sm">
            <Radio.Group
              label="What does being flagged do to a customer?"
              description="Required: it decides which mistake weighs most"
              withAsterisk
              value={direction}
              onChange={(v) => setDirection(v as Direction)}
            >
              <Stack gap={6} mt={6}>
                <Radio value="assistive" label="It helps them (a retention offer, a call): being wrongly left out is the harm" disabled={job.running} />
                <Radio value="punitive" label="It burdens them (extra checks, a worse price): being wrongly flagged is the harm" disabled={job.running} />
              </Stack>
            </Radio.Group>
            <Group>
              <Button leftSection={<IconScale size={16} />} onClick={() => void audit()} loading={job.running} disabled={!direction}>
                Audit this model’s fairness
              </Button>
            </Group>
            {job.running && (
              <Paper withBorder radius="md" p="md">
                <JobProgress title="Auditing the model" progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={phaseLabel} />
              </Paper>
            )}
            <ErrorAlert error={error} title="The model was not audited" onClose={error ? () => setError(null) : undefined} />
            {done && (
              <Paper withBorder radius="md" p="md" className="cxw-pred-done" ref={doneRef}>
                <Text fw={650} role="status">
                  Audit saved{done.name ? ` as “${done.name}”` : ''}; the test scores are in the dataset “{done.scores.name}”.
                </Text>
                <Text size="sm" mt={4}>
                  {done.summary}
                </Text>
                {done.id !== null && (
                  <Button mt="sm" variant="light" leftSection={<IconScale size={16} />} loading={opening} onClick={() => void open(done.id!)}>
                    Open the audit in the Audit view
                  </Button>
                )}
              </Paper>
            )}
          </Stack>
        )}
      </Card>
    </Panel>
  );
}
