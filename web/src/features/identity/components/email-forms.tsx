import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZEmailSignIn, ZEmailSignUp } from '@hamandishi/contracts';
import { Alert, Button, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { useEmailSignIn, useEmailSignUp } from '../api/use-auth-mutations';
import { useAuthRedirect } from './use-auth-redirect';

// The municipality comes from the address, not from the form.
const ZSignInFields = ZEmailSignIn.omit({ organization: true });
const ZSignUpFields = ZEmailSignUp.omit({ organization: true });

export type EmailFormProps = { organizationSlug: string };

/** E-mail and password sign-in. */
export function EmailSignInForm({ organizationSlug }: EmailFormProps) {
  const { t } = useTranslation(['identity', 'errors']);
  const signIn = useEmailSignIn();
  const redirect = useAuthRedirect(organizationSlug);
  const form = useForm<z.input<typeof ZSignInFields>, unknown, z.output<typeof ZSignInFields>>({
    resolver: zodResolver(ZSignInFields),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      redirect(await signIn.mutateAsync({ ...values, organization: organizationSlug }));
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['email', 'password']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {signIn.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(signIn.error))}</Alert>}
      <TextField
        label={t('fields.email.label')}
        error={fieldErrorMessage(t, errors.email)}
        type="email"
        inputMode="email"
        autoComplete="email"
        isLtr
        {...form.register('email')}
      />
      <TextField
        label={t('fields.password.label')}
        error={fieldErrorMessage(t, errors.password)}
        type="password"
        autoComplete="current-password"
        isLtr
        {...form.register('password')}
      />
      <Button type="submit" isBlock isLoading={signIn.isPending}>
        {t('actions.signIn')}
      </Button>
    </form>
  );
}

/** E-mail and password sign-up, with the display name. */
export function EmailSignUpForm({ organizationSlug }: EmailFormProps) {
  const { t } = useTranslation(['identity', 'errors']);
  const signUp = useEmailSignUp();
  const redirect = useAuthRedirect(organizationSlug);
  const form = useForm<z.input<typeof ZSignUpFields>, unknown, z.output<typeof ZSignUpFields>>({
    resolver: zodResolver(ZSignUpFields),
    defaultValues: { email: '', password: '', displayName: '' },
  });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      redirect(await signUp.mutateAsync({ ...values, organization: organizationSlug }));
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['email', 'password', 'displayName']);
    }
  });

  return (
    <form className="stack" onSubmit={handleSubmit} noValidate>
      {signUp.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(signUp.error))}</Alert>}
      <TextField
        label={t('fields.displayName.label')}
        hint={t('fields.displayName.hint')}
        error={fieldErrorMessage(t, errors.displayName)}
        autoComplete="nickname"
        {...form.register('displayName')}
      />
      <TextField
        label={t('fields.email.label')}
        error={fieldErrorMessage(t, errors.email)}
        type="email"
        inputMode="email"
        autoComplete="email"
        isLtr
        {...form.register('email')}
      />
      <TextField
        label={t('fields.password.label')}
        hint={t('fields.password.hintNew')}
        error={fieldErrorMessage(t, errors.password)}
        type="password"
        autoComplete="new-password"
        isLtr
        {...form.register('password')}
      />
      <Button type="submit" isBlock isLoading={signUp.isPending}>
        {t('actions.signUp')}
      </Button>
    </form>
  );
}
