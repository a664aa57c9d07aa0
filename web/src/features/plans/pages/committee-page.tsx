import '../plans.css';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TCommittee } from '@hamandishi/contracts';
import { PageHeader } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { useCommittee } from '../api/use-plans';
import { QueryView } from '../components/query-view';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/committees/:committeeId`: a committee's topics, secretary and members. */
export default function CommitteePage() {
  const { committeeId = '' } = useParams();
  const organization = useCurrentOrganization();
  const committee = useCommittee(organization.slug, committeeId);
  const locale = useLocale();
  usePageTitle(committee.data && pickLocalized(committee.data.name, locale));
  return <QueryView query={committee}>{(data) => <CommitteeView committee={data} />}</QueryView>;
}

function CommitteeView({ committee }: { committee: TCommittee }) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const themes = organization.themes.filter((theme) => committee.themeIds.includes(theme.id));
  return (
    <div className="stack">
      <PageHeader
        title={pickLocalized(committee.name, locale)}
        description={committee.description ? pickLocalized(committee.description, locale) : undefined}
      />
      <section aria-labelledby="committee-themes">
        <h2 id="committee-themes">{t('committee.themes')}</h2>
        {themes.length === 0 ? (
          <p className="muted">{t('committee.noThemes')}</p>
        ) : (
          <ul className="tag-list">
            {themes.map((theme) => (
              <li key={theme.id}>{pickLocalized(theme.name, locale)}</li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="committee-secretary">
        <h2 id="committee-secretary">{t('committee.secretary')}</h2>
        <p>{committee.secretary?.displayName ?? t('committee.noSecretary')}</p>
      </section>
      <section aria-labelledby="committee-members">
        <h2 id="committee-members">{t('committee.members')}</h2>
        {committee.members.length === 0 ? (
          <p className="muted">{t('committee.noMembers')}</p>
        ) : (
          <ul>
            {committee.members.map((member) => (
              <li key={member.id}>{member.displayName}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
