import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type TDistrict, type TSurveyAudience, type TSurveySettings } from '@hamandishi/contracts';
import { Alert, Button } from '@/components';
import { translateErrorCode } from '@/app/i18n';
import { errorCodeOf } from '@/lib/errors';
import { pickLocalized } from '@/lib/locale';
import { useLocale } from '@/lib/use-locale';
import { SURVEYS_NS } from '../surveys-i18n';

export type SurveySettingsFormProps = {
  settings: TSurveySettings;
  districts: readonly TDistrict[];
  onSave: (settings: TSurveySettings) => Promise<unknown>;
};

const AUDIENCES = ['everyone', 'signed_in', 'roles', 'districts', 'invite_list'] as const;

/** Who may answer, whether answers keep the respondent's account, and whether demographics are asked. */
export function SurveySettingsForm({ settings, districts, onSave }: SurveySettingsFormProps) {
  const { t } = useTranslation([SURVEYS_NS, 'plans', 'errors']);
  const locale = useLocale();
  const id = useId();
  const [audience, setAudience] = useState<TSurveyAudience['audience']>(settings.audience.audience);
  const [roles, setRoles] = useState<Role[]>(settings.audience.audience === 'roles' ? settings.audience.roles : []);
  const [districtIds, setDistrictIds] = useState<string[]>(
    settings.audience.audience === 'districts' ? settings.audience.districtIds : [],
  );
  const [isAnonymous, setIsAnonymous] = useState(settings.anonymous);
  const [askDemographics, setAskDemographics] = useState(settings.askDemographics);
  const [state, setState] = useState<{ status: 'idle' | 'saving' | 'saved' } | { status: 'failed'; message: string }>({
    status: 'idle',
  });
  const toggle = <T,>(list: T[], value: T) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

  const isIncomplete =
    (audience === 'roles' && roles.length === 0) || (audience === 'districts' && districtIds.length === 0);

  const handleSubmit = async () => {
    const chosen: TSurveyAudience =
      audience === 'roles' ? { audience, roles } : audience === 'districts' ? { audience, districtIds } : { audience };
    setState({ status: 'saving' });
    try {
      await onSave({ audience: chosen, anonymous: isAnonymous, askDemographics });
      setState({ status: 'saved' });
    } catch (error) {
      setState({ status: 'failed', message: translateErrorCode(t, errorCodeOf(error)) });
    }
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void handleSubmit();
      }}
    >
      <fieldset className="fieldset">
        <legend>{t('builder.settings.audience')}</legend>
        {AUDIENCES.map((value) => (
          <label key={value} className="survey-choice">
            <input
              type="radio"
              name={`${id}-audience`}
              checked={audience === value}
              onChange={() => setAudience(value)}
            />
            {t(`builder.settings.audiences.${value}`)}
          </label>
        ))}
      </fieldset>
      {audience === 'roles' && (
        <fieldset className="fieldset">
          <legend>{t('builder.settings.roles')}</legend>
          <div className="checkbox-grid">
            {ROLES.map((role) => (
              <label key={role} className="survey-choice">
                <input type="checkbox" checked={roles.includes(role)} onChange={() => setRoles(toggle(roles, role))} />
                {t(`plans:roles.${role}`)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {audience === 'districts' && (
        <fieldset className="fieldset">
          <legend>{t('builder.settings.districts')}</legend>
          <div className="checkbox-grid">
            {districts.map((district) => (
              <label key={district.id} className="survey-choice">
                <input
                  type="checkbox"
                  checked={districtIds.includes(district.id)}
                  onChange={() => setDistrictIds(toggle(districtIds, district.id))}
                />
                {pickLocalized(district.name, locale)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {isIncomplete && <p className="field__error">{t('builder.settings.chooseOne')}</p>}
      <label className="survey-choice">
        <input type="checkbox" checked={isAnonymous} onChange={(event) => setIsAnonymous(event.target.checked)} />
        {t('builder.settings.anonymous')}
      </label>
      <label className="survey-choice">
        <input
          type="checkbox"
          checked={askDemographics}
          onChange={(event) => setAskDemographics(event.target.checked)}
        />
        {t('builder.settings.askDemographics')}
      </label>
      {state.status === 'failed' && <Alert variant="danger">{state.message}</Alert>}
      {state.status === 'saved' && <Alert variant="success">{t('builder.settings.saved')}</Alert>}
      <div>
        <Button type="submit" isLoading={state.status === 'saving'} disabled={isIncomplete}>
          {t('builder.settings.save')}
        </Button>
      </div>
    </form>
  );
}
