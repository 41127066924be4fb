// Entry: one bridge for the window, Mantine with a persisted light/dark choice (system preference by default).
import '@mantine/core/styles.css';
import './styles.css';
import './components/a11y/a11y.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { localStorageColorSchemeManager, MantineProvider } from '@mantine/core';
import { App } from './App';
import { createBridge } from './platform';
import { BridgeContext } from './state/bridge';
import { ToastProvider } from './state/toasts';
import { WorkspaceProvider } from './state/workspace';
import { cssVariablesResolver, theme } from './theme';

const bridge = createBridge();
const colorSchemeManager = localStorageColorSchemeManager({ key: 'cxw-color-scheme' });
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <MantineProvider
      theme={theme}
      defaultColorScheme="auto"
      colorSchemeManager={colorSchemeManager}
      cssVariablesResolver={cssVariablesResolver}
    >
      <BridgeContext.Provider value={bridge}>
        <ToastProvider>
          <WorkspaceProvider>
            <App />
          </WorkspaceProvider>
        </ToastProvider>
      </BridgeContext.Provider>
    </MantineProvider>
  </StrictMode>,
);
