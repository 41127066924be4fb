// A JourneySpec checked against its dataset: every named column exists and has a type the analysis can use.
// Messages name the column, the part of the spec it was given for, and what to do instead.
import type { JourneySpec } from '../../../shared/journeys';
import { AppError } from '../../../shared/errors';
import type { StoredColumn, StoredDataset } from '../datasets';

export interface JourneyColumns {
  customer: StoredColumn;
  time: StoredColumn;
  step: StoredColumn;
  channel: StoredColumn | null;
  satisfaction: StoredColumn | null;
  nps: StoredColumn | null;
}

/** What each spec field is, in the words of the messages. */
const ROLE_WORDS: Record<keyof JourneyColumns, string> = {
  customer: 'customer (journey id)',
  time: 'time',
  step: 'step',
  channel: 'channel',
  satisfaction: 'satisfaction',
  nps: 'NPS',
};

function column(ds: StoredDataset, name: string, field: keyof JourneyColumns): StoredColumn {
  const col = ds.columns.find((c) => c.name === name);
  if (col) return col;
  const folded = ds.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const hint = folded ? ` Did you mean "${folded.name}"?` : '';
  throw new AppError('BAD_ARGUMENTS', `Dataset "${ds.name}" has no column "${name}" (given as the ${ROLE_WORDS[field]} column).${hint} Columns: ${ds.columns.map((c) => c.name).join(', ')}.`, {
    dataset: ds.name,
    columnName: name,
  });
}

function numeric(ds: StoredDataset, col: StoredColumn, field: 'satisfaction' | 'nps'): StoredColumn {
  if (col.type === 'integer' || col.type === 'real') return col;
  const what = field === 'nps' ? 'a 0–10 recommend score' : 'a numeric rating (e.g. 1–5)';
  throw new AppError(
    'BAD_ARGUMENTS',
    `Column "${col.name}" of dataset "${ds.name}" is ${col.type}, but the ${ROLE_WORDS[field]} column must hold ${what}. Choose a numeric column, or re-import with the type set (cxw import --type "${col.name}=integer").`,
    { dataset: ds.name, columnName: col.name },
  );
}

export function resolveJourneyColumns(ds: StoredDataset, spec: JourneySpec): JourneyColumns {
  const customer = column(ds, spec.customer, 'customer');
  const time = column(ds, spec.time, 'time');
  const step = column(ds, spec.step, 'step');
  if (time.type !== 'date' && time.type !== 'datetime') {
    const timestamps = ds.columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => `"${c.name}"`);
    throw new AppError(
      'BAD_ARGUMENTS',
      `Column "${time.name}" of dataset "${ds.name}" is ${time.type}, not a date or datetime, so it cannot order the events. ` +
        (timestamps.length ? `Date/datetime columns here: ${timestamps.join(', ')}. ` : '') +
        `If its values are dates or times the import did not recognise, re-import with the type set (cxw import --type "${time.name}=datetime"; ISO 8601, with or without a time zone offset).`,
      { dataset: ds.name, columnName: time.name },
    );
  }
  const same = [customer, time, step].find((c, i, all) => all.indexOf(c) !== i);
  if (same) throw new AppError('BAD_ARGUMENTS', `Column "${same.name}" is given for more than one of customer, time and step; each needs its own column.`, { columnName: same.name });
  return {
    customer,
    time,
    step,
    channel: spec.channel ? column(ds, spec.channel, 'channel') : null,
    satisfaction: spec.satisfaction ? numeric(ds, column(ds, spec.satisfaction, 'satisfaction'), 'satisfaction') : null,
    nps: spec.nps ? numeric(ds, column(ds, spec.nps, 'nps'), 'nps') : null,
  };
}

/** Filters and comparisons that need a column or a segmentation the spec does not give. */
export function checkSpecOptions(spec: JourneySpec): void {
  if (spec.filter?.segments?.length && !spec.segmentation) {
    throw new AppError('BAD_ARGUMENTS', 'A segment filter needs a segmentation: name the saved segmentation whose segments to keep.');
  }
  if (spec.compareBy === 'segment' && !spec.segmentation) {
    throw new AppError('BAD_ARGUMENTS', 'Comparing by segment needs a segmentation: name the saved segmentation to compare.');
  }
  if (spec.filter?.channels?.length && !spec.channel) {
    throw new AppError('BAD_ARGUMENTS', 'A channel filter needs the channel column: name it as well.');
  }
  if (spec.compareBy === 'channel' && !spec.channel) {
    throw new AppError('BAD_ARGUMENTS', 'Comparing by channel needs the channel column: name it as well.');
  }
}
