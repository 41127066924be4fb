// The model card: a read-only summary of the model built from the result — data and period, target and direction,
// features and preprocessing, how well it predicts, calibration, threshold, proxies, warnings, the people's reviews
// so far, and the intended use and limits (results.ts: modelCard).
import { Text, Title } from '@mantine/core';
import type { ModelReview, PredictResult } from '../../../shared/predict';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { formatCount } from '../../lib/format';
import { Panel } from './parts';
import { latestReviews, modelCard } from './results';

export function ModelCard({ result, model }: { result: PredictResult; model: string | null }) {
  const client = useClient();
  const reviews = useAsync<ModelReview[]>(() => (model ? client.invoke('predict.reviews', { model }) : Promise.resolve([])), [client, model]);
  const latest = [...latestReviews(reviews.data ?? []).values()];
  const overridden = latest.filter((r) => r.decision === 'override').length;
  const sections = modelCard(result);
  return (
    <Panel title={`Model card${model ? `: ${model}` : ''}`}>
      <article className="cxw-pred-modelcard" aria-label="Model card">
        {sections.map((s) => (
          <section key={s.title} className="cxw-pred-card-section">
            <Title order={4} className="cxw-pred-h4">
              {s.title}
            </Title>
            {s.lines.length === 1 ? (
              <Text size="md">{s.lines[0]}</Text>
            ) : (
              <ul className="cxw-pred-list">
                {s.lines.map((l, i) => (
                  <li key={i}>
                    <Text size="md">{l}</Text>
                  </li>
                ))}
              </ul>
            )}
            {s.title === 'Threshold' && (
              <Text size="md" mt={4}>
                {!model
                  ? 'Reviews: the model is no longer saved.'
                  : latest.length === 0
                    ? 'Reviews: no customer has been reviewed yet.'
                    : `Reviews: ${formatCount(latest.length)} ${latest.length === 1 ? 'customer' : 'customers'} reviewed by a person, ${formatCount(overridden)} of them overridden.`}
              </Text>
            )}
          </section>
        ))}
      </article>
    </Panel>
  );
}
