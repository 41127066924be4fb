// cxw assignments --workspace W --segmentation SEG --out FILE.csv [--force]
// The CSV (`id,segment,confidence,segment_name`, formula-injection neutralised) comes from main/workspace/assignments-csv.ts,
// the writer the app's "Export assignments" uses too. export-file.ts writes it: never over an existing file without
// --force, never over a workspace or its -wal/-shm, through a temporary file renamed into place.
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { openWorkspaceDb } from '../../workspace/db';
import { assignmentCsvChunks } from '../../workspace/assignments-csv';
import { checkExportTarget, writeExportFile } from '../../workspace/export-file';
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
    options: {
      workspace: { type: 'string' },
      segmentation: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = resolve(requireWorkspace(values.workspace));
  if (!values.segmentation) throw new UsageError('--segmentation NAME is required.');
  if (!values.out) throw new UsageError('--out FILE.csv is required.');
  const opts = { force: values.force === true, workspaces: [workspace], forceHint: 'Pass --force to replace it, or choose another file name.' };
  // Refused targets are refused before the workspace is opened or any row is read.
  const out = checkExportTarget(values.out, opts);
  const db = openWorkspaceDb(workspace);
  try {
    const { idColumn, chunks } = assignmentCsvChunks(db, values.segmentation);
    const { result: rows } = writeExportFile(out, chunks, opts);
    return {
      json: { segmentation: values.segmentation, out, rows, idColumn },
      text: `Wrote ${rows.toLocaleString('en-US')} assignments of "${values.segmentation}" to ${out} (id = ${idColumn ?? 'row number'}, segment = number 1..k, confidence 0–1, segment_name = the segment's current name).`,
    };
  } finally {
    db.close();
  }
}
