import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMonitoringOverview, TMonitoringRules } from '@hamandishi/contracts';
import { Alert, Button, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { isApiError } from '@/lib/api-client';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { MONITORING_NS } from './monitoring-i18n';
import { NativeSelect, readDecimal } from './monitoring-bits';
import { useAccount } from '@/features/identity/api/use-session';
import {
  useAddContact,
  useRemoveContact,
  useSaveRules,
  useSetYearClosed,
  useTraceCandidates,
  useTraceCoverage,
  useTraceLinkMutations,
  useTraceLinks,
} from './use-monitoring';

const RULE_KEYS = ['indicatorOnTrack', 'indicatorAtRisk', 'projectOnTrack', 'projectAtRisk', 'overspendMargin'] as const;

/** Thresholds, closed years and alert contacts. */
export function SettingsPanel({ slug, planId, overview }: { slug: string; planId: string; overview: TMonitoringOverview }) {
  const { t } = useTranslation([MONITORING_NS, 'errors']);
  const locale = useLocale();
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(RULE_KEYS.map((k) => [k, String(overview.rules[k])])));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useSaveRules(slug, planId);
  const setClosed = useSetYearClosed(slug, planId);
  const removeContact = useRemoveContact(slug, planId);
  const addContact = useAddContact(slug, planId);
  const { account } = useAccount();
  const [unit, setUnit] = useState(overview.units[0] ?? '');

  const serverField = (k: string) => (isApiError(save.error) ? save.error.fields[k] : undefined);
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const rules = {} as TMonitoringRules;
    for (const k of RULE_KEYS) {
      const v = readDecimal(draft[k] ?? '');
      if (v === null) return setInvalid(k);
      rules[k] = v;
    }
    setInvalid(null);
    save.mutate(rules);
  };

  return (
    <div className="stack">
      <form className="card stack" onSubmit={handleSubmit} aria-labelledby="rules-title">
        <h2 id="rules-title">{t('settings.rules')}</h2>
        <p className="muted">{t('settings.rulesIntro')}</p>
        <div className="monitoring-grid">
          {RULE_KEYS.map((k) => (
            <TextField
              key={k}
              name={k}
              label={t(`settings.${k}`)}
              inputMode="decimal"
              isLtr
              value={draft[k] ?? ''}
              error={invalid === k ? t('errors:field.invalid_type') : serverField(k) ? t(`errors:field.${serverField(k)}`) : undefined}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            />
          ))}
        </div>
        {save.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
        {save.isSuccess && <Alert variant="success">{t('settings.saved')}</Alert>}
        <Button type="submit" isLoading={save.isPending}>
          {t('settings.save')}
        </Button>
      </form>

      <section className="card stack" aria-labelledby="years-title">
        <h2 id="years-title">{t('settings.years')}</h2>
        <ul className="monitoring-list">
          {overview.years.map((y) => {
            const isClosed = overview.closedYears.includes(y);
            return (
              <li key={y}>
                <span>
                  {formatNumber(y, locale).replace(/[٬,]/g, '')} · {isClosed ? t('settings.closed') : t('settings.open')}
                </span>
                <Button variant="secondary" isLoading={setClosed.isPending && setClosed.variables?.year === y} onClick={() => setClosed.mutate({ year: y, isClosed: !isClosed })}>
                  {isClosed ? t('settings.reopen') : t('settings.close')}
                </Button>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card stack" aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t('settings.contacts')}</h2>
        <p className="muted">{t('settings.contactsIntro')}</p>
        {overview.units.length === 0 ? (
          <p className="muted">{t('settings.noUnits')}</p>
        ) : (
          <div className="monitoring-grid">
            <NativeSelect name="contact-unit" label={t('settings.unit')} value={unit} onChange={setUnit} options={overview.units.map((u) => ({ value: u, label: u }))} />
            <Button variant="secondary" disabled={!account || !unit} isLoading={addContact.isPending} onClick={() => account && addContact.mutate({ unit, accountId: account.id })}>
              {t('settings.addMe')}
            </Button>
          </div>
        )}
        {addContact.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(addContact.error))}</Alert>}
        {overview.contacts.length === 0 ? (
          <p>{t('settings.noContacts')}</p>
        ) : (
          <ul className="monitoring-list">
            {overview.contacts.map((c) => (
              <li key={`${c.unit}-${c.accountId}`}>
                <span>
                  <bdi>{c.unit}</bdi>: <bdi>{c.displayName ?? ''}</bdi>
                </span>
                <Button variant="secondary" onClick={() => removeContact.mutate({ unit: c.unit, accountId: c.accountId })}>
                  {t('links.remove')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Search demand groups and demands, link them to a project; the plan's links and the coverage. */
export function LinksPanel({ slug, planId, overview }: { slug: string; planId: string; overview: TMonitoringOverview }) {
  const { t } = useTranslation([MONITORING_NS, 'errors']);
  const locale = useLocale();
  const [projectId, setProjectId] = useState(overview.projects[0]?.id ?? '');
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string | null>(null);
  const candidates = useTraceCandidates(slug, planId, query);
  const links = useTraceLinks(slug, planId);
  const coverage = useTraceCoverage(slug, planId);
  const { link, unlink } = useTraceLinkMutations(slug, planId);

  const handleSearch = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  const handleLink = (sourceType: 'demand' | 'demand_group' | 'focus_point', sourceId: string) =>
    link.mutate({ sourceType, sourceId, targetType: 'project', targetId: projectId });

  const uncoveredGroups = coverage.data?.demandGroups.filter((g) => g.projectCount === 0) ?? [];
  const uncoveredFocus = coverage.data?.focusPoints.filter((f) => f.projectCount === 0) ?? [];

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="link-title">
        <h2 id="link-title">{t('links.intro')}</h2>
        {overview.projects.length === 0 ? (
          <p className="muted">{t('projects.empty')}</p>
        ) : (
          <NativeSelect name="link-project" label={t('links.target')} value={projectId} onChange={setProjectId} options={overview.projects.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` }))} />
        )}
        <form className="monitoring-grid" role="search" onSubmit={handleSearch}>
          <TextField label={t('links.search')} name="trace-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('links.searchButton')}
          </Button>
        </form>
        {link.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(link.error))}</Alert>}
        {link.isSuccess && <Alert variant="success">{t('links.linked')}</Alert>}
        {candidates.data && (
          <div className="stack">
            <h3>{t('links.groups')}</h3>
            {candidates.data.demandGroups.length === 0 && <p className="muted">{t('links.noResults')}</p>}
            <ul className="monitoring-list" aria-label={t('links.groups')}>
              {candidates.data.demandGroups.map((g) => (
                <li key={g.id} data-testid="candidate-group">
                  <span>
                    <bdi>{g.name ?? '—'}</bdi> · {t('links.demandCount', { count: formatNumber(g.demandCount, locale) })}
                  </span>
                  <Button variant="secondary" disabled={!projectId} onClick={() => handleLink('demand_group', g.id)}>
                    {t('links.link')}
                  </Button>
                </li>
              ))}
            </ul>
            <h3>{t('links.demands')}</h3>
            {candidates.data.demands.length === 0 && <p className="muted">{t('links.noResults')}</p>}
            <ul className="monitoring-list" aria-label={t('links.demands')}>
              {candidates.data.demands.map((d) => (
                <li key={d.id}>
                  <bdi>{d.text}</bdi>
                  <Button variant="secondary" disabled={!projectId} onClick={() => handleLink('demand', d.id)}>
                    {t('links.link')}
                  </Button>
                </li>
              ))}
            </ul>
            {candidates.data.focusPoints.length > 0 && (
              <>
                <h3>{t('links.focusPoints')}</h3>
                <ul className="monitoring-list" aria-label={t('links.focusPoints')}>
                  {candidates.data.focusPoints.map((f) => (
                    <li key={f.id}>
                      <bdi>
                        {f.code} — {f.title}
                      </bdi>
                      <Button variant="secondary" disabled={!projectId} onClick={() => handleLink('focus_point', f.id)}>
                        {t('links.link')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="links-title">
        <h2 id="links-title">{t('links.existing')}</h2>
        {links.data?.length === 0 && <p className="muted">{t('links.none')}</p>}
        <ul className="monitoring-list" data-testid="trace-links">
          {links.data?.map((l) => (
            <li key={l.id}>
              <span>
                <bdi>{l.sourceLabel}</bdi> → <bdi>{l.targetCode} {l.targetTitle}</bdi>
              </span>
              <Button variant="secondary" onClick={() => unlink.mutate(l.id)}>
                {t('links.remove')}
              </Button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card stack" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t('links.coverage')}</h2>
        <h3>{t('links.uncoveredGroups')}</h3>
        {uncoveredGroups.length === 0 ? (
          <p className="muted">{t('links.allCovered')}</p>
        ) : (
          <ul data-testid="uncovered-groups">
            {uncoveredGroups.map((g) => (
              <li key={g.id}>
                <bdi>{g.name ?? '—'}</bdi>
              </li>
            ))}
          </ul>
        )}
        <h3>{t('links.uncoveredFocus')}</h3>
        {uncoveredFocus.length === 0 ? (
          <p className="muted">{t('links.allCovered')}</p>
        ) : (
          <ul>
            {uncoveredFocus.map((f) => (
              <li key={f.id}>
                <bdi>
                  {f.code} — {f.title}
                </bdi>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
