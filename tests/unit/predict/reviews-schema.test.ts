// Schema v8 (model reviews): the table a person's confirm/override of a model's call is kept in, its checks, and
// its deletion with the saved model it belongs to; a workspace written at v8 is refused by a v7 app.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../main/workspace/migrations';

describe('schema version 8', () => {
  it('adds model_reviews; a review is deleted with its model; bad decisions are refused; v7 refuses the workspace', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(migrate(db, MIGRATIONS)).toBe(8);
    const cols = (db.prepare("SELECT name FROM pragma_table_info('model_reviews')").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['id', 'result_id', 'customer', 'decision', 'flagged', 'reason', 'reviewer', 'probability', 'reviewed_at']);
    db.prepare(
      "INSERT INTO saved_results (name, kind, dataset, spec, inputs, app_version, created_at, description, headline) VALUES ('M', 'model', 'd', '{}', '[]', '0', 't', '', '[]')",
    ).run();
    const insert = db.prepare('INSERT INTO model_reviews (result_id, customer, decision, flagged, reason, reviewer, probability, reviewed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('C1', 'override', 0, 'renewed', 'ana', 0.7, 't');
    expect(() => insert.run('C2', 'maybe', 0, 'x', 'ana', 0.5, 't')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('C3', 'confirm', 2, 'x', 'ana', 0.5, 't')).toThrow(/CHECK constraint failed/);
    db.prepare('DELETE FROM saved_results WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM model_reviews').pluck().get()).toBe(0);
    expect(() => migrate(db, MIGRATIONS.filter((m) => m.version < 8))).toThrow(/written by a newer CX Workbench \(schema version 8\)/);
    db.close();
  });
});
