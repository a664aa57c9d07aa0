import { useCallback } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TSession } from '@hamandishi/contracts';
import { useToast } from '@/components';

/** Only paths inside this app: `/x`, never `//evil.example` or `/\evil`. */
export function safeNextPath(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

/** After signing in or up: greet, then go to `?next=` (same app only) or the municipality home. */
export function useAuthRedirect(slug: string): (session: TSession) => void {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const toast = useToast();
  const { t } = useTranslation('identity');
  return useCallback(
    (session: TSession) => {
      if (session.account) toast.show({ title: t('welcome', { name: session.account.displayName }), variant: 'success' });
      void navigate(safeNextPath(searchParams.get('next')) ?? `/${slug}`, { replace: true });
    },
    [navigate, searchParams, slug, t, toast],
  );
}
