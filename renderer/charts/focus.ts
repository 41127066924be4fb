// Plotly's mode bar (zoom, pan, reset) is made of <button>s inside the plot, which the chart hides from assistive
// technology (the summary and the table carry its content). A focusable element inside aria-hidden would be a tab
// stop that announces nothing (axe: aria-hidden-focus), so every one is taken out of the tab order; the mode bar
// stays for the mouse, where it is useful. Idempotent and cheap: called after every draw and on new nodes.
const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

export function keepOutOfTabOrder(root: Element): number {
  let changed = 0;
  for (const el of root.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (el.getAttribute('tabindex') === '-1') continue;
    el.setAttribute('tabindex', '-1');
    changed++;
  }
  return changed;
}
