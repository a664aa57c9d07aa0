import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSurveyBox, TSurveyDefinition } from '@hamandishi/contracts';
import { Alert, Button } from '@/components';
import type { LatLng } from '../lib/crosshair';
import { SurveyForm } from '../respond/survey-form';
import { SURVEYS_NS } from '../surveys-i18n';

export type SurveyPreviewProps = {
  definition: TSurveyDefinition;
  box: TSurveyBox;
  mapView: { center: LatLng; zoom: number };
};

/**
 * The survey as a respondent sees it (the respondent's own form, not a look-alike), in a
 * phone-sized frame or at a desktop width. Answers are checked by the shared schema; nothing is sent.
 */
export function SurveyPreview({ definition, box, mapView }: SurveyPreviewProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const [width, setWidth] = useState<'phone' | 'desktop'>('phone');
  const [isValid, setIsValid] = useState(false);
  const revision = JSON.stringify(definition);
  return (
    <div className="survey-preview">
      <div className="survey-builder__toolbar" role="group" aria-label={t('builder.preview.width')}>
        {(['phone', 'desktop'] as const).map((value) => (
          <Button
            key={value}
            size="sm"
            variant={width === value ? 'primary' : 'secondary'}
            aria-pressed={width === value}
            onClick={() => setWidth(value)}
          >
            {t(`builder.preview.${value}`)}
          </Button>
        ))}
      </div>
      <p className="muted">{t('builder.preview.note')}</p>
      <div
        className={`survey-preview__frame survey-preview__frame--${width}`}
        role="region"
        aria-label={t('builder.preview.frame')}
        tabIndex={0}
      >
        {isValid && <Alert variant="success">{t('builder.preview.valid')}</Alert>}
        <SurveyForm
          key={revision}
          definition={definition}
          box={box}
          mapView={mapView}
          seed="preview"
          onSubmit={async () => setIsValid(true)}
          submitLabel={t('respond.submit')}
          imageUploadNote={t('respond.fileInPreview')}
        />
      </div>
    </div>
  );
}
