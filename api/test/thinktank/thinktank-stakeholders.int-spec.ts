import ExcelJS from 'exceljs';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { e164, newMobile } from '../identity/identity-helpers';
import { buildStakeholder, createSession, messagesTo, planForSessions, rsvpTokenSentTo, sessionBody } from './thinktank-helpers';

type Person = Awaited<ReturnType<typeof member>>;

/** How the sessions module and the stakeholder registry meet: sessions attended, invitations through the registry. */
describe('think-tank sessions and the stakeholder registry', () => {
  let t: TestApp;
  let cityA: BuiltOrganization;
  let cityB: BuiltOrganization;
  let planner: Person;
  let plannerB: Person;
  const anonymous = () => new TestClient(t.url);
  const sessions = (org: BuiltOrganization) => `/api/orgs/${org.slug}/thinktank/sessions`;
  const registry = (org: BuiltOrganization) => `/api/orgs/${org.slug}/stakeholders`;

  beforeAll(async () => {
    t = await startTestApp();
    cityA = await buildOrganization(t.db);
    cityB = await buildOrganization(t.db);
    planner = await member(t, cityA, ['citizen', 'planner'], 'دبیر کمیته');
    plannerB = await member(t, cityB, ['citizen', 'planner'], 'برنامه‌ریز ب');
  });
  afterAll(() => t.close());

  it('shows sessions attended in the engagement history and the not-yet-heard list (linked accounts and invitations for the stakeholder)', async () => {
    const plan = await planForSessions(t, cityA);
    const rep = await member(t, cityA, ['citizen', 'ngo'], 'نماینده سمن');
    const expert = await member(t, cityA, ['citizen', 'expert'], 'استاد دانشگاه');
    const absent = await member(t, cityA, ['citizen'], 'عضو شورا');
    const ngo = await buildStakeholder(t, cityA.id, 'سمن آب پاک', 'ngo', [rep.accountId]);
    const academy = await buildStakeholder(t, cityA.id, 'دانشکده شهرسازی', 'academic');
    const council = await buildStakeholder(t, cityA.id, 'شورای محله', 'city_council', [absent.accountId]);
    for (const id of [ngo, academy, council]) {
      const res = await planner.client.put(`${registry(cityA)}/${id}/assessments/${plan.planId}`, {
        relation: 'influential',
        influence: 4,
        interest: 4,
        isMandatory: true,
        stageRoles: [],
      });
      expect(res.status).toBe(200);
    }
    const notHeard = async () =>
      ((await planner.client.get(`${registry(cityA)}/not-heard?planId=${plan.planId}`)).body.stages as { stageId: string; stakeholders: { id: string }[] }[])
        .find((s) => s.stageId === plan.stageId)!
        .stakeholders.map((s) => s.id)
        .sort();
    expect(await notHeard()).toEqual([ngo, academy, council].sort());

    const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120));
    // The NGO and the council through their linked accounts; the academic through a contact given for the academy.
    const invited = await planner.client.post(`${sessions(cityA)}/${session.id}/invitations`, {
      stakeholderIds: [ngo, council],
      contacts: [{ contact: expert.mobile, stakeholderId: academy }],
    });
    expect(invited.status).toBe(201);
    // The academic answers the contact's link signed in: the invitation becomes theirs, still for the academy.
    const token = await rsvpTokenSentTo(anonymous(), expert.mobile, session.id);
    expect((await expert.client.post(`/api/thinktank/rsvp/${token}`, { answer: 'yes' })).body.rsvp).toBe('yes');

    // Invited is not attended: nothing yet.
    expect((await planner.client.get(`${registry(cityA)}/${ngo}/engagement`)).body.items).toEqual([]);

    for (const person of [rep, expert]) {
      expect((await planner.client.post(`${sessions(cityA)}/${session.id}/attendance/${person.accountId}/check-in`)).status).toBe(200);
    }
    for (const id of [ngo, academy]) {
      const history = await planner.client.get(`${registry(cityA)}/${id}/engagement`);
      expect(history.status).toBe(200);
      expect(history.body.items).toEqual([
        expect.objectContaining({ source: 'session', itemId: session.id, planId: plan.planId, stageId: plan.stageId, summary: 'نقطه تمرکز: ترافیک مرکز شهر' }),
      ]);
    }
    // The representative reads its own stakeholder's history, sessions included.
    expect((await rep.client.get(`${registry(cityA)}/${ngo}/engagement`)).body.items.map((i: { source: string }) => i.source)).toEqual(['session']);
    expect((await planner.client.get(`${registry(cityA)}/${council}/engagement`)).body.items).toEqual([]);
    expect(await notHeard()).toEqual([council]);

    // A session of another plan does not count for this plan's stage.
    const other = await planForSessions(t, cityA);
    const elsewhere = await createSession(planner.client, cityA.slug, other.planId, sessionBody(other.stageId, -10, 120));
    expect((await planner.client.post(`${sessions(cityA)}/${elsewhere.id}/attendance/${absent.accountId}/check-in`)).status).toBe(200);
    expect(await notHeard()).toEqual([council]);
    expect((await planner.client.get(`${registry(cityA)}/${council}/engagement`)).body.items.map((i: { itemId: string }) => i.itemId)).toEqual([elsewhere.id]);

    // Another municipality sees none of it.
    expect((await plannerB.client.get(`${registry(cityA)}/${ngo}/engagement`)).status).toBe(403);
    expect((await plannerB.client.get(`${registry(cityB)}/${ngo}/engagement`)).status).toBe(404);
  });

  it('invites stakeholders through their registry contacts as well as their linked accounts, one link per person', async () => {
    const plan = await planForSessions(t, cityA);
    const session = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, 60, 180));
    const rep = await member(t, cityA, ['citizen', 'ngo'], 'نماینده انجمن');
    const ngo = await buildStakeholder(t, cityA.id, 'انجمن باغ‌های شهر', 'ngo', [rep.accountId]);
    const academy = await buildStakeholder(t, cityA.id, 'پژوهشکده آب', 'academic');
    const silent = await buildStakeholder(t, cityA.id, 'گروه بی‌نشانی', 'citizen_group');
    const director = newMobile();
    const contact = async (id: string, body: Record<string, unknown>) =>
      expect((await planner.client.post(`${registry(cityA)}/${id}/contacts`, body)).status).toBe(201);
    // The NGO: its representative is both a linked account and a registry contact (same mobile): one link.
    await contact(ngo, { name: 'نماینده انجمن', phone: rep.mobile });
    await contact(ngo, { name: 'دبیر انجمن', email: 'Dabir@Example.org' });
    // The academy: no linked account, a director by mobile (typed in Persian digits) and an unusable phone.
    await contact(academy, { name: 'مدیر پژوهشکده', phone: director.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]) });
    await contact(academy, { name: 'دفتر', phone: '031-1234' });
    // A contact without phone or e-mail reaches nobody.
    await contact(silent, { name: 'کسی', note: 'فقط حضوری' });

    // The search says how each can be reached.
    const found = await planner.client.get(`/api/orgs/${cityA.slug}/thinktank/stakeholders?q=${encodeURIComponent('پژوهشکده')}`);
    expect(found.body).toEqual([{ id: academy, name: 'پژوهشکده آب', kind: 'academic', linkedAccounts: 0, contacts: 2 }]);

    const invited = await planner.client.post(`${sessions(cityA)}/${session.id}/invitations`, { stakeholderIds: [ngo, academy, silent] });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({ invited: 3, stakeholdersWithoutAccount: [silent], unreachableAccounts: [] });
    const outbox = anonymous();
    expect((await messagesTo(outbox, rep.mobile)).filter((m) => m.includes(`/sessions/${session.id}?rsvp=`))).toHaveLength(1);
    await rsvpTokenSentTo(outbox, 'dabir@example.org', session.id);
    const directorToken = await rsvpTokenSentTo(outbox, director, session.id);

    const list = (await planner.client.get(`${sessions(cityA)}/${session.id}/invitations`)).body as {
      account: { id: string } | null;
      stakeholder: { id: string } | null;
      channel: string | null;
      rsvp: string;
    }[];
    expect(list.map((i) => [i.account?.id ?? i.channel, i.stakeholder?.id]).sort()).toEqual(
      [
        [rep.accountId, ngo],
        ['email', ngo],
        ['sms', academy],
      ].sort(),
    );
    // The director answers through the personal link: the invitation stays the academy's.
    expect((await anonymous().post(`/api/thinktank/rsvp/${directorToken}`, { answer: 'yes' })).body.rsvp).toBe('yes');
    const again = (await planner.client.get(`${sessions(cityA)}/${session.id}/invitations`)).body as typeof list;
    expect(again.find((i) => i.stakeholder?.id === academy)).toMatchObject({ rsvp: 'yes', channel: 'sms' });

    // Inviting again renews the links; nobody is invited twice.
    const twice = await planner.client.post(`${sessions(cityA)}/${session.id}/invitations`, { stakeholderIds: [academy] });
    expect(twice.body).toMatchObject({ invited: 1, stakeholdersWithoutAccount: [] });
    expect((await planner.client.get(`${sessions(cityA)}/${session.id}/invitations`)).body).toHaveLength(3);

    // A contact who has an account answers the link signed in: the invitation becomes theirs, and
    // once present the session shows in the stakeholder's history.
    const dean = await member(t, cityA, ['citizen', 'expert'], 'رئیس دانشکده');
    const faculty = await buildStakeholder(t, cityA.id, 'دانشکده معماری', 'academic');
    await contact(faculty, { name: 'رئیس دانشکده', phone: e164(dean.mobile) });
    const live = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120));
    expect((await planner.client.post(`${sessions(cityA)}/${live.id}/invitations`, { stakeholderIds: [faculty] })).body.invited).toBe(1);
    const deanToken = await rsvpTokenSentTo(outbox, dean.mobile, live.id);
    expect((await dean.client.post(`/api/thinktank/rsvp/${deanToken}`, { answer: 'yes' })).body.rsvp).toBe('yes');
    expect((await planner.client.post(`${sessions(cityA)}/${live.id}/attendance/${dean.accountId}/check-in`)).status).toBe(200);
    expect((await planner.client.get(`${registry(cityA)}/${faculty}/engagement`)).body.items).toEqual([
      expect.objectContaining({ source: 'session', itemId: live.id }),
    ]);

    // Another municipality's planner can neither find nor invite them.
    expect((await plannerB.client.get(`/api/orgs/${cityB.slug}/thinktank/stakeholders?q=${encodeURIComponent('پژوهشکده')}`)).body).toEqual([]);
    const planB = await planForSessions(t, cityB);
    const foreign = await createSession(plannerB.client, cityB.slug, planB.planId, sessionBody(planB.stageId, 60, 120));
    const refused = await plannerB.client.post(`${sessions(cityB)}/${foreign.id}/invitations`, { stakeholderIds: [academy] });
    expect(refused.body.code).toBe('thinktank.stakeholder_not_found');
    expect((await plannerB.client.get(`${sessions(cityB)}/${foreign.id}/invitations`)).body).toEqual([]);
  });

  it('counts the statements of the plan’s sessions and their themes (through their demands) on the dashboard and its exports', async () => {
    const plan = await planForSessions(t, cityA);
    const first = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120));
    const second = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120, { topic: 'پسماند' }));
    const cancelled = await createSession(planner.client, cityA.slug, plan.planId, sessionBody(plan.stageId, -10, 120, { topic: 'لغوشده' }));
    const author = await member(t, cityA, ['citizen', 'expert'], 'خبره');
    const post = async (sessionId: string, text: string, hidden = false): Promise<string> => {
      const [row] = await t.db.query(
        `INSERT INTO thinktank_statement (id, organization_id, session_id, author_id, text, text_key, is_hidden)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $4, $5) RETURNING id`,
        [cityA.id, sessionId, author.accountId, text, hidden],
      );
      return row.id;
    };
    const parking = await post(first.id, 'پارکینگ طبقاتی در مرکز شهر');
    const bus = await post(first.id, '=HYPERLINK("http://x","اتوبوس")');
    await post(first.id, 'گزاره پنهان‌شده', true);
    await post(second.id, 'تفکیک زباله از مبدأ');
    await post(cancelled.id, 'گزاره جلسه لغوشده');
    expect((await planner.client.patch(`${sessions(cityA)}/${cancelled.id}`, { status: 'cancelled' })).status).toBe(200);

    // A planner gives the statements' demands their themes (parking: two themes; bus: one; waste: none yet).
    const [themeA, themeB] = cityA.themeIds;
    const demandOf = async (statementId: string): Promise<string> =>
      (await t.db.query(`SELECT id FROM demand WHERE organization_id = $1 AND source_kind = 'thinktank_statement' AND source_id = $2`, [cityA.id, statementId]))[0].id;
    const theme = (demandId: string, themeId: string) =>
      t.db.query(`INSERT INTO demand_theme (organization_id, demand_id, theme_id) VALUES ($1, $2, $3)`, [cityA.id, demandId, themeId]);
    await theme(await demandOf(parking), themeA);
    await theme(await demandOf(parking), themeB);
    await theme(await demandOf(bus), themeA);

    const dashboard = (await planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard`)).body;
    expect(dashboard.statements).toBe(3);
    expect(dashboard.sessions.map((s: { id: string; statements: number }) => [s.id, s.statements])).toEqual(
      expect.arrayContaining([
        [first.id, 2],
        [second.id, 1],
      ]),
    );
    expect(dashboard.sessions.map((s: { id: string }) => s.id)).not.toContain(cancelled.id);
    expect(dashboard.statementsAndThemes.map((r: { themeId: string | null; statements: number }) => [r.themeId, r.statements])).toEqual([
      [themeA, 2],
      [themeB, 1],
      [null, 1],
    ]);
    expect(dashboard.statementsAndThemes[0].name).toHaveProperty('fa');

    const csv = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard.csv?lang=en&table=statements`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Theme,Statements');
    expect(csv.text).toContain('No theme,1');
    const sessionsCsv = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard.csv?lang=en`);
    expect(sessionsCsv.text).toContain('Topic,Time,Status,Participants,Person-hours,Statements');
    const bad = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard.csv?table=nope`);
    expect(bad.status).toBe(400);
    const xlsx = await planner.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard.xlsx?lang=en`);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Statements by theme')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Theme', 'Statements']);
    expect(sheet.rowCount).toBe(4);

    // Another municipality's planner sees none of it.
    expect((await plannerB.client.get(`/api/orgs/${cityA.slug}/plans/${plan.planId}/thinktank/dashboard`)).status).toBe(403);
  });
});
