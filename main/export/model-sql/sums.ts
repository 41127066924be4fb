// Long sums (a model's 100 trees, a logistic model's terms, a squared distance over many dimensions) as a chain of
// CTEs that each add at most CHUNK terms. SQLite refuses an expression tree deeper than 1,000 (a + b + c … is a
// left-deep tree as deep as it is long), and deep expression trees are what overflows the stack of Spark's
// analyser; CHUNK terms per step keep every expression shallow. Each step adds its terms to the previous step's
// total, left to right, so the arithmetic happens in exactly the order the app's loops add them (the SQL gives
// the same double as the app, not merely a close one).

export const CHUNK = 50;

export interface Sum {
  /** The column holding the finished total (an identifier, already quoted). */
  column: (step: number) => string;
  /** Expressions added left to right; the first one starts the sum. */
  terms: readonly string[];
}

export interface SumChain {
  /** `name AS (SELECT …)` pieces to put after WITH. */
  ctes: string[];
  /** The last CTE (or `from` when there was nothing to add). */
  last: string;
  /** Per sum, the column of the last CTE that holds its total. */
  totals: string[];
}

/**
 * CTEs computing each of `sums` over the rows of `from` (a CTE or table name, quoted), every column of `from`
 * carried along. `cteName(step)` names the steps (quoted).
 */
export function sumChain(sums: readonly Sum[], from: string, cteName: (step: number) => string, chunk = CHUNK): SumChain {
  const steps = sums.reduce((most, s) => Math.max(most, Math.ceil(s.terms.length / chunk)), 0);
  const ctes: string[] = [];
  const totals = sums.map(() => '');
  let prev = from;
  for (let step = 0; step < steps; step++) {
    const cols: string[] = [];
    sums.forEach((s, k) => {
      const part = s.terms.slice(step * chunk, (step + 1) * chunk);
      if (part.length === 0) return;
      const col = s.column(step);
      const lines = step === 0 ? part : [totals[k], ...part];
      cols.push(`    ${lines.join('\n      + ')}\n      AS ${col}`);
      totals[k] = col;
    });
    const name = cteName(step);
    ctes.push(`${name} AS (\n  SELECT p.*,\n${cols.join(',\n')}\n  FROM ${prev} p\n)`);
    prev = name;
  }
  return { ctes, last: prev, totals };
}
