// Moving the open workspace's pseudonymisation key between computers from the app (the window's menu), with the
// same code as `cxw key export|import` (workspace/keys.ts): a new 0600 file, never over an existing one; an import
// checked against this workspace's id and check value; both logged in the activity log. Not in the handler
// contract: only the Electron main process calls it, after a native dialog; the browser host offers the CLI.
import { basename, extname } from 'node:path';
import { exportWorkspaceKey, importWorkspaceKey } from '../workspace/keys';
import { checkpointNow } from '../workspace/wal-guard';
import type { WorkspaceState } from './workspace-state';

export interface KeyTransfer {
  /** The open workspace's name (file name without .cxw), for the suggested key file name; null when none is open. */
  workspaceName(): string | null;
  exportKey(file: string): { file: string; workspace: string };
  importKey(file: string): { keptIn: string; workspace: string };
}

export function keyTransfer(state: WorkspaceState): KeyTransfer {
  return {
    workspaceName: () => {
      const ws = state.peek();
      return ws ? basename(ws.path, extname(ws.path)) : null;
    },
    exportKey: (file) => {
      const ws = state.current();
      const r = exportWorkspaceKey(ws.db, ws.key, file);
      checkpointNow(ws.db); // its log entry, like every write (services/write-checkpoint.ts)
      return { file: r.file, workspace: ws.path };
    },
    importKey: (file) => {
      const ws = state.current();
      const r = importWorkspaceKey(ws.db, state.keys, file);
      ws.key = { ok: true, key: r.key }; // imports pseudonymise at once, without reopening the workspace
      checkpointNow(ws.db);
      return { keptIn: r.keptIn, workspace: ws.path };
    },
  };
}
