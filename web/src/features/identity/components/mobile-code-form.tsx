import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZVerifyCode, type TCodeRequested } from '@hamandishi/contracts';
import { Alert, Button, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { useRequestCode, useVerifyCode } from '../api/use-auth-mutations';
import { useAuthRedirect } from './use-auth-redirect';
import { CodeStepFields, isolate } from './code-step-fields';
import { useCountdown } from './use-countdown';

// Step 1 of sign-in needs only the number; sign-up also asks for the name shown to others.
const ZSignInStart = ZVerifyCode.pick({ mobile: true, displayName: true });
const ZSignUpStart = ZSignInStart.required({ displayName: true });
const ZCodeStep = ZVerifyCode.pick({ code: true });

type StartInput = z.input<typeof ZSignInStart>;
type StartOutput = z.output<typeof ZSignInStart>;
type CodeInput = z.input<typeof ZCodeStep>;
type CodeOutput = z.output<typeof ZCodeStep>;

export type MobileCodeFormProps = { mode: 'sign-in' | 'sign-up'; organizationSlug: string };

/** Mobile number → SMS code → signed in (and signed up, when the number is new). */
export function MobileCodeForm({ mode, organizationSlug }: MobileCodeFormProps) {
  const { t } = useTranslation(['identity', 'errors', 'common']);
  const requestCode = useRequestCode();
  const verifyCode = useVerifyCode();
  const redirect = useAuthRedirect(organizationSlug);
  const countdown = useCountdown();
  const [sent, setSent] = useState<{ mobile: string; displayName?: string; answer: TCodeRequested } | null>(null);

  const startForm = useForm<StartInput, unknown, StartOutput>({
    resolver: zodResolver(mode === 'sign-up' ? ZSignUpStart : ZSignInStart) as Resolver<
      StartInput,
      unknown,
      StartOutput
    >,
    // An unregistered displayName stays undefined, so the optional rule lets sign-in through.
    defaultValues: mode === 'sign-up' ? { mobile: '', displayName: '' } : { mobile: '' },
  });
  const codeForm = useForm<CodeInput, unknown, CodeOutput>({
    resolver: zodResolver(ZCodeStep),
    defaultValues: { code: '' },
  });

  const send = async (mobile: string, displayName?: string) => {
    const answer = await requestCode.mutateAsync({ mobile, organization: organizationSlug });
    setSent({ mobile, displayName, answer });
    countdown.restart(answer.resendInSeconds);
  };

  const handleStart = startForm.handleSubmit(async ({ mobile, displayName }) => {
    try {
      await send(mobile, mode === 'sign-up' ? displayName : undefined);
    } catch (error) {
      applyServerFieldErrors(error, startForm.setError, ['mobile', 'displayName']);
    }
  });

  const handleResend = async () => {
    if (!sent) return;
    codeForm.reset();
    try {
      await send(sent.mobile, sent.displayName);
    } catch {
      // Shown through requestCode.error.
    }
  };

  const handleVerify = codeForm.handleSubmit(async ({ code }) => {
    if (!sent) return;
    try {
      const session = await verifyCode.mutateAsync({
        mobile: sent.mobile,
        code,
        displayName: sent.displayName,
        organization: organizationSlug,
      });
      redirect(session);
    } catch (error) {
      applyServerFieldErrors(error, codeForm.setError, ['code']);
    }
  });

  if (!sent) {
    const { errors } = startForm.formState;
    return (
      <form className="stack" onSubmit={handleStart} noValidate>
        {requestCode.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(requestCode.error))}</Alert>}
        <TextField
          label={t('fields.mobile.label')}
          hint={t('fields.mobile.hint')}
          error={fieldErrorMessage(t, errors.mobile, 'identity:fields.mobile')}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          isLtr
          {...startForm.register('mobile')}
        />
        {mode === 'sign-up' && (
          <TextField
            label={t('fields.displayName.label')}
            hint={t('fields.displayName.hint')}
            error={fieldErrorMessage(t, errors.displayName)}
            autoComplete="nickname"
            {...startForm.register('displayName')}
          />
        )}
        <Button type="submit" isBlock isLoading={requestCode.isPending}>
          {t('actions.requestCode')}
        </Button>
      </form>
    );
  }

  const { errors } = codeForm.formState;
  const seconds = countdown.secondsLeft;
  return (
    <form className="stack" onSubmit={handleVerify} noValidate>
      <Alert variant="info">{t('codeSent', { mobile: isolate(sent.answer.maskedMobile) })}</Alert>
      {verifyCode.error && !errors.code && (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(verifyCode.error))}</Alert>
      )}
      {requestCode.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(requestCode.error))}</Alert>}
      <CodeStepFields
        hint={t('fields.code.hint', { mobile: isolate(sent.answer.maskedMobile) })}
        error={errors.code}
        registration={codeForm.register('code')}
        submitLabel={t(mode === 'sign-up' ? 'actions.verifySignUp' : 'actions.verifySignIn')}
        isVerifying={verifyCode.isPending}
        secondsLeft={seconds}
        onResend={handleResend}
        isResending={requestCode.isPending}
        changeLabel={t('actions.changeMobile')}
        onChange={() => {
          setSent(null);
          codeForm.reset();
          verifyCode.reset();
        }}
      />
    </form>
  );
}
