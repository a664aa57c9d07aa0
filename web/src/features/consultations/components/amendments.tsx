import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import { ZCreateAmendment, type TAmendment, type TCreateAmendment, type TPassage } from '@hamandishi/contracts';
import { Alert, Button, DateText, Spinner, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useAmendmentActions, useAmendments } from '../api/use-consultations';
import { CONSULTATIONS_NS } from '../consultations-i18n';

export type AmendmentsProps = {
  slug: string;
  activityId: string;
  blockId: string;
  blockText: string;
  passage: TPassage | null;
  canPropose: boolean;
  canManage: boolean;
};

/** Proposed rewordings of a block: supported by others, decided by planners, proposed by anyone who may comment. */
export function Amendments({ slug, activityId, blockId, blockText, passage, canPropose, canManage }: AmendmentsProps) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const locale = useLocale();
  const toast = useToast();
  const headingId = useId();
  const amendments = useAmendments(slug, activityId, blockId);
  const actions = useAmendmentActions(slug, activityId);
  const onError = (error: unknown) =>
    toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' });

  return (
    <section className="stack c-amendments" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('amendments.title')}</h3>
      {amendments.isPending && <Spinner />}
      {amendments.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(amendments.error))}</Alert>}
      {amendments.data && amendments.data.length === 0 && <p className="muted">{t('amendments.empty')}</p>}
      {amendments.data && amendments.data.length > 0 && (
        <ol className="c-plain-list stack">
          {amendments.data.map((amendment) => (
            <AmendmentItem
              key={amendment.id}
              amendment={amendment}
              canSupport={canPropose}
              canManage={canManage}
              isPending={actions.support.isPending || actions.status.isPending}
              onSupport={() =>
                actions.support.mutate({ id: amendment.id, supported: !amendment.supportedByMe }, { onError })
              }
              onStatus={(status) => actions.status.mutate({ id: amendment.id, status }, { onError })}
              supportLabel={t('amendments.support', { number: formatNumber(amendment.supportCount, locale) })}
            />
          ))}
        </ol>
      )}
      {canPropose && (
        <ProposeForm
          key={`${blockId}-${passage?.start ?? ''}-${passage?.end ?? ''}`}
          blockId={blockId}
          defaultText={passage?.quote ?? blockText}
          passage={passage}
          isPending={actions.create.isPending}
          onSubmit={(input) =>
            actions.create
              .mutateAsync(input)
              .then(() => toast.show({ title: t('amendments.posted'), variant: 'success' }))
              .catch(onError)
          }
        />
      )}
    </section>
  );
}

type AmendmentItemProps = {
  amendment: TAmendment;
  canSupport: boolean;
  canManage: boolean;
  isPending: boolean;
  supportLabel: string;
  onSupport: () => void;
  onStatus: (status: TAmendment['status']) => void;
};

function AmendmentItem({
  amendment,
  canSupport,
  canManage,
  isPending,
  supportLabel,
  onSupport,
  onStatus,
}: AmendmentItemProps) {
  const { t } = useTranslation(CONSULTATIONS_NS);
  return (
    <li className="card c-amendment">
      <header className="comment__header">
        <strong>{amendment.author?.displayName ?? t('amendments.anonymous')}</strong>
        <span
          className={`badge badge--${amendment.status === 'accepted' ? 'success' : amendment.status === 'rejected' ? 'neutral' : 'info'}`}
        >
          {t(`amendments.statuses.${amendment.status}`)}
        </span>
        <span className="muted">
          <DateText value={amendment.createdAt} />
        </span>
      </header>
      {amendment.passage && <blockquote className="comment__passage">{amendment.passage.quote}</blockquote>}
      <p className="c-amendment__label muted">{t('amendments.proposedText')}</p>
      <p className="c-amendment__text">{amendment.proposedText}</p>
      {amendment.reason && <p className="muted">{t('amendments.reasonShown', { reason: amendment.reason })}</p>}
      <div className="comment__actions">
        <Button
          size="sm"
          variant={amendment.supportedByMe ? 'secondary' : 'ghost'}
          aria-pressed={amendment.supportedByMe}
          disabled={!canSupport || isPending}
          onClick={onSupport}
        >
          {supportLabel}
        </Button>
        {canManage && amendment.status !== 'accepted' && (
          <Button size="sm" variant="ghost" disabled={isPending} onClick={() => onStatus('accepted')}>
            {t('amendments.accept')}
          </Button>
        )}
        {canManage && amendment.status !== 'rejected' && (
          <Button size="sm" variant="ghost" disabled={isPending} onClick={() => onStatus('rejected')}>
            {t('amendments.reject')}
          </Button>
        )}
      </div>
    </li>
  );
}

type ProposeFormProps = {
  blockId: string;
  defaultText: string;
  passage: TPassage | null;
  isPending: boolean;
  onSubmit: (input: TCreateAmendment) => Promise<unknown>;
};

function ProposeForm({ blockId, defaultText, passage, isPending, onSubmit }: ProposeFormProps) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const id = useId();
  const form = useForm<TCreateAmendment>({
    resolver: zodResolver(ZCreateAmendment),
    defaultValues: { blockId, proposedText: defaultText, reason: '', ...(passage ? { passage } : {}) },
  });
  const textError = fieldErrorMessage(t, form.formState.errors.proposedText);
  const handleSubmit = form.handleSubmit(async (values) => {
    await onSubmit({ ...values, reason: values.reason?.trim() ? values.reason : undefined });
    form.reset({ blockId, proposedText: defaultText, reason: '', ...(passage ? { passage } : {}) });
  });
  return (
    <details className="c-propose">
      <summary>{t('amendments.propose')}</summary>
      <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {passage && <blockquote className="comment__passage">{passage.quote}</blockquote>}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            {t('amendments.proposedText')}
          </label>
          <textarea
            id={`${id}-text`}
            className="field__input textarea"
            rows={4}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `${id}-error` : undefined}
            {...form.register('proposedText')}
          />
          {textError && (
            <p className="field__error" id={`${id}-error`}>
              {textError}
            </p>
          )}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-reason`}>
            {t('amendments.reason')}
          </label>
          <textarea id={`${id}-reason`} className="field__input textarea" rows={2} {...form.register('reason')} />
        </div>
        <div className="form-footer">
          <Button type="submit" size="sm" isLoading={isPending}>
            {t('amendments.submit')}
          </Button>
        </div>
      </form>
    </details>
  );
}
