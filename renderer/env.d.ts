// Globals the renderer relies on: the Electron preload's bridge and Vite's asset imports.
/// <reference types="vite/client" />
import type { ExposedBridge } from '../shared/platform';

declare global {
  interface Window {
    /** Present only inside the Electron window (set by the preload through contextBridge). */
    cxw?: ExposedBridge;
  }
}

export {};
