// Orderings shared by the metrics: rows by descending score (ties in row order, so every table built on the order
// is reproducible) and midranks (ties share the average rank, the convention that makes AUC count a tie as ½).

/** Row indices by descending score; equal scores keep ascending row order. */
export function orderByScoreDescending(score: Float64Array): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => score[b] - score[a] || a - b);
}

/** 1-based ranks of `values` in ascending order, tied values sharing the mean of their ranks. */
export function midranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    // Positions i..j (0-based) hold one tied value: ranks i+1..j+1, mean (i + j)/2 + 1.
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}
