import { randomUUID } from 'node:crypto';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import {
  buildSurvey,
  CONDITIONAL_DEFINITION,
  EVERY_TYPE_CASES,
  EVERY_TYPE_DEFINITION,
  plannerOf,
  responseCount,
  submit,
  surveyPath,
} from './survey-helpers';

describe('answering a survey', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    planner = (await plannerOf(t, org)).client;
  });
  afterAll(() => t.close());

  const citizen = () => personWithRoles(t, org, ['citizen'], 'شهروند');

  describe('every question type, with the definitions of the contracts’ unit spec', () => {
    let activityId: string;
    let surveyId: string;
    beforeAll(async () => {
      ({ activityId, surveyId } = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION));
    });

    it.each(EVERY_TYPE_CASES)('%s = %j → %s', async (question, answer, expected) => {
      const person = await citizen();
      const before = await responseCount(t, surveyId);
      // A file answer must name an attachment of this municipality; the example's id is not one.
      const isFile = question === 'photo' && expected === null;
      const res = await submit(person.client, org, activityId, { [question]: answer });
      if (expected === null && !isFile) {
        expect(res.status).toBe(201);
        expect(res.body.status).toBe('submitted');
        expect(await responseCount(t, surveyId)).toBe(before + 1);
      } else if (isFile) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'surveys.attachment_not_found', fields: { photo: 'invalid_value' } });
        expect(await responseCount(t, surveyId)).toBe(before);
      } else {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('surveys.invalid_response');
        const [path, code] = Object.entries(res.body.fields as Record<string, string>)[0];
        expect(path.split('.')[0]).toBe(question);
        expect(code).toBe(expected);
        expect(await responseCount(t, surveyId)).toBe(before);
      }
    });

    it('stores Persian digits as numbers and a drawn area closed', async () => {
      const person = await citizen();
      const area = [
        { lat: 32.6, lng: 51.6 },
        { lat: 32.6, lng: 51.7 },
        { lat: 32.7, lng: 51.7 },
      ];
      const res = await submit(person.client, org, activityId, { num: '۴۲', area });
      expect(res.status).toBe(201);
      const [row] = await t.db.query(`SELECT answers FROM survey_response WHERE id = $1`, [res.body.id]);
      expect(row.answers.num).toBe(42);
      expect(row.answers.area).toEqual([...area, area[0]]);
    });

    it('refuses an answer to a question the survey does not have', async () => {
      const person = await citizen();
      const res = await submit(person.client, org, activityId, { nope: 'x' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ nope: 'unknown_field' });
    });
  });

  describe('conditional logic on the server', () => {
    let activityId: string;
    let surveyId: string;
    beforeAll(async () => {
      ({ activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION));
    });

    it('refuses an answer to a hidden question and stores nothing', async () => {
      const person = await citizen();
      const res = await submit(person.client, org, activityId, { pet: { choice: 'no' }, kind: 'گربه' });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ kind: 'hidden_question' });
      expect(await responseCount(t, surveyId)).toBe(0);
    });

    it('requires a required question only when it is shown', async () => {
      const person = await citizen();
      const missing = await submit(person.client, org, activityId, { pet: { choice: 'yes' } });
      expect(missing.status).toBe(400);
      expect(missing.body.fields).toEqual({ kind: 'required' });
      const hidden = await submit(person.client, org, activityId, { pet: { choice: 'no' } });
      expect(hidden.status).toBe(201);
    });

    it('applies section conditions, ranking and matrix conditions', async () => {
      const person = await citizen();
      const res = await submit(person.client, org, activityId, {
        pet: { choice: 'no' },
        modes: { choices: ['bus'] },
        prio: ['waste', 'roads', 'parks'],
        why: 'پارک بیشتر',
        grid: { road: 'good' },
        fix: 'آسفالت',
      });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ busline: 'required', why: 'hidden_question', fix: 'hidden_question' });
    });
  });

  describe('drafts, submitting once, editing', () => {
    let activityId: string;
    let surveyId: string;
    beforeAll(async () => {
      ({ activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION));
    });

    it('autosaves a draft that another device of the same person resumes; nothing is required yet', async () => {
      const person = await citizen();
      const draft = await person.client.put(surveyPath(org, activityId, '/response/draft'), { answers: { pet: { choice: 'yes' } } });
      expect(draft.status).toBe(200);
      expect(draft.body.status).toBe('draft');

      // The same account signed in on a second device: a copy of the session cookie stands for it.
      const phone = new TestClient(t.url);
      phone.cookies.set('hm_session', person.client.cookies.get('hm_session')!);
      const resumed = await phone.get(surveyPath(org, activityId, '/respond'));
      expect(resumed.status).toBe(200);
      expect(resumed.body.response).toMatchObject({ status: 'draft', hasDraft: true, answers: { pet: { choice: 'yes' } } });
      expect(resumed.body.box).toEqual({ minLat: 32.15, maxLat: 33.15, minLng: 51.17, maxLng: 52.17 });

      const badDraft = await person.client.put(surveyPath(org, activityId, '/response/draft'), { answers: { pet: { choice: 'maybe' } } });
      expect(badDraft.status).toBe(400);
      expect(badDraft.body.fields).toEqual({ 'pet.choice': 'unknown_option' });
    });

    it('20 parallel submissions of one person leave exactly one response', async () => {
      const person = await citizen();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => submit(person.client, org, activityId, { pet: { choice: 'no' } })),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('surveys.already_responded');
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 AND account_id = $2`, [surveyId, person.accountId]);
      expect(row.n).toBe(1);
    });

    it('a retry with the same Idempotency-Key gets the first answer back', async () => {
      const person = await citizen();
      const key = randomUUID();
      const first = await submit(person.client, org, activityId, { pet: { choice: 'no' } }, { headers: { 'idempotency-key': key } });
      const retry = await submit(person.client, org, activityId, { pet: { choice: 'no' } }, { headers: { 'idempotency-key': key } });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
    });

    it('edits a submitted response while open, and refuses after closing with 409', async () => {
      const person = await citizen();
      expect((await submit(person.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);
      const edited = await person.client.put(surveyPath(org, activityId, '/response'), { answers: { pet: { choice: 'yes' }, kind: 'طوطی' } });
      expect(edited.status).toBe(200);
      const [row] = await t.db.query(`SELECT answers FROM survey_response WHERE survey_id = $1 AND account_id = $2`, [surveyId, person.accountId]);
      expect(row.answers).toEqual({ pet: { choice: 'yes' }, kind: 'طوطی' });

      const nobody = await citizen();
      const notYet = await nobody.client.put(surveyPath(org, activityId, '/response'), { answers: { pet: { choice: 'no' } } });
      expect(notYet.status).toBe(409);
      expect(notYet.body.code).toBe('surveys.not_submitted');

      await t.db.query(`UPDATE activity SET closes_at = now() - interval '1 minute' WHERE id = $1`, [activityId]);
      try {
        const late = await person.client.put(surveyPath(org, activityId, '/response'), { answers: { pet: { choice: 'no' } } });
        expect(late.status).toBe(409);
        expect(late.body.code).toBe('surveys.closed');
        const lateSubmit = await submit(nobody.client, org, activityId, { pet: { choice: 'no' } });
        expect(lateSubmit.status).toBe(409);
        expect(lateSubmit.body.code).toBe('surveys.closed');
        expect((await nobody.client.get(surveyPath(org, activityId, '/respond'))).body.code).toBe('surveys.closed');
        const [after] = await t.db.query(`SELECT answers FROM survey_response WHERE survey_id = $1 AND account_id = $2`, [surveyId, person.accountId]);
        expect(after.answers.kind).toBe('طوطی');
      } finally {
        await t.db.query(`UPDATE activity SET closes_at = NULL WHERE id = $1`, [activityId]);
      }
    });

    it('a survey not open yet answers 409 with its own code', async () => {
      const { activityId: later } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
      await t.db.query(`UPDATE activity SET opens_at = now() + interval '1 day' WHERE id = $1`, [later]);
      const person = await citizen();
      const res = await person.client.get(surveyPath(org, later, '/respond'));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('surveys.not_open_yet');

      // A stage still to come, and one that has ended.
      const { activityId: upcoming } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
      await t.db.query(`UPDATE stage SET starts_on = current_date + 10, ends_on = current_date + 20 WHERE id = (SELECT stage_id FROM activity WHERE id = $1)`, [upcoming]);
      expect((await submit(person.client, org, upcoming, { pet: { choice: 'no' } })).body.code).toBe('surveys.not_open_yet');
      const { activityId: ended } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
      await t.db.query(`UPDATE stage SET starts_on = current_date - 20, ends_on = current_date - 10 WHERE id = (SELECT stage_id FROM activity WHERE id = $1)`, [ended]);
      const late = await submit(person.client, org, ended, { pet: { choice: 'no' } });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('surveys.closed');
    });

    it('another municipality’s address does not reach this survey, and stores nothing', async () => {
      const person = await personWithRoles(t, other, ['citizen'], 'شهروند');
      const res = await submit(person.client, other, activityId, { pet: { choice: 'no' } });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('plans.activity_not_found');
      expect((await person.client.get(surveyPath(other, activityId, '/respond'))).status).toBe(404);
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 AND account_id = $2`, [surveyId, person.accountId]);
      expect(row.n).toBe(0);
    });
  });

  describe('audience', () => {
    it('signed-in: a visitor is asked to sign in', async () => {
      const { activityId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
      const visitor = new TestClient(t.url);
      const res = await submit(visitor, org, activityId, { pet: { choice: 'no' } });
      expect(res.status).toBe(401);
    });

    it('everyone: a visitor answers once per browser', async () => {
      const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'everyone' }, anonymous: true, askDemographics: false });
      const visitor = new TestClient(t.url);
      const first = await visitor.get(surveyPath(org, activityId, '/respond'));
      expect(first.status).toBe(200);
      expect(first.body.response).toBeNull();
      expect((await submit(visitor, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);
      expect((await visitor.get(surveyPath(org, activityId, '/respond'))).body.response).toMatchObject({ status: 'submitted' });
      expect((await submit(visitor, org, activityId, { pet: { choice: 'no' } })).status).toBe(409);
      expect(await responseCount(t, surveyId, 'submitted')).toBe(1);
    });

    it('roles: only the given roles answer', async () => {
      const { activityId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'roles', roles: ['expert'] }, anonymous: false, askDemographics: false });
      const plain = await citizen();
      const refused = await submit(plain.client, org, activityId, { pet: { choice: 'no' } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('surveys.not_in_audience');
      const expert = await personWithRoles(t, org, ['expert'], 'استاد دانشگاه');
      expect((await submit(expert.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);
    });

    it('districts: only members living in the given districts answer', async () => {
      const { activityId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'districts', districtIds: [org.districtIds[1]] }, anonymous: false, askDemographics: false });
      const inOne = await citizen();
      await t.db.query(`UPDATE membership SET district_id = $3 WHERE organization_id = $1 AND account_id = $2`, [org.id, inOne.accountId, org.districtIds[0]]);
      const inTwo = await citizen();
      await t.db.query(`UPDATE membership SET district_id = $3 WHERE organization_id = $1 AND account_id = $2`, [org.id, inTwo.accountId, org.districtIds[1]]);
      expect((await submit(inOne.client, org, activityId, { pet: { choice: 'no' } })).body.code).toBe('surveys.not_in_audience');
      expect((await submit(inTwo.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);
    });

    it('anonymous surveys keep no account, yet still one response per person', async () => {
      const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'signed_in' }, anonymous: true, askDemographics: false });
      const person = await citizen();
      expect((await submit(person.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(201);
      expect((await submit(person.client, org, activityId, { pet: { choice: 'no' } })).status).toBe(409);
      const rows = await t.db.query(`SELECT account_id FROM survey_response WHERE survey_id = $1`, [surveyId]);
      expect(rows).toEqual([{ account_id: null }]);
    });

    it('keeps the demographic snapshot only with consent, when the survey asks', async () => {
      const { activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'signed_in' }, anonymous: false, askDemographics: true });
      const consenting = await personWithRoles(t, org, ['citizen', 'ngo'], 'سمن');
      await t.db.query(`UPDATE account SET demographics_consent_at = now(), age_band = '30_44', gender = 'female' WHERE id = $1`, [consenting.accountId]);
      await t.db.query(`UPDATE membership SET district_id = $3 WHERE organization_id = $1 AND account_id = $2`, [org.id, consenting.accountId, org.districtIds[0]]);
      expect((await submit(consenting.client, org, activityId, { pet: { choice: 'no' } }, { consent: true })).status).toBe(201);
      const declining = await citizen();
      expect((await submit(declining.client, org, activityId, { pet: { choice: 'no' } }, { consent: false })).status).toBe(201);
      const rows = await t.db.query(
        `SELECT account_id, demographics_consent, capacity, district_id, age_band, gender FROM survey_response WHERE survey_id = $1 ORDER BY submitted_at`,
        [surveyId],
      );
      expect(rows).toEqual([
        { account_id: consenting.accountId, demographics_consent: true, capacity: 'ngo', district_id: org.districtIds[0], age_band: '30_44', gender: 'female' },
        { account_id: declining.accountId, demographics_consent: false, capacity: null, district_id: null, age_band: null, gender: null },
      ]);
    });
  });

  describe('invite links', () => {
    let activityId: string;
    let surveyId: string;
    let links: { id: string; token: string; path: string }[];
    beforeAll(async () => {
      ({ activityId, surveyId } = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION, { audience: { audience: 'invite_list' }, anonymous: false, askDemographics: false }));
      const res = await planner.post(surveyPath(org, activityId, '/invites'), {
        labels: ['انجمن محله ۱', 'انجمن محله ۲', 'انجمن محله ۳', 'انجمن محله ۴'],
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expect(res.status).toBe(201);
      links = res.body.items;
    });

    it('returns each token once, stores only its hash, and audits the creation', async () => {
      expect(links).toHaveLength(4);
      expect(links[0].path).toBe(`/${org.slug}/surveys/${activityId}?invite=${links[0].token}`);
      const list = await planner.get(surveyPath(org, activityId, '/invites'));
      expect(list.body.items).toHaveLength(4);
      expect(JSON.stringify(list.body)).not.toContain(links[0].token);
      const [stored] = await t.db.query(`SELECT encode(token_hash, 'hex') AS h FROM survey_invite WHERE id = $1`, [links[0].id]);
      expect(stored.h).not.toContain(Buffer.from(links[0].token).toString('hex'));
      const [entry] = await t.db.query(`SELECT after FROM audit_entry WHERE entity_id = $1 AND action = 'survey.invites_created'`, [surveyId]);
      expect(entry.after.count).toBe(4);
      expect(JSON.stringify(entry.after)).not.toContain(links[0].token);
    });

    it('answers through a link once; reuse, a guessed, an expired or a revoked link get clear errors and store nothing', async () => {
      const visitor = new TestClient(t.url);
      const open = await visitor.get(surveyPath(org, activityId, `/respond?invite=${links[0].token}`));
      expect(open.status).toBe(200);
      expect((await submit(visitor, org, activityId, { pet: { choice: 'no' } }, { invite: links[0].token })).status).toBe(201);

      const before = await responseCount(t, surveyId);
      const reused = await submit(new TestClient(t.url), org, activityId, { pet: { choice: 'no' } }, { invite: links[0].token });
      expect(reused.status).toBe(409);
      expect(reused.body.code).toBe('surveys.invite_used');

      const guessed = await submit(visitor, org, activityId, { pet: { choice: 'no' } }, { invite: 'x'.repeat(32) });
      expect(guessed.status).toBe(404);
      expect(guessed.body.code).toBe('surveys.invite_invalid');

      await t.db.query(`UPDATE survey_invite SET expires_at = now() - interval '1 second' WHERE id = $1`, [links[1].id]);
      const expired = await submit(visitor, org, activityId, { pet: { choice: 'no' } }, { invite: links[1].token });
      expect(expired.status).toBe(410);
      expect(expired.body.code).toBe('surveys.invite_expired');

      const revoke = await planner.post(surveyPath(org, activityId, `/invites/${links[2].id}/revoke`));
      expect(revoke.status).toBe(200);
      expect(revoke.body.revokedAt).not.toBeNull();
      const revoked = await submit(visitor, org, activityId, { pet: { choice: 'no' } }, { invite: links[2].token });
      expect(revoked.status).toBe(410);
      expect(revoked.body.code).toBe('surveys.invite_revoked');

      const none = await submit(visitor, org, activityId, { pet: { choice: 'no' } });
      expect(none.status).toBe(403);
      expect(none.body.code).toBe('surveys.invite_required');
      expect(await responseCount(t, surveyId)).toBe(before);
    });

    it('lets a used link open and edit its own response until the survey closes, but never submit a second', async () => {
      const [link] = (
        await planner.post(surveyPath(org, activityId, '/invites'), { labels: ['ویرایش'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
      ).body.items;
      const visitor = new TestClient(t.url);
      expect((await submit(visitor, org, activityId, { pet: { choice: 'no' } }, { invite: link.token })).status).toBe(201);
      const before = await responseCount(t, surveyId);

      // Another browser with the same link finds the submitted response and changes it.
      const elsewhere = new TestClient(t.url);
      const open = await elsewhere.get(surveyPath(org, activityId, `/respond?invite=${link.token}`));
      expect(open.status).toBe(200);
      expect(open.body.response).toMatchObject({ status: 'submitted', answers: { pet: { choice: 'no' } } });
      const edited = await elsewhere.put(surveyPath(org, activityId, `/response?invite=${link.token}`), { answers: { pet: { choice: 'yes' }, kind: 'گربه' } });
      expect(edited.status).toBe(200);
      const [row] = await t.db.query(`SELECT answers FROM survey_response WHERE invite_id = $1`, [link.id]);
      expect(row.answers).toMatchObject({ pet: { choice: 'yes' }, kind: 'گربه' });

      // Submitting again by the link is still refused, and nothing is added.
      const again = await submit(elsewhere, org, activityId, { pet: { choice: 'no' } }, { invite: link.token });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('surveys.invite_used');
      expect(await responseCount(t, surveyId)).toBe(before);
    });

    it('keeps a link’s draft by its token, resumable in another browser', async () => {
      const [fresh] = (
        await planner.post(surveyPath(org, activityId, '/invites'), { labels: ['پیش‌نویس'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() })
      ).body.items;
      const laptop = new TestClient(t.url);
      const saved = await laptop.put(surveyPath(org, activityId, `/response/draft?invite=${fresh.token}`), { answers: { pet: { choice: 'yes' } } });
      expect(saved.status).toBe(200);
      const phone = new TestClient(t.url);
      const resumed = await phone.get(surveyPath(org, activityId, `/respond?invite=${fresh.token}`));
      expect(resumed.body.response).toMatchObject({ status: 'draft', answers: { pet: { choice: 'yes' } } });
      expect((await submit(phone, org, activityId, { pet: { choice: 'yes' }, kind: 'ماهی' }, { invite: fresh.token })).status).toBe(201);
      const [row] = await t.db.query(`SELECT status, answers, draft_answers FROM survey_response WHERE invite_id = $1`, [fresh.id]);
      expect(row).toEqual({ status: 'submitted', answers: { pet: { choice: 'yes' }, kind: 'ماهی' }, draft_answers: null });
    });

    it('10 parallel submissions through one link leave exactly one response', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => submit(new TestClient(t.url), org, activityId, { pet: { choice: 'no' } }, { invite: links[3].token })),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'surveys.invite_used')).toBe(true);
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE invite_id = $1`, [links[3].id]);
      expect(row.n).toBe(1);
    });

    it('another municipality’s planner cannot list or revoke these links', async () => {
      const foreign = (await plannerOf(t, other)).client;
      expect((await foreign.get(surveyPath(other, activityId, '/invites'))).status).toBe(404);
      expect((await foreign.post(surveyPath(other, activityId, `/invites/${links[3].id}/revoke`))).status).toBe(404);
      const [row] = await t.db.query(`SELECT revoked_at FROM survey_invite WHERE id = $1`, [links[3].id]);
      expect(row.revoked_at).toBeNull();
    });
  });
});

describe('image answers', () => {
  let t: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  it('stores the image re-encoded without its metadata and accepts its id as the answer; another survey’s image or a PDF is refused', async () => {
    const sharp = (await import('sharp')).default;
    const { jpegWithGps } = await import('../problems/problem-helpers');
    const planner = (await plannerOf(t, org)).client;
    const { activityId, surveyId } = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION);
    const other = await buildSurvey(t, org, planner, EVERY_TYPE_DEFINITION);
    const person = await personWithRoles(t, org, ['citizen'], 'شهروند');

    const jpeg = await jpegWithGps(1200, 800);
    const upload = await person.client.rawBytes('POST', surveyPath(org, activityId, '/images?filename=photo.jpg'), jpeg, { 'content-type': 'image/jpeg' });
    expect(upload.status).toBe(201);
    const stored = await person.client.get(`/api/orgs/${org.slug}/attachments/${upload.body.id}`);
    expect(stored.status).toBe(200);
    expect((await sharp(stored.bytes).metadata()).exif).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from('Secret Phone'))).toBe(false);

    const elsewhere = await person.client.rawBytes('POST', surveyPath(org, other.activityId, '/images?filename=photo.jpg'), jpeg, { 'content-type': 'image/jpeg' });
    expect(elsewhere.status).toBe(201);
    const refused = await submit(person.client, org, activityId, { photo: elsewhere.body.id });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'surveys.attachment_not_found', fields: { photo: 'invalid_value' } });

    const pdf = await person.client.rawBytes('POST', surveyPath(org, activityId, '/images?filename=a.pdf'), Buffer.from('%PDF-1.4\n%%EOF'), { 'content-type': 'application/pdf' });
    expect(pdf.status).toBe(415);

    const ok = await submit(person.client, org, activityId, { photo: upload.body.id });
    expect(ok.status).toBe(201);
    const [row] = await t.db.query(`SELECT answers FROM survey_response WHERE survey_id = $1`, [surveyId]);
    expect(row.answers).toEqual({ photo: upload.body.id });

    const visitor = new TestClient(t.url);
    expect((await visitor.rawBytes('POST', surveyPath(org, activityId, '/images?filename=photo.jpg'), jpeg, { 'content-type': 'image/jpeg' })).status).toBe(401);
  });
});
