// cxw assignments --workspace W --segmentation SEG --out FILE.csv
// The CSV (`id,segment,confidence,segment_name`, formula-injection neutralised) comes from main/workspace/assignments-csv.ts,
// the writer the app's "Export assignments" uses too. Written to a temporary file beside the target and renamed,
// so a failure never leaves a partial file.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { openWorkspaceDb } from '../../workspace/db';
import { assignmentCsvChunks } from '../../workspace/assignments-csv';
import { requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';

export { csvCell } from '../../workspace/assignments-csv';

export interface AssignmentsJson {
  segmentation: string;
  out: string;
  rows: number;
  idColumn: string | null;
}

export async function assignmentsCommand(argv: string[]): Promise<CommandOutput<AssignmentsJson>> {
  const { values } = parseCli({
    args: argv,
    options: { workspace: { type: 'string' }, segmentation: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  });
  const workspace = requireWorkspace(values.workspace);
  if (!values.segmentation) throw new UsageError('--segmentation NAME is required.');
  if (!values.out) throw new UsageError('--out FILE.csv is required.');
  const out = resolve(values.out);
  const db = openWorkspaceDb(resolve(workspace));
  const tmp = `${out}.${process.pid}.partial`;
  try {
    const { idColumn, chunks } = assignmentCsvChunks(db, values.segmentation);
    const fd = openSync(tmp, 'w');
    let rows = 0;
    try {
      for (;;) {
        const next = chunks.next();
        if (next.done) {
          rows = next.value;
          break;
        }
        writeSync(fd, next.value);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, out);
    return {
      json: { segmentation: values.segmentation, out, rows, idColumn },
      text: `Wrote ${rows.toLocaleString('en-US')} assignments of "${values.segmentation}" to ${out} (id = ${idColumn ?? 'row number'}, segment = number 1..k, confidence 0–1, segment_name = the segment's current name).`,
    };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
