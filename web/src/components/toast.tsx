import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ToastItem } from './toast-list';

export type ToastVariant = 'info' | 'success' | 'danger';
export type ToastInput = { title: string; variant?: ToastVariant };

type ToastContextValue = { show: (toast: ToastInput) => void };

const ToastContext = createContext<ToastContextValue | null>(null);

// Most visits never show a toast: Radix Toast loads with the first one, not with the first page.
const ToastList = lazy(() => import('./toast-list'));

let nextId = 1;

/** Hosts the toasts of the app; place once near the root. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const [hasShown, setHasShown] = useState(false);
  const show = useCallback((toast: ToastInput) => {
    setHasShown(true);
    setToasts((current) => [...current, { ...toast, id: nextId++ }]);
  }, []);
  const remove = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      {hasShown && (
        <Suspense fallback={null}>
          <ToastList toasts={toasts} onRemove={remove} />
        </Suspense>
      )}
    </ToastContext.Provider>
  );
}

/** Shows a short message that disappears by itself (sign-out, saved, deleted). */
export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>');
  return context;
}
