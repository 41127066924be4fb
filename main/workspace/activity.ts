// The activity log: every import, change and analysis with its parameters, so a result can say how it was made.
import type { ActivityEntry } from '../../shared/domain';
import { csvCell } from './assignments-csv';
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

/** The whole log, oldest first, as CSV (when, action, what happened, parameters as JSON) for a person or a spreadsheet. */
export function activityCsv(entries: ActivityEntry[]): string {
  const lines = ['id,at,action,summary,params'];
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    lines.push([e.id, e.at, e.action, e.summary, JSON.stringify(e.params)].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The whole log, oldest first, as one JSON document. */
export function activityJson(entries: ActivityEntry[], workspace: string): string {
  return `${JSON.stringify({ workspace, exportedAt: new Date().toISOString(), entries: [...entries].sort((a, b) => a.id - b.id) }, null, 2)}\n`;
}
