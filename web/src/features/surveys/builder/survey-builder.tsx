import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  completenessOfTranslations,
  validateDefinition,
  type SurveyQuestionType,
  type TSurveyBox,
  type TSurveyDefinition,
  type TSurveyDefinitionProblem,
} from '@hamandishi/contracts';
import { Alert, Button, Tabs } from '@/components';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import type { LatLng } from '../lib/crosshair';
import { SURVEYS_NS } from '../surveys-i18n';
import { ConditionEditor } from './condition-editor';
import {
  addQuestion,
  addSection,
  BUILDER_QUESTION_TYPES,
  duplicateQuestion,
  earlierQuestions,
  moveQuestion,
  moveSection,
  removeQuestion,
  removeSection,
  updateQuestion,
  updateSection,
} from './definition-model';
import { QuestionEditor } from './question-editor';
import { StructureButton, StructureLockContext } from './structure-lock';
import { SurveyPreview } from './survey-preview';
import { LocalizedInputs } from './text-inputs';

/** A problem as the builder shows it: from `validateDefinition`, or from the server by id. */
type ShownProblem = Pick<TSurveyDefinitionProblem, 'code' | 'questionId' | 'sectionId'> & { ref?: string };

export type SurveyBuilderProps = {
  initialDefinition: TSurveyDefinition;
  /** Once the survey has responses only wording may change (the server refuses the rest). */
  isFrozen: boolean;
  box: TSurveyBox;
  mapView: { center: LatLng; zoom: number };
  /** Saves; a rejection may carry the server's problems as `fields` (id → code). */
  onSave: (definition: TSurveyDefinition) => Promise<unknown>;
  /** Problems the last save was refused with, by question or section id. */
  serverProblems?: Record<string, string>;
  isSaving?: boolean;
};

/**
 * The planner's survey builder: sections and questions, edited with buttons only (no dragging),
 * checked live by the same `validateDefinition` the server applies, with the translations'
 * completeness and a preview that is the respondent's own form.
 */
export function SurveyBuilder({
  initialDefinition,
  isFrozen,
  box,
  mapView,
  onSave,
  serverProblems = {},
  isSaving = false,
}: SurveyBuilderProps) {
  const { t } = useTranslation([SURVEYS_NS, 'errors']);
  const locale = useLocale();
  const [definition, setDefinition] = useState(initialDefinition);
  const [isSaveTried, setIsSaveTried] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problems = useMemo(() => validateDefinition(definition), [definition]);
  const translations = useMemo(() => completenessOfTranslations(definition), [definition]);
  const isDirty = JSON.stringify(definition) !== JSON.stringify(initialDefinition);

  const shown: ShownProblem[] = useMemo(() => {
    const fromServer = Object.entries(serverProblems)
      .filter(([id]) => !problems.some((p) => p.questionId === id || (p.questionId === null && p.sectionId === id)))
      .map(([id, code]) => {
        const isSection = definition.sections.some((s) => s.id === id);
        return {
          code: code as TSurveyDefinitionProblem['code'],
          questionId: isSection ? null : id,
          sectionId: isSection ? id : null,
        };
      });
    return [...problems, ...fromServer];
  }, [problems, serverProblems, definition]);

  const numbers = useMemo(() => {
    const map = new Map<string, number>();
    definition.sections.forEach((s) => s.questions.forEach((q) => map.set(q.id, map.size + 1)));
    return map;
  }, [definition]);
  const numberOf = (id: string) => numbers.get(id) ?? 0;
  const totalQuestions = numbers.size;

  // Closing the tab with unsaved questions asks first (the browser's own prompt).
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  useEffect(() => {
    if (!focusId) return;
    document.querySelector<HTMLInputElement>(`[data-question="${focusId}"] input`)?.focus();
    setFocusId(null);
  }, [focusId]);

  const handleSave = async () => {
    setIsSaveTried(true);
    if (problems.length > 0) {
      summaryRef.current?.focus();
      return;
    }
    await onSave(definition).catch(() => undefined);
  };

  const surveyProblems = shown.filter((p) => p.questionId === null && p.sectionId === null);

  const build = (
    <div className="survey-builder">
      {definition.sections.map((section, s) => {
        const sectionProblems = shown.filter((p) => p.questionId === null && p.sectionId === section.id);
        const sectionName = t('builder.sectionName', { number: formatNumber(s + 1, locale) });
        return (
          <section key={section.id} className="survey-builder__section" aria-label={sectionName}>
            <h2>
              {sectionName}
              {section.title?.fa ? `: ${pickLocalized(section.title, locale)}` : ''}
            </h2>
            {sectionProblems.length > 0 && (
              <ul className="survey-builder__problems" aria-label={t('builder.problemsOf', { name: sectionName })}>
                {sectionProblems.map((p, k) => (
                  <li key={k}>{t([`errors:field.${p.code}`, 'errors:field.invalid'])}</li>
                ))}
              </ul>
            )}
            <div
              className="survey-builder__toolbar"
              role="group"
              aria-label={t('builder.actionsOf', { name: sectionName })}
            >
              <StructureButton
                size="sm"
                variant="ghost"
                disabled={s === 0}
                onClick={() => setDefinition(moveSection(definition, s, -1))}
              >
                {t('builder.moveUpNamed', { name: sectionName })}
              </StructureButton>
              <StructureButton
                size="sm"
                variant="ghost"
                disabled={s === definition.sections.length - 1}
                onClick={() => setDefinition(moveSection(definition, s, 1))}
              >
                {t('builder.moveDownNamed', { name: sectionName })}
              </StructureButton>
              <StructureButton size="sm" variant="danger" onClick={() => setDefinition(removeSection(definition, s))}>
                {t('builder.removeNamed', { name: sectionName })}
              </StructureButton>
            </div>
            <LocalizedInputs
              legend={t('builder.sectionTitle')}
              value={section.title}
              onChange={(title) =>
                setDefinition(
                  updateSection(definition, s, { title: title.fa || title.ar || title.en ? title : undefined }),
                )
              }
            />
            {s > 0 && (
              <label className="survey-choice">
                <input
                  type="checkbox"
                  disabled={isFrozen}
                  checked={Boolean(section.newPage)}
                  onChange={(event) =>
                    setDefinition(updateSection(definition, s, { newPage: event.target.checked || undefined }))
                  }
                />
                {t('builder.newPage')}
              </label>
            )}
            <ConditionEditor
              condition={section.showIf}
              earlier={earlierQuestions(definition, s, null)}
              numberOf={numberOf}
              onChange={(showIf) => setDefinition(updateSection(definition, s, { showIf }))}
            />
            {section.questions.map((question, i) => (
              <QuestionEditor
                key={question.id}
                question={question}
                number={numberOf(question.id)}
                earlier={earlierQuestions(definition, s, i)}
                numberOf={numberOf}
                problems={shown.filter((p) => p.questionId === question.id)}
                missing={translations.missing.filter((m) => m.questionId === question.id)}
                canMoveUp={numberOf(question.id) > 1}
                canMoveDown={numberOf(question.id) < totalQuestions}
                onChange={(next) => setDefinition(updateQuestion(definition, s, i, next))}
                onMove={(direction) => setDefinition(moveQuestion(definition, s, i, direction))}
                onDuplicate={() => {
                  const result = duplicateQuestion(definition, s, i);
                  setDefinition(result.definition);
                  setFocusId(result.id);
                }}
                onDelete={() => setDefinition(removeQuestion(definition, s, i))}
              />
            ))}
            <AddQuestion
              sectionName={sectionName}
              onAdd={(type) => {
                const result = addQuestion(definition, s, type);
                setDefinition(result.definition);
                setFocusId(result.id);
              }}
            />
          </section>
        );
      })}
      <div>
        <StructureButton variant="secondary" onClick={() => setDefinition(addSection(definition))}>
          {t('builder.addSection')}
        </StructureButton>
      </div>
    </div>
  );

  return (
    <StructureLockContext.Provider value={isFrozen}>
      <div className="stack">
        {isFrozen && <Alert variant="info">{t('builder.frozen')}</Alert>}
        <div ref={summaryRef} tabIndex={-1} className="stack" aria-live="polite">
          {problems.length > 0 ? (
            <p className={isSaveTried ? 'field__error' : 'muted'}>
              {t('builder.problemCount', { count: problems.length, number: formatNumber(problems.length, locale) })}
            </p>
          ) : (
            <p className="muted">{t('builder.noProblems')}</p>
          )}
          {surveyProblems.map((p, k) => (
            <p key={k} className="field__error">
              {t([`errors:field.${p.code}`, 'errors:field.invalid'])}
            </p>
          ))}
        </div>
        <TranslationSummary
          missingAr={translations.missing.filter((m) => m.locale === 'ar').length}
          missingEn={translations.missing.filter((m) => m.locale === 'en').length}
        />
        <div className="survey-builder__toolbar">
          <Button isLoading={isSaving} onClick={() => void handleSave()}>
            {t('builder.save')}
          </Button>
          {isDirty && <span className="muted">{t('builder.unsaved')}</span>}
        </div>
        <Tabs
          label={t('builder.tabs')}
          items={[
            { value: 'build', label: t('builder.buildTab'), content: build },
            {
              value: 'preview',
              label: t('builder.previewTab'),
              content: <SurveyPreview definition={definition} box={box} mapView={mapView} />,
            },
          ]}
        />
      </div>
    </StructureLockContext.Provider>
  );
}

function TranslationSummary({ missingAr, missingEn }: { missingAr: number; missingEn: number }) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const line = (lang: 'ar' | 'en', count: number) =>
    count === 0
      ? t('builder.translations.complete', { lang: t(`builder.lang.${lang}`) })
      : t('builder.translations.missingIn', {
          lang: t(`builder.lang.${lang}`),
          count,
          number: formatNumber(count, locale),
        });
  return (
    <section className="stack" aria-label={t('builder.translations.title')}>
      <ul className="muted">
        <li>{line('ar', missingAr)}</li>
        <li>{line('en', missingEn)}</li>
      </ul>
    </section>
  );
}

function AddQuestion({ sectionName, onAdd }: { sectionName: string; onAdd: (type: SurveyQuestionType) => void }) {
  const { t } = useTranslation(SURVEYS_NS);
  const id = useId();
  const [type, setType] = useState<SurveyQuestionType>('single_choice');
  return (
    <div className="survey-builder__row">
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('builder.newQuestionType')}
        </label>
        <select
          id={id}
          className="field__input"
          value={type}
          onChange={(event) => setType(event.target.value as SurveyQuestionType)}
        >
          {BUILDER_QUESTION_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`builder.types.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <StructureButton variant="secondary" onClick={() => onAdd(type)}>
        {t('builder.addQuestionTo', { name: sectionName })}
      </StructureButton>
    </div>
  );
}
