// The activity log: every import, change and analysis with its parameters, so a result can say how it was made.
import type { ActivityEntry } from '../../shared/domain';
import { actionLabel } from '../../shared/activity';
import { csvCell } from './assignments-csv';
import type { Db } from './db';

/** Every entry reads as a sentence: it ends with a full stop whoever wrote it. */
function asSentence(summary: string): string {
  const s = summary.trim();
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function logActivity(db: Db, action: string, summary: string, params: Record<string, unknown> = {}): void {
  db.prepare('INSERT INTO activity (at, action, summary, params) VALUES (?, ?, ?, ?)').run(
    new Date().toISOString(),
    action,
    asSentence(summary),
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

/** The whole log, oldest first, as CSV (when, what kind of step, what happened, the action's id, parameters as JSON). */
export function activityCsv(entries: ActivityEntry[]): string {
  const lines = ['id,at,what,summary,action,params'];
  for (const e of [...entries].sort((a, b) => a.id - b.id)) {
    lines.push([e.id, e.at, actionLabel(e.action), e.summary, e.action, JSON.stringify(e.params)].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The whole log, oldest first, as one JSON document. */
export function activityJson(entries: ActivityEntry[], workspace: string): string {
  const sorted = [...entries].sort((a, b) => a.id - b.id).map((e) => ({ id: e.id, at: e.at, what: actionLabel(e.action), summary: e.summary, action: e.action, params: e.params }));
  return `${JSON.stringify({ workspace, exportedAt: new Date().toISOString(), entries: sorted }, null, 2)}\n`;
}
