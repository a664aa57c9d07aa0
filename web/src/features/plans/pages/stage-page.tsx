import '../plans.css';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TStage } from '@hamandishi/contracts';
import { useOrganizationRoles } from '@/features/identity/api/use-organization-roles';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { useStage } from '../api/use-plans';
import { AttachmentList } from '../components/attachment-list';
import { FollowButton } from '../components/follow-button';
import { activityPath, Badge, DateRange, ParticipationText, StageStatusBadge } from '../components/plan-bits';
import { QueryView } from '../components/query-view';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/plans/:planId/stages/:stageId`: one stage, its activities and its files. */
export default function StagePage() {
  const { planId = '', stageId = '' } = useParams();
  const organization = useCurrentOrganization();
  const stage = useStage(organization.slug, stageId);
  const locale = useLocale();
  usePageTitle(stage.data && pickLocalized(stage.data.title, locale));
  return <QueryView query={stage}>{(data) => <StageView slug={organization.slug} planId={planId} stage={data} />}</QueryView>;
}

function StageView({ slug, planId, stage }: { slug: string; planId: string; stage: TStage }) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const description = stage.description ? pickLocalized(stage.description, locale) : '';
  const activities = [...stage.activities].sort((a, b) => a.position - b.position);
  const { isPlanner } = useOrganizationRoles(slug);

  return (
    <article className="stack">
      <p>
        <Link to={`/${slug}/plans/${stage.planId || planId}`}>{t('stage.backToPlan')}</Link>
      </p>
      <header className="plan-header">
        <h1>{pickLocalized(stage.title, locale)}</h1>
        <div className="plan-header__meta">
          <StageStatusBadge status={stage.status} />
          <DateRange start={stage.startsOn} end={stage.endsOn} isDay />
        </div>
        <FollowButton
          slug={slug}
          target={{ type: 'stage', id: stage.id, planId: stage.planId || planId }}
          isFollowing={stage.isFollowing ?? false}
          followerCount={stage.followerCount}
        />
        {description && <p className="plan-header__summary">{description}</p>}
      </header>

      <section aria-labelledby="activities-title">
        <h2 id="activities-title">{t('stage.activitiesTitle')}</h2>
        {activities.length === 0 ? (
          <p className="muted">{t('stage.noActivities')}</p>
        ) : (
          <ul className="stack plain-list">
            {activities.map((activity) => (
              <li key={activity.id} className="card">
                <h3 className="card__title">{pickLocalized(activity.title, locale)}</h3>
                <div className="plan-header__meta">
                  <Badge tone="info">{t(`activityTypes.${activity.type}`)}</Badge>
                  <Badge tone={activity.isOpen ? 'success' : 'neutral'}>{t(activity.isOpen ? 'stage.open' : 'stage.closed')}</Badge>
                </div>
                <dl className="details-list">
                  <dt>{t('stage.window')}</dt>
                  <dd>
                    <DateRange start={activity.opensAt} end={activity.closesAt} />
                  </dd>
                  <dt>{t('stage.who')}</dt>
                  <dd>
                    <ParticipationText participation={activity.participation} />
                  </dd>
                </dl>
                {activity.description && <p>{pickLocalized(activity.description, locale)}</p>}
                {activity.type === 'problem_collection' && (
                  <p className="activity-actions">
                    <Link className="btn btn--primary btn--sm" to={activityPath(slug, activity) ?? `/${slug}/problems`}>
                      {t('stage.openProblems', { title: pickLocalized(activity.title, locale) })}
                    </Link>
                  </p>
                )}
                {activity.type === 'consultation' && (
                  <p className="activity-actions">
                    <Link className="btn btn--primary btn--sm" to={`/${slug}/consultations/${activity.id}`}>
                      {t('stage.readConsultation', { title: pickLocalized(activity.title, locale) })}
                    </Link>
                    {isPlanner && (
                      <Link className="btn btn--secondary btn--sm" to={`/${slug}/manage/consultations/${activity.id}`}>
                        {t('stage.manageConsultation')}
                      </Link>
                    )}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stage-attachments-title">
        <h2 id="stage-attachments-title">{t('plan.attachmentsTitle')}</h2>
        <AttachmentList attachments={stage.attachments} emptyText={t('plan.noAttachments')} />
      </section>
    </article>
  );
}
