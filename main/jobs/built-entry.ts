// Where the build puts worker entry files (worker.js, import-parser.js): beside the bundle chunks, because
// electron.vite.config.ts keeps chunks next to the entries. So a path relative to this module's own file is
// stable in every face. Under vitest (TypeScript sources) no built file exists: callers then work in-thread.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function builtEntry(file: string): string | null {
  const candidate = join(dirname(fileURLToPath(import.meta.url)), file);
  return existsSync(candidate) ? candidate : null;
}
