import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TOrganization } from '@hamandishi/contracts';
import { pickLocalized } from '@/lib/locale';
import { queryKeys } from '@/lib/query-client';

/** "Page — Municipality — Hamandishi": the most specific part first, empty parts left out. */
export function composePageTitle(parts: readonly (string | null | undefined)[]): string {
  return parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' — ');
}

/**
 * Sets the document's title for the page being shown, in the interface language: what the page is
 * (pass nothing while its data loads), the municipality of `/:slug` when there is one, and the
 * site's name. Tabs, history and screen readers then tell pages apart.
 */
export function usePageTitle(title?: string | null): void {
  const { t, i18n } = useTranslation('common');
  const { slug } = useParams();
  // The organisation layout loads it; this only reads the cache (never fetches: on the error page
  // of an unknown municipality a fetch here would retry the failed load in a loop). Not a useQuery
  // observer with `skipToken`: an observer's options become the query's, so a later refetch of the
  // municipality (after an admin saves its settings or districts) failed with "Missing queryFn".
  const queryClient = useQueryClient();
  const key = queryKeys.organization(slug ?? '');
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  const organization = useSyncExternalStore(subscribe, () => queryClient.getQueryData<TOrganization>(key));
  const organizationName = organization ? pickLocalized(organization.name, i18n.language) : null;
  const text = composePageTitle([title, organizationName, t('common:appName')]);
  useEffect(() => {
    document.title = text;
  }, [text]);
}
