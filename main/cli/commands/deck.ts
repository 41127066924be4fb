// cxw deck list --workspace W [--json]                         the workspace's decks
//   JSON: {decks:[{name, slides, version, updatedAt}]}
// cxw deck export --workspace W --deck NAME --format html|pdf|pptx --out FILE [--min-cell N] [--force] [--json]
//   JSON: {file, format, slides, suppressed:[{slide, slideTitle, what, reason}], removed:[…], note, minCell}
// Exports go through disclosure control (main/disclosure) with the workspace's threshold, or --min-cell for this
// export only (never below 5), and are written by export-file.ts: never over an existing file without --force, never
// over a workspace, through a temporary file renamed into place. PDF needs a Chromium (CHROMIUM_PATH or /usr/bin/chromium).
import { extname, resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import { EXPORT_FORMATS, type DeckExport, type DeckSummary, type DisclosureSettings, type ExportFormat, type Suppression } from '../../../shared/decks';
import { exportDeckLogged } from '../../services/decks/disclosed';
import { getDeck, listDecks } from '../../workspace/decks/store';
import { openWorkspaceDb, type Db } from '../../workspace/db';
import { checkExportTarget, writeExportFile, type ExportOptions } from '../../workspace/export-file';
import { assertKnown, requireWorkspace, UsageError } from '../args';
import { table } from '../format';
import type { CommandOutput } from '../run';

export interface DeckExportJson {
  file: string;
  format: ExportFormat;
  slides: number;
  suppressed: Suppression[];
  removed: Suppression[];
  note: string;
  minCell: number;
}

/** --min-cell as a whole number (the floor of 5 is disclosure control's to refuse, with its own message). */
export function minCellArg(raw: string | undefined): Partial<DisclosureSettings> | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`--min-cell must be a whole number of people (5 or more), not "${raw}".`);
  return { minCell: Number(raw.trim()) };
}

/** The format: --format, else the --out file's extension. */
export function formatArg(raw: string | undefined, out: string, allowed: readonly ExportFormat[] = EXPORT_FORMATS): ExportFormat {
  if (raw !== undefined) return assertKnown(raw, allowed, '--format');
  const ext = extname(out).slice(1).toLowerCase();
  if ((allowed as readonly string[]).includes(ext)) return ext as ExportFormat;
  throw new UsageError(`--format ${allowed.join('|')} is required (the file name ${out} does not say which).`);
}

export function exportOptions(workspace: string, force: boolean): ExportOptions {
  return { force, workspaces: [workspace], forceHint: 'Pass --force to replace it, or choose another file name.' };
}

/** Write the export's bytes through export-file.ts (the target was checked before any work). */
export function writeDeckExport(out: string, exported: DeckExport, opts: ExportOptions): string {
  const bytes = Buffer.from(exported.data, exported.encoding === 'base64' ? 'base64' : 'utf8');
  return writeExportFile(out, [bytes][Symbol.iterator](), opts).path;
}

export function exportText(what: string, json: DeckExportJson): string {
  const lines = [`Wrote ${what} (${json.slides} slide${json.slides === 1 ? '' : 's'}, ${json.format.toUpperCase()}) to ${json.file}.`, json.note];
  const listed = [...json.suppressed.map((s) => ({ ...s, kind: 'suppressed' })), ...json.removed.map((s) => ({ ...s, kind: 'removed' }))];
  if (listed.length) {
    lines.push('', table(['slide', 'title', 'what', 'reason'], listed.slice(0, 40).map((s) => [String(s.slide), s.slideTitle, `${s.kind === 'removed' ? '(removed) ' : ''}${s.what}`, s.reason])));
    if (listed.length > 40) lines.push(`… and ${listed.length - 40} more (--json lists them all).`);
  }
  return lines.join('\n');
}

export function toJson(file: string, format: ExportFormat, e: DeckExport): DeckExportJson {
  return { file, format, slides: e.slides, suppressed: e.report.suppressed, removed: e.report.removed, note: e.report.note, minCell: e.report.settings.minCell };
}

async function withDb<T>(workspace: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = openWorkspaceDb(workspace);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

function listText(decks: DeckSummary[], workspace: string): string {
  if (decks.length === 0) return `No decks in ${workspace} yet. Make one in the Present view ("Add to deck" on a saved result), or print a report of every saved result with cxw report.`;
  return table(['name', 'slides', 'version', 'updated (UTC)'], decks.map((d) => [d.name, String(d.slides), String(d.version), d.updatedAt.slice(0, 16).replace('T', ' ')]));
}

export async function deckCommand(argv: string[]): Promise<CommandOutput<{ decks: DeckSummary[] } | DeckExportJson>> {
  const [sub, ...rest] = argv;
  if (sub !== 'list' && sub !== 'export') throw new UsageError(`cxw deck needs list or export${sub ? `, not "${sub}"` : ''}: cxw deck list --workspace W, cxw deck export --workspace W --deck NAME --out FILE.`);
  const { values } = parseCli({
    args: rest,
    options: {
      workspace: { type: 'string' },
      deck: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'min-cell': { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = resolve(requireWorkspace(values.workspace));
  if (sub === 'list') {
    const decks = await withDb(workspace, (db) => Promise.resolve(listDecks(db)));
    return { json: { decks }, text: listText(decks, workspace) };
  }
  if (!values.deck?.trim()) throw new UsageError('--deck NAME is required (cxw deck list --workspace W lists them).');
  if (!values.out) throw new UsageError('--out FILE is required.');
  const format = formatArg(values.format, values.out);
  const override = minCellArg(values['min-cell']);
  const opts = exportOptions(workspace, values.force === true);
  // Refused targets are refused before the workspace is opened or a slide is judged.
  const out = checkExportTarget(values.out, opts);
  const name = values.deck.trim();
  const json = await withDb(workspace, async (db) => {
    const exported = await exportDeckLogged(db, getDeck(db, name), format, `the deck “${name}”`, override);
    return toJson(writeDeckExport(out, exported, opts), format, exported);
  });
  return { json, text: exportText(`the deck “${name}”`, json) };
}
