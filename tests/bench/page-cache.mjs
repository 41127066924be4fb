// Bench scripts time each command starting with its files in the page cache, as right after an import: this
// machine's memory manager (kdamond) evicts an idle file's pages within minutes, and the first command after that
// — whichever it is — would time the disk (100–150 MB/s here) instead of itself. Read the file once, untimed.
import { closeSync, openSync, readSync } from 'node:fs';

export function warmPageCache(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(8 << 20);
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
