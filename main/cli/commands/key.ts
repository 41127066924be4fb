// cxw key status|export|import: the workspace's pseudonymisation key, which is kept outside the workspace file
// (main/workspace/keys.ts), moved between computers explicitly. Every export and import is logged in the workspace.
//   cxw key status --workspace W                   where the key is kept, and whether this computer has it
//   cxw key export --workspace W --out FILE        the key into a new file (0600), never over an existing one
//   cxw key import --workspace W FILE              a key exported elsewhere, checked against this workspace
//   JSON: {workspace, workspaceId, available, keptIn, file?, message?}
import { parseArgs as parseCli } from 'node:util';
import { resolve } from 'node:path';
import { openWorkspaceDb } from '../../workspace/db';
import { exportWorkspaceKey, importWorkspaceKey, KeyStore, openWorkspaceKey, workspaceId } from '../../workspace/keys';
import { requireWorkspace, stateDir, UsageError } from '../args';
import type { CommandOutput } from '../run';

export interface KeyCommandJson {
  workspace: string;
  workspaceId: string | null;
  available: boolean;
  keptIn: string | null;
  file?: string;
  message?: string;
}

const USAGE = 'usage: cxw key status --workspace W | cxw key export --workspace W --out FILE | cxw key import --workspace W FILE';

export function keyCommand(argv: string[]): CommandOutput<KeyCommandJson> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseCli({
    args: rest,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (action !== 'status' && action !== 'export' && action !== 'import') throw new UsageError(USAGE);
  const workspace = resolve(requireWorkspace(values.workspace));
  if (action === 'export' && (!values.out || positionals.length)) throw new UsageError('usage: cxw key export --workspace W --out FILE');
  if (action === 'import' && (positionals.length !== 1 || values.out)) throw new UsageError('usage: cxw key import --workspace W FILE');
  if (action === 'status' && (positionals.length || values.out)) throw new UsageError('usage: cxw key status --workspace W');

  const store = new KeyStore(stateDir());
  const db = openWorkspaceDb(workspace);
  try {
    // Opening does what the app does on open: moves an old in-file key out, or makes the key of a new workspace.
    const access = openWorkspaceKey(db, store, workspace);
    const id = workspaceId(db);
    const base = { workspace, workspaceId: id, keptIn: id ? store.describe(id) : null };
    if (action === 'export') {
      const { file } = exportWorkspaceKey(db, access, values.out as string);
      return {
        json: { ...base, available: true, file },
        text: `Exported the pseudonymisation key of ${workspace} to ${file} (readable only by you).\nKeep it secret: with it, anyone who has the workspace can re-identify its customers. Delete it once imported on the other computer:\n  cxw key import --workspace ${workspace} ${file}`,
      };
    }
    if (action === 'import') {
      const r = importWorkspaceKey(db, store, positionals[0]);
      return {
        json: { ...base, available: true, keptIn: r.keptIn, file: resolve(positionals[0]) },
        text: `Imported the pseudonymisation key of ${workspace}; it is kept in ${r.keptIn}.\nImports into this workspace now pseudonymise exactly as before. You can delete ${resolve(positionals[0])}.`,
      };
    }
    return access.ok
      ? { json: { ...base, available: true }, text: `The pseudonymisation key of ${workspace} is on this computer: ${base.keptIn}. The workspace file itself holds no key.` }
      : { json: { ...base, available: false, message: access.message }, text: access.message };
  } finally {
    db.close();
  }
}
