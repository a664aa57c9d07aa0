import type { TSurveyDefinition, TSurveySettings } from '@hamandishi/contracts';
import { buildOpenActivity } from '../factories/plan.factory';
import type { BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import type { TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

export { CONDITIONAL_DEFINITION, EVERY_TYPE_CASES, EVERY_TYPE_DEFINITION } from '../../../libs/contracts/src/surveys.examples';

/** The planner routes of a survey activity. */
export const surveyPath = (org: BuiltOrganization, activityId: string, rest = '') => `/api/orgs/${org.slug}/surveys/${activityId}${rest}`;

/** A planner of the organisation. */
export const plannerOf = (t: TestApp, org: BuiltOrganization) => personWithRoles(t, org, ['planner'], 'کارشناس برنامه‌ریزی');

/** An open survey activity whose definition (and settings) a planner saved through the API. */
export async function buildSurvey(
  t: TestApp,
  org: BuiltOrganization,
  planner: TestClient,
  definition: TSurveyDefinition,
  settings: TSurveySettings = { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: false },
): Promise<{ activityId: string; surveyId: string }> {
  const { activityId } = await buildOpenActivity(t.db, org.id, 'survey');
  const saved = await planner.put(surveyPath(org, activityId, '/definition'), { definition });
  if (saved.status !== 200) throw new Error(`definition refused: ${saved.status} ${saved.text}`);
  const set = await planner.put(surveyPath(org, activityId, '/settings'), settings);
  if (set.status !== 200) throw new Error(`settings refused: ${set.status} ${set.text}`);
  return { activityId, surveyId: saved.body.id };
}

/** Submits answers as the client. */
export function submit(client: TestClient, org: BuiltOrganization, activityId: string, answers: unknown, options: { invite?: string; headers?: Record<string, string>; consent?: boolean } = {}) {
  const query = options.invite ? `?invite=${encodeURIComponent(options.invite)}` : '';
  return client.request('POST', surveyPath(org, activityId, `/response${query}`), {
    body: { answers, ...(options.consent !== undefined ? { demographicsConsent: options.consent } : {}) },
    headers: options.headers,
  });
}

/** How many responses the survey has, in the database. */
export async function responseCount(t: TestApp, surveyId: string, status?: 'draft' | 'submitted'): Promise<number> {
  const [row] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 ${status ? `AND status = '${status}'` : ''}`, [surveyId]);
  return row.n;
}
