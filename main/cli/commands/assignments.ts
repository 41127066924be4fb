// cxw assignments --workspace W --segmentation SEG --out FILE.csv
// CSV `id,segment,confidence`: id = the dataset's id-role column (its _row when it has none); segment = the
// segment NUMBER 1..k (index + 1, as `cxw segment` prints it; names could contain commas and change when
// edited); confidence = 1 − d(nearest)/d(second nearest), 6 decimals. Text cells are quoted per RFC 4180 and a
// leading = + - @ (or tab/CR) is neutralised with a ' so spreadsheets never run them. Written to a temporary
// file beside the target and renamed, so a failure never leaves a partial file.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { openWorkspaceDb } from '../../workspace/db';
import { iterateAssignments } from '../../workspace/segments/review';
import { requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';

export interface AssignmentsJson {
  segmentation: string;
  out: string;
  rows: number;
  idColumn: string | null;
}

/** One CSV cell: numbers as written, text quoted when needed and defused against formula injection. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
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
  let rows = 0;
  try {
    const { idColumn, rows: it } = iterateAssignments(db, values.segmentation);
    const fd = openSync(tmp, 'w');
    try {
      let buf = 'id,segment,confidence\n';
      for (const r of it) {
        buf += `${csvCell(r.id ?? r.row)},${r.segment + 1},${Number(r.confidence.toFixed(6))}\n`;
        rows++;
        if (buf.length > 1 << 20) {
          writeSync(fd, buf);
          buf = '';
        }
      }
      writeSync(fd, buf);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, out);
    return {
      json: { segmentation: values.segmentation, out, rows, idColumn },
      text: `Wrote ${rows.toLocaleString('en-US')} assignments of "${values.segmentation}" to ${out} (id = ${idColumn ?? 'row number'}, segment = number 1..k, confidence 0–1).`,
    };
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
}
