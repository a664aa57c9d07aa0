import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type TMember } from '@hamandishi/contracts';
import {
  Alert,
  Button,
  DateText,
  Dialog,
  DialogClose,
  EmptyState,
  PageHeader,
  Select,
  Spinner,
  Table,
  TextField,
  UserText,
  useToast,
  type TableColumn,
} from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { usePageTitle } from '@/app/use-page-title';
import { useSession } from '@/features/identity/api/use-session';
import { useCurrentOrganization } from '@/features/organizations/pages/organization-layout';
import { errorCodeOf } from '@/lib/errors';
import { isLocale, pickLocalized } from '@/lib/locale';
import { ADMIN_NS } from '../admin-i18n';
import { type MemberFilters, useMembers, useRemoveMember, useSetMemberRoles } from '../api/use-members';

const ALL = 'all';
// Radix Select cannot hold an empty value, so "no district" has a sentinel.
const NO_DISTRICT = 'none';

/** `/:slug/admin/members`: search (Persian-normalised by the server), filter, change roles, remove. */
export default function MembersPage() {
  const { t, i18n } = useTranslation([ADMIN_NS, 'common', 'errors']);
  usePageTitle(t('members.title'));
  const organization = useCurrentOrganization();
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [districtId, setDistrictId] = useState('');
  // The search waits for a pause in typing, so each key press is not a request.
  const [debouncedQ, setDebouncedQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedQ(q), 300);
    return () => clearTimeout(timer);
  }, [q]);
  const filters: MemberFilters = { q: debouncedQ, role, districtId };
  const members = useMembers(organization.slug, filters);
  const [editing, setEditing] = useState<TMember | null>(null);
  const [removing, setRemoving] = useState<TMember | null>(null);
  const rows = members.data?.pages.flatMap((page) => page.items) ?? [];
  const districtName = (id: string | null) => {
    const district = organization.districts.find((d) => d.id === id);
    return district ? pickLocalized(district.name, locale) : '—';
  };

  const columns: TableColumn<TMember>[] = [
    { key: 'name', header: t('members.columns.name'), isRowHeader: true, render: (m) => <UserText>{m.displayName}</UserText> },
    {
      key: 'roles',
      header: t('members.columns.roles'),
      render: (m) => m.roles.map((r) => t(`members.roles.${r}`)).join('، '),
    },
    { key: 'district', header: t('members.columns.district'), render: (m) => districtName(m.districtId) },
    { key: 'joined', header: t('members.columns.joined'), render: (m) => <DateText value={m.joinedAt} /> },
    {
      key: 'actions',
      header: t('members.columns.actions'),
      render: (m) => (
        <div className="admin-row-actions">
          <Button size="sm" variant="secondary" onClick={() => setEditing(m)}>
            {t('members.editRoles')}
            <span className="visually-hidden"> {m.displayName}</span>
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setRemoving(m)}>
            {t('members.remove')}
            <span className="visually-hidden"> {m.displayName}</span>
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="stack">
      <PageHeader title={t('members.title')} description={t('members.intro')} />
      <form className="admin-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label={t('members.search')}
          hint={t('members.searchHint')}
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
        />
        <Select
          label={t('members.filterRole')}
          value={role || ALL}
          onValueChange={(value) => setRole(value === ALL ? '' : (value as Role))}
          options={[
            { value: ALL, label: t('members.allRoles') },
            ...ROLES.map((r) => ({ value: r, label: t(`members.roles.${r}`) })),
          ]}
        />
        <Select
          label={t('members.filterDistrict')}
          value={districtId || ALL}
          onValueChange={(value) => setDistrictId(value === ALL ? '' : value)}
          options={[
            { value: ALL, label: t('members.allDistricts') },
            ...organization.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) })),
          ]}
        />
      </form>
      {members.isPending && <Spinner size="lg" />}
      {members.isError && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(members.error))}</Alert>}
      {members.data && rows.length === 0 && <EmptyState title={t('members.empty')} />}
      {rows.length > 0 && (
        <Table caption={t('members.caption')} columns={columns} rows={rows} rowKey={(m) => m.accountId} />
      )}
      {members.hasNextPage && (
        <div>
          <Button variant="secondary" isLoading={members.isFetchingNextPage} onClick={() => void members.fetchNextPage()}>
            {t('members.loadMore')}
          </Button>
        </div>
      )}
      {editing && (
        <RolesDialog
          key={editing.accountId}
          member={editing}
          onClose={() => setEditing(null)}
        />
      )}
      {removing && <RemoveDialog member={removing} onClose={() => setRemoving(null)} />}
    </div>
  );
}

function RolesDialog({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t, i18n } = useTranslation([ADMIN_NS, 'common', 'errors']);
  const organization = useCurrentOrganization();
  const locale = isLocale(i18n.language) ? i18n.language : 'fa';
  const toast = useToast();
  const setRoles = useSetMemberRoles(organization.slug);
  const [roles, setRolesState] = useState<Role[]>(member.roles);
  const [districtId, setDistrictId] = useState(member.districtId ?? '');
  const [missing, setMissing] = useState<string | null>(null);
  const id = useId();
  const needsDistrict = roles.includes('manager');

  const submit = async () => {
    if (roles.length === 0) return setMissing(t('members.dialog.rolesRequired'));
    if (needsDistrict && !districtId) return setMissing(t('errors:identity.manager_needs_district'));
    setMissing(null);
    try {
      await setRoles.mutateAsync({ accountId: member.accountId, roles, districtId: districtId || null });
      toast.show({ title: t('members.dialog.saved', { name: member.displayName }), variant: 'success' });
      onClose();
    } catch {
      // shown below
    }
  };

  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('members.dialog.title', { name: member.displayName })}
      description={t('members.dialog.intro')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="secondary">{t('common:actions.cancel')}</Button>
          </DialogClose>
          <Button isLoading={setRoles.isPending} onClick={() => void submit()}>
            {t('common:actions.save')}
          </Button>
        </>
      }
    >
      <fieldset className="admin-fieldset">
        <legend>{t('members.columns.roles')}</legend>
        <div className="admin-checkboxes">
          {ROLES.map((role) => {
            const isChecked = roles.includes(role);
            return (
              <div className="checkbox" key={role}>
                <input
                  id={`${id}-${role}`}
                  type="checkbox"
                  checked={isChecked}
                  onChange={() => setRolesState(isChecked ? roles.filter((r) => r !== role) : [...roles, role])}
                />
                <label htmlFor={`${id}-${role}`}>{t(`members.roles.${role}`)}</label>
              </div>
            );
          })}
        </div>
      </fieldset>
      {/* The member's district; a manager must have one. */}
      <Select
        label={t('members.dialog.district')}
        hint={needsDistrict ? t('members.dialog.districtHint') : undefined}
        value={districtId || (needsDistrict ? undefined : NO_DISTRICT)}
        placeholder={t('members.dialog.chooseDistrict')}
        onValueChange={(value) => setDistrictId(value === NO_DISTRICT ? '' : value)}
        options={[
          ...(needsDistrict ? [] : [{ value: NO_DISTRICT, label: t('members.dialog.noDistrict') }]),
          ...organization.districts.map((d) => ({ value: d.id, label: pickLocalized(d.name, locale) })),
        ]}
      />
      {missing && <Alert variant="danger">{missing}</Alert>}
      {setRoles.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(setRoles.error))}</Alert>}
    </Dialog>
  );
}

function RemoveDialog({ member, onClose }: { member: TMember; onClose: () => void }) {
  const { t } = useTranslation([ADMIN_NS, 'common', 'errors']);
  const organization = useCurrentOrganization();
  const { data: session } = useSession();
  const toast = useToast();
  const remove = useRemoveMember(organization.slug);
  const isSelf = session?.account?.id === member.accountId;
  return (
    <Dialog
      isOpen
      onOpenChange={(open) => !open && onClose()}
      title={t('members.removeDialog.title', { name: member.displayName })}
      description={t(isSelf ? 'members.removeDialog.self' : 'members.removeDialog.intro')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="secondary">{t('common:actions.cancel')}</Button>
          </DialogClose>
          <Button
            variant="danger"
            isLoading={remove.isPending}
            onClick={async () => {
              try {
                await remove.mutateAsync(member.accountId);
                toast.show({ title: t('members.removeDialog.done', { name: member.displayName }), variant: 'success' });
                onClose();
              } catch {
                // shown below
              }
            }}
          >
            {t('members.remove')}
          </Button>
        </>
      }
    >
      {remove.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(remove.error))}</Alert>}
    </Dialog>
  );
}
