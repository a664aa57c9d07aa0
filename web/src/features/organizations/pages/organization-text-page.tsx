import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_PAGES, type OrganizationPage, type TOrganizationPageView } from '@hamandishi/contracts';
import { Alert, PageHeader, Spinner } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { NotFoundPage } from '@/app/error-page';
import { usePageTitle } from '@/app/use-page-title';
import { api } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { isLocale } from '@/lib/locale';
import { useCurrentOrganization } from './organization-layout';

/** `/:slug/about`, `/:slug/terms`, `/:slug/privacy`: the municipality's text, in this language or Persian. */
export default function OrganizationTextPage() {
  const { t, i18n } = useTranslation(['organizations', 'errors']);
  const organization = useCurrentOrganization();
  const segment = useLocation().pathname.split('/').filter(Boolean).pop() ?? '';
  const page = (ORGANIZATION_PAGES as readonly string[]).includes(segment) ? (segment as OrganizationPage) : null;
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  usePageTitle(page ? t(`pages.${page}`) : undefined);
  const query = useQuery({
    queryKey: ['organizations', organization.slug, 'pages', page, locale],
    queryFn: ({ signal }) =>
      api.get<TOrganizationPageView>(
        `/api/orgs/${encodeURIComponent(organization.slug)}/pages/${page}?locale=${locale}`,
        { signal },
      ),
    enabled: page !== null,
  });
  if (!page) return <NotFoundPage />;
  return (
    <article className="stack page-narrow">
      <PageHeader title={t(`pages.${page}`)} />
      {query.isPending && <Spinner size="lg" />}
      {query.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(query.error))}</Alert>}
      {query.data && !query.data.html && <p className="muted">{t('pages.empty')}</p>}
      {query.data?.html && (
        <>
          {query.data.locale !== locale && <p className="muted">{t('pages.fallback')}</p>}
          {/* html is rendered by the server from safe markdown: all HTML in the text is escaped. */}
          <div
            className="org-text"
            lang={query.data.locale}
            dir={query.data.locale === 'en' ? 'ltr' : 'rtl'}
            dangerouslySetInnerHTML={{ __html: query.data.html }}
          />
        </>
      )}
    </article>
  );
}
