import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZEmailSignIn, ZEmailSignUp, ZVerifyEmailSignUp, type TEmailSignUpRequested } from '@hamandishi/contracts';
import { Alert, Button, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { useEmailSignIn, useEmailSignUp, useVerifyEmailSignUp } from '../api/use-auth-mutations';
import { useAuthRedirect } from './use-auth-redirect';
import { CodeStepFields, isolate } from './code-step-fields';
import { useCountdown } from './use-countdown';

// The municipality comes from the address, not from the form.
const ZSignInFields = ZEmailSignIn.omit({ organization: true });
const ZSignUpFields = ZEmailSignUp.omit({ organization: true });
const ZEmailCodeStep = ZVerifyEmailSignUp.pick({ code: true });

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

/**
 * E-mail and password sign-up, with the display name, then the code from the e-mail. The
 * server answers the same whether or not the address already has an account (its owner gets a
 * notice instead of a code), so the second step says both.
 */
export function EmailSignUpForm({ organizationSlug }: EmailFormProps) {
  const { t } = useTranslation(['identity', 'errors']);
  const signUp = useEmailSignUp();
  const verify = useVerifyEmailSignUp();
  const redirect = useAuthRedirect(organizationSlug);
  const countdown = useCountdown();
  const [sent, setSent] = useState<{ values: z.output<typeof ZSignUpFields>; answer: TEmailSignUpRequested } | null>(
    null,
  );
  const form = useForm<z.input<typeof ZSignUpFields>, unknown, z.output<typeof ZSignUpFields>>({
    resolver: zodResolver(ZSignUpFields),
    defaultValues: { email: '', password: '', displayName: '' },
  });
  const codeForm = useForm<z.input<typeof ZEmailCodeStep>, unknown, z.output<typeof ZEmailCodeStep>>({
    resolver: zodResolver(ZEmailCodeStep),
    defaultValues: { code: '' },
  });

  const send = async (values: z.output<typeof ZSignUpFields>) => {
    const answer = await signUp.mutateAsync({ ...values, organization: organizationSlug });
    setSent({ values, answer });
    countdown.restart(answer.resendInSeconds);
  };

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await send(values);
    } catch (error) {
      applyServerFieldErrors(error, form.setError, ['email', 'password', 'displayName']);
    }
  });

  const handleResend = async () => {
    if (!sent) return;
    codeForm.reset();
    try {
      await send(sent.values);
    } catch {
      // Shown through signUp.error.
    }
  };

  const handleVerify = codeForm.handleSubmit(async ({ code }) => {
    if (!sent) return;
    try {
      redirect(await verify.mutateAsync({ email: sent.values.email, code, organization: organizationSlug }));
    } catch (error) {
      applyServerFieldErrors(error, codeForm.setError, ['code']);
    }
  });

  if (sent) {
    const seconds = countdown.secondsLeft;
    const email = isolate(sent.answer.maskedEmail);
    return (
      <form className="stack" onSubmit={handleVerify} noValidate>
        <Alert variant="info">{t('emailSignUp.sent', { email })}</Alert>
        {verify.error && !codeForm.formState.errors.code && (
          <Alert variant="danger">{translateErrorCode(t, errorCodeOf(verify.error))}</Alert>
        )}
        {signUp.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(signUp.error))}</Alert>}
        <CodeStepFields
          hint={t('emailSignUp.codeHint', { email })}
          error={codeForm.formState.errors.code}
          registration={codeForm.register('code')}
          submitLabel={t('actions.verifySignUp')}
          isVerifying={verify.isPending}
          secondsLeft={seconds}
          onResend={handleResend}
          isResending={signUp.isPending}
          changeLabel={t('emailSignUp.changeEmail')}
          onChange={() => {
            setSent(null);
            codeForm.reset();
            verify.reset();
          }}
        />
      </form>
    );
  }

  const { errors } = form.formState;
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
