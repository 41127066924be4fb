// Dataset tables and their column metadata. User-given names never reach SQL: a dataset's rows live in
// `ds_<id>` with columns `c<position>`, and this module maps display names to those identifiers.
import type { BooleanLabels, ColumnMeta, ColumnRole, ColumnType, DatasetSummary, PiiAction } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { Db } from './db';

export interface StoredColumn extends ColumnMeta {
  sqlName: string;
}

export interface StoredDataset extends Omit<DatasetSummary, 'columns'> {
  tableName: string;
  columns: StoredColumn[];
  importParams: Record<string, unknown>;
}

const AFFINITY: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  datetime: 'TEXT',
  text: 'TEXT',
};

export function sqlColumnName(position: number): string {
  return `c${position}`;
}

/** Quote an identifier we generated ourselves (ds_N, cN); user text never goes through here. */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new AppError('INTERNAL', `refusing unsafe identifier ${name}`);
  return `"${name}"`;
}

export interface NewDatasetSpec {
  name: string;
  sourceFile: string;
  importParams: Record<string, unknown>;
  /** Columns to store, in order; `index` is rewritten to the stored position. */
  columns: Omit<ColumnMeta, 'index'>[];
}

export interface CreatedDataset {
  id: number;
  tableName: string;
  columns: StoredColumn[];
}

/**
 * Create the metadata rows and the empty data table. Must run inside the caller's transaction so that a failed
 * import leaves neither behind.
 */
export function createDataset(db: Db, spec: NewDatasetSpec): CreatedDataset {
  if (!db.inTransaction) throw new AppError('INTERNAL', 'createDataset must run inside a transaction');
  assertNameFree(db, spec.name);
  const info = db
    .prepare('INSERT INTO datasets (name, table_name, source_file, rows, imported_at, import_params) VALUES (?, ?, ?, 0, ?, ?)')
    .run(spec.name, `pending_${Date.now()}_${Math.random().toString(36).slice(2)}`, spec.sourceFile, new Date().toISOString(), JSON.stringify(spec.importParams));
  const id = Number(info.lastInsertRowid);
  const tableName = `ds_${id}`;
  db.prepare('UPDATE datasets SET table_name = ? WHERE id = ?').run(tableName, id);
  const columns: StoredColumn[] = spec.columns.map((c, position) => ({ ...c, index: position, sqlName: sqlColumnName(position) }));
  const insertCol = db.prepare(
    `INSERT INTO dataset_columns (dataset_id, position, sql_name, name, original_name, type, role, pii_action, boolean_labels, date_format)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of columns) {
    insertCol.run(id, c.index, c.sqlName, c.name, c.originalName, c.type, c.role, c.piiAction, c.booleanLabels ? JSON.stringify(c.booleanLabels) : null, c.dateFormat ?? null);
  }
  const cols = columns.map((c) => `${quoteIdent(c.sqlName)} ${AFFINITY[c.type]}`).join(', ');
  db.exec(`CREATE TABLE ${quoteIdent(tableName)} (_row INTEGER PRIMARY KEY${cols ? ', ' + cols : ''})`);
  return { id, tableName, columns };
}

export function setDatasetRowCount(db: Db, id: number, rows: number): void {
  db.prepare('UPDATE datasets SET rows = ? WHERE id = ?').run(rows, id);
}

/** Widen a column's declared type after import found values that do not fit (kept as text, never lost). */
export function setColumnType(db: Db, id: number, position: number, type: ColumnType): void {
  db.prepare('UPDATE dataset_columns SET type = ? WHERE dataset_id = ? AND position = ?').run(type, id, position);
}

export function assertNameFree(db: Db, name: string): void {
  const taken = db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name);
  if (taken) throw new AppError('NAME_TAKEN', `A dataset named "${name}" already exists. Choose another name.`, { name });
}

/** A free name derived from `base`: "orders", "orders (2)", ... */
export function uniqueDatasetName(db: Db, base: string): string {
  const clean = base.trim().slice(0, 180) || 'dataset';
  let name = clean;
  for (let i = 2; db.prepare('SELECT 1 FROM datasets WHERE name = ?').get(name); i++) name = `${clean} (${i})`;
  return name;
}

interface DatasetRow {
  id: number;
  name: string;
  table_name: string;
  source_file: string;
  rows: number;
  imported_at: string;
  import_params: string;
}
interface ColumnRow {
  position: number;
  sql_name: string;
  name: string;
  original_name: string;
  type: ColumnType;
  role: ColumnRole;
  pii_action: PiiAction;
  boolean_labels: string | null;
  date_format: string | null;
}

function columnsOf(db: Db, id: number): StoredColumn[] {
  const rows = db.prepare('SELECT * FROM dataset_columns WHERE dataset_id = ? ORDER BY position').all(id) as ColumnRow[];
  return rows.map((r) => ({
    index: r.position,
    sqlName: r.sql_name,
    name: r.name,
    originalName: r.original_name,
    type: r.type,
    role: r.role,
    piiAction: r.pii_action,
    ...(r.boolean_labels ? { booleanLabels: JSON.parse(r.boolean_labels) as BooleanLabels } : {}),
    ...(r.date_format ? { dateFormat: r.date_format } : {}),
  }));
}

function toStored(db: Db, r: DatasetRow): StoredDataset {
  return {
    id: r.id,
    name: r.name,
    tableName: r.table_name,
    sourceFile: r.source_file,
    rows: r.rows,
    importedAt: r.imported_at,
    importParams: JSON.parse(r.import_params) as Record<string, unknown>,
    columns: columnsOf(db, r.id),
  };
}

export function listDatasets(db: Db): StoredDataset[] {
  const rows = db.prepare('SELECT * FROM datasets ORDER BY id').all() as DatasetRow[];
  return rows.map((r) => toStored(db, r));
}

export function getDataset(db: Db, name: string): StoredDataset {
  const row = db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as DatasetRow | undefined;
  if (!row) {
    const known = (db.prepare('SELECT name FROM datasets ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    throw new AppError('NOT_FOUND', `No dataset named "${name}". ${known.length ? `Known: ${known.join(', ')}.` : 'The workspace has no datasets yet; import one first.'}`, {
      dataset: name,
    });
  }
  return toStored(db, row);
}

export function findColumn(ds: StoredDataset, name: string): StoredColumn {
  const col = ds.columns.find((c) => c.name === name);
  if (!col) throw new AppError('NOT_FOUND', `Dataset "${ds.name}" has no column "${name}". Columns: ${ds.columns.map((c) => c.name).join(', ')}.`, { columnName: name });
  return col;
}

export function toSummary(ds: StoredDataset): DatasetSummary {
  return {
    id: ds.id,
    name: ds.name,
    rows: ds.rows,
    sourceFile: ds.sourceFile,
    importedAt: ds.importedAt,
    columns: ds.columns.map(({ sqlName: _sqlName, ...meta }) => meta),
  };
}

export function renameDataset(db: Db, from: string, to: string): void {
  const ds = getDataset(db, from);
  if (from === to) return;
  assertNameFree(db, to);
  db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(to, ds.id);
}

export function updateColumn(db: Db, datasetId: number, position: number, patch: { role?: ColumnRole; name?: string }): void {
  if (patch.role) db.prepare('UPDATE dataset_columns SET role = ? WHERE dataset_id = ? AND position = ?').run(patch.role, datasetId, position);
  if (patch.name) {
    const clash = db.prepare('SELECT 1 FROM dataset_columns WHERE dataset_id = ? AND name = ? AND position != ?').get(datasetId, patch.name, position);
    if (clash) throw new AppError('NAME_TAKEN', `Another column is already named "${patch.name}".`, { columnName: patch.name });
    db.prepare('UPDATE dataset_columns SET name = ? WHERE dataset_id = ? AND position = ?').run(patch.name, datasetId, position);
  }
}

export function deleteDataset(db: Db, name: string): void {
  const ds = getDataset(db, name);
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdent(ds.tableName)}`);
    db.prepare('DELETE FROM datasets WHERE id = ?').run(ds.id);
  })();
}
