// The sandboxed preload (built as CommonJS, out/preload/preload.cjs): exposes the narrow typed bridge as
// window.cxw. It imports only 'electron' and dependency-free shared modules, so the bundle needs no require().
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge, forContextBridge } from './bridge';

contextBridge.exposeInMainWorld('cxw', forContextBridge(createBridge(ipcRenderer)));
