// Deck exports: a SafeDeck (disclosure control already applied by main/disclosure) to an HTML page, a PDF or a
// PowerPoint file, ready to be returned by `deck.export` or written by `cxw deck export`.
import type { DeckExport, ExportFormat, SafeDeck } from '../../../shared/decks';
import { AppError } from '../../../shared/errors';
import { renderDeckHtml } from './html';
import { renderDeckPdf } from './pdf';

export { renderDeckHtml, type DeckHtmlOptions } from './html';
export { renderDeckPdf, findChromium, type DeckPdfOptions } from './pdf';
export { exportPageCount } from './closing';

export interface ExportDeckOptions {
  /** PDF only: the Chromium to print with (else $CHROMIUM_PATH, else /usr/bin/chromium). */
  chromiumPath?: string;
  /** HTML only: include speaker notes (default false: the HTML is a handout). */
  notes?: boolean;
  /**
   * PDF only: print the HTML with the host's own engine (the Electron app: webContents.printToPDF, where no separate
   * Chromium may exist); without it a headless Chromium is started (the browser host and the CLI).
   */
  printPdf?: (html: string) => Promise<Buffer>;
}

const EXTENSIONS: Record<ExportFormat, string> = { html: 'html', pdf: 'pdf', pptx: 'pptx' };

/** A file name from the deck's name: letters, digits, spaces, dots, dashes and underscores only; never empty. */
export function deckFileName(name: string, format: ExportFormat): string {
  const base = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, 100)
    .trim();
  return `${base || 'deck'}.${EXTENSIONS[format]}`;
}

export async function exportDeck(safe: SafeDeck, format: ExportFormat, opts: ExportDeckOptions = {}): Promise<DeckExport> {
  const common = { fileName: deckFileName(safe.deck.name, format), slides: safe.deck.slides.length, report: safe.report };
  switch (format) {
    case 'html':
      return { ...common, data: renderDeckHtml(safe, { notes: opts.notes }), encoding: 'utf8' };
    case 'pdf': {
      const html = renderDeckHtml(safe);
      const pdf = opts.printPdf ? await opts.printPdf(html) : await renderDeckPdf(html, { chromiumPath: opts.chromiumPath });
      return { ...common, data: pdf.toString('base64'), encoding: 'base64' };
    }
    case 'pptx': {
      // Loaded when a deck is exported as PowerPoint: pptxgenjs and JSZip cost ~0.1 s to load, which every
      // `cxw` command paid at start-up (the services import this module).
      const { renderDeckPptx } = await import('./pptx');
      const pptx = await renderDeckPptx(safe);
      return { ...common, data: pptx.toString('base64'), encoding: 'base64' };
    }
    default:
      throw new AppError('BAD_ARGUMENTS', `Unknown export format "${String(format)}": use html, pdf or pptx.`);
  }
}
