import type { ReactNode } from 'react';

export type AlertProps = { variant?: 'danger' | 'success' | 'info'; children: ReactNode };

/** An inline message; errors are announced immediately (role=alert). */
export function Alert({ variant = 'info', children }: AlertProps) {
  return (
    <div className={`alert alert--${variant}`} role={variant === 'danger' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
