// One polite live region for the whole app: what finished, what moved, what was saved is said once to screen
// readers without moving focus. Views call announce(text); the region lives in the shell (App.tsx).
import { useEffect, useState } from 'react';

type Listener = (text: string) => void;
const listeners = new Set<Listener>();

/** Say `text` through the app's live region (politely: after what the reader is saying now). */
export function announce(text: string): void {
  for (const l of listeners) l(text);
}

export function Announcer() {
  const [text, setText] = useState('');
  useEffect(() => {
    let timer = 0;
    const listener: Listener = (t) => {
      // Clear first, so the same sentence twice in a row is still read the second time.
      setText('');
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setText(t), 60);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      window.clearTimeout(timer);
    };
  }, []);
  return (
    <div className="cxw-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {text}
    </div>
  );
}
