// Deck PDFs in the Electron app: the deck's self-contained HTML (no script, no URL, its own CSP) printed by an
// invisible window with webContents.printToPDF — the app's own Chromium, where a laptop may have no other. The
// window comes from window.ts (hardened, JavaScript off); this part is pure and unit-tested with a fake window.

/** What printing needs of a BrowserWindow (Electron's satisfies it). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: { printToPDF(options: { printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array> };
  destroy(): void;
  isDestroyed(): boolean;
}

/** The HTML as a data: URL (the session lets data: through; the page's CSP meta forbids scripts and fetches). */
export function htmlDataUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

/** A printer for ServiceOptions.printPdf: one window per export, always destroyed, pages sized by the HTML's CSS. */
export function makePdfPrinter(createWindow: () => PrintWindow): (html: string) => Promise<Buffer> {
  return async (html) => {
    const win = createWindow();
    try {
      await win.loadURL(htmlDataUrl(html));
      // preferCSSPageSize: the export's @page rule makes each slide one 16:9 page, as the browser's print does.
      const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
      return Buffer.from(pdf);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };
}
