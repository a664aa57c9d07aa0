import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button, TextField } from '@/components';
import { formatNumber } from '@/lib/format';
import { fieldErrorMessage } from '@/lib/errors';
import { isLocale } from '@/lib/locale';

/** Keeps a left-to-right number or address readable inside right-to-left text. */
export const isolate = (text: string) => `\u2066${text}\u2069`;

export type CodeStepFieldsProps = {
  hint: string;
  error: FieldError | undefined;
  registration: UseFormRegisterReturn;
  submitLabel: string;
  isVerifying: boolean;
  secondsLeft: number;
  onResend: () => void;
  isResending: boolean;
  changeLabel: string;
  onChange: () => void;
};

/** The second step of every code flow (mobile or e-mail): the code, verify, resend, or go back. */
export function CodeStepFields(props: CodeStepFieldsProps) {
  const { t, i18n } = useTranslation(['identity', 'errors']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const { secondsLeft } = props;
  return (
    <>
      <TextField
        label={t('fields.code.label')}
        hint={props.hint}
        error={fieldErrorMessage(t, props.error, 'identity:fields.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={16}
        isLtr
        autoFocus
        {...props.registration}
      />
      <Button type="submit" isBlock isLoading={props.isVerifying}>
        {props.submitLabel}
      </Button>
      <div className="form-footer">
        <Button
          variant="ghost"
          size="sm"
          onClick={props.onResend}
          disabled={secondsLeft > 0}
          isLoading={props.isResending}
        >
          {secondsLeft > 0
            ? t('actions.resendIn', { seconds: formatNumber(secondsLeft, locale) })
            : t('actions.resend')}
        </Button>
        <Button variant="ghost" size="sm" onClick={props.onChange}>
          {props.changeLabel}
        </Button>
      </div>
    </>
  );
}
