import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry } from '@hamandishi/contracts';
import {
  Alert, Button, DateField, EmptyState, INVALID_DATE, isIsoDate, PageHeader, Select, Spinner, Table, UserText,
  type TableColumn,
} from '@/components';
import { usePageTitle } from '@/app/use-page-title';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { formatDateTime, formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { ADMIN_NS } from '../admin-i18n';
import { useAuditFacets, useAuditLog, type AuditFilters } from '../api/use-audit';
import { auditDiff } from './audit-diff';

/** The select's "no filter" choice (Radix selects cannot hold an empty value). */
const ALL = 'all';

/** The page of an audited item, for the kinds that have one of their own. */
const ENTITY_PAGES: Partial<Record<string, (slug: string, id: string) => string>> = {
  problem: (slug, id) => `/${slug}/problems/${id}`,
  plan: (slug, id) => `/${slug}/plans/${id}`,
};

/** A code such as `upstream_document.created` read as words when the catalog has no translation. */
function readable(code: string): string {
  return code.replaceAll('_', ' ').replaceAll('.', ' · ');
}

/** `/:slug/admin/audit`: who changed what and when, filtered by entity, person and days (Jalali in fa/ar). */
export default function AuditPage() {
  const { t } = useTranslation(ADMIN_NS);
  usePageTitle(t('audit.title'));
  const organization = useCurrentOrganization();
  const locale = useLocale();

  const [entityType, setEntityType] = useState('');
  const [entityId, setEntityId] = useState('');
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const isRangeInverted = isIsoDate(from) && isIsoDate(to) && to < from;
  const fromError = from === INVALID_DATE ? t('audit.filters.invalidDate') : undefined;
  const toError = to === INVALID_DATE ? t('audit.filters.invalidDate') : isRangeInverted ? t('audit.filters.toBeforeFrom') : undefined;
  // A day being typed, or an inverted range, does not filter yet: the list keeps its last answer.
  const filters = useMemo<AuditFilters>(
    () => ({
      entityType: entityType || undefined,
      entityId: entityId || undefined,
      actorId: actorId || undefined,
      from: isIsoDate(from) ? from : undefined,
      to: isIsoDate(to) && !isRangeInverted ? to : undefined,
    }),
    [entityType, entityId, actorId, from, to, isRangeInverted],
  );

  const facets = useAuditFacets(organization.slug);
  const log = useAuditLog(organization.slug, filters);
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  const entityTypeLabel = (type: string) => t(`audit.entityTypes.${type}`, { defaultValue: readable(type) });
  // Actions are `entity.verb`: a code without a verb would name a group of the catalog, not a label.
  const actionLabel = (action: string) =>
    action.includes('.') ? t(`audit.actions.${action}`, { defaultValue: readable(action) }) : readable(action);
  const hasFilters = Boolean(entityType || entityId || actorId || from || to);

  function handleClear() {
    setEntityType('');
    setEntityId('');
    setActorId('');
    setFrom('');
    setTo('');
  }

  const columns: TableColumn<TAuditEntry>[] = [
    {
      key: 'when',
      header: t('audit.columns.when'),
      isRowHeader: true,
      render: (entry) => <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt, locale)}</time>,
    },
    {
      key: 'actor',
      header: t('audit.columns.actor'),
      render: (entry) => (entry.actor ? <UserText>{entry.actor.displayName}</UserText> : <span className="muted">{t('audit.system')}</span>),
    },
    { key: 'action', header: t('audit.columns.action'), render: (entry) => actionLabel(entry.action) },
    {
      key: 'entity',
      header: t('audit.columns.entity'),
      render: (entry) => (
        <span className="audit-entity">
          {ENTITY_PAGES[entry.entityType] ? (
            <Link to={ENTITY_PAGES[entry.entityType]!(organization.slug, entry.entityId)}>{entityTypeLabel(entry.entityType)}</Link>
          ) : (
            <span>{entityTypeLabel(entry.entityType)}</span>
          )}{' '}
          <Button
            variant="ghost"
            size="sm"
            className="audit-entity__id"
            onClick={() => {
              setEntityType(entry.entityType);
              setEntityId(entry.entityId);
            }}
          >
            <bdi dir="ltr">#{entry.entityId.slice(0, 8)}</bdi>
            {/* The visible name starts the accessible one (WCAG 2.5.3: say what you see). */}
            <span className="visually-hidden"> {t('audit.onlyThisEntity')}</span>
          </Button>
        </span>
      ),
    },
    { key: 'details', header: t('audit.columns.details'), render: (entry) => <AuditDetails entry={entry} /> },
  ];

  return (
    <div className="stack audit-page">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />

      <section className="card stack" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t('audit.filters.title')}</h2>
        <div className="audit-filters">
          <Select
            label={t('audit.filters.entityType')}
            value={entityType || ALL}
            onValueChange={(value) => {
              setEntityType(value === ALL ? '' : value);
              setEntityId('');
            }}
            options={[
              { value: ALL, label: t('audit.filters.allEntityTypes') },
              ...(facets.data?.entityTypes ?? []).map((type) => ({ value: type, label: entityTypeLabel(type) })),
            ]}
          />
          <Select
            label={t('audit.filters.actor')}
            value={actorId || ALL}
            onValueChange={(value) => setActorId(value === ALL ? '' : value)}
            options={[
              { value: ALL, label: t('audit.filters.allActors') },
              ...(facets.data?.actors ?? []).map((actor) => ({ value: actor.id, label: actor.displayName })),
            ]}
          />
          <DateField label={t('audit.filters.from')} value={from} onChange={setFrom} error={fromError} />
          <DateField label={t('audit.filters.to')} value={to} onChange={setTo} error={toError} />
        </div>
        <p className="muted">{t('audit.filters.daysHint')}</p>
        {entityId && (
          <p className="audit-filters__entity">
            {t('audit.filters.oneEntity', { type: entityTypeLabel(entityType), id: entityId.slice(0, 8) })}{' '}
            <Button variant="secondary" size="sm" onClick={() => setEntityId('')}>
              {t('audit.filters.allEntities')}
            </Button>
          </p>
        )}
        {hasFilters && (
          <p>
            <Button variant="ghost" size="sm" onClick={handleClear}>
              {t('audit.filters.clear')}
            </Button>
          </p>
        )}
      </section>

      <section className="stack" aria-labelledby="audit-entries-title" aria-busy={log.isFetching}>
        <h2 id="audit-entries-title">{t('audit.entriesTitle')}</h2>
        {log.isPending && <Spinner size="lg" />}
        {log.isError && <Alert variant="danger">{t('audit.loadError')}</Alert>}
        {log.data && entries.length === 0 && (
          <EmptyState headingLevel={3} title={t(hasFilters ? 'audit.empty.filtered' : 'audit.empty.none')} />
        )}
        {entries.length > 0 && (
          <>
            <p className="muted" aria-live="polite">
              {t(log.hasNextPage ? 'audit.shownMore' : 'audit.shown', { shown: formatNumber(entries.length, locale) })}
            </p>
            <Table caption={t('audit.tableCaption')} columns={columns} rows={entries} rowKey={(entry) => entry.id} />
          </>
        )}
        {log.hasNextPage && (
          <p>
            <Button variant="secondary" isLoading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              {t('audit.loadMore')}
            </Button>
          </p>
        )}
      </section>
    </div>
  );
}

/** "Details": each changed field as before → after; the raw record stays one click further for the curious. */
function AuditDetails({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation(ADMIN_NS);
  const changes = auditDiff(entry.before, entry.after);
  const fieldLabel = (path: string) => {
    if (!path) return t('audit.fields.value');
    const [first, ...rest] = path.split('.');
    return [t(`audit.fields.${first}`, { defaultValue: first }), ...rest].join(' › ');
  };
  return (
    <details className="audit-details">
      <summary>{t('audit.details.summary')}</summary>
      {changes.length === 0 ? (
        <p className="muted">{t('audit.details.noChanges')}</p>
      ) : (
        <dl className="audit-diff">
          {changes.map((change) => (
            <div key={change.path} className="audit-diff__row">
              <dt>{fieldLabel(change.path)}</dt>
              <dd>
                {change.before === null ? (
                  <span className="muted">{t('audit.details.empty')}</span>
                ) : (
                  <del>
                    <span className="visually-hidden">{t('audit.details.before')} </span>
                    <UserText>{change.before}</UserText>
                  </del>
                )}
                <span aria-hidden="true" className="audit-diff__arrow">
                  {' '}
                  {t('audit.details.arrow')}{' '}
                </span>
                {change.after === null ? (
                  <span className="muted">{t('audit.details.empty')}</span>
                ) : (
                  <ins>
                    <span className="visually-hidden">{t('audit.details.after')} </span>
                    <UserText>{change.after}</UserText>
                  </ins>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="audit-details__raw">
        <summary>{t('audit.details.raw')}</summary>
        <pre dir="ltr">{JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}</pre>
      </details>
    </details>
  );
}
