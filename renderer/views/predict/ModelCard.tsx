// The model card, read-only: the services' card of the saved model ('predict.card', the same as `cxw predict card`) —
// the model, the data and split, the features and preprocessing, performance with intervals, calibration and
// threshold, the fairness audit when run, proxies, the reviews so far, intended use and limits — with the names of
// the values pooled into "(other)" added from the result (the card counts them).
import { Loader, Table, Text } from '@mantine/core';
import type { ModelCard as Card, PredictResult } from '../../../shared/predict';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { NotSaved, Panel } from './parts';
import { withPooledNames } from './results';

export function ModelCard({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const card = useAsync<Card | null>(() => (model ? client.invoke('predict.card', { model }) : Promise.resolve(null)), [client, model]);
  if (!model) {
    return (
      <Panel title="Model card">
        <NotSaved what="show its model card" />
      </Panel>
    );
  }
  return (
    <Panel title={`Model card: ${model}`}>
      {card.error ? (
        <ErrorAlert error={card.error} title="The model card could not be read" />
      ) : !card.data ? (
        <Loader size="sm" aria-label="Reading the model card" />
      ) : (
        <article className="cxw-pred-modelcard" aria-label={`Model card of ${model}`}>
          <Text size="sm" c="dimmed">
            The same card as <code>cxw predict card</code> prints.
          </Text>
          {withPooledNames(card.data, result).sections.map((s) => (
            <section key={s.title} className="cxw-pred-card-section" aria-label={s.title}>
              <h4 className="cxw-pred-h4">{s.title}</h4>
              <Table className="cxw-pred-card-table" verticalSpacing={4} withRowBorders={false}>
                <Table.Tbody>
                  {s.items.map((item, i) => (
                    <Table.Tr key={i}>
                      <Table.Th scope="row">{item.label}</Table.Th>
                      <Table.Td>{item.value === card.data!.trainedAt ? formatDateTime(item.value) : item.value}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </section>
          ))}
        </article>
      )}
    </Panel>
  );
}
