// Column lists on the command line (--features, --log): names separated by commas. A header may itself contain a
// comma ("spend, monthly"), so a name can be quoted as in CSV ("spend, monthly", with "" for a quote inside), or a
// column can be named by its 1-based position in the dataset, #3 (the columns in file order, as imported).
import type { DatasetSummary } from '../../shared/domain';
import { UsageError } from './args';

export type ColumnRef = { name: string } | { position: number };

export function parseColumnList(raw: string, flag: string): ColumnRef[] {
  const refs: ColumnRef[] = [];
  let i = 0;
  while (i <= raw.length) {
    while (raw[i] === ' ') i++;
    if (raw[i] === '"') {
      let name = '';
      let j = i + 1;
      for (;;) {
        if (j >= raw.length) throw new UsageError(`--${flag}: the quote opened at character ${i + 1} is never closed (${raw}). Quote a name with a comma as "a,b", and a quote inside it as "".`);
        if (raw[j] === '"' && raw[j + 1] === '"') {
          name += '"';
          j += 2;
        } else if (raw[j] === '"') break;
        else name += raw[j++];
      }
      j++;
      while (raw[j] === ' ') j++;
      if (j < raw.length && raw[j] !== ',') throw new UsageError(`--${flag}: expected a comma after the quoted name "${name}" at character ${j + 1} (${raw}).`);
      refs.push({ name });
      i = j + 1;
      continue;
    }
    const end = raw.indexOf(',', i) < 0 ? raw.length : raw.indexOf(',', i);
    const token = raw.slice(i, end).trim();
    if (/^#\d+$/.test(token)) refs.push({ position: Number(token.slice(1)) });
    else if (token) refs.push({ name: token });
    i = end + 1;
  }
  return refs;
}

/** Names for the refs: #N becomes the N-th column's name, refused with the valid range when out of it. */
export function resolveColumnRefs(refs: ColumnRef[], dataset: DatasetSummary, flag: string): string[] {
  const ordered = [...dataset.columns].sort((a, b) => a.index - b.index);
  return refs.map((ref) => {
    if ('name' in ref) return ref.name;
    const col = ordered[ref.position - 1];
    if (!col) throw new UsageError(`--${flag}: #${ref.position} is not a column of "${dataset.name}"; its columns are #1 to #${ordered.length}.`);
    return col.name;
  });
}

export const hasPositions = (refs: ColumnRef[]): boolean => refs.some((r) => 'position' in r);
