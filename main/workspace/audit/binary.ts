// A two-valued column (the audited decision, or the ground-truth label) read as one flag per row: 1 where the row
// holds the chosen value, 0 where it holds the other, −1 where it is missing. Which value is "chosen" is the
// analyst's (--favorable / --label-positive) or, by default, true / Yes / 1 / the later of the two values in
// character-code order (the larger of two numbers) — the sentence returned says which, so nobody has to guess.
import { AppError } from '../../../shared/errors';
import type { LoadedColumn } from '../segments/columns';

export interface BinaryRead {
  /** 1 = the chosen value, 0 = the other, −1 = missing. */
  flags: Int8Array;
  chosen: string;
  /** The other value as it appears in the data (null when the column holds only the chosen one). */
  other: string | null;
  /** Why this value was chosen when it was not given ("by default the column's true value"); null when given. */
  why: string | null;
}

export interface BinaryRole {
  /** "decision" or "label": named in messages. */
  role: string;
  /** The flag that names the chosen value ("--favorable"). */
  flag: string;
  /** What to do when the column is not binary (decision: use a score and threshold). */
  notBinaryHint: string;
}

const TRUTHY = new Set(['true', 'yes', 'y', '1']);
const FALSY = new Set(['false', 'no', 'n', '0']);
const MAX_LISTED = 12;

const listValues = (values: string[]) =>
  values
    .slice(0, MAX_LISTED)
    .map((v) => `"${v}"`)
    .join(', ') + (values.length > MAX_LISTED ? `, … (${values.length.toLocaleString('en-US')} values)` : '');

function readNumeric(col: LoadedColumn & { kind: 'numeric' }, wanted: string | undefined, r: BinaryRole): BinaryRead {
  const name = col.column.name;
  const values = col.values;
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v || distinct.includes(v)) continue;
    distinct.push(v);
    if (distinct.length > 2 || (distinct.length === 2 && col.column.type === 'boolean')) break;
  }
  distinct.sort((a, b) => a - b);
  const boolean = col.column.type === 'boolean';
  const labels = col.column.booleanLabels ?? { true: 'true', false: 'false' };
  const label = (v: number) => (boolean ? (v === 1 ? labels.true : labels.false) : String(v));
  if (!boolean && distinct.length > 2) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `The ${r.role} column "${name}" is not binary: it holds more than two values (${distinct.map(String).join(', ')}, …). ${r.notBinaryHint}`,
      { columnName: name },
    );
  }
  // The values a boolean can hold are known from its labels even when one of them never occurs.
  const candidates = boolean ? [0, 1] : distinct;
  let chosen: number;
  let why: string | null;
  if (wanted !== undefined) {
    const w = wanted.trim();
    const lower = w.toLowerCase();
    const match = boolean
      ? lower === labels.true.toLowerCase() || TRUTHY.has(lower)
        ? 1
        : lower === labels.false.toLowerCase() || FALSY.has(lower)
          ? 0
          : Number.NaN
      : Number(w);
    if (w === '' || !candidates.includes(match)) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `${r.flag} "${wanted}" is not a value of the ${r.role} column "${name}". Its values: ${listValues(candidates.map(label))}.`,
        { columnName: name },
      );
    }
    chosen = match;
    why = null;
  } else if (boolean) {
    chosen = 1;
    why = `by default the column's true value`;
  } else if (distinct.length === 0) {
    throw new AppError('BAD_ARGUMENTS', `The ${r.role} column "${name}" has no values.`, { columnName: name });
  } else if (distinct.includes(1)) {
    chosen = 1;
    why = `by default 1`;
  } else if (distinct.length === 2) {
    chosen = distinct[1];
    why = `by default the larger of the two values`;
  } else {
    throw new AppError(
      'BAD_ARGUMENTS',
      `The ${r.role} column "${name}" holds only one value (${label(distinct[0])}), so which value is which cannot be told: name the value with ${r.flag}.`,
      { columnName: name },
    );
  }
  const flags = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    flags[i] = v !== v ? -1 : v === chosen ? 1 : 0;
  }
  const otherValue = candidates.find((v) => v !== chosen);
  return { flags, chosen: label(chosen), other: otherValue === undefined ? null : label(otherValue), why };
}

function readText(col: LoadedColumn & { kind: 'categorical' }, wanted: string | undefined, r: BinaryRole): BinaryRead {
  const name = col.column.name;
  // Levels only hold values that occur (the loaders build them from the data).
  const levels = col.levels;
  if (levels.length > 2) {
    throw new AppError('BAD_ARGUMENTS', `The ${r.role} column "${name}" is not binary: it holds ${levels.length.toLocaleString('en-US')} values (${listValues(levels)}). ${r.notBinaryHint}`, {
      columnName: name,
    });
  }
  if (levels.length === 0) throw new AppError('BAD_ARGUMENTS', `The ${r.role} column "${name}" has no values.`, { columnName: name });
  let code: number;
  let why: string | null;
  if (wanted !== undefined) {
    code = levels.indexOf(wanted);
    if (code < 0) code = levels.findIndex((l) => l.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (code < 0) {
      throw new AppError('BAD_ARGUMENTS', `${r.flag} "${wanted}" is not a value of the ${r.role} column "${name}". Its values: ${listValues(levels)}.`, { columnName: name });
    }
    why = null;
  } else {
    code = levels.findIndex((l) => TRUTHY.has(l.trim().toLowerCase()));
    if (code >= 0) why = `by default the yes/true value`;
    else if (levels.length === 2) {
      code = 1;
      why = `by default the later of the two values in character order`;
    } else {
      throw new AppError(
        'BAD_ARGUMENTS',
        `The ${r.role} column "${name}" holds only one value ("${levels[0]}"), so which value is which cannot be told: name the value with ${r.flag}.`,
        { columnName: name },
      );
    }
  }
  const codes = col.codes;
  const flags = new Int8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    flags[i] = c < 0 ? -1 : c === code ? 1 : 0;
  }
  return { flags, chosen: levels[code], other: levels.length === 2 ? levels[1 - code] : null, why };
}

export function readBinary(col: LoadedColumn, wanted: string | undefined, r: BinaryRole): BinaryRead {
  if (col.column.type === 'date' || col.column.type === 'datetime') {
    throw new AppError('BAD_ARGUMENTS', `The ${r.role} column "${col.column.name}" is a ${col.column.type} column, not a two-valued one. ${r.notBinaryHint}`, {
      columnName: col.column.name,
    });
  }
  return col.kind === 'numeric' ? readNumeric(col, wanted, r) : readText(col, wanted, r);
}
