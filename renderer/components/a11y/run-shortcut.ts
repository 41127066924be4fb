// Ctrl+Enter (⌘+Enter on a Mac) runs the analysis of the view in front, and the result's heading takes focus when
// the run ends, with a sentence in the live region: the keyboard path from set-up to result is one shortcut, not
// dozens of Tabs past the feature list.
import { useEffect, useRef, type RefObject } from 'react';
import { announce } from './announcer';

export const RUN_SHORTCUT_LABEL = 'Ctrl+Enter';
export const RUN_SHORTCUT_ARIA = 'Control+Enter';

export function isRunShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
}

/**
 * While `root` is on screen, Ctrl+Enter inside it — or anywhere outside every analysis (the navigation, the page
 * body) — calls `run` when `canRun`. Several analyses on one page each answer only for keys pressed inside them.
 */
export function useRunShortcut(root: RefObject<HTMLElement | null>, canRun: boolean, run: () => void, what: string): void {
  const latest = useRef({ canRun, run, what });
  latest.current = { canRun, run, what };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isRunShortcut(e) || e.defaultPrevented) return;
      const el = root.current;
      if (!el || el.offsetParent === null) return;
      const target = e.target instanceof Element ? e.target : null;
      const inside = target ? el.contains(target) : false;
      const inOther = target?.closest('[data-run-shortcut]') && !inside;
      if (!inside && inOther) return;
      e.preventDefault();
      if (!latest.current.canRun) {
        announce(`${latest.current.what} cannot run yet: see the set-up.`);
        return;
      }
      announce(`Running ${latest.current.what}.`);
      latest.current.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);
}

/**
 * When a run ends (busy goes from true to false), move focus to the first heading of `results` and announce it;
 * a failed run announces the error's first line instead (the alert itself is also role="alert").
 */
export function useFocusResultAfterRun(results: RefObject<HTMLElement | null>, busy: boolean, what: string): void {
  const wasBusy = useRef(busy);
  useEffect(() => {
    const ended = wasBusy.current && !busy;
    wasBusy.current = busy;
    if (!ended) return;
    // Wait a frame for the result to render.
    const frame = requestAnimationFrame(() => {
      const el = results.current;
      if (!el) return;
      // The run's own error (AnalysisStatus wraps it in .cxw-analysis-error); warnings in a result are alerts too.
      const alert = el.querySelector<HTMLElement>('.cxw-analysis-error');
      if (alert) {
        announce(`${what} did not finish: ${(alert.textContent ?? '').trim().split('\n')[0]}`);
        return;
      }
      // A cancelled run leaves a note and the previous result: say the note, leave focus where it is.
      const note = el.querySelector<HTMLElement>('.cxw-analysis-note');
      if (note) {
        announce((note.textContent ?? '').trim());
        return;
      }
      focusResultHeading(el, what);
    });
    return () => cancelAnimationFrame(frame);
  }, [busy, results, what]);
}

/** Focus the first heading inside `el` (made focusable for the purpose) and say that `what` finished. */
export function focusResultHeading(el: HTMLElement, what: string): boolean {
  const heading = el.querySelector<HTMLElement>('h1, h2, h3');
  if (!heading) return false;
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  announce(`${what} finished: ${(heading.textContent ?? '').trim()}.`);
  return true;
}
