// The activity log: every import, change and analysis with its parameters, so a result can say how it was made.
import type { ActivityEntry } from '../../shared/domain';
import type { Db } from './db';

export function logActivity(db: Db, action: string, summary: string, params: Record<string, unknown> = {}): void {
  db.prepare('INSERT INTO activity (at, action, summary, params) VALUES (?, ?, ?, ?)').run(
    new Date().toISOString(),
    action,
    summary,
    JSON.stringify(params),
  );
}

export function listActivity(db: Db, limit = 500): ActivityEntry[] {
  const rows = db.prepare('SELECT id, at, action, summary, params FROM activity ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    at: string;
    action: string;
    summary: string;
    params: string;
  }[];
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown> }));
}
