import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  TAccount,
  TCodeRequested,
  TEmailSignIn,
  TEmailSignUp,
  TEmailSignUpRequested,
  TRequestCode,
  TSession,
  TUpdateProfile,
  TVerifyCode,
  TVerifyEmailSignUp,
} from '@hamandishi/contracts';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-client';

const SIGNED_OUT = (csrfToken = ''): TSession => ({ account: null, memberships: [], csrfToken });

/** Stores the session a sign-in route answered with, so the header updates at once. */
function useSessionSetter() {
  const queryClient = useQueryClient();
  return (session: TSession) => {
    queryClient.setQueryData(queryKeys.session, session);
  };
}

/** POST /api/auth/code: send a one-time code by SMS. */
export function useRequestCode() {
  return useMutation({
    mutationFn: (input: TRequestCode) => api.post<TCodeRequested>('/api/auth/code', input),
  });
}

/** POST /api/auth/code/verify: sign in, or sign up when the number is new. */
export function useVerifyCode() {
  const setSession = useSessionSetter();
  return useMutation({
    mutationFn: (input: TVerifyCode) => api.post<TSession>('/api/auth/code/verify', input),
    onSuccess: setSession,
  });
}

/** POST /api/auth/email/sign-in */
export function useEmailSignIn() {
  const setSession = useSessionSetter();
  return useMutation({
    mutationFn: (input: TEmailSignIn) => api.post<TSession>('/api/auth/email/sign-in', input),
    onSuccess: setSession,
  });
}

/**
 * POST /api/auth/email/sign-up: a code goes to the address (or, when it already has an account,
 * a notice to its owner; the answer does not say which).
 */
export function useEmailSignUp() {
  return useMutation({
    mutationFn: (input: TEmailSignUp) => api.post<TEmailSignUpRequested>('/api/auth/email/sign-up', input),
  });
}

/** POST /api/auth/email/sign-up/verify: the code from the e-mail creates the account and signs in. */
export function useVerifyEmailSignUp() {
  const setSession = useSessionSetter();
  return useMutation({
    mutationFn: (input: TVerifyEmailSignUp) => api.post<TSession>('/api/auth/email/sign-up/verify', input),
    onSuccess: setSession,
  });
}

/** POST /api/auth/sign-out, then forget everything personal that was cached. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/sign-out'),
    onSuccess: async () => {
      queryClient.setQueryData(queryKeys.session, SIGNED_OUT());
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}

/** PATCH /api/me */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateProfile) => api.patch<TAccount>('/api/me', input),
    onSuccess: (account) => {
      queryClient.setQueryData<TSession>(queryKeys.session, (old) => (old ? { ...old, account } : old));
    },
  });
}

/** DELETE /api/me: the account is anonymised and every session ends. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/me'),
    onSuccess: async () => {
      queryClient.setQueryData(queryKeys.session, SIGNED_OUT());
      await queryClient.invalidateQueries({ queryKey: queryKeys.session });
    },
  });
}
