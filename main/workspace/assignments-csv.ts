// The assignments CSV, one writer for every face (`cxw assignments` streams it to a file, `segment.export`
// returns it to the app for a download): `id,segment,confidence,segment_name` where id = the dataset's id-role
// column (its _row when it has none); segment = the segment NUMBER 1..k (index + 1, as `cxw segment` prints it:
// the stable key, since names change when edited); confidence = 1 − d(nearest)/d(second nearest), 6 decimals;
// segment_name = the segment's current name (as edited on its card), so a spreadsheet reader needs no look-up.
// The first three columns stay as ../shared/SPEC.md fixes them. Text cells are quoted per RFC 4180 and a leading
// = + - @ (or tab/CR) is neutralised with a ' so spreadsheets never run them — names are typed by analysts, so
// they are treated like any other text.
import { csvCell } from './csv-cell';
import type { Db } from './db';
import { iterateAssignments } from './segments/review';
import { getStoredSegmentation, readCards } from './segments/store';

export const ASSIGNMENTS_HEADER = 'id,segment,confidence,segment_name';

// The cell writer (quoting + formula guard) is shared with the activity log and dataset exports.
export { csvCell } from './csv-cell';

export interface AssignmentChunks {
  idColumn: string | null;
  /** The header then the rows, in chunks of about `chunkChars` characters (so callers never hold one line per row). */
  chunks: Generator<string, number>;
}

/** Streams the CSV in row order; the generator's return value is the number of data rows written. */
export function assignmentCsvChunks(db: Db, segmentation: string, chunkChars = 1 << 20): AssignmentChunks {
  const { idColumn, rows } = iterateAssignments(db, segmentation);
  // Each name's cell once (k of them), not once per row.
  const names: string[] = [];
  for (const c of readCards(db, getStoredSegmentation(db, segmentation).id)) names[c.index] = csvCell(c.name);
  function* chunks(): Generator<string, number> {
    let n = 0;
    let buf = `${ASSIGNMENTS_HEADER}\n`;
    for (const r of rows) {
      buf += `${csvCell(r.id ?? r.row)},${r.segment + 1},${Number(r.confidence.toFixed(6))},${names[r.segment] ?? ''}\n`;
      n++;
      if (buf.length > chunkChars) {
        yield buf;
        buf = '';
      }
    }
    yield buf;
    return n;
  }
  return { idColumn, chunks: chunks() };
}

/** The whole CSV as one string (for the app's download; ~20 characters a row, so 1M rows ≈ 20 MB). */
export function assignmentsCsv(db: Db, segmentation: string): { idColumn: string | null; csv: string; rows: number } {
  const { idColumn, chunks } = assignmentCsvChunks(db, segmentation);
  const parts: string[] = [];
  for (;;) {
    const next = chunks.next();
    if (next.done) return { idColumn, csv: parts.join(''), rows: next.value };
    parts.push(next.value);
  }
}
