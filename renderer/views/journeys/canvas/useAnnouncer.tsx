// A polite live region for what a keyboard action did where the eye is not ("Card moved to Pain points in
// Delivery"). The same sentence twice in a row is still read: the second time carries an invisible trailing space.
import { useCallback, useState, type ReactElement } from 'react';
import { VisuallyHidden } from '@mantine/core';

export interface Announcer {
  say: (text: string) => void;
  /** The region itself; render it once, anywhere in the component. */
  region: ReactElement;
}

export function useAnnouncer(): Announcer {
  const [said, setSaid] = useState({ text: '', n: 0 });
  const say = useCallback((text: string) => setSaid((s) => ({ text, n: s.n + 1 })), []);
  const region = (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-announcer="">
      {said.text ? `${said.text}${said.n % 2 ? '' : '\u00a0'}` : ''}
    </VisuallyHidden>
  );
  return { say, region };
}
