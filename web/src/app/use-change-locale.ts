import { useCallback } from 'react';
import type { Locale } from '@hamandishi/contracts';
import { useSession } from '@/features/identity/api/use-session';
import { useUpdateProfile } from '@/features/identity/api/use-auth-mutations';
import { changeLocale } from './i18n';

/**
 * Switches the language on this device and, for a signed-in person, on their account too (so
 * SMS and e-mail reach them in the same language). The account write is best-effort.
 */
export function useChangeLocale(): (locale: Locale) => void {
  const { data: session } = useSession();
  const { mutate } = useUpdateProfile();
  const isSignedIn = Boolean(session?.account);
  return useCallback(
    (locale: Locale) => {
      void changeLocale(locale);
      if (isSignedIn) mutate({ locale });
    },
    [isSignedIn, mutate],
  );
}
