// Picks the transport once: Electron when the preload exposed its bridge, the browser host otherwise.
import type { Bridge } from '../../shared/platform';
import { createElectronBridge } from './electron-bridge';
import { createWebBridge } from './web';

export function createBridge(): Bridge {
  const exposed = typeof window !== 'undefined' ? window.cxw : undefined;
  if (exposed && exposed.kind === 'electron') return createElectronBridge(exposed);
  return createWebBridge();
}

export { onUploadProgress } from './upload';
export type { UploadProgress } from './upload';
