// `cxw deck list|export` and `cxw report` through the BUILT command on the demo's two CSVs (generateDemoCsvs seed 42,
// imported with `cxw import`, whose name/email/phone are flagged personal). Saved results are made with the CLI;
// the deck is made through the services on the same file (as the Present view would). Checked: the SPEC's JSON keys,
// groups under 10 people suppressed in every format — NPS by support_tickets_12m has groups "9" (3 answers) and "10"
// (4 answers), counted from the generated CSV — no personal value of the demo in any output file (HTML text, PDF
// text by pdftotext, every XML part of the PPTX), no overwrite without --force, and --min-cell below the floor refused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpsResult } from '../../shared/nps';
import { collectPiiValues } from '../../main/disclosure';
import { createServices } from '../../main/services/index';
import { openWorkspaceDb } from '../../main/workspace/db';
import { generateDemoCsvs } from '../../main/workspace/demo-data';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let dir: string;
let ws: string;
let pii: string[];
let tickets: NpsResult;

interface ExportJson {
  file: string;
  slides: number;
  suppressed: { slide: number; slideTitle: string; what: string; reason: string }[];
  removed: unknown[];
  note: string;
  minCell: number;
}

beforeAll(async () => {
  if (!BUILT) return;
  dir = mkdtempSync(join(tmpdir(), 'cxw-decks-cli-'));
  ws = join(dir, 'w.cxw');
  const csvs = generateDemoCsvs(42);
  writeFileSync(join(dir, 'customers.csv'), csvs.customers);
  writeFileSync(join(dir, 'events.csv'), csvs.events);
  cxwJson(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers']);
  cxwJson(['import', join(dir, 'events.csv'), '--workspace', ws, '--name', 'events']);
  tickets = cxwJson<NpsResult>(['nps', '--workspace', ws, '--dataset', 'customers', '--score', 'nps_score', '--by', 'support_tickets_12m', '--save', 'NPS by tickets']);
  cxwJson(['audit', '--workspace', ws, '--dataset', 'customers', '--decision', 'offer_approved', '--protected', 'gender', '--save', 'Offer audit']);
  cxwJson(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'age,monthly_spend,orders_12m', '--k', '3', '--name', 'Segments']);
  const services = createServices({ stateDir: join(dir, 'state'), workspacePath: ws, emit: () => undefined, useWorkers: false });
  try {
    for (const r of await services.handlers['results.list']({})) await services.handlers['deck.addSlides']({ deck: 'Workshop', resultId: r.id });
  } finally {
    services.dispose();
  }
  const db = openWorkspaceDb(ws);
  try {
    pii = [...collectPiiValues(db)];
  } finally {
    db.close();
  }
}, 300_000);

afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

const leaked = (text: string) => {
  const lower = text.toLowerCase();
  return pii.filter((v) => lower.includes(v.toLowerCase()));
};

describe.skipIf(!BUILT)('cxw deck and cxw report', () => {
  it('the fixture has groups under 10 and personal values to protect', () => {
    expect(tickets.groups.filter((g) => g.n < 10).map((g) => [g.group, g.n])).toEqual([
      ['9', 3],
      ['10', 4],
    ]);
    expect(pii.length).toBeGreaterThan(3000);
  });

  it('cxw deck list: {decks:[{name, slides}]} and a readable table', () => {
    // NPS (headline, by group) + audit (summary, verdicts, groups, disparity) + segmentation (cards, sizes).
    const { decks } = cxwJson<{ decks: { name: string; slides: number }[] }>(['deck', 'list', '--workspace', ws]);
    expect(decks).toEqual([expect.objectContaining({ name: 'Workshop', slides: 8 })]);
    const text = cxw(['deck', 'list', '--workspace', ws]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^name\s+slides\s+version\s+updated \(UTC\)\n[- ]+\nWorkshop\s+8\s+3\s+\d{4}-\d\d-\d\d \d\d:\d\d\n$/);
  });

  it('cxw deck export --format html: {file, slides, suppressed}; small groups suppressed; no personal value; no script', () => {
    const out = join(dir, 'deck.html');
    const r = cxwJson<ExportJson>(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--format', 'html', '--out', out]);
    expect(r).toMatchObject({ file: out, slides: 8, minCell: 10 });
    const small = r.suppressed.filter((s) => /fewer than 10/.test(s.reason) && !s.reason.startsWith('secondary'));
    // Each small group's NPS bar is withheld as a primary suppression ("NPS of 9"; eleven groups: the chart stands alone).
    for (const g of ['9', '10']) expect(small.some((s) => s.what === `NPS of ${g}`), `group ${g}: ${JSON.stringify(small)}`).toBe(true);
    // The two small groups together hold 3 + 4 = 7 answers, still under 10 (their combined NPS would be the overall
    // one minus the others'), so the next smallest group, "8", is withheld with them as a complement.
    const npsSlide = r.suppressed.filter((s) => s.slideTitle === 'NPS by support_tickets_12m');
    expect(npsSlide.map((s) => s.what).sort()).toEqual(['NPS of 10', 'NPS of 8', 'NPS of 9']);
    expect(npsSlide.find((s) => s.what === 'NPS of 8')?.reason).toMatch(/^secondary/);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(leaked(html)).toEqual([]);
    expect(html).toContain('fewer than 10');
  });

  it('never replaces a file without --force; --min-cell below 5 is refused; a higher threshold suppresses more', () => {
    const out = join(dir, 'taken.html');
    writeFileSync(out, 'keep me');
    const again = cxw(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--format', 'html', '--out', out, '--json']);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).error.code).toBe('FILE_EXISTS');
    expect(again.stderr).toMatch(/--force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const low = cxw(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--out', join(dir, 'low.html'), '--min-cell', '4']);
    expect(low.status).toBe(1);
    expect(low.stderr).toMatch(/cannot be below 5/);
    expect(existsSync(join(dir, 'low.html'))).toBe(false);
    const base = cxwJson<ExportJson>(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--format', 'html', '--out', out, '--force']);
    const strict = cxwJson<ExportJson>(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--out', join(dir, 'strict.html'), '--min-cell', '100']);
    expect(strict.minCell).toBe(100);
    expect(strict.suppressed.length).toBeGreaterThan(base.suppressed.length);
    const bare = cxw(['deck', '--workspace', ws]);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/^cxw: cxw deck needs list or export, not "--workspace": cxw deck list --workspace W/);
    const noFormat = cxw(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--out', join(dir, 'deck.doc')]);
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toMatch(/--format html\|pdf\|pptx is required/);
    const missing = cxw(['deck', 'export', '--workspace', ws, '--deck', 'Nope', '--out', join(dir, 'nope.html')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/There is no deck named “Nope”/);
  });

  it('cxw deck export --format pptx: a PowerPoint with one slide per deck slide (plus disclosure pages), no personal value', async () => {
    const out = join(dir, 'deck.pptx');
    const r = cxwJson<ExportJson>(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--format', 'pptx', '--out', out]);
    expect(r.slides).toBe(8);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides.length).toBeGreaterThanOrEqual(8);
    for (const f of Object.keys(zip.files).filter((x) => x.endsWith('.xml'))) expect(leaked(await zip.files[f].async('string')), f).toEqual([]);
  });

  it.skipIf(!existsSync(CHROMIUM) || spawnSync('pdftotext', ['-v']).error !== undefined)('cxw deck export --format pdf: a PDF without personal values', () => {
    const out = join(dir, 'deck.pdf');
    const r = cxwJson<ExportJson>(['deck', 'export', '--workspace', ws, '--deck', 'Workshop', '--format', 'pdf', '--out', out]);
    expect(r.slides).toBe(8);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The page text (poppler's pdftotext): the slides' words are there, personal values are not.
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('NPS by support_tickets_12m');
    expect(text.stdout).toContain('fewer than 10');
    expect(leaked(text.stdout)).toEqual([]);
  }, 120_000);

  it('cxw report: every saved result in one deck (not stored), exported with disclosure control', async () => {
    const out = join(dir, 'report.pptx');
    const r = cxwJson<ExportJson & { results: number }>(['report', '--workspace', ws, '--out', out]);
    // Title + data quality of "customers" + NPS (headline, by group) + audit (summary, verdicts, groups, disparity) + segmentation (cards, sizes).
    expect(r).toMatchObject({ file: out, results: 3, slides: 1 + 1 + 2 + 4 + 2 });
    expect(r.suppressed.some((s) => /fewer than 10/.test(s.reason))).toBe(true);
    const zip = await JSZip.loadAsync(readFileSync(out));
    for (const f of Object.keys(zip.files).filter((x) => x.endsWith('.xml'))) expect(leaked(await zip.files[f].async('string')), f).toEqual([]);
    const html = join(dir, 'report.html');
    const text = cxw(['report', '--workspace', ws, '--out', html]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Wrote a report of 3 saved results \(10 slides, HTML\) to /);
    expect(leaked(readFileSync(html, 'utf8'))).toEqual([]);
    // Not stored: the workspace still has the one deck.
    expect(cxwJson<{ decks: unknown[] }>(['deck', 'list', '--workspace', ws]).decks).toHaveLength(1);
    const log = cxw(['activity', '--workspace', ws]).stdout;
    expect(log).toMatch(/Exported a report of 3 saved results as PPTX/);
    expect(log).toMatch(/Exported the deck “Workshop” as HTML/);
  });
});
