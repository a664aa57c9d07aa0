import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { STAKEHOLDER_FORMS, STAKEHOLDER_KINDS, type StakeholderForm, type StakeholderKind } from '@hamandishi/contracts';
import { Alert, Button, Dialog, DialogClose, Select, TextField } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { useCreateStakeholder, useSimilarStakeholders } from '../api/use-stakeholders';
import { STAKEHOLDERS_NS } from '../stakeholders-i18n';

export type CreateDialogProps = { slug: string; isOpen: boolean; onOpenChange: (isOpen: boolean) => void };

/** Register a stakeholder: while the name is typed, registered ones with a similar name are shown. */
export function CreateDialog({ slug, isOpen, onOpenChange }: CreateDialogProps) {
  const { t } = useTranslation([STAKEHOLDERS_NS, 'errors']);
  const navigate = useNavigate();
  const create = useCreateStakeholder(slug);
  const [name, setName] = useState('');
  const [form, setForm] = useState<StakeholderForm>('organization');
  const [kind, setKind] = useState<StakeholderKind>('ngo');
  const similar = useSimilarStakeholders(slug, isOpen ? name : '');

  const handleSubmit = async () => {
    try {
      const created = await create.mutateAsync({ name, form, kind });
      onOpenChange(false);
      setName('');
      navigate(`/${slug}/manage/stakeholders/${created.id}`);
    } catch {
      // shown below
    }
  };

  return (
    <Dialog
      isOpen={isOpen}
      onOpenChange={(open) => {
        if (!open) create.reset();
        onOpenChange(open);
      }}
      title={t('create.title')}
      actions={
        <>
          <DialogClose asChild>
            <Button variant="ghost">{t('actions.close')}</Button>
          </DialogClose>
          <Button onClick={handleSubmit} isLoading={create.isPending} disabled={name.trim().length < 2}>
            {t('create.submit')}
          </Button>
        </>
      }
    >
      <div className="stack">
        <TextField label={t('fields.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <Select label={t('fields.form')} value={form} onValueChange={(v) => setForm(v as StakeholderForm)} options={STAKEHOLDER_FORMS.map((f) => ({ value: f, label: t(`forms.${f}`) }))} />
        <Select label={t('fields.kind')} value={kind} onValueChange={(v) => setKind(v as StakeholderKind)} options={STAKEHOLDER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        {similar.data && similar.data.items.length > 0 && (
          <Alert variant="info">
            <p>{t('create.similar')}</p>
            <ul>
              {similar.data.items.map((s) => (
                <li key={s.id}>
                  <Link to={`/${slug}/manage/stakeholders/${s.id}`}>{s.name}</Link> ({t(`kinds.${s.kind}`)})
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {create.error && <Alert variant="danger">{translateErrorCode(t, errorCodeOf(create.error))}</Alert>}
      </div>
    </Dialog>
  );
}
