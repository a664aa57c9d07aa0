import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { newMobile, newSignedInPerson } from '../identity/identity-helpers';
import { auditActions } from '../invitations/invitation-helpers';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { JobsService } from '../../src/jobs/jobs.service';
import { ThinktankSessionsService } from '../../src/modules/thinktank/thinktank-sessions.service';
import {
  buildStakeholder,
  createSession,
  messagesTo,
  planForSessions,
  rsvpTokenSentTo,
  sessionBody,
} from './thinktank-helpers';

type Person = Awaited<ReturnType<typeof member>>;

describe('think-tank sessions', () => {
  let t: TestApp;
  let cityA: BuiltOrganization;
  let cityB: BuiltOrganization;
  let planner: Person;
  let plannerB: Person;
  let facilitator: Person;
  let plan: Awaited<ReturnType<typeof planForSessions>>;
  const anonymous = () => new TestClient(t.url);
  const base = () => `/api/orgs/${cityA.slug}/thinktank/sessions`;

  beforeAll(async () => {
    t = await startTestApp();
    cityA = await buildOrganization(t.db);
    cityB = await buildOrganization(t.db);
    planner = await member(t, cityA, ['citizen', 'planner'], 'دبیر کمیته');
    plannerB = await member(t, cityB, ['citizen', 'planner'], 'برنامه‌ریز ب');
    facilitator = await member(t, cityA, ['citizen', 'expert'], 'تسهیلگر');
    plan = await planForSessions(t, cityA);
  });
  afterAll(() => t.close());

  describe('scheduling', () => {
    it('schedules a session in a stage and committee and lists it per plan, stage and committee', async () => {
      const body = sessionBody(plan.stageId, 60, 180, { committeeId: plan.committeeId, facilitatorId: facilitator.accountId, capacity: 20 });
      const created = await planner.client.post(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/sessions`, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        topic: 'نقطه تمرکز: ترافیک مرکز شهر',
        committeeName: { fa: 'کمیته حمل و نقل' },
        facilitator: { id: facilitator.accountId, displayName: 'تسهیلگر' },
        capacity: 20,
        status: 'scheduled',
        counts: { invited: 0, yes: 0, waiting: 0, attended: 0 },
        personHours: 0,
      });
      const list = (q: string) => planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/sessions${q}`);
      expect((await list('')).body.map((s: { id: string }) => s.id)).toContain(created.body.id);
      expect((await list(`?committeeId=${plan.committeeId}`)).body.map((s: { id: string }) => s.id)).toContain(created.body.id);
      expect((await list(`?stageId=${plan.stageId}`)).body.map((s: { id: string }) => s.id)).toContain(created.body.id);
      expect(await auditActions(t, cityA.id, created.body.id)).toEqual(['thinktank_session.created']);
    });

    it('refuses bad input with clear 4xx and changes nothing', async () => {
      const url = `/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/sessions`;
      const before = (await planner.client.get(url)).body.length;
      const backwards = await planner.client.post(url, sessionBody(plan.stageId, 120, 60));
      expect(backwards.status).toBe(400);
      expect(backwards.body.fields).toEqual({ endsAt: 'invalid_value' });
      const badLink = await planner.client.post(url, sessionBody(plan.stageId, 60, 120, { onlineUrl: 'javascript:alert(1)' }));
      expect(badLink.status).toBe(400);
      expect(Object.keys(badLink.body.fields)).toEqual(['onlineUrl']);
      const otherStage = await planForSessions(t, cityA);
      const wrongStage = await planner.client.post(url, sessionBody(otherStage.stageId, 60, 120));
      expect(wrongStage.status).toBe(400);
      expect(wrongStage.body.code).toBe('thinktank.stage_not_in_plan');
      const stranger = await newSignedInPerson(t.url);
      const notMember = await planner.client.post(url, sessionBody(plan.stageId, 60, 120, { facilitatorId: stranger.accountId }));
      expect(notMember.body.code).toBe('thinktank.facilitator_not_member');
      expect((await planner.client.get(url)).body).toHaveLength(before);
      // Only planners schedule.
      expect((await facilitator.client.post(url, sessionBody(plan.stageId, 60, 120))).status).toBe(403);
    });
  });

  describe('invitations, RSVP and the waiting list', () => {
    it('sends personal links, fills the seats in order and promotes the waiting list when someone declines', async () => {
      const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 60, 180, { capacity: 2 }));
      const p1 = await member(t, cityA, ['citizen', 'expert'], 'خبره یک');
      const p2 = await member(t, cityA, ['citizen', 'expert'], 'خبره دو');
      const p3 = await member(t, cityA, ['citizen', 'expert'], 'خبره سه');
      const ngoRep = await member(t, cityA, ['citizen', 'ngo'], 'نماینده سمن');
      const ngo = await buildStakeholder(t, cityA.id, 'سمن محیط زیست', 'ngo', [ngoRep.accountId]);
      const lonely = await buildStakeholder(t, cityA.id, 'دانشگاه شهر', 'academic');
      const outsider = newMobile();

      const invited = await planner.client.post(`${base()}/${session.id}/invitations`, {
        accountIds: [p1.accountId, p2.accountId, p3.accountId],
        stakeholderIds: [ngo, lonely],
        contacts: [{ contact: outsider }],
      });
      expect(invited.status).toBe(201);
      expect(invited.body).toEqual({ invited: 5, stakeholdersWithoutAccount: [lonely], unreachableAccounts: [] });

      const outbox = anonymous();
      const tokens = {
        p1: await rsvpTokenSentTo(outbox, p1.mobile, session.id),
        p2: await rsvpTokenSentTo(outbox, p2.mobile, session.id),
        p3: await rsvpTokenSentTo(outbox, p3.mobile, session.id),
        ngo: await rsvpTokenSentTo(outbox, ngoRep.mobile, session.id),
        outsider: await rsvpTokenSentTo(outbox, outsider, session.id),
      };
      // The link's page works without signing in; the token itself is never stored.
      const preview = await anonymous().get(`/api/thinktank/rsvp/${tokens.p1}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ session: { id: session.id, place: 'تالار شهر' }, invitation: { rsvp: 'pending' } });
      const stored = await t.db.query(`SELECT token_hash FROM thinktank_invitation WHERE session_id = $1`, [session.id]);
      expect(stored.map((r: { token_hash: Buffer }) => r.token_hash.toString('base64url'))).not.toContain(tokens.p1);

      const answer = (token: string, value: 'yes' | 'no') => anonymous().post(`/api/thinktank/rsvp/${token}`, { answer: value });
      expect((await answer(tokens.p1, 'yes')).body).toMatchObject({ rsvp: 'yes', waitingPosition: null });
      expect((await answer(tokens.p2, 'yes')).body).toMatchObject({ rsvp: 'yes' });
      expect((await answer(tokens.p3, 'yes')).body).toMatchObject({ rsvp: 'waiting', waitingPosition: 1 });
      expect((await answer(tokens.ngo, 'yes')).body).toMatchObject({ rsvp: 'waiting', waitingPosition: 2 });
      // Saying yes again keeps one's place.
      expect((await answer(tokens.p3, 'yes')).body).toMatchObject({ rsvp: 'waiting', waitingPosition: 1 });

      // p1 declines: the first on the waiting list gets the seat and is told.
      expect((await answer(tokens.p1, 'no')).body).toMatchObject({ rsvp: 'no' });
      const list = (await planner.client.get(`${base()}/${session.id}/invitations`)).body as { account: { id: string } | null; rsvp: string; waitingPosition: number | null; stakeholder: { kind: string } | null }[];
      const of = (accountId: string) => list.find((i) => i.account?.id === accountId)!;
      expect(of(p3.accountId)).toMatchObject({ rsvp: 'yes', waitingPosition: null });
      expect(of(ngoRep.accountId)).toMatchObject({ rsvp: 'waiting', waitingPosition: 1, stakeholder: { kind: 'ngo' } });
      expect(of(p1.accountId).rsvp).toBe('no');
      expect((await messagesTo(outbox, p3.mobile))[0]).toContain('جایی برای شما باز شد');

      // A signed-in invitee answers from the session page; a non-invitee cannot.
      expect((await p2.client.post(`${base()}/${session.id}/rsvp`, { answer: 'no' })).body).toMatchObject({ rsvp: 'no' });
      const after = (await planner.client.get(`${base()}/${session.id}/invitations`)).body as typeof list;
      expect(after.find((i) => i.account?.id === ngoRep.accountId)!.rsvp).toBe('yes');
      const stranger = await newSignedInPerson(t.url);
      expect((await stranger.client.post(`/api/orgs/${cityA.slug}/thinktank/sessions/${session.id}/rsvp`, { answer: 'yes' })).body.code).toBe(
        'thinktank.not_invited',
      );

      // The session is full again (p3 and the NGO): the outsider waits.
      expect((await answer(tokens.outsider, 'yes')).body).toMatchObject({ rsvp: 'waiting', waitingPosition: 1 });
      // More seats: the waiting list moves up at once.
      await planner.client.patch(`${base()}/${session.id}`, { capacity: 3 });
      expect((await anonymous().get(`/api/thinktank/rsvp/${tokens.outsider}`)).body.invitation.rsvp).toBe('yes');

      // Bad links: malformed or unknown → 404; an answer that is not yes/no → 400.
      expect((await anonymous().get('/api/thinktank/rsvp/nope')).body.code).toBe('thinktank.invitation_not_found');
      expect((await anonymous().get(`/api/thinktank/rsvp/${'a'.repeat(43)}`)).status).toBe(404);
      expect((await anonymous().post(`/api/thinktank/rsvp/${tokens.p1}`, { answer: 'maybe' })).status).toBe(400);
    });

    it('lets planners find members and stakeholders by name (Persian-normalised), only in their municipality', async () => {
      const expert = await member(t, cityA, ['citizen', 'expert'], 'دکتر کیانی');
      const ngoRep = await member(t, cityA, ['citizen', 'ngo'], 'نماینده یاری');
      const ngo = await buildStakeholder(t, cityA.id, 'انجمن یاریگران', 'ngo', [ngoRep.accountId]);
      await buildStakeholder(t, cityB.id, 'انجمن یاریگران شهر ب', 'ngo');
      // Typed with Arabic letters (ي, ك): found all the same.
      const people = await planner.client.get(`/api/orgs/${cityA.slug}/thinktank/people?q=${encodeURIComponent('كياني')}`);
      expect(people.body).toEqual([{ accountId: expert.accountId, displayName: 'دکتر کیانی' }]);
      const found = await planner.client.get(`/api/orgs/${cityA.slug}/thinktank/stakeholders?q=${encodeURIComponent('ياريگران')}`);
      expect(found.body).toEqual([{ id: ngo, name: 'انجمن یاریگران', kind: 'ngo', linkedAccounts: 1 }]);
      expect((await planner.client.get(`/api/orgs/${cityA.slug}/thinktank/stakeholders?q=${encodeURIComponent('%')}`)).body).toEqual([]);
      // Planners only.
      expect((await expert.client.get(`/api/orgs/${cityA.slug}/thinktank/people?q=abc`)).status).toBe(403);
    });

    it('refuses to invite another municipality’s people or stakeholders', async () => {
      const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 60, 120));
      const foreign = await member(t, cityB, ['citizen'], 'شهروند ب');
      const foreignStakeholder = await buildStakeholder(t, cityB.id, 'سمن شهر ب', 'ngo', [foreign.accountId]);
      const byAccount = await planner.client.post(`${base()}/${session.id}/invitations`, { accountIds: [foreign.accountId] });
      expect(byAccount.status).toBe(400);
      expect(byAccount.body).toMatchObject({ code: 'thinktank.account_not_member', fields: { 'accountIds.0': 'invalid_value' } });
      const byStakeholder = await planner.client.post(`${base()}/${session.id}/invitations`, { stakeholderIds: [foreignStakeholder] });
      expect(byStakeholder.body.code).toBe('thinktank.stakeholder_not_found');
      const none = await planner.client.post(`${base()}/${session.id}/invitations`, {});
      expect(none.status).toBe(400);
      expect((await planner.client.get(`${base()}/${session.id}/invitations`)).body).toEqual([]);
    });

    it('reminds invitees of sessions starting within a day, once, from the scheduled job', async () => {
      const soon = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 180, 240));
      const later = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 3 * 24 * 60, 3 * 24 * 60 + 60));
      const coming = await member(t, cityA, ['citizen', 'expert'], 'می‌آید');
      const declined = await member(t, cityA, ['citizen', 'expert'], 'نمی‌آید');
      await planner.client.post(`${base()}/${soon.id}/invitations`, { accountIds: [coming.accountId, declined.accountId] });
      await planner.client.post(`${base()}/${later.id}/invitations`, { accountIds: [coming.accountId] });
      await declined.client.post(`${base()}/${soon.id}/rsvp`, { answer: 'no' });

      const jobs = t.app.get(JobsService);
      await jobs.enqueue('thinktank.remind', {});
      await jobs.drain();
      const outbox = anonymous();
      const reminders = async (mobile: string) => (await messagesTo(outbox, mobile)).filter((m) => m.startsWith('یادآوری'));
      expect(await reminders(coming.mobile)).toHaveLength(1);
      expect((await reminders(coming.mobile))[0]).toContain(`/sessions/${soon.id}`);
      expect(await reminders(declined.mobile)).toHaveLength(0);
      // A second run reminds nobody again.
      await jobs.enqueue('thinktank.remind', {});
      await jobs.drain();
      expect(await reminders(coming.mobile)).toHaveLength(1);
      const invitations = (await planner.client.get(`${base()}/${soon.id}/invitations`)).body;
      expect(invitations.find((i: { account: { id: string } }) => i.account.id === coming.accountId).remindedAt).not.toBeNull();
    });
  });

  describe('attendance and person-hours', () => {
    it('checks in by QR once, refuses another session’s code, a forged one, and check-in before the session opens', async () => {
      const now = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -30, 90, { facilitatorId: facilitator.accountId }));
      const other = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -30, 90));
      const tomorrow = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 24 * 60, 25 * 60));
      // The facilitator (not a planner) shows the door's code; an ordinary member cannot.
      const qr = await facilitator.client.get(`${base()}/${now.id}/qr`);
      expect(qr.status).toBe(200);
      expect(qr.body.svg).toMatch(/^<svg/);
      const token = new URL(qr.body.url).searchParams.get('checkin')!;
      expect(new URL(qr.body.url).pathname).toBe(`/${cityA.slug}/sessions/${now.id}`);
      const guest = await member(t, cityA, ['citizen'], 'مهمان');
      expect((await guest.client.get(`${base()}/${now.id}/qr`)).body.code).toBe('thinktank.not_facilitator');

      const scan = (client: TestClient, sessionId: string, value: string) => client.post(`${base()}/${sessionId}/check-in`, { token: value });
      const first = await scan(guest.client, now.id, token);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ account: { id: guest.accountId }, method: 'qr', checkedOutAt: null });
      const again = await scan(guest.client, now.id, token);
      expect(again.status).toBe(200);
      expect(again.body.checkedInAt).toBe(first.body.checkedInAt);
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM thinktank_attendance WHERE session_id = $1`, [now.id]);
      expect(rows[0].n).toBe(1);
      expect((await auditActions(t, cityA.id, now.id)).filter((a) => a === 'thinktank_session.checked_in')).toHaveLength(1);

      const wrongDoor = await scan(guest.client, other.id, token);
      expect(wrongDoor.status).toBe(409);
      expect(wrongDoor.body.code).toBe('thinktank.qr_other_session');
      const forged = await scan(guest.client, now.id, `${now.id}.${'A'.repeat(43)}`);
      expect(forged.body.code).toBe('thinktank.qr_invalid');
      expect((await scan(guest.client, now.id, 'garbage-token')).body.code).toBe('thinktank.qr_invalid');
      expect((await anonymous().post(`${base()}/${now.id}/check-in`, { token })).status).toBe(401);

      const earlyQr = (await planner.client.get(`${base()}/${tomorrow.id}/qr`)).body;
      const early = await scan(guest.client, tomorrow.id, new URL(earlyQr.url).searchParams.get('checkin')!);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('thinktank.check_in_not_open');
      expect(early.body.fields.opensAt).toBeDefined();
      // Nothing recorded by the refusals.
      const total = await t.db.query(`SELECT count(*)::int AS n FROM thinktank_attendance WHERE session_id = ANY($1::uuid[])`, [[now.id, other.id, tomorrow.id]]);
      expect(total[0].n).toBe(1);

      // Check-out before check-in is refused; check-out twice keeps the first.
      const out = (accountId: string) => facilitator.client.post(`${base()}/${now.id}/attendance/${accountId}/check-out`);
      expect((await out(facilitator.accountId)).body.code).toBe('thinktank.not_checked_in');
      const left = await out(guest.accountId);
      expect(left.status).toBe(200);
      const leftAt = left.body.attendees.find((a: { account: { id: string } }) => a.account.id === guest.accountId).checkedOutAt;
      expect(leftAt).not.toBeNull();
      const twice = await out(guest.accountId);
      expect(twice.body.attendees.find((a: { account: { id: string } }) => a.account.id === guest.accountId).checkedOutAt).toBe(leftAt);

      // Closing the session checks out whoever is still present; no check-in after that.
      const late = await member(t, cityA, ['citizen'], 'دیررسیده');
      expect((await scan(late.client, now.id, token)).status).toBe(200);
      expect((await planner.client.patch(`${base()}/${now.id}`, { status: 'closed' })).status).toBe(200);
      const closed = (await planner.client.get(`${base()}/${now.id}/attendance`)).body;
      expect(closed.attendees.find((a: { account: { id: string } }) => a.account.id === late.accountId).checkedOutAt).not.toBeNull();
      expect((await scan(guest.client, now.id, token)).body.code).toBe('thinktank.session_closed');
    });

    it('adds up attended minutes clamped to the session window into person-hours per session, committee, stage, plan and kind', async () => {
      const p = await planForSessions(t, cityA);
      const [secondCommittee] = await t.db.query(`INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [
        cityA.id,
        p.planId,
        { fa: 'کمیته پسماند' },
      ]);
      const first = await createSession(planner.client, cityA.slug, p.planId, sessionBody(p.stageId, -10, 120, { committeeId: p.committeeId }));
      const second = await createSession(planner.client, cityA.slug, p.planId, sessionBody(p.stageId, -10, 120, { committeeId: secondCommittee.id }));
      const a = await member(t, cityA, ['citizen', 'ngo'], 'نماینده الف');
      const b = await member(t, cityA, ['citizen', 'expert'], 'استاد ب');
      const c = await member(t, cityA, ['citizen'], 'شهروند ج');
      await buildStakeholder(t, cityA.id, 'سمن الف', 'ngo', [a.accountId]);
      const academy = await buildStakeholder(t, cityA.id, 'دانشکده ب', 'academic');
      await planner.client.post(`${base()}/${first.id}/invitations`, { accountIds: [b.accountId], contacts: [] });
      await t.db.query(`UPDATE thinktank_invitation SET stakeholder_id = $2 WHERE session_id = $1`, [first.id, academy]);
      const tick = (sessionId: string, accountId: string) => planner.client.post(`${base()}/${sessionId}/attendance/${accountId}/check-in`);
      for (const person of [a, b, c]) expect((await tick(first.id, person.accountId)).status).toBe(200);
      expect((await tick(second.id, a.accountId)).status).toBe(200);

      // The sessions took place on 2026-01-10 (1404/10/20) from 10:00 to 12:00 UTC; the clock times below are hand-chosen.
      const at = (hm: string) => `2026-01-10T${hm}:00Z`;
      await t.db.query(`UPDATE thinktank_session SET starts_at = $2, ends_at = $3 WHERE id = ANY($1::uuid[])`, [[first.id, second.id], at('10:00'), at('12:00')]);
      const set = (sessionId: string, accountId: string, inAt: string, outAt: string | null) =>
        t.db.query(`UPDATE thinktank_attendance SET checked_in_at = $3, checked_out_at = $4 WHERE session_id = $1 AND account_id = $2`, [
          sessionId,
          accountId,
          inAt,
          outAt,
        ]);
      await set(first.id, a.accountId, at('09:40'), at('11:30')); // 10:00–11:30 = 90
      await set(first.id, b.accountId, at('10:30'), null); //         10:30–12:00 (never checked out) = 90
      await set(first.id, c.accountId, at('11:00'), at('13:00')); // 11:00–12:00 = 60
      await set(second.id, a.accountId, at('10:00'), at('10:45')); // 45

      const attendance = (await planner.client.get(`${base()}/${first.id}/attendance`)).body;
      const minutesOf = (id: string) => attendance.attendees.find((x: { account: { id: string } }) => x.account.id === id).minutes;
      expect([minutesOf(a.accountId), minutesOf(b.accountId), minutesOf(c.accountId)]).toEqual([90, 90, 60]);
      expect(attendance.personHours).toBe(4); // 240 minutes
      expect((await planner.client.get(`${base()}/${second.id}`)).body.personHours).toBe(0.75);

      const dashboard = (await planner.client.get(`/api/orgs/${cityA.slug}/plans/${p.planId}/thinktank/dashboard`)).body;
      expect(dashboard).toMatchObject({ sessionsHeld: 2, sessionsScheduled: 0, participants: 3, personHours: 4.75, statementsAndThemes: null });
      expect(dashboard.byCommittee).toEqual(
        expect.arrayContaining([
          { committeeId: p.committeeId, name: { fa: 'کمیته حمل و نقل' }, sessions: 1, personHours: 4 },
          { committeeId: secondCommittee.id, name: { fa: 'کمیته پسماند' }, sessions: 1, personHours: 0.75 },
        ]),
      );
      expect(dashboard.byStage).toEqual([{ stageId: p.stageId, title: { fa: 'مرحله' }, sessions: 2, personHours: 4.75 }]);
      // a (NGO) 90 + 45; b (academic, through the invitation) 90; c (no stakeholder) 60.
      expect(dashboard.participantsByKind).toEqual([
        { kind: 'ngo', participants: 1, personHours: 2.25 },
        { kind: 'academic', participants: 1, personHours: 1.5 },
        { kind: 'none', participants: 1, personHours: 1 },
      ]);

      const csv = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${p.planId}/thinktank/dashboard.csv?lang=en`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text).toContain('Topic,Time,Status,Participants,Person-hours');
      expect(csv.text).toContain(',Scheduled,3,4');
      const xlsx = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${p.planId}/thinktank/dashboard.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    });

    it('exports a topic that looks like a formula as text', async () => {
      const p = await planForSessions(t, cityA);
      await createSession(planner.client, cityA.slug, p.planId, sessionBody(p.stageId, 60, 120, { topic: '=HYPERLINK("http://x","y")' }));
      const csv = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${p.planId}/thinktank/dashboard.csv`);
      expect(csv.text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    });
  });

  describe('the live board’s roles', () => {
    it('gives facilitator to the facilitator and planners, participant to yes-sayers and those present, nothing to others', async () => {
      const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120, { facilitatorId: facilitator.accountId }));
      const yes = await member(t, cityA, ['citizen', 'expert'], 'بله');
      const pending = await member(t, cityA, ['citizen', 'expert'], 'بی‌پاسخ');
      const walkIn = await member(t, cityA, ['citizen'], 'رهگذر');
      await planner.client.post(`${base()}/${session.id}/invitations`, { accountIds: [yes.accountId, pending.accountId] });
      await yes.client.post(`${base()}/${session.id}/rsvp`, { answer: 'yes' });
      await planner.client.post(`${base()}/${session.id}/attendance/${walkIn.accountId}/check-in`);
      const sessions = t.app.get(ThinktankSessionsService);
      const role = (accountId: string, organizationId = cityA.id) => sessions.roleOnBoard(organizationId, session.id, accountId);
      expect(await role(facilitator.accountId)).toBe('facilitator');
      expect(await role(planner.accountId)).toBe('facilitator');
      expect(await role(yes.accountId)).toBe('participant');
      expect(await role(walkIn.accountId)).toBe('participant');
      expect(await role(pending.accountId)).toBeNull();
      expect(await role(plannerB.accountId)).toBeNull();
      // Asked with another organisation's id, the session does not exist.
      expect(await role(facilitator.accountId, cityB.id)).toBeNull();
    });
  });

  describe('minutes and outputs', () => {
    it('keeps minutes as safe markdown and publishes them, with decisions linked to themes, on the public page', async () => {
      const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -60, 60, { facilitatorId: facilitator.accountId }));
      const url = `${base()}/${session.id}`;
      expect((await facilitator.client.post(`${url}/minutes/publish`)).body.code).toBe('thinktank.no_minutes');
      const saved = await facilitator.client.put(`${url}/minutes`, { minutes: '**تصمیم** گرفته شد <script>alert(1)</script>' });
      expect(saved.status).toBe(200);
      expect(saved.body.minutesHtml).toBe('<p><strong>تصمیم</strong> گرفته شد &lt;script&gt;alert(1)&lt;/script&gt;</p>');
      const output = await facilitator.client.post(`${url}/outputs`, { kind: 'decision', body: 'خط ویژه اتوبوس', themeId: cityA.themeIds[0] });
      expect(output.status).toBe(201);
      expect(output.body[0]).toMatchObject({ kind: 'decision', theme: { id: cityA.themeIds[0] } });
      const foreignTheme = await facilitator.client.post(`${url}/outputs`, { kind: 'output', body: 'گزارش', themeId: cityB.themeIds[0] });
      expect(foreignTheme.body.code).toBe('thinktank.theme_not_found');

      // Not yet published: the public sees the details only.
      const before = (await anonymous().get(`${url}/public`)).body;
      expect(before).toMatchObject({ topic: 'نقطه تمرکز: ترافیک مرکز شهر', minutesHtml: null, outputs: [], myRole: null });
      expect((await facilitator.client.post(`${url}/minutes/publish`)).body.publishedAt).not.toBeNull();
      const after = (await anonymous().get(`${url}/public`)).body;
      expect(after.minutesHtml).toContain('<strong>تصمیم</strong>');
      expect(after.minutesHtml).not.toContain('<script>');
      expect(after.outputs).toHaveLength(1);
      // Minutes are the facilitator's and planners': a member who does not run the session cannot write them.
      const guest = await member(t, cityA, ['citizen'], 'مهمان');
      expect((await guest.client.put(`${url}/minutes`, { minutes: 'x' })).body.code).toBe('thinktank.not_facilitator');
    });
  });

  describe('tenancy', () => {
    it('never shows or changes another municipality’s sessions', async () => {
      const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 60));
      expect((await plannerB.client.get(`/api/orgs/${cityA.slug}/thinktank/sessions/${session.id}`)).body.code).toBe('identity.not_a_member');
      const viaOwnSlug = await plannerB.client.get(`/api/orgs/${cityB.slug}/thinktank/sessions/${session.id}`);
      expect(viaOwnSlug.status).toBe(404);
      expect(viaOwnSlug.body.code).toBe('thinktank.session_not_found');
      expect((await plannerB.client.patch(`/api/orgs/${cityB.slug}/thinktank/sessions/${session.id}`, { topic: 'ربوده' })).status).toBe(404);
      expect((await plannerB.client.get(`/api/orgs/${cityB.slug}/thinktank/sessions/${session.id}/attendance`)).status).toBe(404);
      expect((await plannerB.client.get(`/api/orgs/${cityB.slug}/plans/${plan.planId}/thinktank/dashboard`)).status).toBe(404);
      expect((await plannerB.client.post(`/api/orgs/${cityB.slug}/plans/${plan.planId}/thinktank/sessions`, sessionBody(plan.stageId, 60, 120))).status).toBe(404);
      expect((await anonymous().get(`/api/orgs/${cityB.slug}/thinktank/sessions/${session.id}/public`)).status).toBe(404);
      // A QR code of city A's session scanned under city B's address is refused.
      const qr = (await planner.client.get(`${base()}/${session.id}/qr`)).body;
      const token = new URL(qr.url).searchParams.get('checkin')!;
      expect((await plannerB.client.post(`/api/orgs/${cityB.slug}/thinktank/sessions/${session.id}/check-in`, { token })).status).toBe(404);
      expect((await t.db.query(`SELECT topic FROM thinktank_session WHERE id = $1`, [session.id]))[0].topic).toBe('نقطه تمرکز: ترافیک مرکز شهر');
    });
  });
});
