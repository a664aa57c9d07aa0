import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type TAttachment } from '@hamandishi/contracts';
import { Alert, Button, FileField, useToast } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { useDeleteAttachment, useUploadAttachment, type AttachmentOwner } from './use-manage-plans';
import { MANAGE_NS } from './manage-i18n';

export type AttachmentManagerProps = { slug: string; owner: AttachmentOwner; attachments: readonly TAttachment[]; label: string };

/** Lists an owner's files with a delete button each, and uploads a new one (the server checks its real type). */
export function AttachmentManager({ slug, owner, attachments, label }: AttachmentManagerProps) {
  const { t } = useTranslation([MANAGE_NS, 'common', 'errors']);
  const toast = useToast();
  const upload = useUploadAttachment(slug);
  const remove = useDeleteAttachment(slug);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? (upload.error ? errorCodeOf(upload.error) : remove.error ? errorCodeOf(remove.error) : null);

  const handleUpload = () => {
    if (!file) return;
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setClientError('common.payload_too_large');
      return;
    }
    setClientError(null);
    upload.mutate(
      { owner, file },
      {
        onSuccess: () => {
          setFile(null);
          if (input.current) input.current.value = '';
          toast.show({ title: t('attachments.uploaded'), variant: 'success' });
        },
      },
    );
  };

  return (
    <div className="stack attachment-manager">
      {attachments.length > 0 && (
        <ul className="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.url} download={attachment.filename}>
                <bdi>{attachment.filename}</bdi>
              </a>
              <Button
                variant="ghost"
                size="sm"
                isLoading={remove.isPending && remove.variables === attachment.id}
                onClick={() => remove.mutate(attachment.id)}
              >
                {t('attachments.delete', { name: attachment.filename })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && <Alert variant="danger">{translateErrorCode(t, error)}</Alert>}
      <FileField
        ref={input}
        label={label}
        hint={t('attachments.hint')}
        fileName={file?.name ?? null}
        accept={ATTACHMENT_TYPES.join(',')}
        onChange={(event) => {
          setClientError(null);
          upload.reset();
          setFile(event.target.files?.[0] ?? null);
        }}
      />
      <div>
        <Button variant="secondary" size="sm" disabled={!file} isLoading={upload.isPending} onClick={handleUpload}>
          {t('attachments.upload')}
        </Button>
      </div>
    </div>
  );
}
