import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { ALIGNMENTS, ZEditComment, type TEditComment } from '@hamandishi/contracts';
import { Button } from '@/components';
import { fieldErrorMessage } from '@/lib/errors';
import { COMMENTS_NS } from '../comments-i18n';

export type CommentFormProps = {
  label: string;
  submitLabel: string;
  defaultValues?: TEditComment;
  isPending: boolean;
  onSubmit: (values: TEditComment) => Promise<unknown>;
  onCancel?: () => void;
};

/** A comment's body and its stance (agree / disagree / neutral), validated by the shared schema. */
export function CommentForm({ label, submitLabel, defaultValues, isPending, onSubmit, onCancel }: CommentFormProps) {
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const id = useId();
  const form = useForm<TEditComment>({ resolver: zodResolver(ZEditComment), defaultValues: defaultValues ?? { body: '' } });
  const alignment = form.watch('alignment');
  const error = fieldErrorMessage(t, form.formState.errors.body);

  const handleSubmit = form.handleSubmit(async (values) => {
    await onSubmit(values);
    form.reset({ body: '', alignment: undefined });
  });

  return (
    <form className="comment-form stack" onSubmit={(e) => void handleSubmit(e)} noValidate>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-body`}>
          {label}
        </label>
        <textarea
          id={`${id}-body`}
          className="field__input textarea"
          rows={3}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...form.register('body')}
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <fieldset className="chips">
        <legend className="field__label">{t('alignment.label')}</legend>
        {ALIGNMENTS.map((value) => (
          <Button
            key={value}
            size="sm"
            variant={alignment === value ? 'primary' : 'ghost'}
            aria-pressed={alignment === value}
            className={`chip chip--${value}`}
            onClick={() => form.setValue('alignment', alignment === value ? undefined : value)}
          >
            {t(`alignment.${value}`)}
          </Button>
        ))}
      </fieldset>
      <div className="form-footer">
        <Button type="submit" size="sm" isLoading={isPending}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            {t('cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
