import * as RadixToast from '@radix-ui/react-toast';
import { useTranslation } from 'react-i18next';
import type { ToastInput } from './toast';

export type ToastItem = ToastInput & { id: number };

export type ToastListProps = { toasts: ToastItem[]; onRemove: (id: number) => void };

/** The toasts on screen and their region (Radix), loaded with the first toast of the visit. */
export default function ToastList({ toasts, onRemove }: ToastListProps) {
  const { t } = useTranslation();
  return (
    <RadixToast.Provider duration={5000} label={t('toast.region')}>
      {toasts.map((toast) => (
        <RadixToast.Root
          key={toast.id}
          className={`toast toast--${toast.variant ?? 'info'}`}
          type={toast.variant === 'danger' ? 'foreground' : 'background'}
          onOpenChange={(isOpen) => {
            if (!isOpen) onRemove(toast.id);
          }}
        >
          <RadixToast.Title className="toast__title">{toast.title}</RadixToast.Title>
          <RadixToast.Close className="toast__close">{t('actions.close')}</RadixToast.Close>
        </RadixToast.Root>
      ))}
      <RadixToast.Viewport className="toast__viewport" label={t('toast.region')} />
    </RadixToast.Provider>
  );
}
