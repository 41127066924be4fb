// A seeded stratified hold-out for early stopping: the validation share of each class is the same as in the data, so
// the validation log loss is not skewed by a lucky draw of positives (what sklearn's train_test_split(stratify=y)
// guarantees). Sizes follow sklearn's StratifiedShuffleSplit: ceil(fraction × n) validation rows, split between the
// classes by largest remainder. The draw itself uses our mulberry32 stream (sklearn's numpy stream cannot be
// reproduced, and need not be: only the proportions matter).

import { AppError } from '../../../../shared/errors';
import { createRng } from '../../random';

export function stratifiedHoldout(labels: Uint8Array, fraction: number, seed: number): { train: Uint32Array; validation: Uint32Array } {
  const n = labels.length;
  const byClass: number[][] = [[], []];
  for (let i = 0; i < n; i++) byClass[labels[i]].push(i);
  const nVal = Math.ceil(fraction * n);
  // Largest-remainder allocation of nVal over the two classes (ties to class 0, as sklearn's stable ordering does).
  const exact = byClass.map((rows) => (rows.length * nVal) / n);
  const take = exact.map(Math.floor);
  let left = nVal - take[0] - take[1];
  const order = [0, 1].sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
  for (const c of order) {
    if (left === 0) break;
    if (take[c] < byClass[c].length) {
      take[c]++;
      left--;
    }
  }
  for (const c of [0, 1]) {
    if (take[c] < 1 || byClass[c].length - take[c] < 1) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `Early stopping holds out ${nVal} of ${n} rows (${fraction * 100}%), stratified by outcome; that leaves outcome ${c} (${byClass[c].length} row(s)) with no row in the ${take[c] < 1 ? 'validation' : 'training'} rows. Turn early stopping off, raise the validation fraction, or use more data.`,
      );
    }
  }
  const rng = createRng(seed);
  const validation: number[] = [];
  const train: number[] = [];
  for (const c of [0, 1]) {
    const rows = byClass[c];
    // Partial Fisher–Yates: the first take[c] positions become a uniform sample of the class.
    for (let i = 0; i < take[c]; i++) {
      const j = i + Math.floor(rng.next() * (rows.length - i));
      const t = rows[i];
      rows[i] = rows[j];
      rows[j] = t;
    }
    for (let i = 0; i < rows.length; i++) (i < take[c] ? validation : train).push(rows[i]);
  }
  // Ascending row order keeps the training pass sequential in memory and the fit independent of draw order.
  return { train: Uint32Array.from(train).sort(), validation: Uint32Array.from(validation).sort() };
}
