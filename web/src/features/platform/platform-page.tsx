import './platform.css';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  ZCreatePlatformOrganization,
  ZUpdatePlatformOrganization,
  type TPlatformOrganization,
} from '@hamandishi/contracts';
import { Alert, Button, DateText, Dialog, DialogClose, PageHeader, Spinner, Table, TextField, useToast } from '@/components';
import { ErrorView } from '@/app/error-page';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useSession } from '@/features/identity/api/use-session';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { isLocale, pickLocalized } from '@/lib/locale';
import { OrganizationFields } from './organization-fields';
import { PLATFORM_NS } from './platform-i18n';
import { useCreateOrganization, usePlatformOrganizations, useSetOrganizationStatus, useUpdateOrganization } from './use-platform';

type CreateInput = z.input<typeof ZCreatePlatformOrganization>;
type CreateOutput = z.output<typeof ZCreatePlatformOrganization>;
type UpdateInput = z.input<typeof ZUpdatePlatformOrganization>;
type UpdateOutput = z.output<typeof ZUpdatePlatformOrganization>;

const SETTINGS_FIELDS = ['name.fa', 'name.ar', 'name.en', 'defaultLocale', 'mapCenter.lat', 'mapCenter.lng', 'mapZoom', 'contactEmail', 'timeZone'] as const;

/** Drops empty Arabic and English names so they fall back to Persian instead of showing blank. */
function compactName<T extends { fa: string; ar?: string; en?: string }>(name: T): T {
  const result = { ...name };
  if (!result.ar?.trim()) delete result.ar;
  if (!result.en?.trim()) delete result.en;
  return result;
}

/** `/platform`: the superadmins' list of municipalities, with a form for a new one. */
export default function PlatformPage() {
  const { t } = useTranslation(PLATFORM_NS);
  usePageTitle(t('title'));
  const { data: session, isPending } = useSession();
  if (isPending) return <Spinner size="lg" />;
  if (!session?.account) return <ErrorView status={401} />;
  if (!session.account.isSuperadmin) return <ErrorView status={403} />;
  return (
    <div className="stack platform">
      <PageHeader title={t('title')} description={t('intro')} />
      <OrganizationList />
      <CreateOrganization />
    </div>
  );
}

function OrganizationList() {
  const { t, i18n } = useTranslation([PLATFORM_NS, 'errors']);
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const organizations = usePlatformOrganizations();
  const [editing, setEditing] = useState<TPlatformOrganization | null>(null);
  const [confirming, setConfirming] = useState<TPlatformOrganization | null>(null);

  if (organizations.isPending) return <Spinner />;
  if (organizations.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(organizations.error))}</Alert>;
  if (organizations.data.length === 0) return <p className="muted">{t('list.empty')}</p>;
  const count = (n: number) => formatNumber(n, locale);
  const nameOf = (o: TPlatformOrganization) => pickLocalized(o.name, i18n.language);

  return (
    <div>
      <Table
        caption={t('list.caption')}
        rows={organizations.data}
        rowKey={(o) => o.id}
        columns={[
          {
            key: 'name',
            header: t('list.name'),
            isRowHeader: true,
            render: (o) => (
              <Link to={`/${o.slug}`} aria-label={t('list.open', { name: nameOf(o) })}>
                {nameOf(o)}
              </Link>
            ),
          },
          { key: 'slug', header: t('list.slug'), render: (o) => <bdi dir="ltr">{o.slug}</bdi> },
          {
            key: 'status',
            header: t('list.status'),
            render: (o) => <span className={`platform__status platform__status--${o.status}`}>{t(`status.${o.status}`)}</span>,
          },
          { key: 'members', header: t('list.members'), render: (o) => count(o.counts.members) },
          { key: 'plans', header: t('list.plans'), render: (o) => count(o.counts.plans) },
          { key: 'problems', header: t('list.problems'), render: (o) => count(o.counts.problems) },
          { key: 'comments', header: t('list.comments'), render: (o) => count(o.counts.comments) },
          { key: 'createdAt', header: t('list.createdAt'), render: (o) => <DateText value={o.createdAt} /> },
          {
            key: 'actions',
            header: t('list.actions'),
            render: (o) => (
              <div className="platform__actions">
                <Button size="sm" variant="secondary" onClick={() => setEditing(o)} aria-label={t('list.edit', { name: nameOf(o) })}>
                  {t('list.editButton')}
                </Button>
                <Button
                  size="sm"
                  variant={o.status === 'active' ? 'danger' : 'primary'}
                  onClick={() => setConfirming(o)}
                  aria-label={t(o.status === 'active' ? 'list.suspend' : 'list.reactivate', { name: nameOf(o) })}
                >
                  {t(o.status === 'active' ? 'confirm.suspend' : 'confirm.reactivate')}
                </Button>
              </div>
            ),
          },
        ]}
      />
      {editing && <EditOrganization organization={editing} onClose={() => setEditing(null)} />}
      {confirming && <ConfirmStatus organization={confirming} onClose={() => setConfirming(null)} />}
    </div>
  );
}

function ConfirmStatus({ organization, onClose }: { organization: TPlatformOrganization; onClose: () => void }) {
  const { t, i18n } = useTranslation([PLATFORM_NS, 'errors']);
  const toast = useToast();
  const setStatus = useSetOrganizationStatus();
  const name = pickLocalized(organization.name, i18n.language);
  const isSuspending = organization.status === 'active';
  const handleConfirm = () =>
    setStatus.mutate(
      { id: organization.id, action: isSuspending ? 'suspend' : 'reactivate' },
      {
        onSuccess: () => {
          toast.show({ title: t(isSuspending ? 'confirm.suspended' : 'confirm.reactivated'), variant: 'success' });
          onClose();
        },
      },
    );
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t(isSuspending ? 'confirm.suspendTitle' : 'confirm.reactivateTitle', { name })}
      description={t(isSuspending ? 'confirm.suspendText' : 'confirm.reactivateText')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="secondary">{t('confirm.cancel')}</Button>
          </DialogClose>
          <Button variant={isSuspending ? 'danger' : 'primary'} isLoading={setStatus.isPending} onClick={handleConfirm}>
            {t(isSuspending ? 'confirm.suspend' : 'confirm.reactivate')}
          </Button>
        </>
      }
    >
      {setStatus.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(setStatus.error))}</Alert>}
    </Dialog>
  );
}

function EditOrganization({ organization, onClose }: { organization: TPlatformOrganization; onClose: () => void }) {
  const { t, i18n } = useTranslation([PLATFORM_NS, 'errors']);
  const toast = useToast();
  const update = useUpdateOrganization(organization.id);
  const form = useForm<UpdateInput, unknown, UpdateOutput>({
    resolver: zodResolver(ZUpdatePlatformOrganization),
    defaultValues: {
      name: { fa: organization.name.fa, ar: organization.name.ar ?? '', en: organization.name.en ?? '' },
      defaultLocale: organization.defaultLocale,
      mapCenter: organization.mapCenter,
      mapZoom: organization.mapZoom,
      contactEmail: organization.contactEmail,
      timeZone: organization.timeZone,
    },
  });
  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await update.mutateAsync({ ...values, name: values.name ? compactName(values.name) : undefined });
      toast.show({ title: t('edit.saved'), variant: 'success' });
      onClose();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, SETTINGS_FIELDS);
    }
  });
  return (
    <Dialog isOpen onOpenChange={(open) => !open && onClose()} title={t('edit.title', { name: pickLocalized(organization.name, i18n.language) })}>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {update.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(update.error))}</Alert>}
        <OrganizationFields form={form} />
        <div className="dialog__actions">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t('edit.cancel')}
            </Button>
          </DialogClose>
          <Button type="submit" isLoading={form.formState.isSubmitting}>
            {t('edit.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function CreateOrganization() {
  const { t, i18n } = useTranslation([PLATFORM_NS, 'errors']);
  const toast = useToast();
  const create = useCreateOrganization();
  const form = useForm<CreateInput, unknown, CreateOutput>({
    resolver: zodResolver(ZCreatePlatformOrganization),
    defaultValues: {
      slug: '',
      name: { fa: '', ar: '', en: '' },
      defaultLocale: 'fa',
      // The middle of Iran; the superadmin moves it to the city.
      mapCenter: { lat: 32.65, lng: 51.67 },
      mapZoom: 12,
      contactEmail: null,
      timeZone: 'Asia/Tehran',
      firstAdmin: '',
    },
  });
  const { errors } = form.formState;
  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      const created = await create.mutateAsync({
        ...values,
        name: compactName(values.name),
        // The form's output is normalised; the API takes what was typed.
        firstAdmin: form.getValues('firstAdmin'),
      });
      toast.show({ title: t('create.created', { name: pickLocalized(created.organization.name, i18n.language) }), variant: 'success' });
      form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['slug', 'firstAdmin', ...SETTINGS_FIELDS]);
    }
  });
  return (
    <section className="card" aria-labelledby="platform-new">
      <h2 id="platform-new">{t('create.title')}</h2>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {create.isError && !Object.keys(errors).length && (
          <Alert variant="danger">{translateErrorCode(t, errorCodeOf(create.error))}</Alert>
        )}
        <TextField
          label={t('fields.slug')}
          hint={t('fields.slugHint')}
          isLtr
          autoComplete="off"
          // A taken slug reads as such, not as a bare "invalid value".
          error={
            errors.slug?.type === 'server' && create.error
              ? translateErrorCode(t, errorCodeOf(create.error))
              : fieldErrorMessage(t, errors.slug)
          }
          {...form.register('slug')}
        />
        <OrganizationFields form={form} />
        <TextField
          label={t('fields.firstAdmin')}
          hint={t('fields.firstAdminHint')}
          isLtr
          autoComplete="off"
          error={fieldErrorMessage(t, errors.firstAdmin)}
          {...form.register('firstAdmin')}
        />
        <div>
          <Button type="submit" isLoading={form.formState.isSubmitting}>
            {t('create.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
