import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildStakeholder, createSession, planForSessions, rsvpTokenSentTo, sessionBody } from './thinktank-helpers';

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
});
