import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_OUTCOMES, type TComment, type TCommentOutcome } from '@hamandishi/contracts';
import { Button, DateText, Dialog, DialogClose } from '@/components';
import { COMMENTS_NS } from '../comments-i18n';

type Outcome = NonNullable<TComment['outcome']>;

/** What became of a comment: "incorporated" or "not incorporated" (a mark as well as a colour), with the planner's reason. */
export function CommentOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation(COMMENTS_NS);
  const isIncorporated = outcome.status === 'incorporated';
  return (
    <div className={`comment__outcome comment__outcome--${outcome.status}`}>
      <span className={`badge ${isIncorporated ? 'badge--success' : 'badge--neutral'}`}>
        <span aria-hidden="true">{isIncorporated ? '✓ ' : '✗ '}</span>
        {t(`outcome.${outcome.status}`)}
      </span>{' '}
      <span className="muted">
        <DateText value={outcome.decidedAt} />
      </span>
      <p className="comment__outcome-reason">{t('outcome.reasonShown', { reason: outcome.reason })}</p>
    </div>
  );
}

export type OutcomeDialogProps = {
  outcome: TComment['outcome'];
  isPending: boolean;
  onClose: () => void;
  onSubmit: (input: TCommentOutcome) => void;
};

/** A planner's decision on a comment: incorporated or not, with a reason the commenter is told; or cleared. */
export function OutcomeDialog({ outcome, isPending, onClose, onSubmit }: OutcomeDialogProps) {
  const { t } = useTranslation([COMMENTS_NS, 'errors']);
  const id = useId();
  const [status, setStatus] = useState<(typeof COMMENT_OUTCOMES)[number]>(outcome?.status ?? 'incorporated');
  const [reason, setReason] = useState(outcome?.reason ?? '');
  const [error, setError] = useState<string | undefined>(undefined);
  const handleSubmit = () => {
    if (reason.trim().length < 3) return setError(t('errors:field.too_short'));
    onSubmit({ outcome: status, reason: reason.trim() });
  };
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('outcome.title')}
      description={t('outcome.description')}
      actions={
        <>
          {outcome && (
            <Button variant="ghost" isLoading={isPending} onClick={() => onSubmit({ outcome: null })}>
              {t('outcome.clear')}
            </Button>
          )}
          <DialogClose asChild>
            <Button variant="ghost">{t('cancel')}</Button>
          </DialogClose>
          <Button isLoading={isPending} onClick={handleSubmit}>
            {t('outcome.submit')}
          </Button>
        </>
      }
    >
      <fieldset className="chips">
        <legend className="field__label">{t('outcome.label')}</legend>
        {COMMENT_OUTCOMES.map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={`${id}-outcome`}
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />{' '}
            {t(`outcome.${value}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-reason`}>
          {t('outcome.reason')}
        </label>
        <textarea
          id={`${id}-reason`}
          className="field__input textarea"
          rows={3}
          maxLength={2000}
          value={reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setError(undefined);
            setReason(event.target.value);
          }}
        />
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    </Dialog>
  );
}
