import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  operatorsFor,
  OTHER_CHOICE,
  type SurveyConditionOperator,
  type TSurveyCondition,
  type TSurveyOption,
  type TSurveyQuestion,
  type TSurveyRule,
} from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { formatNumber } from '@/lib/format';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { SURVEYS_NS } from '../surveys-i18n';
import { StructureButton, useIsStructureLocked } from './structure-lock';
import { ruleFor } from './definition-model';

export type ConditionEditorProps = {
  condition: TSurveyCondition | undefined;
  /** The questions before the one (or section) being edited: the only ones a rule may name. */
  earlier: readonly TSurveyQuestion[];
  /** The number every question has in the whole survey, for the menus. */
  numberOf: (questionId: string) => number;
  onChange: (condition: TSurveyCondition | undefined) => void;
};

function NativeSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  const isLocked = useIsStructureLocked();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        disabled={isLocked}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {children}
      </select>
    </div>
  );
}

function NumberInput({ label, value, onChange }: { label: string; value: number; onChange: (value: number) => void }) {
  const id = useId();
  const locale = useLocale();
  const isLocked = useIsStructureLocked();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        disabled={isLocked}
        className="field__input"
        inputMode="decimal"
        dir="ltr"
        defaultValue={formatNumber(value, locale)}
        onChange={(event) => {
          const n = Number(toAsciiDigits(event.target.value).trim());
          if (event.target.value.trim() !== '' && Number.isFinite(n)) onChange(n);
        }}
      />
    </div>
  );
}

/**
 * "Show this question only when…": rules about EARLIER questions only (the menu offers nothing
 * else), each with the operators its question's type has and a value suited to it (an option, a
 * number, a rank, a matrix cell).
 */
export function ConditionEditor({ condition, earlier, numberOf, onChange }: ConditionEditorProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const byId = new Map(earlier.map((q) => [q.id, q]));
  const label = (q: TSurveyQuestion) =>
    t('builder.condition.questionOption', {
      number: formatNumber(numberOf(q.id), locale),
      title: pickLocalized(q.title, locale) || q.id,
    });

  if (!condition) {
    return (
      <div className="stack">
        {earlier.length === 0 ? (
          <p className="muted">{t('builder.condition.noEarlier')}</p>
        ) : (
          <div>
            <StructureButton
              size="sm"
              variant="secondary"
              onClick={() => onChange({ combine: 'all', rules: [ruleFor(earlier.at(-1)!)] })}
            >
              {t('builder.condition.add')}
            </StructureButton>
          </div>
        )}
      </div>
    );
  }

  const setRule = (index: number, rule: TSurveyRule) =>
    onChange({ ...condition, rules: condition.rules.map((r, k) => (k === index ? rule : r)) });

  return (
    <fieldset className="fieldset">
      <legend>{t('builder.condition.title')}</legend>
      {condition.rules.length > 1 && (
        <NativeSelect
          label={t('builder.condition.combine')}
          value={condition.combine}
          onChange={(combine) => onChange({ ...condition, combine: combine as 'all' | 'any' })}
        >
          <option value="all">{t('builder.condition.all')}</option>
          <option value="any">{t('builder.condition.any')}</option>
        </NativeSelect>
      )}
      {condition.rules.map((rule, index) => {
        const target = byId.get(rule.question);
        const ruleName = t('builder.condition.rule', { number: formatNumber(index + 1, locale) });
        return (
          <fieldset key={index} className="fieldset">
            <legend>{ruleName}</legend>
            <div className="survey-builder__row">
              <NativeSelect
                label={t('builder.condition.question')}
                value={target ? rule.question : ''}
                onChange={(id) => {
                  const q = byId.get(id);
                  if (q) setRule(index, ruleFor(q));
                }}
              >
                {!target && <option value="">{t('builder.condition.chooseQuestion')}</option>}
                {earlier.map((q) => (
                  <option key={q.id} value={q.id}>
                    {label(q)}
                  </option>
                ))}
              </NativeSelect>
              {target && (
                <NativeSelect
                  label={t('builder.condition.operator')}
                  value={rule.op}
                  onChange={(op) => setRule(index, ruleFor(target, op as SurveyConditionOperator))}
                >
                  {operatorsFor(target.type).map((op) => (
                    <option key={op} value={op}>
                      {t(`builder.operators.${op}`)}
                    </option>
                  ))}
                </NativeSelect>
              )}
              {target && <RuleValue rule={rule} target={target} onChange={(next) => setRule(index, next)} />}
            </div>
            <div>
              <StructureButton
                size="sm"
                variant="ghost"
                onClick={() => {
                  const rules = condition.rules.filter((_, k) => k !== index);
                  onChange(rules.length ? { ...condition, rules } : undefined);
                }}
              >
                {t('builder.removeNamed', { name: ruleName })}
              </StructureButton>
            </div>
          </fieldset>
        );
      })}
      <div className="survey-builder__toolbar">
        <StructureButton
          size="sm"
          variant="secondary"
          disabled={earlier.length === 0}
          onClick={() => onChange({ ...condition, rules: [...condition.rules, ruleFor(earlier.at(-1)!)] })}
        >
          {t('builder.condition.addRule')}
        </StructureButton>
        <StructureButton size="sm" variant="ghost" onClick={() => onChange(undefined)}>
          {t('builder.condition.remove')}
        </StructureButton>
      </div>
    </fieldset>
  );
}

/** The value part of a rule, suited to the question's type and the operator. */
function RuleValue({
  rule,
  target,
  onChange,
}: {
  rule: TSurveyRule;
  target: TSurveyQuestion;
  onChange: (rule: TSurveyRule) => void;
}) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const optionList = (list: readonly TSurveyOption[], withOther = false) => (
    <>
      {list.map((o) => (
        <option key={o.id} value={o.id}>
          {pickLocalized(o.label, locale) || o.id}
        </option>
      ))}
      {withOther && <option value={OTHER_CHOICE}>{t('respond.other')}</option>}
    </>
  );
  switch (rule.op) {
    case 'answered':
    case 'not_answered':
      return null;
    case 'includes':
      return (
        <NativeSelect
          label={t('builder.condition.option')}
          value={rule.value}
          onChange={(value) => onChange({ ...rule, value })}
        >
          {'options' in target && optionList(target.options, 'allowOther' in target && target.allowOther)}
        </NativeSelect>
      );
    case 'rank_at_most':
      return (
        <>
          <NativeSelect
            label={t('builder.condition.option')}
            value={rule.option}
            onChange={(option) => onChange({ ...rule, option })}
          >
            {'options' in target && optionList(target.options)}
          </NativeSelect>
          <NumberInput
            label={t('builder.condition.rank')}
            value={rule.rank}
            onChange={(rank) => onChange({ ...rule, rank: Math.max(1, Math.round(rank)) })}
          />
        </>
      );
    case 'matrix_equals':
      return (
        <>
          <NativeSelect
            label={t('builder.condition.row')}
            value={rule.row}
            onChange={(row) => onChange({ ...rule, row })}
          >
            {'rows' in target && optionList(target.rows)}
          </NativeSelect>
          <NativeSelect
            label={t('builder.condition.column')}
            value={rule.column}
            onChange={(column) => onChange({ ...rule, column })}
          >
            {'columns' in target && optionList(target.columns)}
          </NativeSelect>
        </>
      );
    case 'gt':
    case 'lt':
      return (
        <NumberInput
          key={`${rule.question}:${rule.op}`}
          label={t('builder.condition.value')}
          value={rule.value}
          onChange={(value) => onChange({ ...rule, value })}
        />
      );
    case 'equals':
    case 'not_equals': {
      if (target.type === 'single_choice') {
        return (
          <NativeSelect
            label={t('builder.condition.option')}
            value={String(rule.value)}
            onChange={(value) => onChange({ ...rule, value })}
          >
            {optionList(target.options, target.allowOther)}
          </NativeSelect>
        );
      }
      if (target.type === 'number' || target.type === 'likert' || target.type === 'rating') {
        return (
          <NumberInput
            key={`${rule.question}:${rule.op}`}
            label={t('builder.condition.value')}
            value={typeof rule.value === 'number' ? rule.value : 0}
            onChange={(value) => onChange({ ...rule, value })}
          />
        );
      }
      return (
        <TextValue
          label={t(target.type === 'date' ? 'builder.condition.dateValue' : 'builder.condition.value')}
          value={String(rule.value)}
          onChange={(value) => onChange({ ...rule, value })}
        />
      );
    }
  }
}

function TextValue({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const isLocked = useIsStructureLocked();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        disabled={isLocked}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
