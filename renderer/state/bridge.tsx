// One Bridge per window, handed down through context so views never reach for globals.
import { createContext, useContext } from 'react';
import type { Client } from '../../shared/api';
import type { Bridge } from '../../shared/platform';

export const BridgeContext = createContext<Bridge | null>(null);

export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeContext');
  return bridge;
}

export function useClient(): Client {
  return useBridge().client;
}
