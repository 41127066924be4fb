// The keys of presentation mode and the presenter view: → space PageDown ↓ next; ← PageUp ↑ Backspace previous;
// Home / End first and last; digits then Enter jump to that slide; Esc clears typed digits, else leaves. Enter and
// Space on a focused button are that button's.
import { useEffect, useRef, useState } from 'react';

export function useSlideKeys(o: { count: number; index: number; go: (index: number) => void; leave?: () => void; enabled?: boolean }): string {
  const [typed, setTyped] = useState('');
  const state = useRef({ ...o, typed });
  state.current = { ...o, typed };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = state.current;
      if (s.enabled === false || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable)) return;
      // Enter and Space on a focused button press that button (Leave, Pause, Presenter view…), not "next slide".
      if ((e.key === 'Enter' || e.key === ' ') && !s.typed && target?.closest('button, a[href], [role="button"], [role="menuitem"]')) return;
      const last = s.count - 1;
      let handled = true;
      if (/^[0-9]$/.test(e.key)) setTyped((t) => (t + e.key).slice(-4));
      else if (e.key === 'Enter' && s.typed) {
        const n = Number(s.typed);
        if (n >= 1) s.go(Math.min(last, n - 1));
        setTyped('');
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown' || e.key === ' ' || (e.key === 'Enter' && !s.typed)) s.go(Math.min(last, s.index + 1));
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp' || e.key === 'Backspace') s.go(Math.max(0, s.index - 1));
      else if (e.key === 'Home') s.go(0);
      else if (e.key === 'End') s.go(last);
      else if (e.key === 'Escape') {
        if (s.typed) setTyped('');
        else if (s.leave) s.leave();
        else handled = false;
      } else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return typed;
}
