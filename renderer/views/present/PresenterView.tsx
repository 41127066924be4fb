// The presenter view (route "#/presenter?deck=NAME"): a second browser tab, or a second Electron window on the same
// route, for the facilitator's laptop while the room sees presentation mode. It shows the current slide, the next
// one, the speaker notes in large type and a timer, and moves with presentation mode both ways (sync.ts). Like
// presentation mode it shows deck.present's SafeDeck only.
import { useEffect, useState } from 'react';
import { Button, Group, Loader, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import type { SafeDeck } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClient } from '../../state/bridge';
import { useWorkspace } from '../../state/workspace';
import { ScaledSlide } from './slides/SlideView';
import { usePresentSync } from './sync';
import { dimmed } from './dimmed';
import { useSlideKeys } from './useSlideKeys';
import './present.css';

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function PresenterView({ deck }: { deck: string }) {
  const client = useClient();
  const { info } = useWorkspace();
  const [safe, setSafe] = useState<SafeDeck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [index, setIndex] = useState(0);
  const [live, setLive] = useState(false);
  // Timer: running since `since`, plus what ran before a pause.
  const [timer, setTimer] = useState<{ since: number | null; banked: number }>({ since: Date.now(), banked: 0 });
  const [now, setNow] = useState(Date.now());

  const load = () => {
    setError(null);
    client.invoke('deck.present', { name: deck }).then(setSafe, setError);
  };
  useEffect(() => {
    // After the shell's own title effect (parents' effects run after children's).
    const t = window.setTimeout(() => (document.title = `Presenter — ${deck}`), 0);
    if (info) load();
    return () => window.clearTimeout(t);
  }, [deck, info?.path]);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(t);
  }, []);

  const count = safe?.deck.slides.length ?? 0;
  const send = usePresentSync(deck, (m) => {
    if (m.type === 'goto' || m.type === 'state') setIndex(m.index);
    if (m.type === 'state') {
      setLive(true);
      setTimer({ since: m.startedAt, banked: 0 });
    }
    if (m.type === 'ended') setLive(false);
  });
  useEffect(() => send({ type: 'hello', deck }), [deck]);
  const go = (i: number) => {
    setIndex(i);
    send({ type: 'goto', deck, index: i });
  };
  const typed = useSlideKeys({ count, index, go, enabled: count > 0 });

  if (error) return <div className="cxp-presenter"><ErrorAlert error={error} title={`The deck “${deck}” could not be opened`} /></div>;
  if (!safe) return <div className="cxp-presenter cxp-center"><Loader color="gray" /></div>;
  const slides = safe.deck.slides;
  const current = slides[Math.min(index, count - 1)];
  const next = slides[index + 1];
  const minCell = safe.report.settings.minCell;
  const elapsed = timer.banked + (timer.since !== null ? now - timer.since : 0);
  return (
    <main className="cxp-presenter" aria-label={`Presenter view of “${deck}”`}>
      <header className="cxp-presenter-head">
        <Text fw={700} size="lg" c="white" truncate="end">
          {deck}
        </Text>
        <Text size="md" c={live ? 'teal.3' : 'gray.4'} role="status">
          {live ? 'Presenting — this view follows the slides' : 'Not presenting: start “Present” in the other window; the keys work here too'}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text className="cxp-timer" aria-label="Time presenting">
            {clock(elapsed)}
          </Text>
          <Button
            size="sm"
            variant="default"
            leftSection={timer.since !== null ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
            onClick={() => setTimer((t) => (t.since !== null ? { since: null, banked: t.banked + Date.now() - t.since } : { since: Date.now(), banked: t.banked }))}
          >
            {timer.since !== null ? 'Pause' : 'Resume'}
          </Button>
          <Button size="sm" variant="default" onClick={() => setTimer({ since: Date.now(), banked: 0 })}>
            Reset
          </Button>
          <Button size="sm" variant="default" leftSection={<IconRefresh size={16} />} onClick={load}>
            Reload deck
          </Button>
        </Group>
      </header>
      <section className="cxp-presenter-now" aria-label="Current slide">
        <div className="cxp-label">
          Now · slide {index + 1} of {count}
          {typed && <span className="cxp-typed-inline"> · go to {typed}, Enter</span>}
        </div>
        <div className="cxp-presenter-slide">{current && <ScaledSlide fit slide={current} number={index + 1} total={count} minCell={minCell} note={index === count - 1 ? safe.report.note : undefined} />}</div>
        <Group justify="center" gap="sm" mt="sm">
          <Button variant="default" leftSection={<IconChevronLeft size={18} />} onClick={() => go(Math.max(0, index - 1))} {...dimmed(index === 0)}>
            Previous
          </Button>
          <Button leftSection={<IconChevronRight size={18} />} onClick={() => go(Math.min(count - 1, index + 1))} {...dimmed(index >= count - 1)}>
            Next
          </Button>
        </Group>
      </section>
      <aside className="cxp-presenter-side">
        <div className="cxp-label">Next</div>
        <div className="cxp-presenter-next">
          {next ? <ScaledSlide fit slide={next} number={index + 2} total={count} minCell={minCell} decorative /> : <Text c="gray.4">End of the deck</Text>}
        </div>
        <div className="cxp-label">Speaker notes</div>
        <div className="cxp-notes" role="region" aria-label="Speaker notes" tabIndex={0}>
          {current?.notes ? current.notes : <span className="cxp-faint">No notes for this slide.</span>}
        </div>
      </aside>
    </main>
  );
}
