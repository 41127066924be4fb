// One slide, drawn the same way everywhere it appears: the sorter's thumbnails, the editor's preview, presentation
// mode and the presenter view. It is laid out on a fixed 1920 × 1080 canvas and scaled as a picture (ScaledSlide),
// so a thumbnail is exactly the projector's slide, smaller — nothing reflows between the two.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Slide } from '../../../../shared/decks';
import { formatValue } from '../../../../shared/slides/format';
import { Block } from './blocks';
import './slide.css';

export const CANVAS_W = 1920;
export const CANVAS_H = 1080;

export interface SlideViewProps {
  slide: Slide;
  /** 1-based position and deck length, for the footer. */
  number: number;
  total: number;
  /** The disclosure threshold the figures were judged by (words "fewer than k"). */
  minCell: number;
  /** A line at the foot of the slide (presentation mode puts the disclosure note on the last slide). */
  note?: string;
  /** Thumbnails are pictures: hidden from assistive technology (their button names the slide). */
  decorative?: boolean;
  /** Told how much the body had to shrink to fit (1 = not at all): the editor warns about dense slides. */
  onFit?: (scale: number) => void;
}

function snapshotDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export function SlideView({ slide, number, total, minCell, note, decorative, onFit }: SlideViewProps) {
  const kicker = slide.source ? `${slide.source.resultName} · ${slide.source.dataset}` : '';
  const foot = slide.source ? `${formatValue(slide.source.base, 'count')} people · data as of ${snapshotDate(slide.source.snapshotAt)}` : '';
  if (slide.kind === 'section') {
    return (
      <div className="cxs-slide cxs-section" aria-hidden={decorative || undefined} data-slide-number={number}>
        <div className="cxs-section-rule" />
        <div className="cxs-section-title" role={decorative ? undefined : 'heading'} aria-level={2}>
          {slide.title || 'Section'}
        </div>
        {slide.headline && <div className="cxs-section-sub">{slide.headline}</div>}
        <div className="cxs-foot cxs-section-foot">
          <span>{note ?? ''}</span>
          <span className="cxs-page">
            {number} / {total}
          </span>
        </div>
      </div>
    );
  }
  const twoColumns = slide.body.length === 2 && slide.body.every((b) => b.type !== 'figures' && b.type !== 'text');
  // A slide of big numbers alone sits in the middle of its space rather than under the title with a void below.
  const centred = slide.body.length === 1 && slide.body[0].type === 'figures';
  return (
    <div className={`cxs-slide cxs-kind-${slide.kind.replace(/\W/g, '-')}${slide.page ? ' cxs-paged' : ''}`} aria-hidden={decorative || undefined} data-slide-number={number}>
      <header className="cxs-head">
        {kicker && <div className="cxs-kicker">{kicker}</div>}
        <div className="cxs-title" role={decorative ? undefined : 'heading'} aria-level={2}>
          {slide.title || 'Untitled slide'}
        </div>
        {slide.headline && <div className="cxs-headline">{slide.headline}</div>}
      </header>
      <FitBody key={slide.id} layoutKey={slide} onFit={onFit} className={twoColumns ? `cxs-body is-columns${slide.body.every((b) => b.type === 'table' || b.type === 'crosstab') ? ' is-tables' : ''}` : `cxs-body layout-${slide.layout ?? 'single'}${centred ? ' is-centred' : ''}`}>
        {slide.body.map((b, i) => (
          <Block key={i} block={b} minCell={minCell} slideBase={slide.source?.base} />
        ))}
      </FitBody>
      <footer className="cxs-foot">
        <span>{note ?? foot}</span>
        <span className="cxs-page">
          {number} / {total}
        </span>
      </footer>
    </div>
  );
}

/**
 * The body fills the space between the head and the foot; content taller than that (a long table) is scaled down
 * as a whole rather than clipped or scrolled — a projector cannot scroll.
 */
function FitBody({ children, className, layoutKey, onFit }: { children: ReactNode; className: string; layoutKey: unknown; onFit?: (scale: number) => void }) {
  const outer = useRef<HTMLDivElement>(null);
  const inner = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const o = outer.current;
    const i = inner.current;
    if (!o || !i) return;
    // The scale is set on the element directly (not through React's style prop) so it can be cleared, measured at
    // scale 1 and set again in one go. Offset sizes ignore ancestors' transforms: thumbnails measure the same canvas.
    i.style.transform = '';
    i.style.width = '';
    i.style.height = '';
    // Too tall (a long table) or too wide (a wide table in a column): shrink the whole body, never clip it — a
    // hidden row would be a hidden finding. Down to a third; the editor flags anything below 0.85 as too dense.
    // Measured with client rectangles (an overflowing table does not always widen its ancestors' scroll size);
    // ratios of rectangles are the same whatever the thumbnail's scale. Shrinking widens the columns, which may
    // let a table fit at a larger scale, hence a few rounds.
    const overflow = (): number => {
      const box = o.getBoundingClientRect();
      if (box.width <= 0 || box.height <= 0) return 1;
      let right = box.left;
      let bottom = box.top;
      for (const el of i.querySelectorAll<HTMLElement>('table, figure, .cxs-figures, .cxs-cards, .cxs-text')) {
        const r = el.getBoundingClientRect();
        right = Math.max(right, r.right);
        bottom = Math.max(bottom, r.bottom);
      }
      return Math.max((right - box.left) / box.width, (bottom - box.top) / box.height);
    };
    let scale = 1;
    for (let round = 0; round < 8; round++) {
      const over = overflow();
      if (over <= 1.005) break;
      // After the first round, overshoot a little: widening the columns can rewrap text and move the edge again.
      scale = Math.max(0.33, scale / (round === 0 ? over : over * 1.02));
      i.style.transform = `scale(${scale})`;
      i.style.transformOrigin = 'top left';
      i.style.width = `${100 / scale}%`;
      i.style.height = `${100 / scale}%`;
      if (scale === 0.33) break;
    }
    o.dataset.fit = scale.toFixed(3);
    onFit?.(scale);
  }, [layoutKey]);
  return (
    <div ref={outer} className="cxs-body-outer">
      <div ref={inner} className={className}>
        {children}
      </div>
    </div>
  );
}

/** A slide scaled to a box: `width` in CSS pixels (thumbnails, preview) or `fit` to the parent (presentation). */
export function ScaledSlide(props: SlideViewProps & { width?: number; fit?: boolean; className?: string }) {
  const { width, fit, className, ...slide } = props;
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(width ? { w: width, h: (width * CANVAS_H) / CANVAS_W } : null);
  useLayoutEffect(() => {
    if (width) {
      setSize({ w: width, h: (width * CANVAS_H) / CANVAS_W });
      return;
    }
    const el = box.current?.parentElement;
    if (!el) return;
    const measure = () => {
      const pw = el.clientWidth;
      const ph = fit ? el.clientHeight : Infinity;
      const scale = Math.min(pw / CANVAS_W, ph / CANVAS_H);
      setSize({ w: CANVAS_W * scale, h: CANVAS_H * scale });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [width, fit]);
  const scale = size ? size.w / CANVAS_W : 0;
  return (
    <div ref={box} className={`cxs-scaled ${className ?? ''}`} style={{ width: size?.w ?? '100%', height: size?.h ?? 0 }}>
      {size && (
        <div className="cxs-canvas" style={{ transform: `scale(${scale})` }}>
          <SlideView {...slide} />
        </div>
      )}
    </div>
  );
}
