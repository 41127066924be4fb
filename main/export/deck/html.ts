// A deck as one self-contained HTML page: readable offline in any browser, printable one slide per 16:9 page (the
// PDF export prints this very page), with no script, no external reference and a Content-Security-Policy that
// forbids loading anything but inline styles and data: images.
//
// "No external reference" is made checkable by a plain text search: apart from the CSP meta's own http-equiv, the
// file contains neither "http" nor "//". Text a person typed (a headline quoting a web address) is written with a
// character reference for one letter ("h&#116;tp", "/&#47;"), which the browser shows unchanged.
//
// Speaker notes are left out by default: this file is the handout that goes to the client, notes are the
// presenter's own words, and they are free text that disclosure control cannot judge number by number. Pass
// { notes: true } for a presenter's copy (collapsed <details>, hidden in print).
import type { SafeDeck, Slide } from '../../../shared/decks';
import { escapeXml as esc } from '../../../shared/slides/svg-kit';
import { closingPages, footerNote, type ClosingPage } from './closing';
import { renderBlockHtml } from './html-blocks';
import { DECK_CSS } from './html-style';

export const DECK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface DeckHtmlOptions {
  /** Include speaker notes (collapsed, not printed). Default false: the export is a handout. */
  notes?: boolean;
}

/** Make "http" and "//" in generated markup and text unmatchable by a text search without changing what is shown. */
export function neutraliseUrls(html: string): string {
  return html.replace(/(h)(t)(tp)/gi, (_m, h: string, t: string, tp: string) => `${h}&#${t.charCodeAt(0)};${tp}`).replace(/\/\//g, '/&#47;');
}

function footer(safe: SafeDeck, page: number, pages: number): string {
  return (
    `<footer><span class="deck">${esc(safe.deck.name)}</span><span class="disclosure">${esc(footerNote(safe.report.settings))}</span>` +
    `<span class="page">${page} / ${pages}</span></footer>`
  );
}

function slideHtml(slide: Slide, safe: SafeDeck, page: number, pages: number, opts: DeckHtmlOptions): string {
  const minCell = safe.report.settings.minCell;
  const blocks = slide.body ?? [];
  const split = blocks.length === 2 && blocks.some((b) => b.type === 'chart');
  const body = blocks.map((b) => renderBlockHtml(b, { minCell, split })).join('');
  const notes = opts.notes && slide.notes.trim() ? `<details class="notes"><summary>Speaker notes</summary>${esc(slide.notes)}</details>` : '';
  const kind = slide.kind === 'section' ? 'kind-section' : `kind-${esc(slide.kind.replace(/[^A-Za-z0-9-]/g, '-'))}`;
  return (
    `<section class="slide ${kind}" aria-label="${esc(`Slide ${page}: ${slide.title}`)}"><div class="slide-inner">` +
    `<header><h2>${esc(slide.title)}</h2>${slide.headline.trim() ? `<p class="headline">${esc(slide.headline)}</p>` : ''}</header>` +
    `<div class="slide-body${split ? ' split' : ''}">${body}${notes}</div>` +
    footer(safe, page, pages) +
    `</div></section>`
  );
}

function closingHtml(closing: ClosingPage, safe: SafeDeck, page: number, pages: number): string {
  const rows = closing.rows
    .map((r) => `<tr><td class="num">${r.slide}</td><td>${esc(r.slideTitle)}</td><td>${esc(r.what)}</td><td>${r.action === 'removed' ? 'removed: ' : ''}${esc(r.reason)}</td></tr>`)
    .join('');
  const table = closing.rows.length
    ? `<table class="data${closing.rows.length > 8 ? ' dense1' : ''}"><thead><tr><th class="num" scope="col">Slide</th><th scope="col">Title</th><th scope="col">What</th><th scope="col">Why</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return (
    `<section class="slide closing" aria-label="${esc(`Slide ${page}: ${closing.title}`)}"><div class="slide-inner">` +
    `<header><h2>${esc(closing.title)}</h2></header>` +
    `<div class="slide-body">${closing.note ? `<p class="note">${esc(closing.note)}</p>` : ''}${table}</div>` +
    footer(safe, page, pages) +
    `</div></section>`
  );
}

export function renderDeckHtml(safe: SafeDeck, opts: DeckHtmlOptions = {}): string {
  const closings = closingPages(safe.report);
  const pages = safe.deck.slides.length + closings.length;
  const parts: string[] = [];
  parts.push(
    `<header class="deck-head"><h1>${esc(safe.deck.name)}</h1><div>${safe.deck.slides.length} slides · last changed ${esc(safe.deck.updatedAt.slice(0, 10))} · ${esc(footerNote(safe.report.settings))}</div></header>`,
  );
  safe.deck.slides.forEach((slide, i) => parts.push(slideHtml(slide, safe, i + 1, pages, opts)));
  closings.forEach((c, i) => parts.push(closingHtml(c, safe, safe.deck.slides.length + i + 1, pages)));
  const body = neutraliseUrls(`<title>${esc(safe.deck.name)}</title><style>${DECK_CSS}</style></head><body><main>${parts.join('')}</main></body></html>`);
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${DECK_CSP}">` +
    '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    body
  );
}
