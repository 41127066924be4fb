// The Present view: the workspace's decks, and one deck open in the editor ("#/present?deck=NAME", which is where
// "Add to deck" links). The presenter window has its own route (PresenterView, see routes.ts).
import { useEffect, useState } from 'react';
import { Loader, Stack } from '@mantine/core';
import type { Deck, DeckSummary } from '../../../shared/decks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useClient } from '../../state/bridge';
import { useAsync } from '../../state/useAsync';
import { useWorkspace } from '../../state/workspace';
import { DeckEditor } from './DeckEditor';
import { DeckList } from './DeckList';
import { deckFromHash, presentHash } from './routes';
import './present.css';

export function PresentView() {
  const client = useClient();
  const { revision, info } = useWorkspace();
  const [open, setOpen] = useState<string | null>(() => deckFromHash(window.location.hash));
  const [nonce, setNonce] = useState(0);
  // The deck last open in the editor: back in the list, its card has the focus.
  const [left, setLeft] = useState<string | null>(null);

  useEffect(() => {
    const onHash = () => setOpen(deckFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Another workspace: back to its list.
  const [workspace, setWorkspace] = useState(info?.path);
  if (info?.path !== workspace) {
    setWorkspace(info?.path);
    setOpen(null);
  }

  const go = (name: string | null) => {
    setLeft(name ? null : open);
    setOpen(name);
    window.history.replaceState(null, '', name ? presentHash(name) : '#/present');
  };

  const list = useAsync<DeckSummary[]>(() => client.invoke('deck.list', {}), [client, revision, nonce, open]);
  const deck = useAsync<Deck | null>(() => (open ? client.invoke('deck.get', { name: open }) : Promise.resolve(null)), [client, open, info?.path]);

  if (open) {
    if (deck.error) {
      return (
        <div className="cxw-page">
          <ErrorAlert error={deck.error} title={`The deck “${open}” could not be opened`} onClose={() => go(null)} />
        </div>
      );
    }
    if (!deck.data || deck.data.name !== open) {
      return (
        <Stack align="center" p="xl">
          <Loader />
        </Stack>
      );
    }
    return <DeckEditor key={deck.data.name} initial={deck.data} onBack={() => go(null)} />;
  }
  return (
    <div className="cxw-page">
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data ? (
        <DeckList decks={list.data} onOpen={go} onChanged={() => setNonce((n) => n + 1)} focusDeck={left} />
      ) : (
        <Stack align="center" p="xl">
          <Loader />
        </Stack>
      )}
    </div>
  );
}
