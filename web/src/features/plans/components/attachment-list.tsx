import { useTranslation } from 'react-i18next';
import type { TAttachment } from '@hamandishi/contracts';
import { DateText } from '@/components';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';

export type AttachmentListProps = { attachments: readonly TAttachment[]; emptyText: string };

/** Files to download, with their type and size. */
export function AttachmentList({ attachments, emptyText }: AttachmentListProps) {
  const { t } = useTranslation('plans');
  const locale = useLocale();
  if (attachments.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ul className="attachment-list">
      {attachments.map((attachment) => {
        const kilobytes = Math.max(1, Math.round(attachment.sizeBytes / 1024));
        return (
          <li key={attachment.id}>
            <a href={attachment.url} download={attachment.filename}>
              <bdi>{attachment.filename}</bdi>
            </a>
            <span className="muted attachment-list__meta">
              {t(`fileTypes.${fileTypeOf(attachment.contentType)}`)} · {t('fileSize', { size: formatNumber(kilobytes, locale) })} ·{' '}
              <DateText value={attachment.createdAt} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function fileTypeOf(contentType: string): 'pdf' | 'docx' | 'image' {
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.startsWith('image/')) return 'image';
  return 'docx';
}
