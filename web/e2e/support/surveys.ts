import type { Page } from 'playwright-core';
import type { TActivity, TPlan, TPlanSummary } from '@hamandishi/contracts';
import { SLUG } from './accounts';

/** The signed-in person's CSRF token, for API calls made from the page's context. */
export async function csrfOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((c) => c.name === 'hm_csrf')?.value ?? '';
}

/** A fresh survey activity in an open stage of the demo plan (so every run starts with an empty survey); the page is a planner's. */
export async function createSurveyActivity(page: Page, title: string): Promise<{ planId: string; activityId: string }> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  for (const summary of plans) {
    const plan = (await (await page.request.get(`/api/orgs/${SLUG}/plans/${summary.id}`)).json()) as TPlan;
    const stage = plan.stages.find((s) => s.status === 'open');
    if (!stage) continue;
    const response = await page.request.post(`/api/orgs/${SLUG}/stages/${stage.id}/activities`, {
      headers: { 'x-csrf-token': await csrfOf(page) },
      data: { type: 'survey', title: { fa: title } },
    });
    expect(response.status()).toBe(201);
    return { planId: plan.id, activityId: ((await response.json()) as TActivity).id };
  }
  throw new Error('no open stage in the demo plan');
}
