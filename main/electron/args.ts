// Reads the workspace to open from a command line: `--workspace FILE`, `--workspace=FILE`, or a .cxw path as
// the last argument (how file managers and `open` pass a double-clicked file). Pure, unit-tested.
import path from 'node:path';

/** argv as Electron gives it (executable first; in development also the app path). Returns an absolute path or null. */
export function workspaceFromArgv(argv: readonly string[], cwd: string): string | null {
  const args = argv.slice(1);
  let found: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--workspace') {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) found = next;
      i++;
    } else if (arg.startsWith('--workspace=')) {
      found = arg.slice('--workspace='.length);
    }
  }
  const last = args.at(-1);
  if (found === null && last !== undefined && !last.startsWith('-') && last.toLowerCase().endsWith('.cxw')) found = last;
  return found ? path.resolve(cwd, found) : null;
}
