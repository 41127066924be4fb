// The Electron transport: the preload already exposes typed invoke/on and native dialogs on window.cxw.
// contextBridge keeps only an Error's message, so the preload rejects with the plain {code, message, details}
// object; we rebuild the AppError here so the UI can branch on `code` exactly as with the browser host.
import { deserializeError, isSerializedError } from '../../shared/errors';
import type { Bridge, ExposedBridge } from '../../shared/platform';

function revive(err: unknown): never {
  throw isSerializedError(err) ? deserializeError(err) : err;
}

export function createElectronBridge(exposed: ExposedBridge): Bridge {
  return {
    kind: 'electron',
    client: {
      invoke: (name, args) => exposed.invoke(name, args).catch(revive),
      on: (event, listener) => exposed.on(event, listener),
    },
    dialogs: {
      pickImportFile: () => exposed.dialogs.pickImportFile().catch(revive),
      pickWorkspaceToOpen: () => exposed.dialogs.pickWorkspaceToOpen().catch(revive),
      pickWorkspaceToSave: (defaultName) => exposed.dialogs.pickWorkspaceToSave(defaultName).catch(revive),
    },
  };
}
