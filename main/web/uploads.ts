// Where the browser host keeps uploaded files until they are imported: raw customer data (PII not yet
// pseudonymised), so it lives in the user's own state folder (mode 0700), never in a shared temp folder, and
// every folder a host left behind when it died (crash, kill -9, power loss) is removed by the next host to start.
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `host-<pid>-<random>`: one folder per running host, named by the process that owns it. */
const HOST_FOLDER = /^host-(\d+)-[0-9a-f]+$/;
/** Where versions before this one put uploads (the system temp folder); swept too, so old leftovers go. */
const LEGACY_TEMP_FOLDER = /^cxw-uploads-(\d+)-[0-9a-f]+$/;

export interface UploadFolder {
  /** This host's private folder (created on first upload). */
  dir: string;
  /** Folders of dead hosts removed when this one started. */
  removedStale: string[];
  /** Remove this host's folder and everything in it. */
  dispose(): void;
}

/** Is a process with this id running? EPERM means it runs under another user: alive, not ours to judge. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the upload folders of hosts that are no longer running: under `root`, and the legacy ones in the system
 * temp folder that belong to this user. A folder of a live host (another `cxw serve` on the same state folder) is
 * kept. Returns the folders removed.
 */
export function sweepStaleUploads(root: string, legacyTemp: string = tmpdir()): string[] {
  const removed: string[] = [];
  const sweep = (dir: string, pattern: RegExp, mineOnly: boolean) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = pattern.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      const full = join(dir, name);
      try {
        const st = lstatSync(full);
        if (!st.isDirectory() || (mineOnly && typeof process.getuid === 'function' && st.uid !== process.getuid())) continue;
        rmSync(full, { recursive: true, force: true });
        removed.push(full);
      } catch {
        // Gone meanwhile, or not ours to remove: leave it.
      }
    }
  };
  sweep(root, HOST_FOLDER, false);
  sweep(legacyTemp, LEGACY_TEMP_FOLDER, true);
  return removed;
}

/** Sweep stale folders, then name this host's own folder under `root` (`<state folder>/uploads`). */
export function openUploadFolder(root: string): UploadFolder {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700); // also when it already existed: other users may not even list the upload names
  const removedStale = sweepStaleUploads(root);
  const dir = join(root, `host-${process.pid}-${randomBytes(4).toString('hex')}`);
  return { dir, removedStale, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
