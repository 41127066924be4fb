// The one-sentence "how was this computed" of a segmentation (method, parameters, seed, data version), shown on
// every result and written to the activity log, so any number can be explained and re-run.
import type { KScore } from '../../../shared/segments';
import type { StoredDataset } from '../datasets';
import type { Preprocessing } from './preprocess';
import type { Metrics, ResolvedParams } from './store';

const n = (x: number) => x.toLocaleString('en-US');

export interface MethodInputs {
  params: ResolvedParams;
  prep: Preprocessing;
  ds: StoredDataset;
  k: number;
  metrics: Metrics;
  kScores: KScore[] | null;
  scoredFrom: string | null;
  stabilityRows: number;
}

export function methodSentence(x: MethodInputs): string {
  const { params, prep, metrics } = x;
  const numeric = prep.features.filter((f) => f.kind === 'numeric').length;
  const categorical = prep.features.length - numeric;
  const featureWords = [
    numeric ? `${numeric} ${prep.standardize ? 'standardised ' : ''}numeric` : '',
    categorical ? `${categorical} one-hot categorical (weight ${prep.categoryWeight})` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const imputedTotal = Object.values(metrics.imputed).reduce((a, b) => a + b, 0);
  const dataWords = [
    `${n(metrics.rows)} rows`,
    metrics.excludedRows ? `${n(metrics.excludedRows)} excluded for missing values` : '',
    imputedTotal ? `${n(imputedTotal)} missing values imputed (median/mode)` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const logs = params.logTransform?.length ? `; log1p on ${params.logTransform.join(', ')}` : '';
  const version = `data imported ${x.ds.importedAt}`;
  const head = x.scoredFrom
    ? `Assigned to the nearest of the ${x.k} centroids of segmentation "${x.scoredFrom}" (its preprocessing: means, SDs, medians and levels reused)`
    : `k-means (k-means++, ${params.restarts} restart${params.restarts === 1 ? '' : 's'} keeping the lowest inertia, seed ${params.seed}, up to ${params.maxIterations} iterations, tol ${params.tolerance})`;
  const choice =
    x.kScores && metrics.recommendation
      ? ` k chosen by a sweep of k = ${x.kScores[0].k}–${x.kScores[x.kScores.length - 1].k}. ${metrics.recommendation.reason}`
      : ` k = ${x.k} set by the analyst.`;
  const sil =
    metrics.silhouetteSampleSize < metrics.rows ? `Silhouette on a seeded random sample of ${n(metrics.silhouetteSampleSize)} rows` : 'Silhouette on all rows';
  const proj = metrics.projection.sampled ? `; the scatter shows a random sample of ${n(metrics.projection.n)} points` : '';
  return `${head} on ${featureWords} features (${params.features.join(', ')}) of "${x.ds.name}" (${dataWords}; ${version})${logs}.${x.scoredFrom ? '' : choice} ${sil}; stability = mean best Jaccard over 20 bootstrap resamples of ${n(x.stabilityRows)} rows; confidence = 1 − d(nearest)/d(second nearest), review below ${metrics.reviewThreshold}${proj}.`;
}
