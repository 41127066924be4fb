// No-loss widening: after the last row, a column that received values not fitting its type gets the narrowest
// type that holds everything (integer→real, boolean 0/1→integer, otherwise text), inside the import's
// transaction. Values were stored as they came (numbers as numbers, the rest as original text), so only
// columns whose stored numbers must become text (numeric or boolean affinity → text) need a table rebuild.
import type { ColumnType } from '../../../shared/domain';
import { setColumnType, quoteIdent, type CreatedDataset } from '../datasets';
import type { Db } from '../db';
import type { Converter } from './convert';
import { isInexactNumber, parseRealStrict } from './values';

const AFFINITY: Record<ColumnType, string> = { integer: 'INTEGER', real: 'REAL', boolean: 'INTEGER', date: 'TEXT', datetime: 'TEXT', text: 'TEXT' };

export interface Widened {
  finalTypes: ColumnType[];
  warnings: string[];
}

function widenedType(c: Converter): ColumnType {
  const m = c.misfits;
  const from = c.column.type;
  if (!m) return from;
  if (from === 'integer' && m.allNumeric) return 'real';
  if (from === 'boolean' && c.column.booleanLabels?.true === '1' && m.allNumeric) return m.allInteger ? 'integer' : 'real';
  return 'text';
}

const ARTICLE: Record<ColumnType, string> = { integer: 'a whole number', real: 'a number', boolean: 'a yes/no value', date: 'a date', datetime: 'a date-time', text: 'text' };

export function widenColumns(db: Db, ds: CreatedDataset, converters: Converter[]): Widened {
  const finalTypes = converters.map(widenedType);
  const warnings: string[] = [];
  const rebuild: number[] = [];
  converters.forEach((c, i) => {
    const to = finalTypes[i];
    const from = c.column.type;
    if (to === from || !c.misfits) return;
    const m = c.misfits;
    const what = isInexactNumber(m.firstValue) || (c.column.exactText && parseRealStrict(m.firstValue) === parseRealStrict(m.firstValue))
      ? 'which cannot be stored exactly as a number'
      : `which is not ${ARTICLE[from]}`;
    warnings.push(
      `Column "${c.column.name}": line ${m.firstLine} has "${m.firstValue.slice(0, 40)}", ${what}` +
        `${c.column.forced ? ' (the type you chose)' : ''}; ${m.count} value(s) did not fit, so the column was stored as ${to} and nothing was lost.` +
        (from === 'date' || from === 'datetime' ? ' Values that were dates are kept in ISO form (YYYY-MM-DD).' : ''),
    );
    setColumnType(db, ds.id, i, to);
    if (from === 'boolean' || from === 'date') {
      db.prepare('UPDATE dataset_columns SET boolean_labels = NULL, date_format = NULL WHERE dataset_id = ? AND position = ?').run(ds.id, i);
    }
    if (to === 'text' && AFFINITY[from] !== 'TEXT') rebuild.push(i);
  });
  if (rebuild.length > 0) rebuildTable(db, ds, converters, finalTypes, new Set(rebuild));
  return { finalTypes, warnings };
}

/** Copy the table into one with the widened declared types, turning stored numbers/booleans back into text. */
function rebuildTable(db: Db, ds: CreatedDataset, converters: Converter[], types: ColumnType[], toText: Set<number>): void {
  const table = quoteIdent(ds.tableName);
  const tmp = quoteIdent(`${ds.tableName}_widen`);
  const defs = ds.columns.map((c, i) => `${quoteIdent(c.sqlName)} ${AFFINITY[types[i]]}`).join(', ');
  const params: string[] = [];
  const exprs = ds.columns.map((c, i) => {
    const col = quoteIdent(c.sqlName);
    if (!toText.has(i)) return col;
    const labels = converters[i].column.booleanLabels;
    if (converters[i].column.type === 'boolean' && labels) {
      // Labels are user text: bound as parameters, never spliced into SQL.
      params.push(labels.true, labels.false);
      return `CASE WHEN typeof(${col}) = 'blob' THEN CAST(${col} AS TEXT) WHEN typeof(${col}) = 'integer' AND ${col} = 1 THEN ? WHEN typeof(${col}) = 'integer' AND ${col} = 0 THEN ? ELSE CAST(${col} AS TEXT) END`;
    }
    return `CAST(${col} AS TEXT)`;
  });
  db.exec(`CREATE TABLE ${tmp} (_row INTEGER PRIMARY KEY, ${defs})`);
  db.prepare(`INSERT INTO ${tmp} SELECT _row, ${exprs.join(', ')} FROM ${table}`).run(...params);
  db.exec(`DROP TABLE ${table}`);
  db.exec(`ALTER TABLE ${tmp} RENAME TO ${quoteIdent(ds.tableName)}`);
}
