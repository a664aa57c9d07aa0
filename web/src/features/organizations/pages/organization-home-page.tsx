import { Link } from 'react-router';
import { toAsciiDigits } from '@hamandishi/text';
import { useTranslation } from 'react-i18next';
import type { ActivityType, TOpenActivity } from '@hamandishi/contracts';
import { buttonClassName, DateText, Spinner } from '@/components';
import { usePlans } from '@/features/plans/api/use-plans';
import { PlanList } from '@/features/plans/components/plan-list';
import { useSession } from '@/features/identity/api/use-session';
import { formatNumber } from '@/lib/format';
import { isLocale, pickLocalized } from '@/lib/locale';
import { usePageTitle } from '@/app/use-page-title';
import { useOpenActivities } from '../api/use-organizations';
import { useCurrentOrganization } from './organization-layout';

/**
 * Where one click takes a person for each kind of open activity. Only kinds with a page are here:
 * a kind without one (surveys, think-tank series for now) is never offered, so nothing is promised
 * that is not there.
 */
const ENTRY: Partial<Record<ActivityType, (slug: string, activity: TOpenActivity) => string>> = {
  problem_collection: (slug) => `/${slug}/problems/new`,
  consultation: (slug, activity) => `/${slug}/consultations/${activity.id}`,
};

/** `/:slug`: what the platform is for in this city, its districts, and a way in. */
export default function OrganizationHomePage() {
  const { t, i18n } = useTranslation(['organizations', 'common']);
  const organization = useCurrentOrganization();
  const { data: session } = useSession();
  // The municipality is the page: its name and the site's.
  usePageTitle();
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const name = pickLocalized(organization.name, locale);
  const account = session?.account;
  const districts = [...organization.districts].sort((a, b) => a.number - b.number);
  const open = useOpenActivities(organization.slug);
  const offered = (open.data ?? []).filter((activity) => ENTRY[activity.type]);
  // The welcome in this language, else in Persian.
  const welcomeLocale = organization.welcomeHtml?.[locale] ? locale : 'fa';
  const welcome = organization.welcomeHtml?.[welcomeLocale];
  const isCollecting = offered.some((activity) => activity.type === 'problem_collection');

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <p className="hero__kicker">{t('home.kicker')}</p>
        <h1 id="hero-title">{name}</h1>
        <p className="hero__intro">{t('home.intro', { name })}</p>
        <div className="hero__actions">
          {isCollecting && (
            <Link to={`/${organization.slug}/problems/new`} className={buttonClassName({ className: 'btn--on-dark', size: 'lg' })}>
              {t('home.reportProblem')}
            </Link>
          )}
          <Link to={`/${organization.slug}/problems`} className={buttonClassName({ variant: 'ghost', size: 'lg', className: 'hero__secondary' })}>
            {t('home.problemsMap')}
          </Link>
          {account ? (
            <>
              <p className="hero__intro">{t('home.signedInAs', { name: account.displayName })}</p>
              <Link to={`/${organization.slug}/profile`} className={buttonClassName({ className: 'btn--on-dark' })}>
                {t('home.toProfile')}
              </Link>
            </>
          ) : (
            <>
              <Link to={`/${organization.slug}/sign-up`} className={buttonClassName({ className: 'btn--on-dark', size: 'lg' })}>
                {t('common:header.signUp')}
              </Link>
              <Link to={`/${organization.slug}/sign-in`} className={buttonClassName({ variant: 'ghost', size: 'lg', className: 'hero__secondary' })}>
                {t('common:header.signIn')}
              </Link>
            </>
          )}
        </div>
      </section>

      {welcome && (
        <section className="section org-welcome" aria-label={t('home.welcomeLabel')}>
          {/* welcomeHtml is rendered by the server from safe markdown: all HTML in the text is escaped. */}
          <div lang={welcomeLocale} dir={welcomeLocale === 'en' ? 'ltr' : 'rtl'} dangerouslySetInnerHTML={{ __html: welcome }} />
        </section>
      )}

      <section className="section" aria-labelledby="participate-title">
        <h2 id="participate-title">{t('home.participateTitle')}</h2>
        {open.isPending && <Spinner size="lg" />}
        {open.isError && <p className="muted">{t('home.openLoadError')}</p>}
        {open.data && offered.length === 0 && (
          <div className="stack">
            <p>{t('home.noneOpen')}</p>
            <p className="muted">
              {t('home.noneOpenBody')} <Link to={`/${organization.slug}/plans`}>{t('home.toPlans')}</Link>
            </p>
          </div>
        )}
        {offered.length > 0 && (
          <ul className="grid open-activities">
            {offered.map((activity) => (
              <li key={activity.id}>
                <OpenActivityCard slug={organization.slug} activity={activity} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <PlansSection slug={organization.slug} />

      <section className="section" aria-labelledby="districts-title">
        <h2 id="districts-title">{t('home.districtsTitle')}</h2>
        {districts.length === 0 ? (
          <p className="muted">{t('home.noDistricts')}</p>
        ) : (
          <ul className="district-list">
            {districts.map((district) => {
              const label = t('home.districtNumber', { number: formatNumber(district.number, locale) });
              const districtName = pickLocalized(district.name, locale);
              // Many cities name districts by number ("District 1"): then the name says it once.
              const isNumberName = toAsciiDigits(districtName).trim() === toAsciiDigits(label).trim();
              return (
                <li key={district.id}>
                  {!isNumberName && <span className="district-list__number">{label}</span>}
                  {districtName}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {!account && (
        <section className="section card" aria-labelledby="cta-title">
          <h2 id="cta-title">{t('home.ctaTitle')}</h2>
          <p>{t('home.ctaBody')}</p>
          <div className="form-footer">
            <Link to={`/${organization.slug}/sign-up`} className={buttonClassName({ variant: 'primary' })}>
              {t('common:header.signUp')}
            </Link>
            <Link to={`/${organization.slug}/sign-in`}>{t('common:header.signIn')}</Link>
          </div>
        </section>
      )}
    </>
  );
}

/** One open activity: what it is, where in the plan, until when, and the way in. */
function OpenActivityCard({ slug, activity }: { slug: string; activity: TOpenActivity }) {
  const { t, i18n } = useTranslation(['organizations', 'plans']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const title = pickLocalized(activity.title, locale);
  const entry = ENTRY[activity.type]?.(slug, activity);
  return (
    <article className="card open-activity">
      <span className="badge">{t(`plans:activityTypes.${activity.type}`)}</span>
      <h3 className="card__title">{title}</h3>
      <p className="muted">
        {pickLocalized(activity.planTitle, locale)} · {pickLocalized(activity.stageTitle, locale)}
      </p>
      <p className="open-activity__until">
        {t('home.openUntil')}{' '}
        {activity.closesAt ? <DateText value={activity.closesAt} style="long" /> : <DateText value={activity.stageEndsOn} style="long" isDay />}
      </p>
      {entry && (
        <div className="form-footer">
          <Link to={entry} className={buttonClassName({ variant: 'primary' })} aria-label={`${t(`home.enter.${activity.type}`)}: ${title}`}>
            {t(`home.enter.${activity.type}`)}
          </Link>
          {activity.type === 'problem_collection' && <Link to={`/${slug}/problems`}>{t('home.problemsMap')}</Link>}
        </div>
      )}
    </article>
  );
}

/** The municipality's plans, newest first; the full list has its own page. */
function PlansSection({ slug }: { slug: string }) {
  const { t } = useTranslation('plans');
  const plans = usePlans(slug);
  return (
    <section className="section" aria-labelledby="plans-title">
      <h2 id="plans-title">{t('list.sectionTitle')}</h2>
      {plans.isPending && <Spinner size="lg" />}
      {plans.isError && <p className="muted">{t('list.loadError')}</p>}
      {plans.data && plans.data.length === 0 && <p className="muted">{t('list.emptyTitle')}</p>}
      {plans.data && plans.data.length > 0 && (
        <>
          <PlanList slug={slug} plans={[...plans.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 3)} />
          <p className="section-more">
            <Link to={`/${slug}/plans`}>{t('list.allPlans')}</Link>
          </p>
        </>
      )}
    </section>
  );
}
