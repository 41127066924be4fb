// One slide block as HTML (figures, tables, cross-tabs, charts, cards, text). Every string goes through escapeXml;
// every number through formatFigure, so a withheld figure can only ever print its words ("fewer than 10").
import type { Cell, Figure, SlideBlock } from '../../../shared/decks';
import { formatFigure, formatInterval } from '../../../shared/slides/format';
import { renderChartSvg } from '../../../shared/slides/svg-chart';
import { escapeXml as esc } from '../../../shared/slides/svg-kit';

export interface BlockContext {
  minCell: number;
  /** The block shares the slide with another one, side by side. */
  split: boolean;
}

function isFigure(cell: Cell): cell is Figure {
  return typeof cell === 'object' && cell !== null && 'format' in cell;
}

function figureHtml(f: Figure, minCell: number): string {
  const text = esc(formatFigure(f, minCell));
  return f.suppressed ? `<span class="withheld">${text}</span>` : text;
}

function cellHtml(cell: Cell | undefined, minCell: number, tag: 'td' | 'th', align?: 'left' | 'right'): string {
  if (cell === undefined || cell === null) return `<${tag}></${tag}>`;
  const right = align === 'right' || (align === undefined && isFigure(cell));
  const cls = right ? ' class="num"' : '';
  return `<${tag}${cls}>${isFigure(cell) ? figureHtml(cell, minCell) : esc(cell)}</${tag}>`;
}

/** Denser type for longer tables, so a slide's table still fits its 16:9 page. */
function density(rows: number): string {
  return rows > 14 ? ' dense2' : rows > 8 ? ' dense1' : '';
}

export function renderBlockHtml(block: SlideBlock, ctx: BlockContext): string {
  const { minCell } = ctx;
  switch (block.type) {
    case 'figures':
      return (
        `<div class="block figures">` +
        block.items
          .map(
            (item) =>
              `<div class="figure${item.figure.suppressed ? ' is-withheld' : ''}"><div class="figure-value">${figureHtml({ ...item.figure, ci: null }, minCell)}</div>` +
              (formatInterval(item.figure) ? `<div class="figure-ci">95% interval ${esc(formatInterval(item.figure))}</div>` : '') +
              `<div class="figure-label">${esc(item.label)}</div>${item.note ? `<div class="figure-note">${esc(item.note)}</div>` : ''}</div>`,
          )
          .join('') +
        `</div>`
      );
    case 'table': {
      const head = `<tr>${block.columns.map((c) => `<th${c.align === 'right' ? ' class="num"' : ''} scope="col">${esc(c.label)}</th>`).join('')}</tr>`;
      const body = block.rows.map((row) => `<tr>${block.columns.map((c) => cellHtml(row[c.key], minCell, 'td', c.align)).join('')}</tr>`).join('');
      const total = block.total ? `<tfoot><tr>${block.columns.map((c) => cellHtml(block.total![c.key], minCell, 'td', c.align)).join('')}</tr></tfoot>` : '';
      const caption = block.caption ? `<caption>${esc(block.caption)}</caption>` : '';
      return `<div class="block table-wrap"><table class="data${density(block.rows.length)}">${caption}<thead>${head}</thead><tbody>${body}</tbody>${total}</table></div>`;
    }
    case 'crosstab': {
      const corner = `<th scope="col" class="corner">${esc(block.rowTitle)} ↓ · ${esc(block.columnTitle)} →</th>`;
      const head = `<tr>${corner}${block.columnKeys.map((k) => `<th scope="col" class="num">${esc(k)}</th>`).join('')}</tr>`;
      const body = block.rowKeys
        .map((k, r) => `<tr><th scope="row">${esc(k)}</th>${block.columnKeys.map((_, c) => cellHtml(block.counts[r]?.[c] ?? null, minCell, 'td', 'right')).join('')}</tr>`)
        .join('');
      const caption = block.caption ? `<caption>${esc(block.caption)}</caption>` : '';
      return `<div class="block table-wrap"><table class="data crosstab${density(block.rowKeys.length)}">${caption}<thead>${head}</thead><tbody>${body}</tbody></table></div>`;
    }
    case 'chart': {
      const [width, height] = ctx.split ? [620, 500] : [1160, 480];
      const svg = renderChartSvg(block.chart, { width, height, theme: 'light', title: block.title, summary: block.summary, minCell });
      return `<figure class="block chart">${svg}<figcaption>${esc(block.title)}</figcaption></figure>`;
    }
    case 'cards':
      return (
        `<div class="block cards cards-${Math.min(4, Math.max(1, block.cards.length))}">` +
        block.cards
          .map(
            (card) =>
              `<div class="card tone-${card.tone ?? 'neutral'}"><div class="card-title">${esc(card.title)}</div>` +
              (card.figure ? `<div class="card-figure">${figureHtml(card.figure, minCell)}</div>` : '') +
              (card.lines.length ? `<ul>${card.lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : '') +
              `</div>`,
          )
          .join('') +
        `</div>`
      );
    case 'text':
      return (
        `<div class="block text">${block.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}` +
        (block.bullets?.length ? `<ul>${block.bullets.map((b) => `<li>${esc(b)}</li>`).join('')}</ul>` : '') +
        `</div>`
      );
    default:
      // An unknown block type from a newer app version: say so rather than drop it silently.
      return `<div class="block text"><p class="withheld">This block (${esc(String((block as { type: unknown }).type))}) cannot be shown by this version.</p></div>`;
  }
}
