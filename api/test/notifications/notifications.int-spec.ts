import { randomUUID } from 'node:crypto';
import { DomainEvents } from '../../src/common/events/domain-events';
import { JobsService } from '../../src/jobs/jobs.service';
import { FollowsService } from '../../src/modules/notifications/follows.service';
import { DIGEST_QUEUE } from '../../src/modules/notifications/notification-digest';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { e164, grantRoles, newSignedInPerson } from '../identity/identity-helpers';
import { connectSocket, nextEvent, type TestSocket } from '../support/socket';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

type Person = { client: TestClient; mobile: string; accountId: string };

/** Retries `check` until it stops throwing (jobs run on the queue's own timer too). */
async function eventually<T>(check: () => Promise<T>, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('follow and notify', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let otherOrg: BuiltOrganization;
  let planner: Person;
  let planFollower: Person;
  let stageFollower: Person;
  let bothFollower: Person;
  let bystander: Person;
  let planId: string;
  let stageId: string;
  let activityId: string;
  const sockets: TestSocket[] = [];

  const followPath = (type: string, id: string, slug = org.slug) => `/api/orgs/${slug}/follows/${type}/${id}`;
  const cookieOf = (p: Person) => [...p.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const socketOf = async (p: Person) => {
    const socket = await connectSocket(t.url, cookieOf(p));
    sockets.push(socket);
    return socket;
  };
  const notificationsOf = async (accountId: string) =>
    (await t.db.query(`SELECT kind, params, link FROM notification WHERE account_id = $1 ORDER BY created_at, id`, [accountId])) as {
      kind: string;
      params: Record<string, string>;
      link: string;
    }[];
  const outboxTo = (p: Person) => t.db.query(`SELECT channel, body FROM outbox_message WHERE recipient = $1 AND body LIKE 'هم‌اندیشی:%'`, [e164(p.mobile)]);

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    otherOrg = await buildOrganization(t.db);

    // A plan, a stage and an activity as the plans module stores them (titles are read by id).
    [{ id: planId }] = await t.db.query(
      `INSERT INTO plan (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to)
       VALUES ($1, $2, 'strategic_operational', 1405, 1414, 1405, 1409) RETURNING id`,
      [org.id, { fa: 'برنامه اصفهان ۱۴۰۵' }],
    );
    [{ id: stageId }] = await t.db.query(
      `INSERT INTO stage (organization_id, plan_id, position, title, starts_on, ends_on)
       VALUES ($1, $2, 0, $3, '2030-03-21', '2030-06-21') RETURNING id`,
      [org.id, planId, { fa: 'شناخت' }],
    );
    [{ id: activityId }] = await t.db.query(
      `INSERT INTO activity (organization_id, plan_id, stage_id, type, position, title, participation)
       VALUES ($1, $2, $3, 'survey', 0, $4, '{"audience":"everyone"}') RETURNING id`,
      [org.id, planId, stageId, { fa: 'پرسشنامه حمل‌ونقل' }],
    );

    // The plans module registers its targets; here the test stands in for it.
    const follows = t.app.get(FollowsService);
    const existsIn = (table: 'plan' | 'stage') => async (organizationId: string, id: string) =>
      (await t.db.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND id = $2`, [organizationId, id])).length > 0;
    follows.registerTarget('plan', { exists: existsIn('plan') });
    follows.registerTarget('stage', {
      exists: existsIn('stage'),
      planIdOf: async (organizationId, id) =>
        (await t.db.query(`SELECT plan_id FROM stage WHERE organization_id = $1 AND id = $2`, [organizationId, id]))[0]?.plan_id ?? null,
    });

    planner = await newSignedInPerson(t.url, { displayName: 'کارشناس' });
    await grantRoles(t.db, org.id, planner.accountId, ['planner']);
    planFollower = await newSignedInPerson(t.url);
    stageFollower = await newSignedInPerson(t.url);
    bothFollower = await newSignedInPerson(t.url);
    bystander = await newSignedInPerson(t.url);

    for (const [person, targets] of [
      [planner, [['plan', planId]]],
      [planFollower, [['plan', planId]]],
      [stageFollower, [['stage', stageId]]],
      [bothFollower, [['plan', planId], ['stage', stageId]]],
    ] as const) {
      for (const [type, id] of targets) expect((await person.client.put(followPath(type, id))).status).toBe(200);
    }
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  describe('following', () => {
    it('is idempotent both ways and answers the follower count', async () => {
      const person = await newSignedInPerson(t.url);
      const first = await person.client.put(followPath('plan', planId));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ following: true, followerCount: 4 });
      expect((await person.client.put(followPath('plan', planId))).body).toEqual({ following: true, followerCount: 4 });
      expect((await person.client.delete(followPath('plan', planId))).body).toEqual({ following: false, followerCount: 3 });
      expect((await person.client.delete(followPath('plan', planId))).body).toEqual({ following: false, followerCount: 3 });
    });

    it('answers 404 for what does not exist in that municipality', async () => {
      const missing = await planFollower.client.put(followPath('plan', randomUUID()));
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('notifications.target_not_found');
      expect((await planFollower.client.put(followPath('plan', planId, otherOrg.slug))).status).toBe(404);
      expect((await planFollower.client.put(followPath('committee', planId))).status).toBe(404);
      expect((await planFollower.client.put(followPath('plan', 'not-a-uuid'))).status).toBe(404);
    });

    it('needs a signed-in person', async () => {
      expect((await new TestClient(t.url).put(followPath('plan', planId))).status).toBe(401);
    });

    it('tells the plan page who follows what, for many targets at once', async () => {
      const follows = t.app.get(FollowsService);
      const unknown = randomUUID();
      const state = await follows.followState(bothFollower.accountId, 'plan', [planId, unknown]);
      expect(state.get(planId)).toEqual({ following: true, followerCount: 3 });
      expect(state.get(unknown)).toEqual({ following: false, followerCount: 0 });
      expect((await follows.followState(null, 'stage', [stageId])).get(stageId)).toEqual({ following: false, followerCount: 2 });
    });
  });

  describe('notifications', () => {
    it('tells followers of the stage and of its plan, once each, live, but not the planner who opened it', async () => {
      const [planSocket, stageSocket, bothSocket] = await Promise.all([socketOf(planFollower), socketOf(stageFollower), socketOf(bothFollower)]);
      const received = Promise.all([planSocket, stageSocket, bothSocket].map((s) => nextEvent(s, 'notification.created')));
      await t.app.get(DomainEvents).emit('stage.opened', { organizationId: org.id, planId, stageId, actorId: planner.accountId });

      const events = await received;
      for (const event of events) {
        expect(event).toMatchObject({
          kind: 'stage.opened',
          organizationSlug: org.slug,
          params: { planId, planTitle: 'برنامه اصفهان ۱۴۰۵', stageId, stageTitle: 'شناخت' },
        });
        expect(new Date(event.createdAt).getTime()).toBeGreaterThan(0);
      }
      expect(await notificationsOf(bothFollower.accountId)).toHaveLength(1);
      expect(await notificationsOf(planner.accountId)).toHaveLength(0);
      expect(await notificationsOf(bystander.accountId)).toHaveLength(0);

      const bell = await stageFollower.client.get('/api/me/notifications');
      expect(bell.status).toBe(200);
      expect(bell.body.unreadCount).toBe(1);
      expect(bell.body.items).toEqual([
        {
          id: events[1].id,
          kind: 'stage.opened',
          organizationSlug: org.slug,
          params: events[1].params,
          link: `/${org.slug}/plans/${planId}/stages/${stageId}`,
          readAt: null,
          createdAt: events[1].createdAt,
        },
      ]);
    });

    it('words activity openings and plan status changes for the right followers', async () => {
      // Fan-outs run as jobs, in any order: one event at a time keeps the bell's order known.
      await t.app.get(DomainEvents).emit('activity.opened', { organizationId: org.id, planId, stageId, activityId, actorId: null });
      await eventually(async () => expect(await notificationsOf(planner.accountId)).toHaveLength(1));
      await t.app.get(DomainEvents).emit('plan.status_changed', { organizationId: org.id, planId, from: 'drafting', to: 'council_review', actorId: null });

      const ofStageFollower = await eventually(async () => {
        const rows = await notificationsOf(stageFollower.accountId);
        expect(rows).toHaveLength(2);
        return rows;
      });
      expect(ofStageFollower[1]).toMatchObject({ kind: 'activity.opened', params: { activityId, activityTitle: 'پرسشنامه حمل‌ونقل' } });
      // A status change of the plan reaches the plan's followers, and with no actor the planner too.
      const ofPlanner = await eventually(async () => {
        const rows = await notificationsOf(planner.accountId);
        expect(rows.map((r) => r.kind)).toEqual(['activity.opened', 'plan.status_changed']);
        return rows;
      });
      expect(ofPlanner[1]).toMatchObject({ params: { from: 'drafting', to: 'council_review' }, link: `/${org.slug}/plans/${planId}` });
    });

    it('pages the bell newest first and marks notifications read', async () => {
      const person = bothFollower;
      await eventually(async () => expect(await notificationsOf(person.accountId)).toHaveLength(3));
      const first = await person.client.get('/api/me/notifications?limit=2');
      expect(first.body.items.map((n: { kind: string }) => n.kind)).toEqual(['plan.status_changed', 'activity.opened']);
      expect(first.body.unreadCount).toBe(3);
      const second = await person.client.get(`/api/me/notifications?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((n: { kind: string }) => n.kind)).toEqual(['stage.opened']);
      expect(second.body.nextCursor).toBeNull();

      expect((await person.client.post('/api/me/notifications/read', { ids: [first.body.items[0].id] })).status).toBe(204);
      const afterOne = await person.client.get('/api/me/notifications');
      expect(afterOne.body.unreadCount).toBe(2);
      expect(afterOne.body.items[0].readAt).not.toBeNull();

      // Someone else cannot mark my notifications read.
      await planFollower.client.post('/api/me/notifications/read', { ids: [afterOne.body.items[1].id] });
      expect((await person.client.get('/api/me/notifications')).body.unreadCount).toBe(2);

      expect((await person.client.post('/api/me/notifications/read', {})).status).toBe(204);
      expect((await person.client.get('/api/me/notifications')).body.unreadCount).toBe(0);
      expect((await new TestClient(t.url).get('/api/me/notifications')).status).toBe(401);
    });
  });

  describe('digests', () => {
    const runDigest = async () => {
      await t.app.get(JobsService).enqueue(DIGEST_QUEUE, {});
      // drain() also waits for a run the poller picked up first
      await t.app.get(JobsService).drain();
    };

    it('has daily SMS digests by default, and lets people change them', async () => {
      const person = await newSignedInPerson(t.url);
      expect((await person.client.get('/api/me/notification-preferences')).body).toEqual({ digest: 'daily', channel: 'sms' });
      const saved = await person.client.put('/api/me/notification-preferences', { digest: 'weekly', channel: 'email' });
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({ digest: 'weekly', channel: 'email' });
      expect((await person.client.get('/api/me/notification-preferences')).body).toEqual({ digest: 'weekly', channel: 'email' });
      expect((await person.client.put('/api/me/notification-preferences', { digest: 'hourly', channel: 'sms' })).status).toBe(400);
    });

    it('sends one SMS summing up unread notifications, once per period', async () => {
      // stageFollower: 2 unread; planFollower opts out.
      await planFollower.client.put('/api/me/notification-preferences', { digest: 'none', channel: 'sms' });
      await runDigest();

      const messages = await eventually(async () => {
        const rows = await outboxTo(stageFollower);
        expect(rows).toHaveLength(1);
        return rows;
      });
      expect(messages[0].channel).toBe('sms');
      expect(messages[0].body).toContain('۲ اعلان');
      expect(messages[0].body).toContain('«شناخت»');
      expect(messages[0].body).toContain('«پرسشنامه حمل‌ونقل»');
      expect(await outboxTo(planFollower)).toHaveLength(0);
      // bothFollower read everything: nothing to sum up.
      expect(await outboxTo(bothFollower)).toHaveLength(0);

      // Within the day: nothing new is sent, even with a new notification.
      await t.app.get(DomainEvents).emit('stage.closed', { organizationId: org.id, planId, stageId, actorId: null });
      await eventually(async () => expect(await notificationsOf(stageFollower.accountId)).toHaveLength(3));
      await runDigest();
      expect(await outboxTo(stageFollower)).toHaveLength(1);

      // A day later: one more, about what came since the last digest.
      await t.db.query(`UPDATE notification_preference SET last_digest_at = last_digest_at - interval '25 hours' WHERE account_id = $1`, [
        stageFollower.accountId,
      ]);
      await t.db.query(`UPDATE notification SET created_at = created_at - interval '25 hours' WHERE account_id = $1`, [stageFollower.accountId]);
      await runDigest();
      const later = await eventually(async () => {
        const rows = await outboxTo(stageFollower);
        expect(rows).toHaveLength(2);
        return rows;
      });
      expect(later.some((m: { body: string }) => m.body.includes('۱ اعلان') && m.body.includes('به پایان رسید'))).toBe(true);
    });
  });
});
