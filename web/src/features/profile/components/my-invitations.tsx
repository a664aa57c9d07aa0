import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMembership } from '@hamandishi/contracts';
import { Alert, Button, DateText, Spinner, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { INVITATIONS_NS } from '@/features/invitations/invitations-i18n';
import { useAcceptMyInvitation, useMyInvitations } from '@/features/invitations/use-invitations';
import { useOrganizations } from '@/features/organizations/api/use-organizations';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';

/** "My invitations": pending invitations to my mobile or e-mail, each accepted with one button. */
export function MyInvitations() {
  const { t, i18n } = useTranslation([INVITATIONS_NS, 'errors']);
  const toast = useToast();
  const invitations = useMyInvitations(true);
  const accept = useAcceptMyInvitation();
  const list = new Intl.ListFormat(i18n.language, { type: 'unit' });

  return (
    <section className="card stack" aria-labelledby="my-invitations">
      <h2 id="my-invitations">{t('mine.title')}</h2>
      {invitations.isPending ? (
        <Spinner />
      ) : invitations.isError ? (
        <Alert variant="danger">{translateErrorCode(t, errorCodeOf(invitations.error))}</Alert>
      ) : invitations.data.length === 0 ? (
        <p className="muted">{t('mine.empty')}</p>
      ) : (
        <ul className="stack">
          {invitations.data.map((invitation) => {
            const name = pickLocalized(invitation.organization.name, i18n.language);
            return (
              <li key={invitation.id}>
                <p>
                  <Link to={`/${invitation.organization.slug}`}>{name}</Link>
                  {' — '}
                  {list.format(invitation.roles.map((role) => t(`roles.${role}`)))}
                </p>
                <p className="muted">
                  {t('mine.expires')}
                  <DateText value={invitation.expiresAt} />
                </p>
                <Button
                  size="sm"
                  isLoading={accept.isPending && accept.variables === invitation.id}
                  onClick={() =>
                    accept.mutate(invitation.id, {
                      onSuccess: () => toast.show({ title: t('accepted'), variant: 'success' }),
                      onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
                    })
                  }
                >
                  {t('mine.accept', { name })}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** "My memberships": each municipality I belong to, with my roles there. */
export function MyMemberships({ memberships }: { memberships: readonly TMembership[] }) {
  const { t, i18n } = useTranslation(INVITATIONS_NS);
  const organizations = useOrganizations();
  const list = new Intl.ListFormat(i18n.language, { type: 'unit' });
  const nameOf = (slug: string) => {
    const found = organizations.data?.find((o) => o.slug === slug);
    return found ? pickLocalized(found.name, i18n.language) : slug;
  };
  return (
    <section className="card stack" aria-labelledby="my-memberships">
      <h2 id="my-memberships">{t('memberships.title')}</h2>
      {memberships.length === 0 ? (
        <p className="muted">{t('memberships.empty')}</p>
      ) : (
        <ul>
          {memberships.map((m) => (
            <li key={m.organizationId}>
              <Link to={`/${m.organizationSlug}`}>{nameOf(m.organizationSlug)}</Link>
              {' — '}
              {list.format(m.roles.map((role) => t(`roles.${role}`)))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
