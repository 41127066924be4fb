// A deck as a PowerPoint file: one native 16:9 slide per deck slide (title, headline, tables as real tables,
// bar/line/scatter/funnel as native charts, flows as shapes), the speaker notes in the notes pane with the slide's
// source, the disclosure note in every footer and on closing "About these numbers" slides. Speaks only the adapter's
// interface (pptx-adapter.ts), never pptxgenjs itself.
import type { Cell, Figure, SafeDeck, Slide, SlideBlock } from '../../../shared/decks';
import { formatFigure, formatInterval } from '../../../shared/slides/format';
import { closingPages, footerNote, type ClosingPage } from './closing';
import { drawChart, withheldInChart } from './pptx-charts';
import { SLIDE_H, SLIDE_W, createDeckWriter, type Frame, type SlideWriter, type TableCell, type TextRun } from './pptx-adapter';

const MARGIN = 0.45;
const BODY: Frame = { x: MARGIN, y: 1.38, w: SLIDE_W - 2 * MARGIN, h: 3.72 };
const INK = '#111111';
const MUTED = '#555555';
const ACCENT = '#0072B2';
const HEADLINE = '#004C7A';
const TONES: Record<string, string> = { positive: '#009E73', negative: '#D55E00', neutral: ACCENT };

const isFigure = (c: Cell | undefined): c is Figure => typeof c === 'object' && c !== null && 'format' in c;

function cell(c: Cell | undefined, minCell: number, align?: 'left' | 'right'): TableCell {
  if (c === undefined || c === null) return { text: '' };
  if (isFigure(c)) return { text: formatFigure(c, minCell), align: align ?? 'right', italic: Boolean(c.suppressed), color: c.suppressed ? MUTED : undefined };
  return { text: c, align: align ?? 'left' };
}

/** Column widths in proportion to the longest text in each column (within bounds), filling `width`. */
function columnWidths(rows: TableCell[][], width: number): number[] {
  const n = rows[0]?.length ?? 1;
  const weights = Array.from({ length: n }, (_, i) => {
    let longest = 4;
    for (const r of rows) longest = Math.max(longest, Array.from(r[i]?.text ?? '').length);
    return Math.min(40, longest);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * width);
}

const tableSize = (rows: number) => (rows > 14 ? 8 : rows > 8 ? 10 : 12);

function drawBlock(slide: SlideWriter, block: SlideBlock, frame: Frame, minCell: number): void {
  switch (block.type) {
    case 'figures': {
      const n = Math.max(1, block.items.length);
      const w = frame.w / n;
      block.items.forEach((item, i) => {
        const x = frame.x + i * w;
        slide.rect({ x, y: frame.y, w: 0.06, h: 1.3 }, { fill: item.figure.suppressed ? '#888888' : ACCENT });
        const runs: TextRun[] = [
          { text: formatFigure({ ...item.figure, ci: null }, minCell), size: item.figure.suppressed ? 20 : 34, bold: true, italic: Boolean(item.figure.suppressed), color: item.figure.suppressed ? MUTED : INK, breakLine: true },
        ];
        const interval = formatInterval(item.figure);
        if (interval) runs.push({ text: `95% interval ${interval}`, size: 12, color: '#333333', breakLine: true });
        runs.push({ text: item.label, size: 15, breakLine: Boolean(item.note) });
        if (item.note) runs.push({ text: item.note, size: 11, color: MUTED });
        slide.text(runs, { x: x + 0.15, y: frame.y, w: w - 0.3, h: Math.min(frame.h, 1.6) }, { size: 15, shrink: true });
      });
      return;
    }
    case 'table': {
      const head: TableCell[] = block.columns.map((c) => ({ text: c.label, align: c.align ?? 'left', bold: true }));
      const rows = block.rows.map((r) => block.columns.map((c) => cell(r[c.key], minCell, c.align)));
      if (block.total) rows.push(block.columns.map((c) => ({ ...cell(block.total![c.key], minCell, c.align), bold: true })));
      const all = [head, ...rows];
      const caption = block.caption ? 0.3 : 0;
      slide.table(all, { ...frame, h: frame.h - caption }, { size: tableSize(all.length), colW: columnWidths(all, frame.w), headerRows: 1 });
      if (block.caption) slide.text(block.caption, { x: frame.x, y: frame.y + frame.h - caption, w: frame.w, h: caption }, { size: 10, color: MUTED, valign: 'bottom' });
      return;
    }
    case 'crosstab': {
      const head: TableCell[] = [{ text: `${block.rowTitle} ↓ · ${block.columnTitle} →`, bold: false, color: '#333333' }, ...block.columnKeys.map((k) => ({ text: k, align: 'right' as const, bold: true }))];
      const rows = block.rowKeys.map((k, r) => [{ text: k, bold: true }, ...block.columnKeys.map((_, c) => cell(block.counts[r]?.[c] ?? null, minCell, 'right'))]);
      const all = [head, ...rows];
      const caption = block.caption ? 0.3 : 0;
      slide.table(all, { ...frame, h: frame.h - caption }, { size: tableSize(all.length), colW: columnWidths(all, frame.w), headerRows: 1 });
      if (block.caption) slide.text(block.caption, { x: frame.x, y: frame.y + frame.h - caption, w: frame.w, h: caption }, { size: 10, color: MUTED, valign: 'bottom' });
      return;
    }
    case 'chart': {
      const captionH = 0.42;
      const extra = drawChart(slide, block.chart, { ...frame, h: frame.h - captionH }, minCell);
      const withheld = withheldInChart(block.chart, minCell);
      const parts = [block.title, ...extra];
      if (withheld.length) parts.push(`Not shown: ${withheld.join('; ')}`);
      slide.text(parts.join(' · '), { x: frame.x, y: frame.y + frame.h - captionH, w: frame.w, h: captionH }, { size: 9, color: MUTED, valign: 'bottom', shrink: true });
      return;
    }
    case 'cards': {
      const n = Math.max(1, block.cards.length);
      const cols = Math.min(4, n);
      const rowsN = Math.ceil(n / cols);
      const gap = 0.18;
      const w = (frame.w - gap * (cols - 1)) / cols;
      const h = Math.min(2.6, (frame.h - gap * (rowsN - 1)) / rowsN);
      block.cards.forEach((card, i) => {
        const x = frame.x + (i % cols) * (w + gap);
        const y = frame.y + Math.floor(i / cols) * (h + gap);
        slide.rect({ x, y, w, h }, { fill: '#FAFAFA', line: '#BBBBBB', lineWidth: 0.75 });
        slide.rect({ x, y, w, h: 0.07 }, { fill: TONES[card.tone ?? 'neutral'] ?? ACCENT });
        const runs: TextRun[] = [{ text: card.title, bold: true, size: 15, breakLine: true }];
        if (card.figure) runs.push({ text: formatFigure(card.figure, minCell), bold: !card.figure.suppressed, italic: Boolean(card.figure.suppressed), size: card.figure.suppressed ? 14 : 22, color: card.figure.suppressed ? MUTED : INK, breakLine: true });
        card.lines.forEach((line, li) => runs.push({ text: line, size: 12, bullet: true, breakLine: li < card.lines.length - 1 }));
        slide.text(runs, { x: x + 0.08, y: y + 0.12, w: w - 0.16, h: h - 0.16 }, { size: 12, shrink: true });
      });
      return;
    }
    case 'text': {
      const runs: TextRun[] = [];
      block.paragraphs.forEach((p) => runs.push({ text: p, size: 18, breakLine: true }));
      (block.bullets ?? []).forEach((b) => runs.push({ text: b, size: 18, bullet: true, breakLine: true }));
      if (runs.length) runs[runs.length - 1].breakLine = false;
      slide.text(runs, frame, { size: 18, shrink: true });
      return;
    }
    default:
      slide.text(`This block (${String((block as { type: unknown }).type)}) cannot be shown by this version.`, frame, { size: 14, italic: true, color: MUTED });
  }
}

/** Frames for a slide's blocks: two side by side when one is a chart, else stacked (charts and tables get more). */
function blockFrames(blocks: SlideBlock[]): Frame[] {
  if (blocks.length === 2 && blocks.some((b) => b.type === 'chart')) {
    const w = (BODY.w - 0.3) / 2;
    return [
      { ...BODY, w },
      { ...BODY, x: BODY.x + w + 0.3, w },
    ];
  }
  const weight = (b: SlideBlock) => (b.type === 'chart' || b.type === 'table' || b.type === 'crosstab' || b.type === 'cards' ? 3 : b.type === 'figures' ? 1.6 : 1);
  const total = blocks.reduce((a, b) => a + weight(b), 0) || 1;
  const gap = 0.15;
  const room = BODY.h - gap * Math.max(0, blocks.length - 1);
  let y = BODY.y;
  return blocks.map((b) => {
    const h = (weight(b) / total) * room;
    const f = { ...BODY, y, h };
    y += h + gap;
    return f;
  });
}

function footer(slide: SlideWriter, safe: SafeDeck, page: number, pages: number, dark = false): void {
  const colour = dark ? '#DDE8F0' : MUTED;
  const y = SLIDE_H - 0.36;
  slide.text(safe.deck.name, { x: MARGIN, y, w: 2.6, h: 0.26 }, { size: 8, color: colour });
  slide.text(footerNote(safe.report.settings), { x: MARGIN + 2.6, y, w: SLIDE_W - 2 * MARGIN - 3.4, h: 0.26 }, { size: 8, color: colour, align: 'center' });
  slide.text(`${page} / ${pages}`, { x: SLIDE_W - MARGIN - 0.8, y, w: 0.8, h: 0.26 }, { size: 8, color: colour, align: 'right' });
}

function notesText(slide: Slide): string {
  const src = slide.source ? `Source: saved result "${slide.source.resultName}" (${slide.source.dataset}), snapshot of ${slide.source.snapshotAt.slice(0, 10)}.` : '';
  return [slide.notes.trim(), src].filter(Boolean).join('\n\n');
}

function drawSlide(w: SlideWriter, slide: Slide, safe: SafeDeck, page: number, pages: number): void {
  const minCell = safe.report.settings.minCell;
  if (slide.kind === 'section') {
    w.background('#0B3954');
    w.text(slide.title, { x: MARGIN, y: 1.6, w: SLIDE_W - 2 * MARGIN, h: 1.1 }, { size: 40, bold: true, color: '#FFFFFF', valign: 'bottom', shrink: true });
    if (slide.headline.trim()) w.text(slide.headline, { x: MARGIN, y: 2.8, w: SLIDE_W - 2 * MARGIN, h: 0.8 }, { size: 20, color: '#DDE8F0', shrink: true });
    footer(w, safe, page, pages, true);
  } else {
    w.text(slide.title, { x: MARGIN, y: 0.25, w: SLIDE_W - 2 * MARGIN, h: 0.6 }, { size: 26, bold: true, color: '#000000', valign: 'middle', shrink: true });
    if (slide.headline.trim()) w.text(slide.headline, { x: MARGIN, y: 0.85, w: SLIDE_W - 2 * MARGIN, h: 0.42 }, { size: 15, bold: true, color: HEADLINE, valign: 'middle', shrink: true });
    const blocks = slide.body ?? [];
    blockFrames(blocks).forEach((frame, i) => drawBlock(w, blocks[i], frame, minCell));
    footer(w, safe, page, pages);
  }
  w.notes(notesText(slide));
}

function drawClosing(w: SlideWriter, closing: ClosingPage, safe: SafeDeck, page: number, pages: number): void {
  w.text(closing.title, { x: MARGIN, y: 0.25, w: SLIDE_W - 2 * MARGIN, h: 0.6 }, { size: 26, bold: true, color: '#000000', valign: 'middle' });
  let y = 0.95;
  if (closing.note) {
    w.text(closing.note, { x: MARGIN, y, w: SLIDE_W - 2 * MARGIN, h: 0.75 }, { size: 13, shrink: true });
    y += 0.85;
  }
  if (closing.rows.length) {
    const rows: TableCell[][] = [
      [{ text: 'Slide', align: 'right' }, { text: 'Title' }, { text: 'What' }, { text: 'Why' }],
      ...closing.rows.map((r) => [{ text: String(r.slide), align: 'right' as const }, { text: r.slideTitle }, { text: r.what }, { text: `${r.action === 'removed' ? 'removed: ' : ''}${r.reason}` }]),
    ];
    const width = SLIDE_W - 2 * MARGIN;
    closingTable(w, rows, { x: MARGIN, y, w: width, h: SLIDE_H - 0.5 - y }, [0.07, 0.25, 0.3, 0.38].map((s) => s * width));
  }
  w.notes(closing.note ?? '');
  footer(w, safe, page, pages);
}

function closingTable(w: SlideWriter, rows: TableCell[][], frame: Frame, colW: number[]): void {
  w.table(rows, frame, { size: rows.length > 9 ? 9 : 11, colW, headerRows: 1 });
}

export async function renderDeckPptx(safe: SafeDeck): Promise<Buffer> {
  const writer = createDeckWriter({ title: safe.deck.name, subject: footerNote(safe.report.settings) });
  const closings = closingPages(safe.report);
  const pages = safe.deck.slides.length + closings.length;
  safe.deck.slides.forEach((slide, i) => drawSlide(writer.addSlide(), slide, safe, i + 1, pages));
  closings.forEach((c, i) => drawClosing(writer.addSlide(), c, safe, safe.deck.slides.length + i + 1, pages));
  return writer.write();
}
