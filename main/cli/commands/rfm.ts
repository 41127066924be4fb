// cxw rfm --workspace W --dataset N --customer C --date D --amount A [--as-of YYYY-MM-DD] [--name NEW]
// The RFM preset: a transactions dataset → a new dataset (one row per customer: recency_days, frequency,
// monetary, r, f, m, rfm_score, rfm_segment). Scores and segment names: main/analysis/segment/rfm.ts.
import { parseArgs as parseCli } from 'node:util';
import { parseArgs as parseContract } from '../../../shared/api';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from '../../../shared/calendar-date';
import { RFM_SEGMENTS } from '../../../shared/segments';
import { requireWorkspace, UsageError } from '../args';
import { table } from '../format';
import type { CommandOutput } from '../run';
import { cliJobId, withServices } from '../with-services';

export interface RfmJson {
  dataset: string;
  customers: number;
  columns: string[];
  /** Largest first; only the segments that have customers. */
  segments: { name: string; customers: number }[];
}

export async function rfmCommand(argv: string[], progress: (line: string) => void): Promise<CommandOutput<RfmJson>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      customer: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      'as-of': { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const workspace = requireWorkspace(values.workspace);
  for (const flag of ['dataset', 'customer', 'date', 'amount'] as const) {
    if (!values[flag]) throw new UsageError(`--${flag} is required (cxw rfm --dataset N --customer C --date D --amount A).`);
  }
  const asOf = values['as-of'];
  // The same rule as the contract's schema (which every face applies), said in terms of the flag.
  if (asOf !== undefined && !isCalendarDate(asOf)) throw new UsageError(`--as-of "${asOf}" ${CALENDAR_DATE_MESSAGE}.`);
  const args = parseContract('segment.rfm', {
    jobId: cliJobId(),
    dataset: values.dataset,
    customer: values.customer,
    date: values.date,
    amount: values.amount,
    ...(asOf !== undefined ? { asOf } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
  });
  const out = await withServices(workspace, progress, (h) => Promise.resolve(h['segment.rfm'](args)));
  const customers = out.segments.reduce((a, s) => a + s.customers, 0);
  const meaning = new Map(RFM_SEGMENTS.map((s) => [s.name, s.meaning]));
  const json: RfmJson = { dataset: out.dataset.name, customers, columns: out.dataset.columns.map((c) => c.name), segments: out.segments };
  const text = [
    `RFM of "${values.dataset}": ${customers.toLocaleString('en-US')} customers in the new dataset "${out.dataset.name}" (scores 1–5, 5 = most recent / most frequent / highest spend).`,
    '',
    table(
      ['segment', 'customers', 'share', 'meaning'],
      out.segments.map((s) => [s.name, s.customers.toLocaleString('en-US'), `${((100 * s.customers) / Math.max(1, customers)).toFixed(1)}%`, meaning.get(s.name) ?? '']),
    ),
  ].join('\n');
  return { json, text };
}
