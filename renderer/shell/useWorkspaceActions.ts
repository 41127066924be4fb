// Workspace commands shared by the header menu and the welcome screen. Electron answers with native dialogs;
// the browser host cannot, so a null from the bridge there opens the app's own picker instead.
import { useBridge } from '../state/bridge';
import { useToasts } from '../state/toasts';
import { useWorkspace } from '../state/workspace';
import type { WorkspaceDialog } from './WorkspaceDialogs';

export interface WorkspaceActions {
  newWorkspace: () => void;
  openWorkspace: () => void;
  saveAs: () => void;
  openDemo: () => void;
  openPath: (path: string) => void;
}

export function useWorkspaceActions(onDialog: (d: WorkspaceDialog) => void): WorkspaceActions {
  const bridge = useBridge();
  const workspace = useWorkspace();
  const toasts = useToasts();
  const browser = bridge.kind === 'browser';

  const run = (work: () => Promise<void>, done?: string) => {
    work().then(
      () => done && toasts.success(done),
      (err: unknown) => toasts.error(err),
    );
  };

  return {
    newWorkspace: () => {
      if (browser) return onDialog({ kind: 'create' });
      run(async () => {
        const path = await bridge.dialogs.pickWorkspaceToSave('Untitled.cxw');
        if (path) await workspace.create(path);
      });
    },
    openWorkspace: () => {
      if (browser) return onDialog({ kind: 'open' });
      run(async () => {
        const path = await bridge.dialogs.pickWorkspaceToOpen();
        if (path) await workspace.open(path);
      });
    },
    saveAs: () => {
      const suggested = `${workspace.info?.name ?? 'Workspace'} copy.cxw`;
      if (browser) return onDialog({ kind: 'saveAs', suggested });
      run(async () => {
        const path = await bridge.dialogs.pickWorkspaceToSave(suggested);
        if (path) await workspace.saveAs(path);
      }, 'Workspace saved');
    },
    openDemo: () => run(() => workspace.openDemo()),
    openPath: (path) => run(() => workspace.open(path)),
  };
}
