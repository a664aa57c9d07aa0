import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES } from '@hamandishi/contracts';
import { Alert, Button, FileField, TextField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { useEditionActions } from '../api/use-consultations';
import { CONSULTATIONS_NS } from '../consultations-i18n';

/** Uploads a .docx stage report and turns it into the draft edition; the server's errors are shown translated. */
export function ImportDocx({ slug, activityId }: { slug: string; activityId: string }) {
  const { t } = useTranslation([CONSULTATIONS_NS, 'errors']);
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const actions = useEditionActions(slug, activityId);
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? (actions.importDocx.error ? errorCodeOf(actions.importDocx.error) : null);

  const handleImport = () => {
    if (!file) return;
    if (file.size > MAX_ATTACHMENT_BYTES) return setClientError('attachments.too_large');
    setClientError(null);
    // This form unmounts once the draft exists: the toast follows the promise (errors stay in the mutation's state).
    actions.importDocx
      .mutateAsync({ file, title: title.trim() || undefined })
      .then(() => {
        toast.show({ title: t('manage.import.done'), variant: 'success' });
        setFile(null);
        if (input.current) input.current.value = '';
      })
      .catch(() => undefined);
  };

  return (
    <div className="card stack">
      <h3>{t('manage.import.title')}</h3>
      <FileField
        ref={input}
        label={t('manage.import.file')}
        hint={t('manage.import.hint')}
        fileName={file?.name ?? null}
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={(event) => {
          setClientError(null);
          actions.importDocx.reset();
          setFile(event.target.files?.[0] ?? null);
        }}
      />
      <TextField
        label={t('manage.import.editionTitle')}
        value={title}
        maxLength={300}
        onChange={(event) => setTitle(event.target.value)}
      />
      {error && <Alert variant="danger">{translateErrorCode(t, error)}</Alert>}
      <div>
        <Button disabled={!file} isLoading={actions.importDocx.isPending} onClick={handleImport}>
          {t('manage.import.submit')}
        </Button>
      </div>
    </div>
  );
}
