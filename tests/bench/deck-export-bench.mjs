// Deck export benchmark (a plain script, not a test): a 30-slide deck (the hand-made fixture's 12 slides — every
// block and chart kind — repeated) exported to HTML (target < 2 s) and PowerPoint (target < 5 s), and to PDF when a
// Chromium is found (no target: it is dominated by starting the browser; 2 rounds).
//
//   export PATH=/work/node24/node_modules/.bin:$PATH
//   node tests/bench/deck-export-bench.mjs            # 30 slides, best of 5 rounds after one warm-up
//   options: --slides N, --repeat R, --no-pdf
//
// The exporters are TypeScript; the script bundles them once with rolldown (a devDependency) into
// tests/bench/.data (gitignored), leaving npm packages (pptxgenjs, jszip, zod) external as the app's main build
// does, and imports the bundle. Bundling is not timed. Each round is timed in this process with performance.now().
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'rolldown';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../..');
const DATA = join(HERE, '.data');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SLIDES = option('--slides', 30);
const REPEAT = option('--repeat', 5);
const PDF = !args.includes('--no-pdf');

mkdirSync(DATA, { recursive: true });
const bundle = join(DATA, 'deck-export-bench.bundle.mjs');
await build({
  input: join(HERE, 'deck-export-bench.entry.ts'),
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith(ROOT),
  output: { file: bundle, format: 'esm' },
  logLevel: 'warn',
});
const { exportDeck, repeatedDeck } = await import(pathToFileURL(bundle).href);

const deck = repeatedDeck(SLIDES);
const time = async (format) => {
  await exportDeck(deck, format); // warm-up (module loading, JIT)
  const runs = [];
  let bytes = 0;
  // PDF rounds are few: each starts a browser (~8 s here) and the machine is shared.
  for (let r = 0; r < (format === 'pdf' ? Math.min(2, REPEAT) : REPEAT); r++) {
    const t = performance.now();
    const e = await exportDeck(deck, format);
    runs.push(performance.now() - t);
    bytes = e.encoding === 'base64' ? Buffer.from(e.data, 'base64').length : Buffer.byteLength(e.data);
  }
  return { best: Math.min(...runs), runs, bytes };
};

const targets = { html: 2000, pptx: 5000, pdf: null };
console.log(`deck export, ${SLIDES} slides (+1 closing page), best of ${REPEAT} after a warm-up, Node ${process.version}`);
for (const format of ['html', 'pptx', ...(PDF ? ['pdf'] : [])]) {
  let r;
  try {
    r = await time(format);
  } catch (err) {
    console.log(`${format.padEnd(5)} skipped: ${err instanceof Error ? err.message : String(err)}`);
    continue;
  }
  const target = targets[format];
  const verdict = target === null ? '' : r.best < target ? `  (target < ${target / 1000} s: met)` : `  (target < ${target / 1000} s: MISSED)`;
  console.log(`${format.padEnd(5)} best ${r.best.toFixed(0).padStart(6)} ms  runs ${r.runs.map((t) => t.toFixed(0)).join(', ')} ms  size ${(r.bytes / 1024).toFixed(0)} KiB${verdict}`);
}
