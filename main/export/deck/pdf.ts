// A deck's HTML export printed to PDF by a headless Chromium (the CLI's and the browser host's path; the Electron
// window can print the same page with webContents.printToPDF). The page's own print stylesheet makes one slide per
// 16:9 landscape page, so what prints is what the HTML shows.
//
// The browser runs with the network closed: a proxy that does not exist, every host name unresolvable, background
// services (updates, sync, safe browsing, metrics) off, and a throw-away profile inside a temporary folder that is
// removed afterwards together with the HTML and the PDF.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/errors';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
const TIMEOUT_MS = 120_000;

export interface DeckPdfOptions {
  /** A Chrome or Chromium executable; else $CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
}

/** The Chromium to use, or a clear error saying what is missing and how to provide it. */
export function findChromium(explicit?: string): string {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  const candidate = explicit?.trim() || fromEnv || DEFAULT_CHROMIUM_PATH;
  const source = explicit?.trim() ? 'the given Chromium path' : fromEnv ? 'CHROMIUM_PATH' : 'the default location';
  let ok = false;
  try {
    ok = existsSync(candidate) && statSync(candidate).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new AppError(
      'FILE_NOT_FOUND',
      `PDF export needs Chromium or Google Chrome, and none was found at ${candidate} (${source}). Install Chromium ` +
        `(Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chrome/Chromium executable. ` +
        `HTML and PowerPoint exports do not need it.`,
      { file: candidate, variable: 'CHROMIUM_PATH' },
    );
  }
  return candidate;
}

/** Flags that keep the printing browser off the network and out of the user's profile. */
export function chromiumPrintArgs(profileDir: string, pdfPath: string, htmlUrl: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    `--user-data-dir=${profileDir}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-client-side-phishing-detection',
    '--disable-breakpad',
    '--metrics-recording-only',
    '--disable-quic',
    '--no-pings',
    // Network off: every host resolves to nothing and every proxied request goes to a closed port.
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--proxy-server=127.0.0.1:9',
    '--mute-audio',
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfPath}`,
    htmlUrl,
  ];
}

function run(file: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 8 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ code, stderr: String(stderr ?? '') });
    });
  });
}

export async function renderDeckPdf(html: string, opts: DeckPdfOptions = {}): Promise<Buffer> {
  const chromium = findChromium(opts.chromiumPath);
  const dir = mkdtempSync(join(tmpdir(), 'cxw-deck-pdf-'));
  try {
    const htmlPath = join(dir, 'deck.html');
    const pdfPath = join(dir, 'deck.pdf');
    writeFileSync(htmlPath, html, 'utf8');
    const { code, stderr } = await run(chromium, chromiumPrintArgs(join(dir, 'profile'), pdfPath, pathToFileURL(htmlPath).href));
    if (!existsSync(pdfPath) || statSync(pdfPath).size === 0) {
      const tail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
      throw new AppError('INTERNAL', `Chromium (${chromium}) did not produce the PDF (exit ${code ?? 'killed'}).${tail ? ` It said: ${tail}` : ''}`);
    }
    return readFileSync(pdfPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
