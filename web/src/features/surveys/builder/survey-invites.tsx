import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TCreatedSurveyInvites } from '@hamandishi/contracts';
import { Alert, Button, DateField, DateText, Spinner } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useSurveyInviteActions, useSurveyInvites } from '../api/use-surveys';
import { SURVEYS_NS } from '../surveys-i18n';

/** The labels typed one per line (blank lines left out). */
export function inviteLabels(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Personal links for an invite-list survey: created in bulk (one per label), shown ONCE with their
 * tokens (only a hash is kept), listed afterwards without them, and revocable.
 */
export function SurveyInvites({ slug, activityId }: { slug: string; activityId: string }) {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const locale = useLocale();
  const id = useId();
  const invites = useSurveyInvites(slug, activityId);
  const actions = useSurveyInviteActions(slug, activityId);
  const [labels, setLabels] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [created, setCreated] = useState<TCreatedSurveyInvites['items']>([]);
  const [error, setError] = useState<string | null>(null);
  const count = inviteLabels(labels).length;
  // A link works to the end of the chosen day in Tehran (23:59:59 at +03:30).
  const expiresAt = `${expiresOn}T20:29:59Z`;
  const isExpiryValid = /^\d{4}-\d{2}-\d{2}$/.test(expiresOn) && new Date(expiresAt).getTime() > Date.now();

  const handleCreate = async () => {
    setError(null);
    try {
      const result = await actions.create.mutateAsync({ labels: inviteLabels(labels), expiresAt });
      setCreated(result.items);
      setLabels('');
    } catch (caught) {
      setError(translateErrorCode(t, errorCodeOf(caught)));
    }
  };

  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('builder.invites.title')}</h2>
      <p className="muted">{t('builder.invites.hint')}</p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-labels`}>
          {t('builder.invites.labels')}
        </label>
        <textarea
          id={`${id}-labels`}
          className="field__input field__textarea"
          rows={4}
          value={labels}
          onChange={(event) => setLabels(event.target.value)}
          aria-describedby={`${id}-labels-hint`}
        />
        <p id={`${id}-labels-hint`} className="field__hint">
          {t('builder.invites.labelsHint', { number: formatNumber(count, locale) })}
        </p>
      </div>
      <DateField label={t('builder.invites.expiresOn')} value={expiresOn} onChange={setExpiresOn} />
      {error && <Alert variant="danger">{error}</Alert>}
      <div>
        <Button
          variant="secondary"
          isLoading={actions.create.isPending}
          disabled={count === 0 || !isExpiryValid}
          onClick={() => void handleCreate()}
        >
          {t('builder.invites.create', { number: formatNumber(count, locale) })}
        </Button>
      </div>
      {created.length > 0 && (
        <Alert variant="success">
          <p>{t('builder.invites.createdOnce')}</p>
          <ul>
            {created.map((invite) => (
              <li key={invite.id}>
                {invite.label}:{' '}
                <span dir="ltr" className="survey-invite__link">
                  {`${window.location.origin}${invite.path}`}
                </span>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {invites.isPending ? (
        <Spinner />
      ) : invites.data && invites.data.items.length > 0 ? (
        <ul className="stack" aria-label={t('builder.invites.list')}>
          {invites.data.items.map((invite) => (
            <li key={invite.id} className="survey-builder__toolbar">
              <span>{invite.label}</span>
              <span className="muted">
                {invite.revokedAt ? (
                  t('builder.invites.revoked')
                ) : invite.usedAt ? (
                  t('builder.invites.used')
                ) : (
                  <>
                    {t('builder.invites.expires')} <DateText value={invite.expiresAt} />
                  </>
                )}
              </span>
              {!invite.revokedAt && !invite.usedAt && (
                <Button
                  size="sm"
                  variant="ghost"
                  isLoading={actions.revoke.isPending && actions.revoke.variables === invite.id}
                  onClick={() => actions.revoke.mutate(invite.id)}
                >
                  {t('builder.invites.revoke', { label: invite.label })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('builder.invites.none')}</p>
      )}
    </section>
  );
}
