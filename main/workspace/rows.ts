// Paged, sorted, filtered reads for the data grid. Column names from the UI are mapped to generated
// identifiers (c<N>) and values are bound as parameters, so nothing the user typed is spliced into SQL.
import type { CellValue, RowFilter, RowPage, RowSort } from '../../shared/domain';
import { AppError, isBusy } from '../../shared/errors';
import type { Db } from './db';
import { findColumn, quoteIdent, type StoredColumn, type StoredDataset } from './datasets';

export interface RowQuery {
  offset: number;
  limit: number;
  sort?: RowSort;
  filters?: RowFilter[];
}

/** Boolean filters accept the file's own labels ("Yes") as well as 1/0/true/false. */
function filterValue(col: StoredColumn, raw: string | number | undefined): string | number {
  if (raw === undefined) throw new AppError('BAD_ARGUMENTS', `Filter on "${col.name}" needs a value.`);
  if (col.type === 'boolean') {
    const s = String(raw).trim().toLowerCase();
    if (col.booleanLabels && s === col.booleanLabels.true.toLowerCase()) return 1;
    if (col.booleanLabels && s === col.booleanLabels.false.toLowerCase()) return 0;
    if (s === 'true' || s === '1') return 1;
    if (s === 'false' || s === '0') return 0;
  }
  if ((col.type === 'integer' || col.type === 'real') && typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) return Number(raw);
  return raw;
}

export function buildWhere(ds: StoredDataset, filters: RowFilter[] = []): { sql: string; params: (string | number)[] } {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const f of filters) {
    const col = findColumn(ds, f.column);
    const id = quoteIdent(col.sqlName);
    switch (f.op) {
      case 'isMissing':
        clauses.push(`${id} IS NULL`);
        break;
      case 'notMissing':
        clauses.push(`${id} IS NOT NULL`);
        break;
      case 'contains':
        clauses.push(`CAST(${id} AS TEXT) LIKE ? ESCAPE '\\'`);
        params.push(`%${String(f.value ?? '').replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
        break;
      default: {
        const op = { equals: '=', notEquals: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[f.op];
        clauses.push(`${id} ${op} ?`);
        params.push(filterValue(col, f.value));
      }
    }
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Sorting a large table by an unindexed column would re-sort on every page; index it once instead. */
function ensureSortIndex(db: Db, ds: StoredDataset, col: StoredColumn): void {
  try {
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdent(`ix_${ds.tableName}_${col.sqlName}`)} ON ${quoteIdent(ds.tableName)} (${quoteIdent(col.sqlName)})`);
  } catch (err) {
    // While an import holds the write lock the index waits for a later sort; this page sorts without it.
    if (!isBusy(err)) throw err;
  }
}

const countCache = new Map<string, number>();

export function readRows(db: Db, ds: StoredDataset, q: RowQuery): RowPage {
  const where = buildWhere(ds, q.filters);
  let order = 'ORDER BY _row';
  if (q.sort) {
    const col = findColumn(ds, q.sort.column);
    if (ds.rows > 50_000) ensureSortIndex(db, ds, col);
    const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
    // NULLs last in both directions: missing values are not the "smallest" customers.
    order = `ORDER BY ${quoteIdent(col.sqlName)} IS NULL, ${quoteIdent(col.sqlName)} ${dir}, _row`;
  }
  const cols = ds.columns.map((c) => quoteIdent(c.sqlName)).join(', ');
  const rows = db
    .prepare(`SELECT ${cols || '_row'} FROM ${quoteIdent(ds.tableName)} ${where.sql} ${order} LIMIT ? OFFSET ?`)
    .raw(true)
    .all(...where.params, q.limit, q.offset) as CellValue[][];
  let total = ds.rows;
  if (where.sql) {
    // importedAt too: SQLite may reuse a deleted dataset's id for the next import.
    const key = `${db.name}|${ds.id}|${ds.importedAt}|${ds.rows}|${JSON.stringify(q.filters)}`;
    const cached = countCache.get(key);
    if (cached !== undefined) total = cached;
    else {
      const row = db.prepare(`SELECT COUNT(*) AS n FROM ${quoteIdent(ds.tableName)} ${where.sql}`).get(...where.params) as { n: number };
      total = row.n;
      if (countCache.size > 200) countCache.clear();
      countCache.set(key, total);
    }
  }
  return { columns: ds.columns.map((c) => c.name), rows, total, offset: q.offset };
}
