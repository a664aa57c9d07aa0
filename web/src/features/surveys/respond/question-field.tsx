import { useId, useMemo, useState, type ChangeEvent, type ReactNode } from 'react';
import { Controller, type Control, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  OTHER_CHOICE,
  orderedOptions,
  type TAttachment,
  type TSurveyOption,
  type TSurveyQuestion,
  type TSurveyText,
} from '@hamandishi/contracts';
import { DateField, FileField, Spinner } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { MapAnswerField } from '../components/map-answer-field';
import type { LatLng } from '../lib/crosshair';
import { SURVEYS_NS } from '../surveys-i18n';

export type QuestionFieldProps = {
  question: TSurveyQuestion;
  control: Control<FieldValues>;
  /** The code of the answer's problem (from the shared schema or the server). */
  errorCode?: string;
  /** Where a map question opens. */
  mapView: { center: LatLng; zoom: number };
  /** Seeds the order of randomised options (the same for one respondent). */
  seed: string;
  /** Uploads the image of a file question (none in the builder's preview). */
  onUploadImage?: (file: File) => Promise<TAttachment>;
  /** Why a file question cannot be answered here when there is no upload (a preview, a visitor not signed in). */
  imageUploadNote?: string;
};

type ChoiceValue = { choice?: string; other?: string };
type ChoicesValue = { choices?: string[]; other?: string };

/** Translates an answer problem: the survey's own wording first, then the forms' common one. */
export function useAnswerError(code: string | undefined): string | undefined {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  if (!code) return undefined;
  return t([`${SURVEYS_NS}:answerErrors.${code}`, `errors:field.${code}`, 'errors:field.invalid']);
}

/** One question as the respondent answers it, accessible for its type (fieldset and legend for groups). */
export function QuestionField({
  question,
  control,
  errorCode,
  mapView,
  seed,
  onUploadImage,
  imageUploadNote,
}: QuestionFieldProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const id = useId();
  const error = useAnswerError(errorCode);
  const text = (value: TSurveyText | undefined) => (value ? pickLocalized(value, locale) : '');
  const title = (
    <>
      {text(question.title)}
      {question.required && (
        <span className="survey-question__required">
          <span aria-hidden="true">*</span>
          <span className="visually-hidden">{t('respond.required')}</span>
        </span>
      )}
    </>
  );
  const helpId = question.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(' ') || undefined;
  const help = question.help && (
    <p id={helpId} className="field__hint">
      {text(question.help)}
    </p>
  );
  const errorText = error && (
    <p id={errorId} className="field__error">
      {error}
    </p>
  );
  const group = (children: ReactNode, hint?: ReactNode) => (
    <fieldset
      className="survey-question"
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
      data-question={question.id}
    >
      <legend>{title}</legend>
      {help}
      {hint && <p className="field__hint">{hint}</p>}
      {children}
      {errorText}
    </fieldset>
  );
  const options = (list: readonly TSurveyOption[]) =>
    orderedOptions(
      { id: question.id, randomizeOptions: 'randomizeOptions' in question ? question.randomizeOptions : false },
      list,
      seed,
    );

  return (
    <Controller
      name={question.id}
      control={control}
      render={({ field }) => {
        switch (question.type) {
          case 'single_choice': {
            const value = (field.value ?? {}) as ChoiceValue;
            const set = (next: ChoiceValue) => field.onChange(next.choice ? next : undefined);
            return group(
              <div className="survey-choices">
                {options(question.options).map((option) => (
                  <label key={option.id} className="survey-choice">
                    <input
                      type="radio"
                      name={`${id}-choice`}
                      checked={value.choice === option.id}
                      onChange={() => set({ choice: option.id })}
                      onBlur={field.onBlur}
                    />
                    {text(option.label)}
                  </label>
                ))}
                {question.allowOther && (
                  <OtherChoice
                    type="radio"
                    name={`${id}-choice`}
                    isChecked={value.choice === OTHER_CHOICE}
                    text={value.other ?? ''}
                    onCheck={() => set({ choice: OTHER_CHOICE, other: value.other ?? '' })}
                    onText={(other) => set({ choice: OTHER_CHOICE, other })}
                  />
                )}
              </div>,
            );
          }
          case 'multiple_choice': {
            const value = (field.value ?? {}) as ChoicesValue;
            const choices = value.choices ?? [];
            const set = (nextChoices: string[], other = value.other) =>
              field.onChange(
                nextChoices.length
                  ? { choices: nextChoices, ...(nextChoices.includes(OTHER_CHOICE) ? { other: other ?? '' } : {}) }
                  : undefined,
              );
            const toggle = (optionId: string) =>
              set(choices.includes(optionId) ? choices.filter((c) => c !== optionId) : [...choices, optionId]);
            const hint =
              question.maxChoices !== undefined || question.minChoices !== undefined
                ? t('respond.choiceLimits', {
                    min: formatNumber(question.minChoices ?? 0, locale),
                    max: formatNumber(
                      question.maxChoices ?? question.options.length + (question.allowOther ? 1 : 0),
                      locale,
                    ),
                  })
                : undefined;
            return group(
              <div className="survey-choices">
                {options(question.options).map((option) => (
                  <label key={option.id} className="survey-choice">
                    <input
                      type="checkbox"
                      checked={choices.includes(option.id)}
                      onChange={() => toggle(option.id)}
                      onBlur={field.onBlur}
                    />
                    {text(option.label)}
                  </label>
                ))}
                {question.allowOther && (
                  <OtherChoice
                    type="checkbox"
                    isChecked={choices.includes(OTHER_CHOICE)}
                    text={value.other ?? ''}
                    onCheck={() => toggle(OTHER_CHOICE)}
                    onText={(other) =>
                      set(choices.includes(OTHER_CHOICE) ? choices : [...choices, OTHER_CHOICE], other)
                    }
                  />
                )}
              </div>,
              hint,
            );
          }
          case 'short_text':
          case 'long_text':
          case 'number': {
            const inputId = `${id}-input`;
            const isLong = question.type === 'long_text';
            const common = {
              id: inputId,
              className: 'field__input',
              value: (field.value ?? '') as string,
              onChange: (event: { target: { value: string } }) => field.onChange(event.target.value),
              onBlur: field.onBlur,
              'aria-invalid': error ? true : undefined,
              'aria-describedby': describedBy,
              'aria-required': question.required || undefined,
            };
            const hint =
              question.type === 'number' && (question.min !== undefined || question.max !== undefined)
                ? t('respond.numberRange', {
                    min: question.min !== undefined ? formatNumber(question.min, locale) : '—',
                    max: question.max !== undefined ? formatNumber(question.max, locale) : '—',
                  })
                : undefined;
            return (
              <div className="survey-question" data-question={question.id}>
                <label className="field__label" htmlFor={inputId}>
                  {title}
                </label>
                {help}
                {hint && <p className="field__hint">{hint}</p>}
                {isLong ? (
                  <textarea
                    {...common}
                    className="field__input field__textarea"
                    rows={4}
                    maxLength={question.maxLength}
                  />
                ) : (
                  <input
                    {...common}
                    type="text"
                    // Numbers are typed in any digits (۱۲, ١٢, 12): a text box, read by the shared schema.
                    inputMode={question.type === 'number' ? 'decimal' : undefined}
                    dir={question.type === 'number' ? 'ltr' : undefined}
                    maxLength={question.type === 'short_text' ? question.maxLength : undefined}
                  />
                )}
                {question.type === 'number' && question.unit && <p className="field__hint">{text(question.unit)}</p>}
                {errorText}
              </div>
            );
          }
          case 'likert':
          case 'rating': {
            const points = question.type === 'likert' ? question.points : question.max;
            const labelOf = (n: number) =>
              question.type === 'likert'
                ? question.labels?.[n - 1]
                  ? text(question.labels[n - 1])
                  : t(`respond.likert${points}.p${n}`)
                : t('respond.ratingPoint', { value: formatNumber(n, locale), max: formatNumber(points, locale) });
            return group(
              <div className="survey-scale">
                {Array.from({ length: points }, (_, i) => i + 1).map((n) => (
                  <label key={n} className="survey-choice">
                    <input
                      type="radio"
                      name={`${id}-scale`}
                      checked={Number(field.value) === n}
                      onChange={() => field.onChange(n)}
                      onBlur={field.onBlur}
                    />
                    {question.type === 'rating' ? (
                      <>
                        <span aria-hidden="true">{formatNumber(n, locale)}</span>
                        <span className="visually-hidden">{labelOf(n)}</span>
                      </>
                    ) : (
                      labelOf(n)
                    )}
                  </label>
                ))}
              </div>,
            );
          }
          case 'ranking':
            return group(
              <RankingInput
                options={options(question.options)}
                wanted={question.topK ?? question.options.length}
                value={(field.value as string[] | undefined) ?? []}
                onChange={(next) => field.onChange(next.length ? next : undefined)}
                text={text}
              />,
              question.topK
                ? t('respond.rankTop', { number: formatNumber(question.topK, locale) })
                : t('respond.rankAll'),
            );
          case 'matrix_single':
          case 'matrix_multiple': {
            const isMultiple = question.type === 'matrix_multiple';
            const value = (field.value ?? {}) as Record<string, string | string[]>;
            const rows = options(question.rows);
            const set = (row: string, column: string) => {
              const next = { ...value };
              if (isMultiple) {
                const cell = (next[row] as string[] | undefined) ?? [];
                next[row] = cell.includes(column) ? cell.filter((c) => c !== column) : [...cell, column];
                if ((next[row] as string[]).length === 0) delete next[row];
              } else next[row] = column;
              field.onChange(Object.keys(next).length ? next : undefined);
            };
            return group(
              <div className="table-scroll" tabIndex={0} role="region" aria-label={text(question.title)}>
                <table className="survey-matrix">
                  <thead>
                    <tr>
                      <td />
                      {question.columns.map((column) => (
                        <th key={column.id} scope="col">
                          {text(column.label)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const rowId = `${id}-row-${row.id}`;
                      return (
                        <tr key={row.id} role={isMultiple ? 'group' : 'radiogroup'} aria-labelledby={rowId}>
                          <th scope="row" id={rowId}>
                            {text(row.label)}
                          </th>
                          {question.columns.map((column) => {
                            const cell = value[row.id];
                            const isChecked = Array.isArray(cell) ? cell.includes(column.id) : cell === column.id;
                            return (
                              <td key={column.id}>
                                <input
                                  type={isMultiple ? 'checkbox' : 'radio'}
                                  name={`${id}-${row.id}`}
                                  checked={isChecked}
                                  aria-label={`${text(row.label)}: ${text(column.label)}`}
                                  onChange={() => set(row.id, column.id)}
                                  onBlur={field.onBlur}
                                />
                              </td>
                            );
                          })}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>,
            );
          }
          case 'date':
            return (
              <div className="survey-question" data-question={question.id}>
                <DateField
                  label={title}
                  value={(field.value as string | undefined) ?? ''}
                  onChange={(day) => field.onChange(day || undefined)}
                  error={error}
                  hint={question.help ? text(question.help) : undefined}
                />
              </div>
            );
          case 'map_point':
          case 'map_area':
            return (
              <div className="survey-question" data-question={question.id}>
                <MapAnswerField
                  mode={question.type === 'map_point' ? 'point' : 'area'}
                  label={title}
                  hint={help}
                  error={error}
                  value={field.value}
                  onChange={(next) => field.onChange(next ?? undefined)}
                  center={mapView.center}
                  zoom={mapView.zoom}
                />
              </div>
            );
          case 'file':
            return group(
              onUploadImage ? (
                <ImageAnswer
                  value={field.value as string | undefined}
                  onChange={(id) => field.onChange(id)}
                  upload={onUploadImage}
                />
              ) : (
                <p className="muted">{imageUploadNote}</p>
              ),
            );
        }
      }}
    />
  );
}

/** A file question: one image, uploaded when picked (the server re-encodes it without its metadata). */
function ImageAnswer({
  value,
  onChange,
  upload,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  upload: (file: File) => Promise<TAttachment>;
}) {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const [state, setState] = useState<
    { status: 'idle' | 'uploading' } | { status: 'done'; name: string } | { status: 'failed'; message: string }
  >({ status: 'idle' });
  const handlePick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!file.type.startsWith('image/')) return setState({ status: 'failed', message: t('respond.imageOnly') });
    setState({ status: 'uploading' });
    try {
      const attachment = await upload(file);
      onChange(attachment.id);
      setState({ status: 'done', name: attachment.filename });
    } catch (error) {
      setState({ status: 'failed', message: translateErrorCode(t, errorCodeOf(error)) });
    }
  };
  return (
    <div className="stack">
      <FileField
        label={t('respond.chooseImage')}
        accept="image/png,image/jpeg,image/webp"
        fileName={state.status === 'done' ? state.name : null}
        onChange={(event) => void handlePick(event)}
      />
      {state.status === 'uploading' && <Spinner />}
      {value && (
        <p className="survey-choice">
          {state.status === 'done' ? t('respond.imageAttachedNamed', { name: state.name }) : t('respond.imageAttached')}{' '}
          <button
            type="button"
            className="btn btn--ghost btn--sm"
            onClick={() => {
              onChange(undefined);
              setState({ status: 'idle' });
            }}
          >
            {t('respond.removeImage')}
          </button>
        </p>
      )}
      <p role="status" className={state.status === 'failed' ? 'field__error' : 'visually-hidden'}>
        {state.status === 'failed'
          ? state.message
          : state.status === 'done'
            ? t('respond.imageAttachedNamed', { name: state.name })
            : ''}
      </p>
    </div>
  );
}

function OtherChoice({
  type,
  name,
  isChecked,
  text,
  onCheck,
  onText,
}: {
  type: 'radio' | 'checkbox';
  name?: string;
  isChecked: boolean;
  text: string;
  onCheck: () => void;
  onText: (text: string) => void;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const id = useId();
  return (
    <div className="stack">
      <label className="survey-choice">
        <input type={type} name={name} checked={isChecked} onChange={onCheck} />
        {t('respond.other')}
      </label>
      {isChecked && (
        <div className="field">
          <label className="field__label" htmlFor={id}>
            {t('respond.otherText')}
          </label>
          <input id={id} className="field__input" value={text} onChange={(event) => onText(event.target.value)} />
        </div>
      )}
    </div>
  );
}

/** Ranking with buttons (no drag): add options to "your order", move them up and down, take them out. */
function RankingInput({
  options,
  wanted,
  value,
  onChange,
  text,
}: {
  options: TSurveyOption[];
  wanted: number;
  value: string[];
  onChange: (value: string[]) => void;
  text: (value: TSurveyText) => string;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const [announcement, setAnnouncement] = useState('');
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const ranked = value.filter((v) => byId.has(v));
  const unranked = options.filter((o) => !ranked.includes(o.id));
  const labelOf = (optionId: string) => text(byId.get(optionId)!.label);
  const move = (from: number, to: number) => {
    const next = [...ranked];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    setAnnouncement(t('respond.rankMoved', { option: labelOf(item!), rank: formatNumber(to + 1, locale) }));
  };
  return (
    <div className="stack">
      {ranked.length > 0 && (
        <ol className="survey-ranking" aria-label={t('respond.rankedList')}>
          {ranked.map((optionId, index) => (
            <li key={optionId}>
              <span aria-hidden="true">{formatNumber(index + 1, locale)}.</span>
              <span className="survey-ranking__name">{labelOf(optionId)}</span>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
                aria-label={t('respond.rankUp', { option: labelOf(optionId) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                disabled={index === ranked.length - 1}
                onClick={() => move(index, index + 1)}
                aria-label={t('respond.rankDown', { option: labelOf(optionId) })}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                onClick={() => {
                  onChange(ranked.filter((r) => r !== optionId));
                  setAnnouncement(t('respond.rankRemoved', { option: labelOf(optionId) }));
                }}
              >
                {t('respond.rankRemove', { option: labelOf(optionId) })}
              </button>
            </li>
          ))}
        </ol>
      )}
      {unranked.length > 0 && ranked.length < wanted && (
        <ul className="survey-ranking" aria-label={t('respond.unrankedList')}>
          {unranked.map((option) => (
            <li key={option.id}>
              <span className="survey-ranking__name">{text(option.label)}</span>
              <button
                type="button"
                className="btn btn--secondary btn--sm"
                onClick={() => {
                  onChange([...ranked, option.id]);
                  setAnnouncement(
                    t('respond.rankMoved', {
                      option: text(option.label),
                      rank: formatNumber(ranked.length + 1, locale),
                    }),
                  );
                }}
              >
                {t('respond.rankAdd', { option: text(option.label) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
