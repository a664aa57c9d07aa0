import '../plans.css';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '@hamandishi/contracts';
import { DateText, UserText } from '@/components';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { usePlan } from '../api/use-plans';
import { AttachmentList } from '../components/attachment-list';
import { FollowButton } from '../components/follow-button';
import { PlanStatusBadge, YearRange } from '../components/plan-bits';
import { QueryView } from '../components/query-view';
import { StageTimeline } from '../components/stage-timeline';
import { usePageTitle } from '@/app/use-page-title';

/** `/:slug/plans/:planId`: a plan, its stages, committees, upstream documents and files. */
export default function PlanPage() {
  const { planId = '' } = useParams();
  const organization = useCurrentOrganization();
  const plan = usePlan(organization.slug, planId);
  const locale = useLocale();
  usePageTitle(plan.data && pickLocalized(plan.data.title, locale));
  return <QueryView query={plan}>{(data) => <PlanView slug={organization.slug} plan={data} />}</QueryView>;
}

function PlanView({ slug, plan }: { slug: string; plan: TPlan }) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  const title = pickLocalized(plan.title, locale);
  const summary = plan.summary ? pickLocalized(plan.summary, locale) : '';

  return (
    <article className="stack plan-page">
      <header className="plan-header">
        {plan.coverUrl && <img className="plan-header__cover" src={plan.coverUrl} alt="" />}
        <p className="plan-header__kicker">{t(`kinds.${plan.kind}`)}</p>
        <h1>
          <UserText>{title}</UserText>
        </h1>
        <div className="plan-header__meta">
          <PlanStatusBadge status={plan.status} />
          <FollowButton slug={slug} target={{ type: 'plan', id: plan.id }} isFollowing={plan.isFollowing} followerCount={plan.followerCount} />
          <Link to={`/${slug}/plans/${plan.id}/accountability`}>{t('accountabilityLink')}</Link>
        </div>
        <dl className="details-list">
          <dt>{t('plan.strategicHorizon')}</dt>
          <dd>
            <YearRange range={plan.strategicHorizon} />
          </dd>
          <dt>{t('plan.operationalHorizon')}</dt>
          <dd>
            <YearRange range={plan.operationalHorizon} />
          </dd>
        </dl>
        {summary && (
          <UserText as="p" className="plan-header__summary">
            {summary}
          </UserText>
        )}
      </header>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <StageTimeline slug={slug} planId={plan.id} stages={plan.stages} currentStageId={plan.currentStageId} />
      </section>

      <section aria-labelledby="committees-title">
        <h2 id="committees-title">{t('plan.committeesTitle')}</h2>
        {plan.committees.length === 0 ? (
          <p className="muted">{t('plan.noCommittees')}</p>
        ) : (
          <ul className="grid">
            {plan.committees.map((committee) => (
              <li key={committee.id}>
                <Link className="list-link" to={`/${slug}/committees/${committee.id}`}>
                  {pickLocalized(committee.name, locale)}
                </Link>
                <span className="muted"> · {t('committee.memberCount', { number: formatNumber(committee.members.length, locale) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="upstream-title">
        <h2 id="upstream-title">{t('plan.upstreamTitle')}</h2>
        {plan.upstreamDocuments.length === 0 ? (
          <p className="muted">{t('plan.noUpstream')}</p>
        ) : (
          <ul className="stack plain-list">
            {plan.upstreamDocuments.map((document) => (
              <li key={document.id} className="card">
                <h3 className="card__title">{pickLocalized(document.title, locale)}</h3>
                <p className="muted">
                  {t(`levels.${document.level}`)} · {document.issuer}
                  {document.year !== null && <> · {formatNumber(document.year, locale)}</>}
                </p>
                {document.url && (
                  <p>
                    <a href={document.url} rel="noopener noreferrer" target="_blank">
                      {t('plan.openDocument')}
                    </a>
                  </p>
                )}
                {document.attachment && <AttachmentList attachments={[document.attachment]} emptyText="" />}
                {document.directions.length > 0 && (
                  <>
                    <h4 className="upstream__directions-title">{t('plan.directions')}</h4>
                    <ul>
                      {document.directions.map((direction) => (
                        <li key={direction.id}>{direction.text}</li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="attachments-title">
        <h2 id="attachments-title">{t('plan.attachmentsTitle')}</h2>
        <AttachmentList attachments={plan.attachments} emptyText={t('plan.noAttachments')} />
      </section>

      <section aria-labelledby="revisions-title">
        <h2 id="revisions-title">{t('plan.revisionsTitle')}</h2>
        {plan.revisions.length === 0 ? (
          <p className="muted">{t('plan.noRevisions')}</p>
        ) : (
          <ul className="stack plain-list">
            {[...plan.revisions]
              .sort((a, b) => b.year - a.year)
              .map((revision) => (
                <li key={revision.id}>
                  <h3 className="card__title">{t('plan.revisionYear', { year: formatNumber(revision.year, locale) })}</h3>
                  <UserText as="p">{revision.summary}</UserText>
                </li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('plan.historyTitle')}</h2>
        {plan.statusHistory.length === 0 ? (
          <p className="muted">{t('plan.noHistory')}</p>
        ) : (
          <ol className="history">
            {plan.statusHistory.map((change, index) => (
              <li key={`${change.changedAt}-${index}`}>
                <DateText value={change.changedAt} /> · <PlanStatusBadge status={change.to} />
                {change.changedBy && <span className="muted"> · {t('plan.changedBy', { name: change.changedBy.displayName })}</span>}
                {change.note && <p className="muted">{change.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
