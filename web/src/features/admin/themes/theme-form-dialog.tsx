import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DEFAULT_THEME_COLOUR, THEME_ICONS, ZCreateTheme, type TAdminTheme, type ThemeIcon as ThemeIconName } from '@hamandishi/contracts';
import { Alert, Button, Dialog, DialogClose, Select, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { ThemeIcon } from './theme-icon';
import { useCreateTheme, useUpdateTheme } from './use-themes';

type FormInput = z.input<typeof ZCreateTheme>;
type FormOutput = z.output<typeof ZCreateTheme>;

const TOP = '__top__';

export type ThemeFormDialogProps = {
  slug: string;
  /** The theme to edit; absent for a new one. */
  theme?: TAdminTheme;
  /** Top-level themes a new theme can go under. */
  parents: TAdminTheme[];
  /** The parent a new theme starts under. */
  parentId?: string | null;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
};

/** Create a theme or edit one: slug, name in fa/ar/en, colour, icon (and the parent of a new one). */
export function ThemeFormDialog({ slug, theme, parents, parentId = null, isOpen, onOpenChange }: ThemeFormDialogProps) {
  const { t } = useTranslation([ADMIN_NS, 'errors']);
  const locale = useLocale();
  const id = useId();
  const create = useCreateTheme(slug);
  const update = useUpdateTheme(slug);
  const mutation = theme ? update : create;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(ZCreateTheme),
    defaultValues: {
      slug: theme?.slug ?? '',
      name: { fa: theme?.name.fa ?? '', ar: theme?.name.ar ?? '', en: theme?.name.en ?? '' },
      parentId: theme ? theme.parentId : parentId,
      colour: theme?.colour ?? DEFAULT_THEME_COLOUR,
      icon: theme?.icon ?? 'tag',
    },
  });
  const { errors } = form.formState;

  const handleSubmit = form.handleSubmit(async (values) => {
    const name = { fa: values.name.fa, ...(values.name.ar ? { ar: values.name.ar } : {}), ...(values.name.en ? { en: values.name.en } : {}) };
    try {
      if (theme) await update.mutateAsync({ id: theme.id, slug: values.slug, name, colour: values.colour, icon: values.icon });
      else await create.mutateAsync({ ...values, name });
      onOpenChange(false);
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['slug', 'name.fa', 'name.ar', 'name.en', 'parentId', 'colour', 'icon']);
    }
  });

  return (
    <Dialog isOpen={isOpen} onOpenChange={onOpenChange} title={theme ? t('themes.form.editTitle') : t('themes.form.createTitle')}>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {mutation.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(mutation.error))}</Alert>}
        <fieldset className="fieldset">
          <legend>{t('themes.form.name')}</legend>
          {(['fa', 'ar', 'en'] as const).map((lang) => (
            <TextField
              key={lang}
              label={t(`themes.languages.${lang}`)}
              lang={lang}
              dir={lang === 'en' ? 'ltr' : 'rtl'}
              error={fieldErrorMessage(t, errors.name?.[lang])}
              {...form.register(`name.${lang}`)}
            />
          ))}
        </fieldset>
        <TextField label={t('themes.form.slug')} hint={t('themes.form.slugHint')} isLtr error={fieldErrorMessage(t, errors.slug)} {...form.register('slug')} />
        {!theme && (
          <Controller
            control={form.control}
            name="parentId"
            render={({ field }) => (
              <Select
                label={t('themes.form.parent')}
                value={field.value ?? TOP}
                options={[{ value: TOP, label: t('themes.topLevel') }, ...parents.map((p) => ({ value: p.id, label: pickLocalized(p.name, locale) }))]}
                onValueChange={(value) => field.onChange(value === TOP ? null : value)}
              />
            )}
          />
        )}
        <TextField type="color" label={t('themes.form.colour')} className="theme-colour-field" error={fieldErrorMessage(t, errors.colour)} {...form.register('colour')} />
        <Controller
          control={form.control}
          name="icon"
          render={({ field }) => (
            <fieldset className="fieldset">
              <legend>{t('themes.form.icon')}</legend>
              <div className="theme-icon-picker">
                {THEME_ICONS.map((icon) => (
                  <div className="theme-icon-picker__option" key={icon}>
                    <input
                      type="radio"
                      id={`${id}-icon-${icon}`}
                      name={`${id}-icon`}
                      value={icon}
                      checked={field.value === icon}
                      onChange={() => field.onChange(icon as ThemeIconName)}
                    />
                    <label htmlFor={`${id}-icon-${icon}`}>
                      <ThemeIcon name={icon} />
                      <span>{t(`themes.icons.${icon}`)}</span>
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          )}
        />
        <div className="dialog__actions">
          <DialogClose asChild>
            <Button variant="secondary">{t('themes.cancel')}</Button>
          </DialogClose>
          <Button type="submit" isLoading={form.formState.isSubmitting}>
            {theme ? t('themes.form.save') : t('themes.form.create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
