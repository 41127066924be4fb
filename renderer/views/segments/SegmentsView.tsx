import { IconChartDots3 } from '@tabler/icons-react';
import { ComingNext } from '../../components/ComingNext';

export function SegmentsView() {
  return (
    <ComingNext
      icon={IconChartDots3}
      title="Segments"
      summary="Group customers with reproducible k-means clustering you can explain and trust."
      capabilities={[
        'Choose numeric and categorical features; standardise, log-transform skewed values, one-hot encode categories and impute missing values (with the count reported).',
        'Sweep k from 2 to 10 with inertia, silhouette, Calinski–Harabasz and Davies–Bouldin, and get a suggested k with the reason.',
        'Check trust: bootstrap stability per segment and per-customer confidence, with a review queue for customers between two segments.',
        'Read segment cards: size, centroid in original units, distinguishing features, NPS with a confidence interval, an editable name and persona note.',
        'Apply the RFM preset to transaction data, score new data into a saved segmentation and export assignments.',
      ]}
      needs="mark an Identifier column and the Feature columns on the Columns tab of your customer dataset."
    />
  );
}
