import { normalizeForSearch } from '@hamandishi/text';
import type { TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import type { BuiltOrganization } from '../factories/organization.factory';
import { buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';

/** A plan with one stage and one committee, ready for sessions. */
export async function planForSessions(t: TestApp, org: BuiltOrganization) {
  const plan = await buildPlan(t.db, org.id);
  const stage = await buildStage(t.db, org.id, plan.id, daysFromToday(-10), daysFromToday(60));
  const [committee] = await t.db.query(`INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [
    org.id,
    plan.id,
    { fa: 'کمیته حمل و نقل' },
  ]);
  return { planId: plan.id, stageId: stage.id, committeeId: committee.id as string };
}

/** A body for POST …/thinktank/sessions running from `fromMinutes` to `toMinutes` around now. */
export function sessionBody(stageId: string, fromMinutes: number, toMinutes: number, extra: Record<string, unknown> = {}) {
  return {
    stageId,
    topic: 'نقطه تمرکز: ترافیک مرکز شهر',
    agenda: 'معرفی، گفت‌وگو، جمع‌بندی',
    place: 'تالار شهر',
    startsAt: new Date(Date.now() + fromMinutes * 60_000).toISOString(),
    endsAt: new Date(Date.now() + toMinutes * 60_000).toISOString(),
    ...extra,
  };
}

/** Schedules a session through the API (a planner's client). */
export async function createSession(client: TestClient, slug: string, planId: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await client.post(`/api/orgs/${slug}/plans/${planId}/thinktank/sessions`, body);
  if (res.status !== 201) throw new Error(`session not created: ${res.status} ${res.text}`);
  return res.body;
}

/** The RSVP token of the newest session invitation sent to `recipient`, read from the dev outbox. */
export async function rsvpTokenSentTo(client: TestClient, recipient: string, sessionId: string): Promise<string> {
  const res = await client.get(`/api/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  const pattern = new RegExp(`/sessions/${sessionId}\\?rsvp=([A-Za-z0-9_-]{43})`);
  const message = (res.body as { body: string }[]).find((m) => pattern.test(m.body));
  if (!message) throw new Error(`no session invitation sent to ${recipient}: ${res.text}`);
  return pattern.exec(message.body)![1];
}

/** Messages sent to `recipient` (newest first). */
export async function messagesTo(client: TestClient, recipient: string): Promise<string[]> {
  const res = await client.get(`/api/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  return (res.body as { body: string }[]).map((m) => m.body);
}

/** A stakeholder of `kind`, optionally linked to accounts (as the registry would). */
export async function buildStakeholder(t: TestApp, organizationId: string, name: string, kind: string, accountIds: string[] = []): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO stakeholder (organization_id, form, kind, name, name_key) VALUES ($1, 'organization', $2, $3, $4) RETURNING id`,
    [organizationId, kind, name, normalizeForSearch(name)],
  );
  for (const accountId of accountIds) {
    await t.db.query(`INSERT INTO stakeholder_account (organization_id, stakeholder_id, account_id) VALUES ($1, $2, $3)`, [organizationId, row.id, accountId]);
  }
  return row.id;
}
