// Deck PDFs in the Electron app (main/electron/print-pdf.ts) with a fake window: the deck's HTML is loaded as a
// data: URL whose bytes are exactly the HTML, printed with the export's own page size, and the window is destroyed
// whether printing works or fails. Expected values written by hand.
import { describe, expect, it, vi } from 'vitest';
import { htmlDataUrl, makePdfPrinter, type PrintWindow } from '../../../main/electron/print-pdf';

function fakeWindow(print: () => Promise<Uint8Array>) {
  const state = { loaded: '', destroyed: false };
  const win: PrintWindow = {
    loadURL: vi.fn(async (url: string) => {
      state.loaded = url;
    }),
    webContents: { printToPDF: vi.fn(print) },
    destroy: vi.fn(() => {
      state.destroyed = true;
    }),
    isDestroyed: () => state.destroyed,
  };
  return { win, state };
}

describe('makePdfPrinter', () => {
  it('loads the HTML as a data: URL, prints with the CSS page size and backgrounds, returns the bytes, destroys the window', async () => {
    const { win, state } = fakeWindow(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    const pdf = await makePdfPrinter(() => win)('<h1>Q3 — “NPS”</h1>');
    expect(pdf.toString('latin1')).toBe('%PDF');
    expect(state.loaded.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(state.loaded.split(',')[1], 'base64').toString('utf8')).toBe('<h1>Q3 — “NPS”</h1>');
    expect(win.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, preferCSSPageSize: true });
    expect(state.destroyed).toBe(true);
  });

  it('destroys the window when printing fails, and passes the error on', async () => {
    const { win, state } = fakeWindow(async () => {
      throw new Error('printing failed');
    });
    await expect(makePdfPrinter(() => win)('<p>x</p>')).rejects.toThrow('printing failed');
    expect(state.destroyed).toBe(true);
  });

  it('htmlDataUrl keeps every byte (non-ASCII included)', () => {
    expect(htmlDataUrl('é')).toBe('data:text/html;charset=utf-8;base64,w6k=');
  });
});
