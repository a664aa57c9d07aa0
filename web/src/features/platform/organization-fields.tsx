import type { FieldError, UseFormReturn } from 'react-hook-form';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { Select, TextField } from '@/components';
import { fieldErrorMessage } from '@/lib/errors';
import { PLATFORM_NS } from './platform-i18n';

/** Reads a nested form error by its dotted path. */
function errorAt(errors: unknown, path: string) {
  const found = path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), errors);
  return found && typeof found === 'object' && 'message' in found ? (found as Pick<FieldError, 'message' | 'type'>) : undefined;
}

/** A number typed in any digits (Persian, Arabic-Indic or ASCII); blank stays blank for the schema to flag. */
export function asNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const ascii = toAsciiDigits(value).replace('٫', '.').trim();
  return ascii === '' ? undefined : Number(ascii);
}

/** Empty is null (an optional e-mail). */
export function asNullable(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? null : value;
}

export type OrganizationFieldsProps = {
  // Both the create and the edit forms: the fields are addressed by name.
  form: UseFormReturn<any, any, any>;
};

/** The settings of a municipality a superadmin sets: names, language, map, contact and time zone. */
export function OrganizationFields({ form }: OrganizationFieldsProps) {
  const { t } = useTranslation([PLATFORM_NS, 'errors']);
  const { errors } = form.formState;
  const error = (path: string) => fieldErrorMessage(t, errorAt(errors, path));
  return (
    <>
      <fieldset className="fieldset">
        <legend>{t('fields.name')}</legend>
        {(['fa', 'ar', 'en'] as const).map((lang) => (
          <TextField
            key={lang}
            label={t(`fields.${lang}`)}
            lang={lang}
            dir={lang === 'en' ? 'ltr' : 'rtl'}
            error={error(`name.${lang}`)}
            {...form.register(`name.${lang}`)}
          />
        ))}
      </fieldset>
      <Controller
        control={form.control}
        name="defaultLocale"
        render={({ field, fieldState }) => (
          <Select
            label={t('fields.defaultLocale')}
            value={field.value}
            error={fieldErrorMessage(t, fieldState.error)}
            options={LOCALES.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))}
            onValueChange={field.onChange}
          />
        )}
      />
      <fieldset className="fieldset">
        <legend>{t('fields.mapCenter')}</legend>
        <div className="field-row">
          <TextField
            label={t('fields.lat')}
            inputMode="decimal"
            isLtr
            error={error('mapCenter.lat')}
            {...form.register('mapCenter.lat', { setValueAs: asNumber })}
          />
          <TextField
            label={t('fields.lng')}
            inputMode="decimal"
            isLtr
            error={error('mapCenter.lng')}
            {...form.register('mapCenter.lng', { setValueAs: asNumber })}
          />
        </div>
      </fieldset>
      <TextField
        label={t('fields.mapZoom')}
        inputMode="numeric"
        isLtr
        error={error('mapZoom')}
        {...form.register('mapZoom', { setValueAs: asNumber })}
      />
      <TextField
        label={t('fields.contactEmail')}
        type="email"
        isLtr
        autoComplete="off"
        error={error('contactEmail')}
        {...form.register('contactEmail', { setValueAs: asNullable })}
      />
      <TextField
        label={t('fields.timeZone')}
        hint={t('fields.timeZoneHint')}
        isLtr
        error={error('timeZone')}
        {...form.register('timeZone')}
      />
    </>
  );
}
