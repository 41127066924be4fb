// "Score a dataset": every customer of a dataset with the model's columns (next month's export, say) gets a
// probability, the fold models' band, whether a person should review it and its top reasons, in a new dataset that
// the Data view opens and the other views can use ('predict.score', a job with progress and cancel).
import { useEffect, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, List, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconDatabase, IconTargetArrow } from '@tabler/icons-react';
import { modelDatasetColumns, type PredictResult, type ScoreOutcome } from '../../../shared/predict';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { formatCount } from '../../lib/format';
import { phaseLabeller } from '../../lib/phases';
import { useJob } from '../../lib/useJob';
import { Card, NotSaved, Panel } from './parts';

const phaseLabel = phaseLabeller({ load: 'Reading the columns', score: 'Scoring', write: 'Writing the scores' });

export function ScorePanel({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const { datasets } = useWorkspace();
  const job = useJob();
  // Segment and event-log history features are found through the id, not read as columns.
  const inputs = modelDatasetColumns(result);
  const fitting = datasets.filter((d) => inputs.every((c) => d.columns.some((x) => x.name === c)));
  // Another dataset than the training one is the usual reason to score; the training one is offered too.
  const [chosen, setChosen] = useState(() => (fitting.find((d) => d.name !== result.spec.dataset) ?? fitting[0])?.name ?? '');
  const dataset = fitting.some((d) => d.name === chosen) ? chosen : (fitting[0]?.name ?? '');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ScoreOutcome | null>(null);

  const score = async () => {
    if (!model || !dataset) return;
    setError(null);
    setNote(null);
    setOutcome(null);
    const out = await job.start('score', (jobId) => client.invoke('predict.score', { jobId, model, dataset, ...(name.trim() ? { name: name.trim() } : {}) }));
    if (out.ok) {
      setOutcome(out.value);
      setName('');
    } else if (out.cancelled) setNote('Scoring was cancelled; no dataset was created.');
    else setError(out.error);
  };

  if (!model) {
    return (
      <Panel title="Score a dataset">
        <NotSaved what="score a dataset" />
      </Panel>
    );
  }
  return (
    <Panel title="Score a dataset">
      <Text size="sm" c="dimmed" className="cxw-pred-prose">
        Every row gets the model’s probability of {result.target} = {result.positive}, the band its fold models span, whether a person should review it, and
        its top reasons — in a new dataset, with the same preprocessing as in training. A value the model never saw is scored as “(other)” and counted.
      </Text>
      <Card>
        {fitting.length === 0 ? (
          <Alert color="orange" title="No dataset has all the model’s columns">
            Scoring needs every column the model was trained on: {inputs.join(', ')}.
          </Alert>
        ) : (
          <Stack gap="md">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <NativeSelect
                label="Dataset to score"
                description={`Datasets with all ${inputs.length} of the model’s columns`}
                value={dataset}
                onChange={(e) => setChosen(e.currentTarget.value)}
                data={fitting.map((d) => ({ value: d.name, label: `${d.name} (${formatCount(d.rows)} rows)` }))}
                disabled={job.running}
                className="cxw-pred-grow"
              />
              <TextInput
                label="Name of the new dataset"
                description="Optional"
                placeholder={dataset ? `${dataset} scored by ${model}` : ''}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={200}
                disabled={job.running}
                className="cxw-pred-grow"
              />
            </Group>
            <Group>
              <Button leftSection={<IconTargetArrow size={16} />} onClick={() => void score()} loading={job.running} disabled={!dataset}>
                Score dataset
              </Button>
            </Group>
            {job.running && (
              <Paper withBorder radius="md" p="md">
                <JobProgress title={`Scoring “${dataset}”`} progress={job.progress} cancelling={job.cancelling} onCancel={job.cancel} phaseLabel={phaseLabel} />
              </Paper>
            )}
            {note && (
              <Text size="sm" c="dimmed" role="status">
                {note}
              </Text>
            )}
            <ErrorAlert error={error} title="The dataset was not scored" onClose={error ? () => setError(null) : undefined} />
          </Stack>
        )}
      </Card>
      {outcome && <Scored outcome={outcome} />}
    </Panel>
  );
}

function Scored({ outcome }: { outcome: ScoreOutcome }) {
  const name = outcome.dataset.name;
  const ref = useRef<HTMLDivElement>(null);
  // The outcome appears below the form: bring it into view.
  // (Braces: Chromium's scrollIntoView may return a promise, which React would take for a clean-up function.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [outcome]);
  return (
    <div ref={ref}>
      <Card label="Scores">
        <Text fw={650} size="lg" role="status">
          Scored {formatCount(outcome.rows)} rows into “{name}”{outcome.asOf ? `, with each customer’s history up to ${outcome.asOf}` : ''}
        </Text>
        <Text size="md" mt={4}>
          {outcome.needsReview === 0
            ? 'No customer needs a review: every fold model agrees, away from the threshold.'
            : `${formatCount(outcome.needsReview)} ${outcome.needsReview === 1 ? 'customer needs' : 'customers need'} a person’s review before anything is decided about them (column needs_review).`}
        </Text>
        {outcome.unseen.length > 0 ? (
          <>
            <Text size="sm" mt="sm" fw={600}>
              Values the model never saw (scored as “(other)”):
            </Text>
            <List size="sm" spacing={2}>
              {outcome.unseen.map((u) => (
                <List.Item key={u.column}>
                  {u.column}: {formatCount(u.rows)} {u.rows === 1 ? 'row' : 'rows'} ({u.levels.slice(0, 6).join(', ')}
                  {u.levels.length > 6 ? `, … ${u.levels.length - 6} more` : ''})
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm" c="dimmed" mt="sm">
            Every value was one the model saw in training.
          </Text>
        )}
        <Anchor href={`#/data?dataset=${encodeURIComponent(name)}`} mt="sm" display="inline-flex" className="cxw-pred-link">
          <IconDatabase size={16} aria-hidden="true" />
          Open “{name}” on the Data view
        </Anchor>
      </Card>
    </div>
  );
}
