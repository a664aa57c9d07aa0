import { Link } from 'react-router';
import { toAsciiDigits } from '@hamandishi/text';
import { useTranslation } from 'react-i18next';
import { buttonClassName, Card, Spinner } from '@/components';
import { usePlans } from '@/features/plans/api/use-plans';
import { PlanList } from '@/features/plans/components/plan-list';
import { useSession } from '@/features/identity/api/use-session';
import { formatNumber } from '@/lib/format';
import { isLocale, pickLocalized } from '@/lib/locale';
import { useCurrentOrganization } from './organization-layout';

const PARTICIPATION_WAYS = ['problems', 'consultations', 'surveys', 'thinktank'] as const;

/** `/:slug`: what the platform is for in this city, its districts, and a way in. */
export default function OrganizationHomePage() {
  const { t, i18n } = useTranslation(['organizations', 'common']);
  const organization = useCurrentOrganization();
  const { data: session } = useSession();
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const name = pickLocalized(organization.name, locale);
  const account = session?.account;
  const districts = [...organization.districts].sort((a, b) => a.number - b.number);

  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <p className="hero__kicker">{t('home.kicker')}</p>
        <h1 id="hero-title">{name}</h1>
        <p className="hero__intro">{t('home.intro', { name })}</p>
        <div className="hero__actions">
          <Link to={`/${organization.slug}/problems/new`} className={buttonClassName({ className: 'btn--on-dark', size: 'lg' })}>
            {t('home.reportProblem')}
          </Link>
          <Link to={`/${organization.slug}/problems`} className={buttonClassName({ variant: 'ghost', size: 'lg', className: 'hero__secondary' })}>
            {t('home.cards.problems.open')}
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

      <PlansSection slug={organization.slug} />

      <section className="section" aria-labelledby="participate-title">
        <h2 id="participate-title">{t('home.participateTitle')}</h2>
        <ul className="grid">
          {PARTICIPATION_WAYS.map((way) => (
            <li key={way}>
              <Card
                title={t(`home.cards.${way}.title`)}
                to={way === 'problems' ? `/${organization.slug}/problems` : undefined}
                badge={way === 'problems' ? undefined : t('common:comingSoon')}
              >
                <p className="muted">{t(`home.cards.${way}.body`)}</p>
              </Card>
            </li>
          ))}
        </ul>
      </section>

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
