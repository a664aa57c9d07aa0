import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { INVITABLE_ROLES, ZCreateInvitation, type TInvitation } from '@hamandishi/contracts';
import { Alert, Button, DateText, Dialog, DialogClose, PageHeader, Select, Spinner, Table, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useInvitationActions, useInvitations } from '@/features/invitations/use-invitations';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { applyServerFieldErrors, errorCodeOf, fieldErrorMessage } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { ADMIN_NS } from '../admin-i18n';

type InviteInput = z.input<typeof ZCreateInvitation>;
type InviteOutput = z.output<typeof ZCreateInvitation>;

/** `/:slug/admin/invitations`: invite staff, and follow, resend or revoke the invitations sent. */
export default function InvitationsPage() {
  const { t } = useTranslation(ADMIN_NS);
  usePageTitle(t('invitations.title'));
  return (
    <div className="stack">
      <PageHeader title={t('invitations.title')} description={t('invitations.intro')} />
      <InviteForm />
      <InvitationList />
    </div>
  );
}

function InviteForm() {
  const { t, i18n } = useTranslation([ADMIN_NS, 'errors']);
  const organization = useCurrentOrganization();
  const toast = useToast();
  const { create } = useInvitationActions(organization.slug);
  const uid = useId();
  const form = useForm<InviteInput, unknown, InviteOutput>({
    resolver: zodResolver(ZCreateInvitation),
    defaultValues: { contact: '', roles: [], districtId: null },
  });
  const { errors } = form.formState;
  const roles = form.watch('roles');

  const handleSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync({
        contact: form.getValues('contact'),
        roles: values.roles,
        districtId: values.roles.includes('manager') ? values.districtId : null,
      });
      toast.show({ title: t('invitations.form.sent'), variant: 'success' });
      form.reset();
    } catch (caught) {
      applyServerFieldErrors(caught, form.setError, ['contact', 'roles', 'districtId']);
    }
  });

  return (
    <section className="card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>{t('invitations.form.title')}</h2>
      <form className="stack" onSubmit={handleSubmit} noValidate>
        {create.isError && !Object.keys(errors).length && (
          <Alert variant="danger">{translateErrorCode(t, errorCodeOf(create.error))}</Alert>
        )}
        <TextField
          label={t('invitations.form.contact')}
          hint={t('invitations.form.contactHint')}
          isLtr
          autoComplete="off"
          error={fieldErrorMessage(t, errors.contact)}
          {...form.register('contact')}
        />
        <Controller
          control={form.control}
          name="roles"
          render={({ field, fieldState }) => (
            <fieldset className="fieldset" aria-describedby={fieldState.error ? `${uid}-roles-error` : undefined}>
              <legend>{t('invitations.form.roles')}</legend>
              {INVITABLE_ROLES.map((role) => {
                const isChecked = field.value.includes(role);
                return (
                  <div className="checkbox" key={role}>
                    <input
                      type="checkbox"
                      id={`${uid}-role-${role}`}
                      checked={isChecked}
                      onChange={() => field.onChange(isChecked ? field.value.filter((r) => r !== role) : [...field.value, role])}
                    />
                    <label htmlFor={`${uid}-role-${role}`}>{t(`invitations.roles.${role}`)}</label>
                  </div>
                );
              })}
              {fieldState.error && (
                <p className="field__error" id={`${uid}-roles-error`}>
                  {fieldErrorMessage(t, fieldState.error)}
                </p>
              )}
            </fieldset>
          )}
        />
        {roles.includes('manager') && (
          <Controller
            control={form.control}
            name="districtId"
            render={({ field, fieldState }) => (
              <Select
                label={t('invitations.form.district')}
                placeholder={t('invitations.form.districtPlaceholder')}
                value={field.value ?? undefined}
                error={fieldErrorMessage(t, fieldState.error)}
                options={organization.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, i18n.language) }))}
                onValueChange={field.onChange}
              />
            )}
          />
        )}
        <div>
          <Button type="submit" isLoading={form.formState.isSubmitting}>
            {t('invitations.form.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function InvitationList() {
  const { t, i18n } = useTranslation([ADMIN_NS, 'errors']);
  const list = new Intl.ListFormat(i18n.language, { type: 'unit' });
  const organization = useCurrentOrganization();
  const toast = useToast();
  const invitations = useInvitations(organization.slug);
  const { resend, revoke } = useInvitationActions(organization.slug);
  const [revoking, setRevoking] = useState<TInvitation | null>(null);

  if (invitations.isPending) return <Spinner />;
  if (invitations.isError) return <Alert variant="danger">{translateErrorCode(t, errorCodeOf(invitations.error))}</Alert>;
  const rows = invitations.data.pages.flatMap((page) => page.items);
  if (rows.length === 0) return <p className="muted">{t('invitations.list.empty')}</p>;

  const handleResend = (invitation: TInvitation) =>
    resend.mutate(invitation.id, {
      onSuccess: () => toast.show({ title: t('invitations.toast.resent'), variant: 'success' }),
      onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
    });
  const handleRevoke = (invitation: TInvitation) =>
    revoke.mutate(invitation.id, {
      onSuccess: () => {
        toast.show({ title: t('invitations.toast.revoked'), variant: 'success' });
        setRevoking(null);
      },
      onError: (error) => toast.show({ title: translateErrorCode(t, errorCodeOf(error)), variant: 'danger' }),
    });

  return (
    <section className="stack">
      <Table
        caption={t('invitations.list.caption')}
        rows={rows}
        rowKey={(i) => i.id}
        columns={[
          { key: 'contact', header: t('invitations.list.contact'), isRowHeader: true, render: (i) => <bdi dir="ltr">{i.contact}</bdi> },
          {
            key: 'roles',
            header: t('invitations.list.roles'),
            render: (i) => list.format(i.roles.map((role) => t(`invitations.roles.${role}`))),
          },
          { key: 'status', header: t('invitations.list.status'), render: (i) => t(`invitations.status.${i.status}`) },
          { key: 'expiresAt', header: t('invitations.list.expiresAt'), render: (i) => <DateText value={i.expiresAt} /> },
          {
            key: 'actions',
            header: t('invitations.list.actions'),
            render: (i) =>
              i.status === 'pending' || i.status === 'expired' ? (
                <div className="admin-actions">
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => handleResend(i)}
                    aria-label={t('invitations.list.resendLabel', { contact: i.contact })}
                  >
                    {t('invitations.list.resend')}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => setRevoking(i)}
                    aria-label={t('invitations.list.revokeLabel', { contact: i.contact })}
                  >
                    {t('invitations.list.revoke')}
                  </Button>
                </div>
              ) : null,
          },
        ]}
      />
      {invitations.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => void invitations.fetchNextPage()} isLoading={invitations.isFetchingNextPage}>
            {t('invitations.list.more')}
          </Button>
        </div>
      )}
      {revoking && (
        <Dialog
          isOpen
          onOpenChange={(open) => !open && setRevoking(null)}
          title={t('invitations.confirmRevoke.title', { contact: revoking.contact })}
          description={t('invitations.confirmRevoke.text')}
          actions={
            <>
              <DialogClose asChild>
                <Button variant="secondary">{t('invitations.confirmRevoke.cancel')}</Button>
              </DialogClose>
              <Button variant="danger" isLoading={revoke.isPending} onClick={() => handleRevoke(revoking)}>
                {t('invitations.confirmRevoke.confirm')}
              </Button>
            </>
          }
        />
      )}
    </section>
  );
}
