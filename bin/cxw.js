#!/usr/bin/env node
// Launcher for the cxw command: refuse old Node versions with a clear message (better-sqlite3 13 crashes on
// Node 20), then load the built CLI.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`cxw needs Node.js 22.12 or newer (this is ${process.versions.node}). Install a current Node LTS and retry.\n`);
  process.exit(2);
}
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('cxw is not built yet. Run: npm run build\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
