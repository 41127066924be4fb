// Presentation mode and the presenter view keep each other on the same slide through a BroadcastChannel (same
// origin, same machine, no network): whichever moves sends `goto`, the other follows. The presenter view asks
// `hello` when it opens, and the presentation answers with where it is and when it started (the timer).
import { useEffect, useRef } from 'react';

export type SyncMessage =
  | { type: 'goto'; deck: string; index: number }
  | { type: 'hello'; deck: string }
  | { type: 'state'; deck: string; index: number; startedAt: number }
  | { type: 'ended'; deck: string };

const CHANNEL = 'cxw-present';

/** Listen on the channel for this deck; returns a sender. */
export function usePresentSync(deck: string, onMessage: (m: SyncMessage) => void): (m: SyncMessage) => void {
  const channel = useRef<BroadcastChannel | null>(null);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const c = new BroadcastChannel(CHANNEL);
    c.onmessage = (e: MessageEvent<SyncMessage>) => {
      if (e.data && e.data.deck === deck) handler.current(e.data);
    };
    channel.current = c;
    return () => {
      c.close();
      channel.current = null;
    };
  }, [deck]);
  return (m: SyncMessage) => channel.current?.postMessage(m);
}
