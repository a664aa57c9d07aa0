import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES, MAX_PROBLEM_PHOTOS, type TProblemPhoto } from '@hamandishi/contracts';
import { Button, Spinner } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { useUploadProblemPhoto } from '../api/use-problems';
import { PROBLEMS_NS } from '../problems-i18n';

export type PhotoPickerProps = { slug: string; photos: TProblemPhoto[]; onChange: (photos: TProblemPhoto[]) => void };

/** Up to five photos, each uploaded as soon as it is picked; thumbnails with a remove button. */
export function PhotoPicker({ slug, photos, onChange }: PhotoPickerProps) {
  const { t } = useTranslation([PROBLEMS_NS, 'errors']);
  const locale = useLocale();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadProblemPhoto(slug);
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const latest = useRef(photos);
  latest.current = photos;
  const max = formatNumber(MAX_PROBLEM_PHOTOS, locale);

  const handlePick = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    const room = MAX_PROBLEM_PHOTOS - latest.current.length - uploading;
    const problems: string[] = [];
    if (files.length > room) problems.push(t('form.tooManyPhotos', { number: max }));
    const accepted = files.slice(0, Math.max(0, room)).filter((file) => {
      if (!file.type.startsWith('image/')) return problems.push(`${file.name}: ${t('form.photoType')}`) && false;
      if (file.size > MAX_PHOTO_BYTES) return problems.push(`${file.name}: ${t('form.photoTooLarge')}`) && false;
      return true;
    });
    setErrors(problems);
    setUploading((n) => n + accepted.length);
    await Promise.all(
      accepted.map(async (file) => {
        try {
          const photo = await upload.mutateAsync(file);
          onChange([...latest.current, photo]);
          latest.current = [...latest.current, photo];
        } catch (error) {
          setErrors((list) => [...list, `${file.name}: ${translateErrorCode(t, errorCodeOf(error))}`]);
        } finally {
          setUploading((n) => n - 1);
        }
      }),
    );
  };

  return (
    <fieldset className="fieldset stack">
      <legend>{t('form.fields.photos', { number: max })}</legend>
      {photos.length > 0 && (
        <ul className="photo-grid">
          {photos.map((photo, index) => (
            <li key={photo.id} className="photo-grid__item">
              <img className="photo-grid__thumb" src={photo.thumbUrl} alt={t('form.fields.photoAlt', { number: formatNumber(index + 1, locale) })} />
              <Button
                size="sm"
                variant="danger"
                className="photo-grid__remove"
                aria-label={t('form.fields.removePhoto', { number: formatNumber(index + 1, locale) })}
                onClick={() => onChange(photos.filter((p) => p.id !== photo.id))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      {uploading > 0 && (
        <p role="status">
          <Spinner /> {t('form.fields.uploading')}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="field__error" role="alert">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <input ref={input} type="file" accept="image/*" multiple hidden onChange={(e) => void handlePick(e)} data-testid="photo-input" />
      {photos.length + uploading < MAX_PROBLEM_PHOTOS && (
        <div>
          <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
            {t('form.fields.addPhoto')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
