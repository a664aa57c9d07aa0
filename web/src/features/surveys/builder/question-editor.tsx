import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMissingTranslation, TSurveyDefinitionProblem, TSurveyQuestion } from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { DateField } from '@/components';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { SURVEYS_NS } from '../surveys-i18n';
import { StructureButton, useIsStructureLocked } from './structure-lock';
import { ConditionEditor } from './condition-editor';
import { OptionsEditor } from './options-editor';
import { LocalizedInputs } from './text-inputs';

export type QuestionEditorProps = {
  question: TSurveyQuestion;
  /** Its number in the whole survey (1-based). */
  number: number;
  earlier: readonly TSurveyQuestion[];
  numberOf: (questionId: string) => number;
  /** Problems `validateDefinition` (or the server) found in this question. */
  problems: readonly Pick<TSurveyDefinitionProblem, 'code' | 'ref'>[];
  missing: readonly TMissingTranslation[];
  canMoveUp: boolean;
  canMoveDown: boolean;
  onChange: (question: TSurveyQuestion) => void;
  onMove: (direction: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
};

function Check({
  label,
  isChecked,
  onChange,
}: {
  label: ReactNode;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  const isLocked = useIsStructureLocked();
  return (
    <label className="survey-choice">
      <input
        type="checkbox"
        disabled={isLocked}
        checked={isChecked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/** A whole number or nothing, typed in any digits. */
function OptionalNumber({
  label,
  value,
  onChange,
  isInteger = true,
}: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  isInteger?: boolean;
}) {
  const id = useId();
  const locale = useLocale();
  const isLocked = useIsStructureLocked();
  const [text, setText] = useState(value === undefined ? '' : formatNumber(value, locale));
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        inputMode={isInteger ? 'numeric' : 'decimal'}
        dir="ltr"
        disabled={isLocked}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const ascii = toAsciiDigits(event.target.value).trim().replace(/[٫]/g, '.');
          if (ascii === '') return onChange(undefined);
          const n = Number(ascii);
          if (Number.isFinite(n)) onChange(isInteger ? Math.round(n) : n);
        }}
      />
    </div>
  );
}

/** One question in the builder: its texts, settings for its type, required, randomised order, condition, problems. */
export function QuestionEditor(props: QuestionEditorProps) {
  const { question, number, problems, missing, onChange } = props;
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const locale = useLocale();
  const headingId = useId();
  const name = t('builder.questionName', { number: formatNumber(number, locale) });
  const set = (patch: Partial<TSurveyQuestion>) => onChange({ ...question, ...patch } as TSurveyQuestion);
  const missingFields = (lang: 'ar' | 'en') => missing.filter((m) => m.locale === lang).map((m) => m.field);

  return (
    <article
      className={['survey-builder__question', problems.length ? 'survey-builder__question--invalid' : ''].join(' ')}
      aria-labelledby={headingId}
      data-question={question.id}
    >
      <h3 id={headingId}>
        {name}: {pickLocalized(question.title, locale) || t('builder.untitled')}{' '}
        <span className="muted">({t(`builder.types.${question.type}`)})</span>
      </h3>
      {problems.length > 0 && (
        <ul className="survey-builder__problems" aria-label={t('builder.problemsOf', { name })}>
          {problems.map((p, k) => (
            <li key={k}>{t([`errors:field.${p.code}`, 'errors:field.invalid'])}</li>
          ))}
        </ul>
      )}
      <div className="survey-builder__toolbar" role="group" aria-label={t('builder.actionsOf', { name })}>
        <StructureButton size="sm" variant="ghost" disabled={!props.canMoveUp} onClick={() => props.onMove(-1)}>
          {t('builder.moveUpNamed', { name })}
        </StructureButton>
        <StructureButton size="sm" variant="ghost" disabled={!props.canMoveDown} onClick={() => props.onMove(1)}>
          {t('builder.moveDownNamed', { name })}
        </StructureButton>
        <StructureButton size="sm" variant="ghost" onClick={props.onDuplicate}>
          {t('builder.duplicateNamed', { name })}
        </StructureButton>
        <StructureButton size="sm" variant="danger" onClick={props.onDelete}>
          {t('builder.removeNamed', { name })}
        </StructureButton>
      </div>
      <LocalizedInputs
        legend={t('builder.questionTitle')}
        value={question.title}
        isRequired
        onChange={(title) => set({ title })}
      />
      <LocalizedInputs
        legend={t('builder.questionHelp')}
        value={question.help}
        isMultiline
        onChange={(help) => set({ help: help.fa || help.ar || help.en ? help : undefined } as Partial<TSurveyQuestion>)}
      />
      <Check
        label={t('builder.required')}
        isChecked={Boolean(question.required)}
        onChange={(required) => set({ required: required || undefined })}
      />
      <TypeSettings question={question} onChange={onChange} />
      <ConditionEditor
        condition={question.showIf}
        earlier={props.earlier}
        numberOf={props.numberOf}
        onChange={(showIf) => set({ showIf })}
      />
      {(missingFields('ar').length > 0 || missingFields('en').length > 0) && (
        <p className="muted">
          {(['ar', 'en'] as const)
            .filter((lang) => missingFields(lang).length)
            .map((lang) =>
              t('builder.translations.missingIn', {
                lang: t(`builder.lang.${lang}`),
                count: missingFields(lang).length,
                number: formatNumber(missingFields(lang).length, locale),
              }),
            )
            .join(' ')}
        </p>
      )}
    </article>
  );
}

function TypeSettings({
  question,
  onChange,
}: {
  question: TSurveyQuestion;
  onChange: (question: TSurveyQuestion) => void;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const id = useId();
  const isLocked = useIsStructureLocked();
  const set = (patch: Record<string, unknown>) => {
    const next = { ...question, ...patch } as Record<string, unknown>;
    for (const [key, value] of Object.entries(patch)) if (value === undefined || value === false) delete next[key];
    onChange(next as TSurveyQuestion);
  };
  const randomize =
    'randomizeOptions' in question ||
    ['single_choice', 'multiple_choice', 'ranking', 'matrix_single', 'matrix_multiple'].includes(question.type) ? (
      <Check
        label={t('builder.randomize')}
        isChecked={Boolean((question as { randomizeOptions?: boolean }).randomizeOptions)}
        onChange={(randomizeOptions) => set({ randomizeOptions })}
      />
    ) : null;

  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (
        <>
          <OptionsEditor kind="options" items={question.options} onChange={(options) => set({ options })} />
          <Check
            label={t('builder.allowOther')}
            isChecked={Boolean(question.allowOther)}
            onChange={(allowOther) => set({ allowOther })}
          />
          {question.type === 'multiple_choice' && (
            <div className="survey-builder__row">
              <OptionalNumber
                label={t('builder.minChoices')}
                value={question.minChoices}
                onChange={(minChoices) => set({ minChoices })}
              />
              <OptionalNumber
                label={t('builder.maxChoices')}
                value={question.maxChoices}
                onChange={(maxChoices) => set({ maxChoices })}
              />
            </div>
          )}
          {randomize}
        </>
      );
    case 'ranking':
      return (
        <>
          <OptionsEditor kind="options" items={question.options} onChange={(options) => set({ options })} />
          <OptionalNumber label={t('builder.topK')} value={question.topK} onChange={(topK) => set({ topK })} />
          {randomize}
        </>
      );
    case 'matrix_single':
    case 'matrix_multiple':
      return (
        <>
          <OptionsEditor kind="rows" items={question.rows} onChange={(rows) => set({ rows })} />
          <OptionsEditor kind="columns" items={question.columns} onChange={(columns) => set({ columns })} />
          {randomize}
        </>
      );
    case 'short_text':
    case 'long_text':
      return (
        <OptionalNumber
          label={t('builder.maxLength')}
          value={question.maxLength}
          onChange={(maxLength) => set({ maxLength })}
        />
      );
    case 'number':
      return (
        <>
          <div className="survey-builder__row">
            <OptionalNumber
              label={t('builder.min')}
              value={question.min}
              isInteger={false}
              onChange={(min) => set({ min })}
            />
            <OptionalNumber
              label={t('builder.max')}
              value={question.max}
              isInteger={false}
              onChange={(max) => set({ max })}
            />
          </div>
          <Check
            label={t('builder.integer')}
            isChecked={Boolean(question.integer)}
            onChange={(integer) => set({ integer })}
          />
          <LocalizedInputs
            legend={t('builder.unit')}
            value={question.unit}
            onChange={(unit) => set({ unit: unit.fa || unit.ar || unit.en ? unit : undefined })}
          />
        </>
      );
    case 'likert': {
      const labels = question.labels;
      return (
        <>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-points`}>
              {t('builder.points')}
            </label>
            <select
              id={`${id}-points`}
              className="field__input"
              disabled={isLocked}
              value={question.points}
              onChange={(event) => set({ points: Number(event.target.value), labels: undefined })}
            >
              {[5, 7].map((n) => (
                <option key={n} value={n}>
                  {formatNumber(n, locale)}
                </option>
              ))}
            </select>
          </div>
          <Check
            label={t('builder.likertLabels')}
            isChecked={Boolean(labels)}
            // Starts from the default wording of the scale, in all three languages.
            onChange={(isOwn) =>
              set({
                labels: isOwn
                  ? Array.from({ length: question.points }, (_, k) => ({
                      fa: t(`respond.likert${question.points}.p${k + 1}`, { lng: 'fa' }),
                      ar: t(`respond.likert${question.points}.p${k + 1}`, { lng: 'ar' }),
                      en: t(`respond.likert${question.points}.p${k + 1}`, { lng: 'en' }),
                    }))
                  : undefined,
              })
            }
          />
          {labels?.map((label, k) => (
            <LocalizedInputs
              key={k}
              legend={t('builder.likertPoint', { number: formatNumber(k + 1, locale) })}
              value={label}
              isRequired
              onChange={(next) => set({ labels: labels.map((l, j) => (j === k ? next : l)) })}
            />
          ))}
        </>
      );
    }
    case 'rating':
      return (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-max`}>
            {t('builder.ratingMax')}
          </label>
          <select
            id={`${id}-max`}
            className="field__input"
            disabled={isLocked}
            value={question.max}
            onChange={(event) => set({ max: Number(event.target.value) })}
          >
            {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => (
              <option key={n} value={n}>
                {formatNumber(n, locale)}
              </option>
            ))}
          </select>
        </div>
      );
    case 'date':
      return (
        <fieldset className="survey-builder__row survey-builder__plain" disabled={isLocked}>
          <DateField
            label={t('builder.dateMin')}
            value={question.min ?? ''}
            onChange={(min) => set({ min: /^\d{4}-\d{2}-\d{2}$/.test(min) ? min : undefined })}
          />
          <DateField
            label={t('builder.dateMax')}
            value={question.max ?? ''}
            onChange={(max) => set({ max: /^\d{4}-\d{2}-\d{2}$/.test(max) ? max : undefined })}
          />
        </fieldset>
      );
    case 'map_point':
    case 'map_area':
      return <p className="muted">{t('builder.mapNote')}</p>;
    case 'file':
      return <p className="muted">{t('builder.fileNote')}</p>;
  }
}
