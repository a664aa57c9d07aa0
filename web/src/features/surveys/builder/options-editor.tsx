import { useTranslation } from 'react-i18next';
import type { TSurveyOption } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';
import { useLocale } from '@/lib/use-locale';
import { SURVEYS_NS } from '../surveys-i18n';
import { StructureButton } from './structure-lock';
import { newOption } from './definition-model';
import { LocalizedInputs } from './text-inputs';

export type OptionsEditorProps = {
  /** `options`, `rows` or `columns`: names the list and the items. */
  kind: 'options' | 'rows' | 'columns';
  items: readonly TSurveyOption[];
  onChange: (items: TSurveyOption[]) => void;
};

const PREFIX = { options: 'o', rows: 'r', columns: 'c' } as const;

/** The options of a choice or ranking question, or a matrix's rows or columns: add, reorder, remove, translate. */
export function OptionsEditor({ kind, items, onChange }: OptionsEditorProps) {
  const { t } = useTranslation(SURVEYS_NS);
  const locale = useLocale();
  const swap = (a: number, b: number) => {
    const next = [...items];
    [next[a], next[b]] = [next[b]!, next[a]!];
    onChange(next);
  };
  return (
    <fieldset className="fieldset">
      <legend>{t(`builder.${kind}.title`)}</legend>
      {items.map((item, index) => {
        const name = t(`builder.${kind}.item`, { number: formatNumber(index + 1, locale) });
        return (
          <div key={item.id} className="stack">
            <LocalizedInputs
              legend={name}
              value={item.label}
              isRequired
              onChange={(label) => onChange(items.map((o, k) => (k === index ? { ...o, label } : o)))}
            />
            <div className="survey-builder__toolbar">
              <StructureButton size="sm" variant="ghost" disabled={index === 0} onClick={() => swap(index, index - 1)}>
                {t('builder.moveUpNamed', { name })}
              </StructureButton>
              <StructureButton
                size="sm"
                variant="ghost"
                disabled={index === items.length - 1}
                onClick={() => swap(index, index + 1)}
              >
                {t('builder.moveDownNamed', { name })}
              </StructureButton>
              <StructureButton size="sm" variant="ghost" onClick={() => onChange(items.filter((_, k) => k !== index))}>
                {t('builder.removeNamed', { name })}
              </StructureButton>
            </div>
          </div>
        );
      })}
      <div>
        <StructureButton
          size="sm"
          variant="secondary"
          onClick={() => onChange([...items, newOption(items, PREFIX[kind])])}
        >
          {t(`builder.${kind}.add`)}
        </StructureButton>
      </div>
    </fieldset>
  );
}
