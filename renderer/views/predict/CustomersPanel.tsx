// The customers a person should look at before anything is decided (test customers whose fold models disagree or
// who sit near the threshold), each with the model's call, why it needs review, its top reasons and the actual
// outcome; a person confirms or overrides the call with a reason ('predict.review', logged). Below, any customer
// explained: the base, each column's signed contribution, and the sentence ('predict.explain').
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Button, Group, Modal, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Textarea, VisuallyHidden } from '@mantine/core';
import { IconBulb, IconCheck, IconSwitchHorizontal } from '@tabler/icons-react';
import type { DatasetProfile } from '../../../shared/domain';
import { modelDatasetColumns, type CustomerExplanation, type ModelReview, type PredictResult, type ReviewCase } from '../../../shared/predict';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useWorkspace } from '../../state/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ChartDataTable } from '../../components/chart-table/ChartDataTable';
import { contributionTable } from '../../charts/predict-tables';
import { formatCount } from '../../lib/format';
import { ContributionChart } from './charts';
import { Card, NotSaved, Panel } from './parts';
import { otherValue } from './model';
import { actualWords, callOf, explanationCheck, filterCases, latestReviews, pct1, pctBeside, reasonsOnly, reviewWords, type ReviewFilter } from './results';

const PAGE = 25;
const signed3 = (v: number) => `${v > 0 ? '+' : v < 0 ? '\u2212' : ''}${Math.abs(v).toFixed(3)}`;

export function CustomersPanel({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const [nonce, setNonce] = useState(0);
  const reviews = useAsync<ModelReview[]>(() => (model ? client.invoke('predict.reviews', { model }) : Promise.resolve([])), [client, model, nonce]);
  const latest = latestReviews(reviews.data ?? []);
  const [filter, setFilter] = useState<ReviewFilter>('pending');
  const [shown, setShown] = useState(PAGE);
  const [reviewing, setReviewing] = useState<{ c: ReviewCase; decision: 'confirm' | 'override' } | null>(null);
  const explainRef = useRef<ExplainHandle | null>(null);
  const { datasets } = useWorkspace();
  // The target's other value ("No") names the actual outcome of a customer without the positive one.
  const profile = useAsync<DatasetProfile | null>(() => client.invoke('dataset.profile', { dataset: result.spec.dataset }).catch(() => null), [client, result.spec.dataset]);
  const other = otherValue(datasets.find((d) => d.name === result.spec.dataset) ?? null, profile.data?.columns ?? null, result.target, result.positive);
  const cases = filterCases(result.review, latest, filter);
  const reviewed = result.review.filter((c) => latest.has(c.id)).length;
  const threshold = result.frozen.threshold;

  return (
    <Panel title="Customers to review before anything is decided">
      <Text size="sm" c="dimmed" className="cxw-pred-prose">
        Test customers whose {result.cv ? 'fold models fall on both sides of the threshold or disagree widely' : 'probability sits near the threshold'}, nearest the threshold
        first ({formatCount(result.review.length)} listed). Their actual outcome is known, so a reviewer can see where the model goes wrong. Confirm or override
        the model’s call with a reason: it is logged and carried by the scores.
      </Text>
      <Card>
        <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
          <SegmentedControl
            aria-label="Show customers"
            value={filter}
            onChange={(v) => {
              setFilter(v as ReviewFilter);
              setShown(PAGE);
            }}
            data={[
              { value: 'pending', label: `Needs review (${result.review.length - reviewed})` },
              { value: 'reviewed', label: `Reviewed (${reviewed})` },
              { value: 'all', label: `All (${result.review.length})` },
            ]}
          />
          {reviews.error ? <ErrorAlert error={reviews.error} title="The reviews could not be read" /> : null}
        </Group>
        {cases.length === 0 ? (
          <Text c="dimmed">{result.review.length === 0 ? 'No test customer needs a review: every fold model agrees, away from the threshold.' : 'No customer here.'}</Text>
        ) : (
          <div className="cxw-pred-queue-scroll" tabIndex={0} role="region" aria-label="Review queue (scrolls sideways on a narrow screen)">
            <Table className="cxw-pred-queue" striped withTableBorder verticalSpacing={6}>
              <Table.Caption>Review queue: {filter === 'pending' ? 'customers not reviewed yet' : filter === 'reviewed' ? 'customers reviewed' : 'every listed customer'}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Customer</Table.Th>
                  <Table.Th scope="col">Probability and why to review</Table.Th>
                  <Table.Th scope="col">Top reasons</Table.Th>
                  <Table.Th scope="col">Review</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cases.slice(0, shown).map((c) => {
                  const done = latest.get(c.id);
                  return (
                    <Table.Tr key={c.id}>
                      <Table.Th scope="row" className="cxw-pred-queue-id">
                        <Text size="sm" fw={600}>
                          {c.id}
                        </Text>
                        <Text size="xs" c="dimmed">
                          actual: {actualWords(result, c.actual, other)}
                        </Text>
                        <Button
                          variant="subtle"
                          size="compact-xs"
                          leftSection={<IconBulb size={14} />}
                          onClick={() => explainRef.current?.explain(c.id)}
                          disabled={!model}
                        >
                          Explain<VisuallyHidden> customer {c.id}</VisuallyHidden>
                        </Button>
                      </Table.Th>
                      <Table.Td className="cxw-pred-queue-why">
                        <Text size="sm" fw={600} className="cxw-tabular">
                          {pctBeside(c.probability, threshold)} · {callOf(c.probability, threshold)}
                        </Text>
                        <Text size="xs" c="dimmed" className="cxw-tabular">
                          {c.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{reasonsOnly(c.reasons)}</Text>
                      </Table.Td>
                      <Table.Td className="cxw-pred-queue-review">
                        {done && (
                          <Text size="sm" fw={600} title={`${done.reviewer}, ${done.at}: ${done.reason}`} mb={2}>
                            {reviewWords(done)}
                          </Text>
                        )}
                        <Stack gap={4} align="flex-start">
                          <Button variant="light" size="compact-xs" leftSection={<IconCheck size={14} />} onClick={() => setReviewing({ c, decision: 'confirm' })} disabled={!model}>
                            Confirm<VisuallyHidden> the call on {c.id}</VisuallyHidden>
                          </Button>
                          <Button variant="light" color="orange" size="compact-xs" leftSection={<IconSwitchHorizontal size={14} />} onClick={() => setReviewing({ c, decision: 'override' })} disabled={!model}>
                            Override<VisuallyHidden> the call on {c.id}</VisuallyHidden>
                          </Button>
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
        {cases.length > shown && (
          <Button variant="default" mt="sm" onClick={() => setShown((s) => s + PAGE)}>
            Show {Math.min(PAGE, cases.length - shown)} more of {formatCount(cases.length - shown)}
          </Button>
        )}
      </Card>
      {!model && <NotSaved what="be reviewed or explain a customer" />}
      <ExplainBox result={result} model={model} handle={explainRef} />
      <ReviewDialog result={result} model={model} reviewing={reviewing} onClose={() => setReviewing(null)} onDone={() => setNonce((n) => n + 1)} />
    </Panel>
  );
}

interface ExplainHandle {
  explain: (id: string) => void;
}

function ExplainBox({ result, model, handle }: { result: PredictResult; model: string | null; handle: RefObject<ExplainHandle | null> }) {
  const client = useClient();
  const { datasets } = useWorkspace();
  const inputs = modelDatasetColumns(result);
  const fitting = datasets.filter((d) => inputs.every((c) => d.columns.some((x) => x.name === c)) && (!result.frozen.id || d.columns.some((x) => x.name === result.frozen.id)));
  const [dataset, setDataset] = useState(result.spec.dataset);
  const [id, setId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<CustomerExplanation | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The explanation's heading takes focus once it is on screen (after a request, not on every render).
  const focusNext = useRef(false);
  useEffect(() => {
    if (!focusNext.current || !shown) return;
    focusNext.current = false;
    heading.current?.focus();
  }, [shown]);
  const run = async (which = id) => {
    if (!model || !which.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const e = await client.invoke('predict.explain', { model, dataset, id: which.trim() });
      setShown(e);
      focusNext.current = true;
    } catch (err) {
      setError(err);
      setShown(null);
    } finally {
      setBusy(false);
    }
  };
  handle.current = {
    explain: (which) => {
      setId(which);
      void run(which);
    },
  };
  const check = shown ? explanationCheck(shown) : null;
  return (
    <Card label="Explain a customer">
      <Text fw={650} size="lg" mb={4}>
        Explain a customer
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        Any customer of a dataset with the model’s columns{result.frozen.id ? `, found by ${result.frozen.id}` : ''}: the probability, its band, and what each column adds.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label="Customer id" value={id} onChange={(e) => setId(e.currentTarget.value)} maxLength={500} disabled={!model || !result.frozen.id} className="cxw-pred-id-input" />
          <NativeSelect
            label="In dataset"
            value={dataset}
            onChange={(e) => setDataset(e.currentTarget.value)}
            data={(fitting.length ? fitting : [{ name: result.spec.dataset }]).map((d) => d.name)}
            disabled={!model}
          />
          <Button type="submit" leftSection={<IconBulb size={16} />} loading={busy} disabled={!model || !id.trim() || !result.frozen.id}>
            Explain
          </Button>
        </Group>
      </form>
      {!result.frozen.id && (
        <Text size="sm" c="dimmed" mt="xs">
          The model was trained without an id column, so customers cannot be looked up by id.
        </Text>
      )}
      {error ? (
        <div className="cxw-pred-mt">
          <ErrorAlert error={error} title="That customer could not be explained" onClose={() => setError(null)} />
        </div>
      ) : null}
      {shown && check && (
        <Stack gap="sm" mt="md">
          <h4 ref={heading} tabIndex={-1} className="cxw-pred-h4">
            Customer {shown.id}: {pctBeside(shown.probability, result.frozen.threshold)}
            {shown.needsReview ? ' — needs review' : ''}
          </h4>
          <Text size="md" fw={600}>
            {shown.sentence}
          </Text>
          <Text size="sm" className="cxw-tabular" aria-label="The arithmetic">
            Base <b data-testid="explain-base">{signed3(shown.base)}</b> + the contributions (<span data-testid="explain-sum">{signed3(check.sum - shown.base)}</span>) = log-odds{' '}
            <b data-testid="explain-logodds">{signed3(shown.logOdds)}</b> → probability {pct1(shown.probability)} (band {pct1(shown.bandLow)}–{pct1(shown.bandHigh)}).
            {!check.matches && ' These do not add up: report this model.'}
          </Text>
          <ContributionChart explanation={shown} />
          <ChartDataTable table={contributionTable(shown)} caption={`Contributions for customer ${shown.id}`} maxHeight={360} />
        </Stack>
      )}
    </Card>
  );
}

function ReviewDialog({
  result,
  model,
  reviewing,
  onClose,
  onDone,
}: {
  result: PredictResult;
  model: string | null;
  reviewing: { c: ReviewCase; decision: 'confirm' | 'override' } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const client = useClient();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const c = reviewing?.c;
  const flags = c ? c.probability >= result.frozen.threshold : false;
  const confirm = reviewing?.decision === 'confirm';
  const after = confirm ? flags : !flags;
  const close = () => {
    if (busy) return;
    setReason('');
    setError(null);
    onClose();
  };
  const save = async () => {
    if (!model || !c || !reason.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await client.invoke('predict.review', { model, dataset: result.spec.dataset, id: c.id, decision: confirm ? 'confirm' : 'override', reason: reason.trim() });
      setReason('');
      onDone();
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={Boolean(reviewing)} onClose={close} title={c ? `${confirm ? 'Confirm' : 'Override'} the call on customer ${c.id}` : ''} size="lg" centered>
      {c && (
        <Stack gap="md">
          <Text size="sm">
            The model gives {pctBeside(c.probability, result.frozen.threshold)} (fold models {pct1(c.bandLow)}–{pct1(c.bandHigh)}) against the threshold of {pct1(result.frozen.threshold)}: {flags ? 'flagged' : 'not flagged'}.{' '}
            {confirm ? 'Confirming keeps that call' : 'Overriding turns it round'}: the customer will be <b>{after ? 'flagged' : 'not flagged'}</b>.
          </Text>
          <Text size="sm" c="dimmed">
            Why it was listed: {c.reason}. Top reasons: {reasonsOnly(c.reasons)}.
          </Text>
          <Textarea
            label="Why"
            description="Required: what you checked and what you decided (logged with your name and the time)"
            withAsterisk
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={2000}
            data-autofocus
          />
          <ErrorAlert error={error} title="The review was not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button onClick={() => void save()} loading={busy} disabled={!reason.trim()} color={confirm ? undefined : 'orange'}>
              {confirm ? 'Confirm the call' : 'Override the call'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
