// A button that cannot act just now (first slide, nothing to undo) looks and reads as unavailable but stays
// focusable: a `disabled` button under the keyboard's focus drops the focus on the page. Its click handler must
// be a no-op in that state.
export function dimmed(off: boolean): { 'data-disabled'?: true; 'aria-disabled'?: true } {
  return off ? { 'data-disabled': true, 'aria-disabled': true } : {};
}
