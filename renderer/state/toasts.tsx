// Transient confirmations and errors in the corner (Mantine's notifications package is not installed; this is enough).
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Notification, Portal, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { describeError } from '../lib/errors';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  title: string;
  message: string;
}

interface ToastApi {
  success: (title: string, message?: string) => void;
  error: (err: unknown, title?: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToasts outside ToastProvider');
  return api;
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, 'id'>, ms: number) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { ...toast, id }]);
      window.setTimeout(() => dismiss(id), ms);
    },
    [dismiss],
  );

  const api = useMemo<ToastApi>(
    () => ({
      success: (title, message = '') => push({ kind: 'success', title, message }, 4000),
      error: (err, title) => {
        const h = describeError(err);
        const where = h.location ? ` (${h.location})` : '';
        push({ kind: 'error', title: title ?? h.title, message: `${h.message}${where}` }, 8000);
      },
    }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <Portal>
        <Stack className="cxw-toasts" gap="xs" role="status" aria-live="polite">
          {toasts.map((t) => (
            <Notification
              key={t.id}
              title={t.title}
              color={t.kind === 'success' ? 'teal' : 'red'}
              icon={t.kind === 'success' ? <IconCheck size={18} /> : <IconAlertTriangle size={18} />}
              onClose={() => dismiss(t.id)}
              closeButtonProps={{ 'aria-label': 'Dismiss notification' }}
              withBorder
            >
              {t.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </ToastContext.Provider>
  );
}
