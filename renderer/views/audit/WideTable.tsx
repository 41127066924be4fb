// A table wider than its card scrolls sideways, and says so: a fade on the edge that hides columns and a
// "More columns" hint, so a clipped column (PPV at 1366 px, the four-fifths groups) is never silently cut.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { IconArrowRight } from '@tabler/icons-react';

export function WideTable({ minWidth, children }: { minWidth: number; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState<{ left: boolean; right: boolean }>({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setMore({ left: el.scrollLeft > 2, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 2 });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, []);
  return (
    <div className="cxw-aud-wide" data-more-left={more.left || undefined} data-more-right={more.right || undefined}>
      {more.right && (
        <div className="cxw-aud-wide-hint" aria-hidden="true">
          More columns <IconArrowRight size={14} />
        </div>
      )}
      <div ref={ref} className="cxw-aud-wide-scroll" tabIndex={more.left || more.right ? 0 : undefined} role={more.left || more.right ? 'region' : undefined} aria-label={more.left || more.right ? 'Table, scrolls sideways' : undefined}>
        <div style={{ minWidth }}>{children}</div>
      </div>
    </div>
  );
}
