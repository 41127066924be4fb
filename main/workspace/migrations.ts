// Ordered, append-only schema history. Each applied migration's SHA-256 is stored; opening a workspace whose
// recorded history differs from this list (an edited migration) or is longer (a newer app wrote it) is refused
// rather than guessed at.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { packAssignmentsV3 } from './migrate-v3-assignments';

/**
 * A data step a SQL string cannot express (e.g. packing rows into typed-array BLOBs). It runs after `sql`, in the
 * same transaction. Its `id` (not its source text, which bundling rewrites) is part of the migration's hash, so a
 * changed step must get a new id just as edited SQL changes the hash.
 */
export interface MigrationStep {
  id: string;
  run: (db: Database.Database) => void;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
  step?: MigrationStep;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'workspace core: datasets, columns, activity, settings',
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        table_name TEXT NOT NULL UNIQUE,
        source_file TEXT NOT NULL,
        rows INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        import_params TEXT NOT NULL
      );
      CREATE TABLE dataset_columns (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        sql_name TEXT NOT NULL,
        name TEXT NOT NULL,
        original_name TEXT NOT NULL,
        type TEXT NOT NULL,
        role TEXT NOT NULL,
        pii_action TEXT NOT NULL,
        boolean_labels TEXT,
        date_format TEXT,
        PRIMARY KEY (dataset_id, position),
        UNIQUE (dataset_id, name)
      );
      CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        params TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'segmentations: saved runs, segment cards, assignments, typed feature-column cache',
    sql: `
      CREATE TABLE segmentations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        params TEXT NOT NULL,
        preprocessing TEXT NOT NULL,
        centroids BLOB NOT NULL,
        metrics TEXT NOT NULL,
        k_scores TEXT,
        projection BLOB,
        created_at TEXT NOT NULL
      );
      CREATE TABLE segment_cards (
        segmentation_id INTEGER NOT NULL REFERENCES segmentations(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        name TEXT NOT NULL,
        suggested_name TEXT NOT NULL,
        persona TEXT NOT NULL,
        stats TEXT NOT NULL,
        PRIMARY KEY (segmentation_id, idx)
      );
      CREATE TABLE segment_assignments (
        segmentation_id INTEGER NOT NULL REFERENCES segmentations(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        segment INTEGER NOT NULL,
        confidence REAL NOT NULL,
        second INTEGER NOT NULL,
        reassigned INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (segmentation_id, row)
      ) WITHOUT ROWID;
      CREATE TABLE column_cache (
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        data BLOB NOT NULL,
        levels TEXT,
        PRIMARY KEY (dataset_id, position)
      );
    `,
  },
  {
    version: 3,
    name: 'segment assignments packed into per-segmentation BLOBs; analyst reassignments logged in their own table',
    sql: `
      CREATE TABLE segment_assignments_packed (
        segmentation_id INTEGER PRIMARY KEY REFERENCES segmentations(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        rows BLOB NOT NULL,
        labels BLOB NOT NULL,
        confidence BLOB NOT NULL,
        second BLOB NOT NULL
      );
      CREATE TABLE segment_reassignments (
        id INTEGER PRIMARY KEY,
        segmentation_id INTEGER NOT NULL REFERENCES segmentations(id) ON DELETE CASCADE,
        row INTEGER NOT NULL,
        from_segment INTEGER NOT NULL,
        to_segment INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX segment_reassignments_by_row ON segment_reassignments (segmentation_id, row);
    `,
    step: { id: 'pack-segment-assignments-v1', run: packAssignmentsV3 },
  },
  {
    version: 4,
    name: 'journey maps (workshop canvas documents)',
    sql: `
      CREATE TABLE journey_maps (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        doc TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'saved results: every analysis kept with its spec, inputs, app version and result',
    // A segmentation keeps its result in its own tables (cards, packed assignments); its row here only lists it
    // (result NULL, segmentation_id set) and goes when the segmentation goes. Existing segmentations are listed
    // by the results store on first use (listSegmentations), not here, so this step stays plain SQL.
    // AUTOINCREMENT: an id is never reused, so a note that says "result 12" never points at another result.
    sql: `
      CREATE TABLE saved_results (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        dataset TEXT NOT NULL,
        spec TEXT NOT NULL,
        inputs TEXT NOT NULL,
        app_version TEXT NOT NULL,
        created_at TEXT NOT NULL,
        description TEXT NOT NULL,
        headline TEXT NOT NULL,
        result BLOB,
        segmentation_id INTEGER UNIQUE REFERENCES segmentations(id) ON DELETE CASCADE
      );
      CREATE INDEX saved_results_by_kind ON saved_results (kind, id);
    `,
  },
  {
    version: 6,
    name: 'column cache: a CRC-32 of each cached column, verified on every read',
    // Entries cached before this have no checksum (NULL): they are treated as absent, rebuilt from the dataset
    // table on their next load and stamped when saved again — never trusted unverified (segments/columns.ts).
    sql: `
      ALTER TABLE column_cache ADD COLUMN checksum INTEGER;
    `,
  },
  {
    version: 7,
    name: 'decks: workshop slide decks (frozen slide snapshots as JSON, versioned saves)',
    // A deck is one document (its slides as JSON), saved whole with an optimistic version check like a journey map.
    // AUTOINCREMENT: a deck id is never reused.
    sql: `
      CREATE TABLE decks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        slides TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 8,
    name: 'model reviews: a person confirms or overrides a prediction model\'s call on a customer, with a reason',
    // Kept per saved model (deleted with it) and customer id; every review is a row (the latest one counts), so the
    // history of who changed what stays readable. The probability the reviewer saw is kept beside the decision.
    sql: `
      CREATE TABLE model_reviews (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        result_id INTEGER NOT NULL REFERENCES saved_results(id) ON DELETE CASCADE,
        customer TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('confirm', 'override')),
        flagged INTEGER NOT NULL CHECK (flagged IN (0, 1)),
        reason TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        probability REAL NOT NULL,
        reviewed_at TEXT NOT NULL
      );
      CREATE INDEX model_reviews_by_customer ON model_reviews (result_id, customer, id);
    `,
  },
];

export function migrationHash(m: Migration): string {
  // Migrations without a step hash exactly as before steps existed, so recorded histories still match.
  const step = m.step ? `\n${m.step.id}` : '';
  return createHash('sha256').update(`${m.version}\n${m.name}\n${m.sql}${step}`).digest('hex');
}

/** Apply pending migrations in one transaction each; refuse edited or unknown history. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    sha256: string;
  }[];
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known) {
      throw new AppError(
        'WORKSPACE_TOO_NEW',
        `This workspace was written by a newer CX Workbench (schema version ${row.version}). Update the app to open it.`,
        { version: row.version },
      );
    }
    if (migrationHash(known) !== row.sha256) {
      throw new AppError(
        'WORKSPACE_MIGRATION_MISMATCH',
        `Schema migration ${row.version} ("${row.name}") in this workspace differs from the one this app ships; refusing to guess. Open it with the app version that created it.`,
        { version: row.version },
      );
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  let version = applied.length ? applied[applied.length - 1].version : 0;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.step?.run(db);
      insert.run(m.version, m.name, migrationHash(m), new Date().toISOString());
    })();
    version = m.version;
  }
  return version;
}
