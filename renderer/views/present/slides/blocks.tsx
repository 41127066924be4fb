// One renderer per block type of shared/decks.ts, drawn on the slide's 1920 × 1080 canvas (slide.css sizes them in
// canvas pixels, so at 1920 × 1080 a pixel here is a pixel on the projector). Numbers go through formatFigure
// (shared/slides/format.ts): the projector, the HTML/PDF and the PowerPoint say the same thing.
import { useLayoutEffect, useRef, useState } from 'react';
import type { Cell, Figure, SlideBlock } from '../../../../shared/decks';
import { formatFigure, formatInterval, formatValue, isDrawable } from '../../../../shared/slides/format';
import { renderChartSvg } from '../../../../shared/slides/svg-chart';

type Props<T extends SlideBlock['type']> = { block: Extract<SlideBlock, { type: T }>; minCell: number; slideBase?: number };

/** slideBase: the people the slide's result covers; a figure's own base is shown only when it differs. */
export function Block({ block, minCell, slideBase }: { block: SlideBlock; minCell: number; slideBase?: number }) {
  switch (block.type) {
    case 'figures':
      return <FiguresBlock block={block} minCell={minCell} slideBase={slideBase} />;
    case 'table':
      return <TableBlock block={block} minCell={minCell} />;
    case 'crosstab':
      return <CrosstabBlock block={block} minCell={minCell} />;
    case 'chart':
      return <ChartBlock block={block} minCell={minCell} />;
    case 'cards':
      return <CardsBlock block={block} minCell={minCell} />;
    case 'text':
      return <TextBlock block={block} />;
    default:
      return null;
  }
}

function isFigure(c: Cell): c is Figure {
  return typeof c === 'object' && c !== null;
}

/** A figure as text, marked when withheld so the eye (and the tests) can tell. */
export function FigureText({ f, minCell }: { f: Figure; minCell: number }) {
  return (
    <span className={f.suppressed ? 'cxs-suppressed' : undefined} data-suppressed={f.suppressed}>
      {formatFigure(f, minCell)}
    </span>
  );
}

const baseText = (n: number) => `n = ${formatValue(n, 'count')}`;

function FiguresBlock({ block, minCell, slideBase }: Props<'figures'>) {
  return (
    <div className="cxs-figures" data-count={Math.min(block.items.length, 5)}>
      {block.items.map((item, i) => {
        const f = item.figure;
        const drawable = isDrawable(f);
        return (
          <div className="cxs-figure" key={i}>
            <div className={drawable ? 'cxs-figure-value' : 'cxs-figure-value is-withheld'} data-suppressed={f.suppressed}>
              {drawable ? `${f.roundedTo ? '≈ ' : ''}${formatValue(f.value, f.format, f.digits)}` : formatFigure(f, minCell)}
            </div>
            <div className="cxs-figure-label">{item.label}</div>
            {drawable && formatInterval(f) && <div className="cxs-figure-meta">95% interval {formatInterval(f).slice(1, -1)}</div>}
            {(item.note || (f.base !== undefined && f.base !== slideBase)) && (
              <div className="cxs-figure-meta">{[item.note, f.base !== undefined && f.base !== slideBase ? baseText(f.base) : null].filter(Boolean).join(' · ')}</div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function CellText({ cell, minCell }: { cell: Cell; minCell: number }) {
  if (cell === null || cell === undefined) return <span className="cxs-empty">—</span>;
  if (isFigure(cell)) return <FigureText f={cell} minCell={minCell} />;
  return <>{cell}</>;
}

function TableBlock({ block, minCell }: Props<'table'>) {
  const align = (key: string, i: number) => {
    const col = block.columns.find((c) => c.key === key);
    if (col?.align) return col.align;
    return i > 0 && block.rows.some((r) => isFigure(r[key] ?? null)) ? 'right' : 'left';
  };
  const dense = block.rows.length > 9;
  return (
    <figure className="cxs-table-wrap">
      <table className={dense ? 'cxs-table is-dense' : 'cxs-table'}>
        <thead>
          <tr>
            {block.columns.map((c, i) => (
              <th key={c.key} scope="col" style={{ textAlign: align(c.key, i) }}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, r) => (
            <tr key={r}>
              {block.columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.key} scope="row" style={{ textAlign: align(c.key, i) }}>
                    <CellText cell={row[c.key] ?? null} minCell={minCell} />
                  </th>
                ) : (
                  <td key={c.key} style={{ textAlign: align(c.key, i) }} className={isFigure(row[c.key] ?? null) ? 'is-num' : undefined}>
                    <CellText cell={row[c.key] ?? null} minCell={minCell} />
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {block.total && (
          <tfoot>
            <tr>
              {block.columns.map((c, i) => (
                <td key={c.key} style={{ textAlign: align(c.key, i) }}>
                  <CellText cell={block.total![c.key] ?? null} minCell={minCell} />
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {block.caption && <figcaption className="cxs-caption">{block.caption}</figcaption>}
    </figure>
  );
}

function CrosstabBlock({ block, minCell }: Props<'crosstab'>) {
  return (
    <figure className="cxs-table-wrap">
      <table className={block.rowKeys.length > 9 || block.columnKeys.length > 6 ? 'cxs-table is-dense' : 'cxs-table'}>
        <thead>
          <tr>
            <th scope="col" className="cxs-corner">
              {block.rowTitle} ↓ · {block.columnTitle} →
            </th>
            {block.columnKeys.map((k) => (
              <th key={k} scope="col" style={{ textAlign: 'right' }}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rowKeys.map((rk, r) => (
            <tr key={rk}>
              <th scope="row">{rk}</th>
              {block.columnKeys.map((ck, c) => (
                <td key={ck} style={{ textAlign: 'right' }}>
                  {block.counts[r]?.[c] ? <FigureText f={block.counts[r][c]} minCell={minCell} /> : '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {block.caption && <figcaption className="cxs-caption">{block.caption}</figcaption>}
    </figure>
  );
}

function ChartBlock({ block, minCell }: Props<'chart'>) {
  // The chart is drawn at the size its box has on the 1920 × 1080 canvas (offset sizes ignore the thumbnail's
  // scaling), with the projector theme: no text under 24 px at 1920 × 1080.
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const w = Math.round(el.offsetWidth);
    const h = Math.round(el.offsetHeight);
    if (w >= 100 && h >= 60 && (w !== size?.w || h !== size?.h)) setSize({ w, h });
  });
  let markup = '';
  if (size) {
    try {
      markup = renderChartSvg(block.chart, { width: size.w, height: size.h, theme: 'projector', title: block.title, summary: block.summary, minCell });
    } catch {
      markup = '';
    }
  }
  // Why injecting markup is safe here: renderChartSvg (shared/slides, the same renderer as the HTML export) builds
  // the SVG from the slide's numbers and labels only and escapes every string it writes (escapeXml: & < > " '), so
  // no label can open an element or an attribute; it writes no <script>, no event attribute, no external
  // reference. The app's CSP (script-src 'self') would refuse an inline script even if one slipped through.
  return (
    <figure className="cxs-chart">
      {block.title && <figcaption className="cxs-chart-title">{block.title}</figcaption>}
      <div ref={box} className="cxs-chart-svg" role={markup ? undefined : 'img'} aria-label={markup ? undefined : block.summary} dangerouslySetInnerHTML={{ __html: markup }} />
      {size && !markup && <div className="cxs-caption">{block.summary}</div>}
    </figure>
  );
}

function CardsBlock({ block, minCell }: Props<'cards'>) {
  return (
    <div className="cxs-cards" data-count={block.cards.length}>
      {block.cards.map((card, i) => (
        <div className={`cxs-card tone-${card.tone ?? 'neutral'}`} key={i}>
          <div className="cxs-card-title">{card.title}</div>
          {card.figure && (
            <div className="cxs-card-figure">
              <FigureText f={card.figure} minCell={minCell} />
            </div>
          )}
          {card.lines.length > 0 && (
            <ul className="cxs-card-lines">
              {card.lines.map((line, j) => (
                <li key={j}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

function TextBlock({ block }: { block: Extract<SlideBlock, { type: 'text' }> }) {
  return (
    <div className="cxs-text">
      {block.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {block.bullets && block.bullets.length > 0 && (
        <ul>
          {block.bullets.map((b, i) => (
            <li key={i}>{b}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
