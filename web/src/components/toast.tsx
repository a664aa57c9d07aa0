import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import * as RadixToast from '@radix-ui/react-toast';
import { useTranslation } from 'react-i18next';

export type ToastVariant = 'info' | 'success' | 'danger';
export type ToastInput = { title: string; variant?: ToastVariant };
type ToastItem = ToastInput & { id: number };

type ToastContextValue = { show: (toast: ToastInput) => void };

const ToastContext = createContext<ToastContextValue | null>(null);

let nextId = 1;

/** Hosts the toasts of the app; place once near the root. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((toast: ToastInput) => {
    setToasts((current) => [...current, { ...toast, id: nextId++ }]);
  }, []);
  const remove = (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id));
  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext.Provider value={value}>
      <RadixToast.Provider duration={5000} label={t('toast.region')}>
        {children}
        {toasts.map((toast) => (
          <RadixToast.Root
            key={toast.id}
            className={`toast toast--${toast.variant ?? 'info'}`}
            type={toast.variant === 'danger' ? 'foreground' : 'background'}
            onOpenChange={(isOpen) => {
              if (!isOpen) remove(toast.id);
            }}
          >
            <RadixToast.Title className="toast__title">{toast.title}</RadixToast.Title>
            <RadixToast.Close className="toast__close">{t('actions.close')}</RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="toast__viewport" label={t('toast.region')} />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** Shows a short message that disappears by itself (sign-out, saved, deleted). */
export function useToast(): ToastContextValue {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>');
  return context;
}
