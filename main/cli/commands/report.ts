// cxw report --workspace W --out FILE.html|FILE.pptx|FILE.pdf [--format F] [--min-cell N] [--force] [--json]
//   JSON: {file, format, slides, results, suppressed:[{slide, slideTitle, what, reason}], removed:[…], note, minCell}
// A standard deck of every saved result (main/services/decks/report.ts: title, data quality per dataset, each
// result's default slides), not stored, exported through disclosure control like `cxw deck export`.
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { buildReportDeck } from '../../services/decks/report';
import { exportDeckLogged } from '../../services/decks/disclosed';
import { openWorkspaceDb } from '../../workspace/db';
import { checkExportTarget } from '../../workspace/export-file';
import { requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';
import { exportOptions, exportText, formatArg, minCellArg, toJson, writeDeckExport, type DeckExportJson } from './deck';

export async function reportCommand(argv: string[]): Promise<CommandOutput<DeckExportJson & { results: number }>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      'min-cell': { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = resolve(requireWorkspace(values.workspace));
  if (!values.out) throw new UsageError('--out FILE.html or FILE.pptx is required.');
  const format = formatArg(values.format, values.out);
  const override = minCellArg(values['min-cell']);
  const opts = exportOptions(workspace, values.force === true);
  const out = checkExportTarget(values.out, opts);
  const db = openWorkspaceDb(workspace);
  try {
    const { deck, results } = buildReportDeck(db, workspace);
    const subject = `a report of ${results} saved result${results === 1 ? '' : 's'}`;
    const exported = await exportDeckLogged(db, deck, format, subject, override);
    const json = { ...toJson(writeDeckExport(out, exported, opts), format, exported), results };
    return { json, text: exportText(subject, json) };
  } finally {
    db.close();
  }
}
