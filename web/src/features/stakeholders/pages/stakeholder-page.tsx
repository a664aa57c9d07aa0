import '../stakeholders.css';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  STAKEHOLDER_FORMS,
  STAKEHOLDER_KINDS,
  STAKEHOLDER_RELATIONS,
  type StakeholderForm,
  type StakeholderKind,
  type StakeholderRelation,
  type TStakeholder,
} from '@hamandishi/contracts';
import { Alert, Button, DateText, PageHeader, Select, Table, TextField, UserText, useToast, type TableColumn } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { usePlan, usePlans } from '@/features/plans/api/use-plans';
import { RequirePlanner } from '@/features/plans/manage/require-planner';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import {
  useAddContact,
  useDeleteAssessment,
  useDeleteContact,
  useLinkAccount,
  useSaveAssessment,
  useSetVerified,
  useStakeholder,
  useStakeholderEngagement,
  useUnlinkAccount,
  useUpdateStakeholder,
} from '../api/use-stakeholders';
import { STAKEHOLDERS_NS } from '../stakeholders-i18n';

const SCORES = ['1', '2', '3', '4', '5'];

/** `/:slug/manage/stakeholders/:stakeholderId`: profile, assessment per plan, contacts, linked accounts, engagement. */
export default function StakeholderPage() {
  return (
    <RequirePlanner>
      <StakeholderLoader />
    </RequirePlanner>
  );
}

function StakeholderLoader() {
  const { stakeholderId = '' } = useParams();
  const { slug } = useCurrentOrganization();
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const stakeholder = useStakeholder(slug, stakeholderId);
  usePageTitle(stakeholder.data?.name ?? t('page.title'));
  if (stakeholder.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(stakeholder.error))}</Alert>;
  if (!stakeholder.data) return null;
  return <StakeholderProfile slug={slug} stakeholder={stakeholder.data} />;
}

function StakeholderProfile({ slug, stakeholder: s }: { slug: string; stakeholder: TStakeholder }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const locale = useLocale();
  const organization = useCurrentOrganization();
  const verify = useSetVerified(slug, s.id);
  const themeName = new Map(organization.themes.map((th) => [th.id, pickLocalized(th.name, locale)]));
  const districtName = new Map(organization.districts.map((d) => [d.id, pickLocalized(d.name, locale)]));

  return (
    <article className="stack">
      <p>
        <Link to={`/${slug}/manage/stakeholders`}>{t('profile.back')}</Link>
      </p>
      <PageHeader
        title={s.name}
        actions={
          s.canEdit && (
            <Button variant={s.isVerified ? 'secondary' : 'primary'} isLoading={verify.isPending} onClick={() => verify.mutate(!s.isVerified)}>
              {t(s.isVerified ? 'profile.unverify' : 'profile.verify')}
            </Button>
          )
        }
      />
      <p>
        {t(`kinds.${s.kind}`)} · {t(`forms.${s.form}`)} ·{' '}
        {s.isVerified ? (
          <span className="stakeholder-badge stakeholder-badge--verified">
            {t('profile.verified')}
            {s.verifiedAt && (
              <>
                {' '}
                (<DateText value={s.verifiedAt} />)
              </>
            )}
          </span>
        ) : (
          <span className="stakeholder-badge">{t('profile.notVerified')}</span>
        )}
      </p>
      {verify.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(verify.error))}</Alert>}
      {s.description && <UserText as="p">{s.description}</UserText>}
      <p>
        <strong>{t('fields.themes')}:</strong> {s.themeIds.map((id) => themeName.get(id)).filter(Boolean).join('، ') || '—'}
        <br />
        <strong>{t('fields.districts')}:</strong> {s.districtIds.map((id) => districtName.get(id)).filter(Boolean).join('، ') || '—'}
      </p>
      {s.canEdit && <DetailsForm slug={slug} stakeholder={s} />}
      <AssessmentsSection slug={slug} stakeholder={s} />
      {s.contacts && <ContactsSection slug={slug} stakeholder={s} />}
      <AccountsSection slug={slug} stakeholder={s} />
      <EngagementSection slug={slug} stakeholderId={s.id} />
    </article>
  );
}

function DetailsForm({ slug, stakeholder: s }: { slug: string; stakeholder: TStakeholder }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors', 'common']);
  const locale = useLocale();
  const uid = useId();
  const toast = useToast();
  const organization = useCurrentOrganization();
  const update = useUpdateStakeholder(slug, s.id);
  const [name, setName] = useState(s.name);
  const [form, setForm] = useState<StakeholderForm>(s.form);
  const [kind, setKind] = useState<StakeholderKind>(s.kind);
  const [description, setDescription] = useState(s.description ?? '');
  const [themeIds, setThemeIds] = useState(s.themeIds);
  const [districtIds, setDistrictIds] = useState(s.districtIds);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await update.mutateAsync({ name, form, kind, description: description.trim() || null, themeIds, districtIds });
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch {
      // shown below
    }
  };

  return (
    <details className="disclosure card">
      <summary>{t('profile.edit')}</summary>
      <form className="stack" onSubmit={handleSubmit}>
        <TextField label={t('fields.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <Select label={t('fields.form')} value={form} onValueChange={(v) => setForm(v as StakeholderForm)} options={STAKEHOLDER_FORMS.map((f) => ({ value: f, label: t(`forms.${f}`) }))} />
        <Select label={t('fields.kind')} value={kind} onValueChange={(v) => setKind(v as StakeholderKind)} options={STAKEHOLDER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <TextField label={t('fields.description')} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
        <fieldset>
          <legend>{t('fields.themes')}</legend>
          <div className="checkbox-grid">
            {organization.themes
              .filter((th) => !th.isArchived)
              .map((th) => (
                <div className="checkbox" key={th.id}>
                  <input id={`${uid}-th-${th.id}`} type="checkbox" checked={themeIds.includes(th.id)} onChange={() => setThemeIds(toggle(themeIds, th.id))} />
                  <label htmlFor={`${uid}-th-${th.id}`}>{pickLocalized(th.name, locale)}</label>
                </div>
              ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('fields.districts')}</legend>
          <div className="checkbox-grid">
            {organization.districts.map((d) => (
              <div className="checkbox" key={d.id}>
                <input id={`${uid}-d-${d.id}`} type="checkbox" checked={districtIds.includes(d.id)} onChange={() => setDistrictIds(toggle(districtIds, d.id))} />
                <label htmlFor={`${uid}-d-${d.id}`}>{pickLocalized(d.name, locale)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {update.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>}
        <div>
          <Button type="submit" isLoading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </div>
      </form>
    </details>
  );
}

function AssessmentsSection({ slug, stakeholder: s }: { slug: string; stakeholder: TStakeholder }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const locale = useLocale();
  const plans = usePlans(slug);
  const remove = useDeleteAssessment(slug, s.id);
  const [planId, setPlanId] = useState<string | undefined>(s.assessments[0]?.planId);
  return (
    <section className="card stakeholder-section" aria-labelledby="sh-assessments">
      <h2 id="sh-assessments">{t('assessment.title')}</h2>
      {s.assessments.length === 0 && <p className="muted">{t('assessment.none')}</p>}
      <ul>
        {s.assessments.map((a) => (
          <li key={a.planId}>
            <Link to={`/${slug}/manage/stakeholders?planId=${a.planId}&tab=grid`}>{pickLocalized(a.planTitle as { fa: string }, locale)}</Link>: {t(`relations.${a.relation}`)} ·{' '}
            {t('grid.tooltip', { interest: formatNumber(a.interest, locale), influence: formatNumber(a.influence, locale) })} ·{' '}
            {t(a.isMandatory ? 'filters.mandatory.true' : 'filters.mandatory.false')}
            {a.stageRoles.length > 0 && (
              <ul>
                {a.stageRoles.map((r) => (
                  <li key={r.stageId}>
                    {pickLocalized(r.stageTitle as { fa: string }, locale)}: {r.role}
                  </li>
                ))}
              </ul>
            )}
            {s.canEdit && (
              <Button variant="ghost" size="sm" onClick={() => remove.mutate(a.planId)}>
                {t('assessment.remove')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {s.canEdit && (
        <>
          <Select
            label={t('fields.plan')}
            value={planId}
            placeholder={t('assessment.choosePlan')}
            onValueChange={setPlanId}
            options={(plans.data ?? []).map((p) => ({ value: p.id, label: pickLocalized(p.title, locale) }))}
          />
          {planId && <AssessmentForm key={planId} slug={slug} stakeholder={s} planId={planId} />}
        </>
      )}
    </section>
  );
}

function AssessmentForm({ slug, stakeholder: s, planId }: { slug: string; stakeholder: TStakeholder; planId: string }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors', 'common']);
  const locale = useLocale();
  const toast = useToast();
  const uid = useId();
  const plan = usePlan(slug, planId);
  const save = useSaveAssessment(slug, s.id);
  const current = s.assessments.find((a) => a.planId === planId);
  const [relation, setRelation] = useState<StakeholderRelation>(current?.relation ?? 'relevant');
  const [influence, setInfluence] = useState(String(current?.influence ?? 3));
  const [interest, setInterest] = useState(String(current?.interest ?? 3));
  const [isMandatory, setMandatory] = useState(current?.isMandatory ?? false);
  const [roles, setRoles] = useState<Record<string, string>>(Object.fromEntries((current?.stageRoles ?? []).map((r) => [r.stageId, r.role])));

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await save.mutateAsync({
        planId,
        relation,
        influence: Number(influence),
        interest: Number(interest),
        isMandatory,
        stageRoles: Object.entries(roles)
          .filter(([, role]) => role.trim())
          .map(([stageId, role]) => ({ stageId, role: role.trim() })),
      });
      toast.show({ title: t('common:toast.saved'), variant: 'success' });
    } catch {
      // shown below
    }
  };
  const scoreOptions = SCORES.map((v) => ({ value: v, label: formatNumber(Number(v), locale) }));
  return (
    <form className="stack" onSubmit={handleSubmit} aria-label={t('assessment.formLabel')}>
      <div className="stakeholder-filters">
        <Select label={t('fields.relation')} value={relation} onValueChange={(v) => setRelation(v as StakeholderRelation)} options={STAKEHOLDER_RELATIONS.map((r) => ({ value: r, label: t(`relations.${r}`) }))} />
        <Select label={t('fields.influence')} value={influence} onValueChange={setInfluence} options={scoreOptions} />
        <Select label={t('fields.interest')} value={interest} onValueChange={setInterest} options={scoreOptions} />
        <div className="checkbox">
          <input id={`${uid}-mandatory`} type="checkbox" checked={isMandatory} onChange={(e) => setMandatory(e.target.checked)} />
          <label htmlFor={`${uid}-mandatory`}>{t('fields.isMandatory')}</label>
        </div>
      </div>
      {plan.data && plan.data.stages.length > 0 && (
        <fieldset className="stack">
          <legend>{t('assessment.stageRoles')}</legend>
          {plan.data.stages.map((stage) => (
            <TextField
              key={stage.id}
              label={pickLocalized(stage.title, locale)}
              value={roles[stage.id] ?? ''}
              maxLength={200}
              onChange={(e) => setRoles({ ...roles, [stage.id]: e.target.value })}
            />
          ))}
        </fieldset>
      )}
      {save.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(save.error))}</Alert>}
      <div>
        <Button type="submit" isLoading={save.isPending}>
          {t('assessment.save')}
        </Button>
      </div>
    </form>
  );
}

function ContactsSection({ slug, stakeholder: s }: { slug: string; stakeholder: TStakeholder }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const add = useAddContact(slug, s.id);
  const remove = useDeleteContact(slug, s.id);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  type Contact = NonNullable<TStakeholder['contacts']>[number];
  const columns: TableColumn<Contact>[] = [
    { key: 'name', header: t('contacts.name'), isRowHeader: true, render: (c) => c.name },
    { key: 'role', header: t('contacts.role'), render: (c) => c.role ?? '—' },
    { key: 'phone', header: t('contacts.phone'), render: (c) => (c.phone ? <span dir="ltr">{c.phone}</span> : '—') },
    { key: 'email', header: t('contacts.email'), render: (c) => (c.email ? <span dir="ltr">{c.email}</span> : '—') },
    {
      key: 'remove',
      header: <span className="visually-hidden">{t('contacts.remove')}</span>,
      render: (c) => (
        <Button variant="ghost" size="sm" onClick={() => remove.mutate(c.id)} aria-label={t('contacts.removeNamed', { name: c.name })}>
          {t('contacts.remove')}
        </Button>
      ),
    },
  ];
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await add.mutateAsync({ name, role: role || null, phone: phone || null, email: email || null });
      setName('');
      setRole('');
      setPhone('');
      setEmail('');
    } catch {
      // shown below
    }
  };
  return (
    <section className="card stakeholder-section" aria-labelledby="sh-contacts">
      <h2 id="sh-contacts">{t('contacts.title')}</h2>
      <p className="muted">{t('contacts.staffOnly')}</p>
      {s.contacts && s.contacts.length > 0 ? <Table columns={columns} rows={s.contacts} rowKey={(c) => c.id} caption={t('contacts.table')} /> : <p className="muted">{t('contacts.none')}</p>}
      <form className="stakeholder-inline-form" onSubmit={handleSubmit} aria-label={t('contacts.add')}>
        <TextField label={t('contacts.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={150} />
        <TextField label={t('contacts.role')} value={role} onChange={(e) => setRole(e.target.value)} maxLength={150} />
        <TextField label={t('contacts.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} isLtr inputMode="tel" maxLength={40} />
        <TextField label={t('contacts.email')} value={email} onChange={(e) => setEmail(e.target.value)} isLtr type="email" maxLength={254} />
        <Button type="submit" variant="secondary" isLoading={add.isPending} disabled={name.trim().length < 2}>
          {t('contacts.add')}
        </Button>
      </form>
      {add.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(add.error))}</Alert>}
    </section>
  );
}

function AccountsSection({ slug, stakeholder: s }: { slug: string; stakeholder: TStakeholder }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const link = useLinkAccount(slug, s.id);
  const unlink = useUnlinkAccount(slug, s.id);
  const [q, setQ] = useState('');
  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await link.mutateAsync(q.trim());
      setQ('');
    } catch {
      // shown below
    }
  };
  return (
    <section className="card stakeholder-section" aria-labelledby="sh-accounts">
      <h2 id="sh-accounts">{t('accounts.title')}</h2>
      <p className="muted">{t('accounts.intro')}</p>
      {s.accounts.length === 0 ? (
        <p className="muted">{t('accounts.none')}</p>
      ) : (
        <ul>
          {s.accounts.map((a) => (
            <li key={a.accountId}>
              {a.displayName}{' '}
              {s.canEdit && (
                <Button variant="ghost" size="sm" onClick={() => unlink.mutate(a.accountId)} aria-label={t('accounts.unlinkNamed', { name: a.displayName })}>
                  {t('accounts.unlink')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {s.canEdit && (
        <form className="stakeholder-inline-form" onSubmit={handleSubmit} aria-label={t('accounts.link')}>
          <TextField label={t('accounts.find')} value={q} onChange={(e) => setQ(e.target.value)} isLtr maxLength={100} />
          <Button type="submit" variant="secondary" isLoading={link.isPending} disabled={q.trim().length < 3}>
            {t('accounts.link')}
          </Button>
        </form>
      )}
      {link.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(link.error))}</Alert>}
    </section>
  );
}

function EngagementSection({ slug, stakeholderId }: { slug: string; stakeholderId: string }) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const engagement = useStakeholderEngagement(slug, stakeholderId);
  const items = engagement.data?.items ?? [];
  return (
    <section className="card stakeholder-section" aria-labelledby="sh-engagement">
      <h2 id="sh-engagement">{t('engagement.title')}</h2>
      {engagement.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(engagement.error))}</Alert>}
      {engagement.data && items.length === 0 && <p className="muted">{t('engagement.none')}</p>}
      <ul>
        {items.map((e) => (
          <li key={`${e.source}-${e.itemId}`}>
            <span className="stakeholder-badge">{t(`engagement.sources.${e.source}`, { defaultValue: e.source })}</span>{' '}
            {e.source === 'problem' ? (
              <Link to={`/${slug}/problems/${e.itemId}`}>{e.summary}</Link>
            ) : e.source === 'session' ? (
              <Link to={`/${slug}/sessions/${e.itemId}`}>{e.summary}</Link>
            ) : (
              e.summary && <UserText>{e.summary}</UserText>
            )}{' '}
            ·{' '}
            <DateText value={e.occurredAt} />
          </li>
        ))}
      </ul>
    </section>
  );
}
