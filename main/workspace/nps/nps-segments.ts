// NPS by the segments of a saved segmentation. When the segmentation was run on the survey dataset itself, each
// answer's row has its segment (assignments after analysts' reassignments); otherwise the two datasets are joined
// through their id-role columns, compared as trimmed text (the segmentation's dataset: one row per customer, its
// first id column; the survey: whichever of its id columns matches the most). Answers the segmentation does not
// cover — rows it excluded, ids it does not have — form the group "(not in segmentation)".
import { AppError } from '../../../shared/errors';
import type { Grouping } from '../../analysis/nps/grouping';
import type { Db } from '../db';
import { getDataset, quoteIdent, type StoredDataset } from '../datasets';
import { loadAssignments } from '../segments/assignments';
import { getStoredSegmentation, readCards } from '../segments/store';
import { bestIdColumn, count, idColumns, readIds, type LoadProgress } from './nps-columns';

export const NOT_SEGMENTED = '(not in segmentation)';

export function segmentGrouping(db: Db, name: string, ds: StoredDataset, rows: Int32Array, ctx: LoadProgress): { grouping: Grouping; warnings: string[] } {
  const s = getStoredSegmentation(db, name);
  const cards = readCards(db, s.id);
  const labels = Array.from({ length: s.k }, (_, i) => cards.find((c) => c.index === i)?.name ?? `Segment ${i + 1}`);
  const a = loadAssignments(db, s.id);
  const codes = new Int32Array(rows.length).fill(-1);
  const warnings: string[] = [];

  if (s.datasetId === ds.id) {
    // Both ascending by _row: walk them together.
    let k = 0;
    for (let i = 0; i < rows.length; i++) {
      while (k < a.rows.length && a.rows[k] < rows[i]) k++;
      if (k < a.rows.length && a.rows[k] === rows[i]) codes[i] = a.labels[k];
    }
  } else {
    if (s.datasetName === '(deleted)') {
      throw new AppError('NOT_FOUND', `The dataset segmentation "${name}" was run on has been deleted, so its segments cannot be matched to the answers.`, { segmentation: name });
    }
    const segDs = getDataset(db, s.datasetName);
    const segId = idColumns(segDs, `segmentation "${name}"`)[0];
    const segmentOfId = new Map<string, number>();
    const segIds = readIds(db, segDs, segId, ctx);
    // The dataset scan and the assignments are both in ascending _row; ids are read in that order too.
    const segRows = db.prepare(`SELECT _row FROM ${quoteIdent(segDs.tableName)} ORDER BY _row`).pluck().all() as number[];
    let k = 0;
    let conflicts = 0;
    for (let i = 0; i < segRows.length; i++) {
      while (k < a.rows.length && a.rows[k] < segRows[i]) k++;
      const id = segIds[i];
      if (k >= a.rows.length || a.rows[k] !== segRows[i] || id === null) continue;
      const seen = segmentOfId.get(id);
      if (seen === undefined) segmentOfId.set(id, a.labels[k]);
      else if (seen !== a.labels[k]) conflicts++;
    }
    if (conflicts > 0) warnings.push(`${count(conflicts)} rows of "${segDs.name}" repeat an id with a different segment; each id keeps the segment of its first row.`);
    const pick = bestIdColumn(db, ds, idColumns(ds, `segmentation "${name}"`), (id) => segmentOfId.has(id), ctx);
    for (let i = 0; i < rows.length; i++) {
      const id = pick.ids[i];
      const seg = id === null ? undefined : segmentOfId.get(id);
      if (seg !== undefined) codes[i] = seg;
    }
    const others = pick.others.length ? ` (the other id column${pick.others.length > 1 ? 's' : ''}: ${pick.others.map((o) => `"${o.name}" ${count(o.matched)}`).join(', ')})` : '';
    if (pick.matched === 0) {
      warnings.push(
        `No answer's id matches the id column "${segId.name}" of "${segDs.name}" (segmentation "${name}"): check that both hold the same ids (pseudonymised ids match only within one workspace).`,
      );
    } else warnings.push(`Answers were matched to segmentation "${name}" through "${pick.column.name}" = "${segDs.name}"."${segId.name}": ${count(pick.matched)} of ${count(rows.length)} rows matched${others}.`);
  }
  let outside = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] < 0) outside++;
  if (outside > 0) {
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) codes[i] = labels.length;
    labels.push(NOT_SEGMENTED);
  }
  return { grouping: { codes, labels, order: 'natural', notes: [], dropWhenEmpty: [NOT_SEGMENTED] }, warnings };
}
