// How a command shows that its result was kept (`--save NAME`): a `saved` key in its JSON, a last line in its text.
import type { SavedResultRef } from '../../shared/results';

export function withSaved<T extends object>(json: T, saved: SavedResultRef | undefined): T & { saved?: SavedResultRef } {
  return saved ? { ...json, saved } : json;
}

export function savedLine(text: string, saved: SavedResultRef | undefined): string {
  return saved ? `${text}\n\nSaved as result ${saved.id} “${saved.name}” (re-run it with: cxw rerun --result ${saved.id}).` : text;
}
