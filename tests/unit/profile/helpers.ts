// Test helpers: an in-memory workspace and a dataset built directly through createDataset (no importer), so
// the profile is tested on exactly the stored values the contract describes.
import type { ColumnMeta } from '../../../shared/domain';
import { createDataset, getDataset, quoteIdent, setDatasetRowCount, type StoredDataset } from '../../../main/workspace/datasets';
import { openWorkspaceDb, type Db } from '../../../main/workspace/db';

export type ColumnSpec = Pick<ColumnMeta, 'name' | 'type'> & Partial<Pick<ColumnMeta, 'role' | 'booleanLabels' | 'piiAction'>>;

export function memoryDb(): Db {
  return openWorkspaceDb(':memory:', { create: true });
}

export function makeDataset(db: Db, name: string, columns: ColumnSpec[], rows: Iterable<readonly unknown[]>): StoredDataset {
  db.transaction(() => {
    const created = createDataset(db, {
      name,
      sourceFile: `${name}.csv`,
      importParams: {},
      columns: columns.map((c) => ({
        name: c.name,
        originalName: c.name,
        type: c.type,
        role: c.role ?? 'feature',
        piiAction: c.piiAction ?? 'keep',
        ...(c.booleanLabels ? { booleanLabels: c.booleanLabels } : {}),
      })),
    });
    const cols = created.columns.map((c) => quoteIdent(c.sqlName)).join(', ');
    const insert = db.prepare(`INSERT INTO ${quoteIdent(created.tableName)} (${cols}) VALUES (${created.columns.map(() => '?').join(', ')})`);
    let n = 0;
    for (const r of rows) {
      insert.run(...r);
      n++;
    }
    setDatasetRowCount(db, created.id, n);
  })();
  return getDataset(db, name);
}
