// cxw predict export-sql --workspace W (--segmentation SEG | --model NAME) --out FILE.sql --table T [--schema S]
//                        [--dialect ansi|postgres|sqlite|spark] [--id COL | --no-id] [--force] [--json]
//   JSON: {kind, name, out, dialect, table, idColumn, columns, bytes}
// A saved segmentation (main/export/segmentation-sql.ts) or a saved prediction model (main/export/model-sql.ts) as
// one SELECT over the customer table T, for a data team's warehouse. The predict command calls exportSqlCommand
// with the rest of its arguments and, for --model, a reader of saved models (the model store is the predict
// command's). The file is written by export-file.ts: never over an existing file without --force, never over a
// workspace, through a temporary file renamed into place.
import { resolve } from 'node:path';
import { parseArgs as parseCli } from 'node:util';
import type { FrozenModel } from '../../../shared/predict';
import { modelToSql } from '../../export/model-sql';
import { SQL_DIALECTS, type SqlDialect } from '../../export/model-sql/sql-text';
import { segmentationToSql } from '../../export/segmentation-sql';
import { readSegmentationForSql } from '../../export/segmentation-sql-read';
import { openWorkspaceDb, type Db } from '../../workspace/db';
import { checkExportTarget, writeExportFile } from '../../workspace/export-file';
import { assertKnown, requireWorkspace, UsageError } from '../args';
import type { CommandOutput } from '../run';

export const EXPORT_SQL_USAGE = `  cxw predict export-sql --workspace W (--segmentation SEG | --model NAME) --out FILE.sql --table T [--schema S]
              [--dialect ansi|postgres|sqlite|spark] [--id COL | --no-id] [--force]
              one SELECT scoring every customer of table T in a warehouse (default dialect ansi)`;

export interface ExportSqlJson {
  kind: 'segmentation' | 'model';
  name: string;
  out: string;
  dialect: SqlDialect;
  table: string;
  idColumn: string | null;
  /** The columns the SELECT returns. */
  columns: string[];
  bytes: number;
}

/** What the predict command hands over for --model: the frozen model of a saved model, its name and date. */
export interface SavedModelForSql {
  model: FrozenModel;
  name: string;
  createdAt?: string;
}

export interface ExportSqlDeps {
  readModel?: (db: Db, name: string) => SavedModelForSql;
}

export async function exportSqlCommand(argv: string[], deps: ExportSqlDeps = {}): Promise<CommandOutput<ExportSqlJson>> {
  const { values } = parseCli({
    args: argv,
    options: {
      workspace: { type: 'string' },
      segmentation: { type: 'string' },
      model: { type: 'string' },
      out: { type: 'string' },
      table: { type: 'string' },
      schema: { type: 'string' },
      dialect: { type: 'string' },
      id: { type: 'string' },
      'no-id': { type: 'boolean' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const workspace = resolve(requireWorkspace(values.workspace));
  if ((values.segmentation === undefined) === (values.model === undefined)) throw new UsageError('Give one of --segmentation NAME or --model NAME: what to export as SQL.');
  if (!values.out) throw new UsageError('--out FILE.sql is required.');
  if (!values.table?.trim()) {
    throw new UsageError('--table NAME is required: the table or view holding the customers where the SQL will run (e.g. --table customers, and --schema sales for sales.customers).');
  }
  if (values.id !== undefined && values['no-id']) throw new UsageError('Give --id COL or --no-id, not both.');
  if (values.id !== undefined && !values.id.trim()) throw new UsageError('--id needs a column name (or pass --no-id for scores without an id).');
  if (values.model !== undefined && !deps.readModel) throw new UsageError('--model is exported through `cxw predict export-sql`, which reads the saved model.');
  const dialect = assertKnown(values.dialect ?? 'ansi', SQL_DIALECTS, '--dialect');
  const table = values.schema ? [values.schema, values.table] : values.table;
  const tableText = typeof table === 'string' ? table : table.join('.');
  const opts = { force: values.force === true, workspaces: [workspace], forceHint: 'Pass --force to replace it, or choose another file name.' };
  // A refused target is refused before the workspace is opened.
  const out = checkExportTarget(values.out, opts);
  const db = openWorkspaceDb(workspace);
  try {
    const pickId = (saved: string | null): string | null => (values['no-id'] ? null : (values.id ?? saved));
    let sql: string;
    let json: Omit<ExportSqlJson, 'bytes' | 'out'>;
    let what: string;
    if (values.segmentation !== undefined) {
      const input = readSegmentationForSql(db, values.segmentation);
      const idColumn = pickId(input.idColumn);
      sql = segmentationToSql(input, { table, idColumn: idColumn ?? undefined, dialect });
      json = { kind: 'segmentation', name: input.name, dialect, table: tableText, idColumn, columns: [...(idColumn ? [idColumn] : []), 'segment', 'segment_name', 'confidence'] };
      what = `segmentation "${input.name}" (k = ${input.k})`;
    } else {
      const saved = deps.readModel!(db, values.model!);
      const idColumn = pickId(saved.model.id);
      sql = modelToSql(saved.model, { table, idColumn: idColumn ?? undefined, dialect, name: saved.name, createdAt: saved.createdAt });
      json = { kind: 'model', name: saved.name, dialect, table: tableText, idColumn, columns: [...(idColumn ? [idColumn] : []), 'log_odds', 'probability', 'flagged'] };
      what = `model "${saved.name}"`;
    }
    const { path } = writeExportFile(out, [sql][Symbol.iterator](), opts);
    const bytes = Buffer.byteLength(sql, 'utf8');
    return {
      json: { ...json, out: path, bytes },
      text:
        `Wrote the SQL of ${what} to ${path} (${dialect}, ${(bytes / 1024).toFixed(0)} KiB). It reads table ${tableText} and returns ${json.columns.join(', ')}; ` +
        'its header comment says what the table must hold.',
    };
  } finally {
    db.close();
  }
}
