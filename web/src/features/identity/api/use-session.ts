import { useQuery } from '@tanstack/react-query';
import type { TSession } from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

/** Who is signed in (account null for visitors). Also plants the CSRF cookie. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: ({ signal }) => api.get<TSession>('/api/auth/session', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The signed-in account, or null (undefined while loading). */
export function useAccount() {
  const session = useSession();
  return { ...session, account: session.data?.account ?? (session.isPending ? undefined : null) };
}
