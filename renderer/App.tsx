// The shell: header, navigation and the active view. Without an open workspace it shows the welcome screen.
import { useEffect, useState } from 'react';
import { AppShell } from '@mantine/core';
import { Header } from './shell/Header';
import { NavBar } from './shell/NavBar';
import { WorkspaceDialogs, type WorkspaceDialog } from './shell/WorkspaceDialogs';
import { ActivityDrawer } from './shell/ActivityDrawer';
import { Welcome } from './shell/Welcome';
import { viewFromHash, type ViewKey } from './shell/views';
import { useWorkspace } from './state/workspace';
import { DataView } from './views/data/DataView';
import { SegmentsView } from './views/segments/SegmentsView';
import { JourneysView } from './views/journeys/JourneysView';
import { NpsView } from './views/nps/NpsView';
import { AuditView } from './views/audit/AuditView';
import { PredictView } from './views/predict/PredictView';
import { MonitorView } from './views/monitor/MonitorView';
import { PresentView } from './views/present/PresentView';
import { PresenterView } from './views/present/PresenterView';
import { presenterDeckFromHash } from './views/present/routes';
import { ResultsView } from './views/results/ResultsView';
import { LoadingScreen } from './components/LoadingScreen';
import { Announcer } from './components/a11y/announcer';
import { MAIN_ID, SkipLink } from './components/a11y/SkipLink';

export function App() {
  const { info } = useWorkspace();
  const [view, setView] = useState<ViewKey>(() => viewFromHash(window.location.hash));
  const [dialog, setDialog] = useState<WorkspaceDialog | null>(null);
  const [activityOpen, setActivityOpen] = useState(false);
  // The presenter window (a second tab or window on "#/presenter?deck=NAME") shows no shell.
  const [presenterDeck] = useState(() => presenterDeckFromHash(window.location.hash));

  useEffect(() => {
    document.title = info ? `${info.name} — CX Workbench` : 'CX Workbench';
  }, [info]);

  useEffect(() => {
    const onHash = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const navigate = (next: ViewKey) => {
    setView(next);
    window.history.replaceState(null, '', `#/${next}`);
  };

  if (presenterDeck !== null) return info ? <PresenterView deck={presenterDeck} /> : <LoadingScreen />;

  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 212, breakpoint: 0 }} padding={0} className="cxw-shell">
      <SkipLink />
      <Announcer />
      <AppShell.Header className="cxw-header">
        <Header onDialog={setDialog} onActivity={() => setActivityOpen(true)} />
      </AppShell.Header>
      <AppShell.Navbar className="cxw-navbar">
        <NavBar active={view} onNavigate={navigate} />
      </AppShell.Navbar>
      <AppShell.Main className="cxw-main" id={MAIN_ID} tabIndex={-1}>
        {info === undefined ? (
          <LoadingScreen />
        ) : info === null ? (
          <Welcome onDialog={setDialog} />
        ) : (
          <ActiveView view={view} />
        )}
      </AppShell.Main>
      <WorkspaceDialogs dialog={dialog} onClose={() => setDialog(null)} />
      <ActivityDrawer opened={activityOpen} onClose={() => setActivityOpen(false)} />
    </AppShell>
  );
}

function ActiveView({ view }: { view: ViewKey }) {
  switch (view) {
    case 'data':
      return <DataView />;
    case 'segments':
      return <SegmentsView />;
    case 'journeys':
      return <JourneysView />;
    case 'nps':
      return <NpsView />;
    case 'audit':
      return <AuditView />;
    case 'predict':
      return <PredictView />;
    case 'monitor':
      return <MonitorView />;
    case 'results':
      return <ResultsView />;
    case 'present':
      return <PresentView />;
  }
}
