// exportDeck's PDF path with the host's own printer (the Electron app passes webContents.printToPDF as printPdf):
// the printer receives exactly the deck's self-contained HTML — the same page the HTML export writes — and its
// bytes become the export; no Chromium is started. Fixture: tests/fixtures/decks/sample-deck.ts (hand-made).
import { describe, expect, it } from 'vitest';
import { deckFileName, exportDeck, renderDeckHtml } from '../../../main/export/deck';
import { SAMPLE_DECK } from '../../fixtures/decks/sample-deck';

describe('exportDeck with a host printer', () => {
  it('prints the deck HTML with the given printer and returns its bytes as base64', async () => {
    const printed: string[] = [];
    const out = await exportDeck(SAMPLE_DECK, 'pdf', {
      chromiumPath: '/nonexistent/chromium',
      printPdf: async (html) => {
        printed.push(html);
        return Buffer.from('%PDF-1.7 fake');
      },
    });
    expect(printed).toEqual([renderDeckHtml(SAMPLE_DECK)]);
    expect(printed[0]).not.toMatch(/<script/i);
    expect(out).toMatchObject({ fileName: deckFileName(SAMPLE_DECK.deck.name, 'pdf'), encoding: 'base64', slides: SAMPLE_DECK.deck.slides.length });
    expect(Buffer.from(out.data, 'base64').toString('latin1')).toBe('%PDF-1.7 fake');
    expect(out.report).toBe(SAMPLE_DECK.report);
  });
});
