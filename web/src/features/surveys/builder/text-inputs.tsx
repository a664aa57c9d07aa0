import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSurveyText } from '@hamandishi/contracts';
import { SURVEYS_NS } from '../surveys-i18n';

const LANGS = ['fa', 'ar', 'en'] as const;

/** Keeps a text's shape for the contracts: Persian always present, an empty Arabic or English left out. */
export function setLang(text: TSurveyText | undefined, lang: (typeof LANGS)[number], value: string): TSurveyText {
  const next: TSurveyText = { ...(text ?? { fa: '' }), [lang]: value };
  if (lang !== 'fa' && value === '') delete next[lang];
  return next;
}

export type LocalizedInputsProps = {
  legend: ReactNode;
  value: TSurveyText | undefined;
  onChange: (value: TSurveyText) => void;
  isMultiline?: boolean;
  /** The Persian text is required (shown as such; `validateDefinition` reports it missing). */
  isRequired?: boolean;
};

/** One text of the survey in Persian, Arabic and English: three labelled inputs in a fieldset. */
export function LocalizedInputs({
  legend,
  value,
  onChange,
  isMultiline = false,
  isRequired = false,
}: LocalizedInputsProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const id = useId();
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="field-row">
        {LANGS.map((lang) => {
          const inputId = `${id}-${lang}`;
          const props = {
            id: inputId,
            className: isMultiline ? 'field__input field__textarea' : 'field__input',
            lang,
            dir: lang === 'en' ? 'ltr' : 'rtl',
            value: value?.[lang] ?? '',
            'aria-required': (isRequired && lang === 'fa') || undefined,
            onChange: (event: { target: { value: string } }) => onChange(setLang(value, lang, event.target.value)),
          };
          return (
            <div className="field" key={lang}>
              <label className="field__label" htmlFor={inputId}>
                {t(`builder.lang.${lang}`)}
              </label>
              {isMultiline ? <textarea rows={2} {...props} /> : <input {...props} />}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
