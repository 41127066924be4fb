// cxw export --workspace W --dataset N --out FILE.csv [--force] [--json]
// Any dataset as CSV → {file, dataset, rows, columns, withheld:[{column, reason}]}. The CSV comes from
// main/workspace/dataset-csv.ts (what is written and why is said there); export-file.ts writes it: never over an
// existing file without --force, never over a workspace or its -wal/-shm (not even with --force), through a
// temporary file renamed into place. Personal and pseudonymised columns are never written; they are listed.
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { logActivity } from '../../workspace/activity';
import { datasetCsvChunks } from '../../workspace/dataset-csv';
import type { WithheldColumn } from '../../workspace/dataset-csv-withheld';
import { openWorkspaceDb } from '../../workspace/db';
import { checkExportTarget, writeExportFile } from '../../workspace/export-file';
import { requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';

export interface ExportJson {
  file: string;
  dataset: string;
  rows: number;
  /** The columns written, in the dataset's order (the CSV's header). */
  columns: string[];
  /** Columns left out because they hold personal data, each with the reason. */
  withheld: WithheldColumn[];
  /** Anything that went wrong after the file was complete (the activity log entry). */
  warnings: string[];
}

export async function exportCommand(argv: string[]): Promise<CommandOutput<ExportJson>> {
  const { values, positionals } = parseCli({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      dataset: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}": give the file with --out FILE.csv.`);
  const workspace = resolve(requireWorkspace(values.workspace));
  if (!values.dataset) throw new UsageError('--dataset NAME is required (the dataset to export).');
  if (!values.out) throw new UsageError('--out FILE.csv is required.');
  const opts = { force: values.force === true, workspaces: [workspace], forceHint: 'Pass --force to replace it, or choose another file name.' };
  // Refused targets are refused before the workspace is opened or any row is read.
  const out = checkExportTarget(values.out, opts);
  const db = openWorkspaceDb(workspace);
  try {
    const plan = datasetCsvChunks(db, values.dataset);
    const { path, result: rows } = writeExportFile(out, plan.chunks, opts);
    const warnings: string[] = [];
    try {
      logActivity(db, 'dataset.export', `Exported ${rows.toLocaleString('en-US')} rows of dataset "${plan.dataset}" to ${path}`, {
        dataset: plan.dataset,
        file: path,
        rows,
        columns: plan.columns,
        withheld: plan.withheld.map((w) => w.column),
      });
    } catch (err) {
      // The file is written and complete: say that the log missed it rather than report the export as failed.
      warnings.push(`The export is complete, but the workspace's activity log could not record it: ${(err as Error).message}`);
    }
    const json: ExportJson = { file: path, dataset: plan.dataset, rows, columns: plan.columns, withheld: plan.withheld, warnings };
    return { json, text: exportText(json) };
  } finally {
    db.close();
  }
}

function exportText(r: ExportJson): string {
  const lines = [
    `Wrote ${r.rows.toLocaleString('en-US')} rows × ${r.columns.length} columns of "${r.dataset}" to ${r.file}.`,
    'Missing values are empty fields; text starting with = + - @ has a leading \' so spreadsheets show it and never run it.',
  ];
  if (r.withheld.length > 0) {
    lines.push(`Left out (${r.withheld.length}): personal data never leaves the app.`);
    for (const w of r.withheld) lines.push(`  ${w.column}: ${w.reason}`);
  }
  for (const w of r.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n');
}
