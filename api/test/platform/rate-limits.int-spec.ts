import { randomUUID } from 'node:crypto';
import { AttachmentsService } from '../../src/modules/attachments/attachments.service';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblemCollection } from '../factories/problem.factory';
import { buildProblem, registerProblemTarget } from '../comments/comment-helpers';
import { lastCode, newMobile } from '../identity/identity-helpers';
import { personWithRoles } from '../plans/plan-helpers';
import { jpegWithGps, problemBody } from '../problems/problem-helpers';
import { MINIMAL_PDF } from '../attachments/files';
import { blocksOf, buildConsultation, planner, publishEdition } from '../consultations/consultation-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

/** Dozens of sign-ups per story take a while on a busy machine. */
const MANY_SIGN_UPS_MS = 180_000;

/** Requests as if from another network address (the app trusts X-Forwarded-For here, as behind Caddy). */
const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });

/**
 * The first `limit` went through and the rest were refused. The sliding estimate may let one or
 * two more through when a window boundary falls in the middle of the burst, never fewer.
 */
function expectCutOffAfter(statuses: number[], limit: number, ok: number): void {
  expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(ok));
  const firstRefused = statuses.indexOf(429);
  expect(firstRefused).toBeGreaterThanOrEqual(limit);
  expect(firstRefused).toBeLessThanOrEqual(limit + 2);
  expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
}

/** One citizen signing up by SMS code from `address`; the status of the final step. */
async function signUpFrom(t: TestApp, address: string): Promise<number> {
  const client = new TestClient(t.url);
  const mobile = newMobile();
  const requested = await client.post('/api/auth/code', { mobile }, from(address));
  if (requested.status !== 200) return requested.status;
  const code = await lastCode(client, mobile);
  return (await client.post('/api/auth/code/verify', { mobile, code, displayName: 'شهروند' }, from(address))).status;
}

describe('sign-up limits per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1', TRUST_PROXY: 'true', CODE_RESEND_SECONDS: '0' });
  });
  afterAll(() => t.close());

  it(
    'lets 30 citizens on one Wi-Fi sign up within ten minutes at a think-tank session',
    async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push(await signUpFrom(t, '198.51.100.30'));
      expect(statuses).toEqual(Array(30).fill(200));
    },
    MANY_SIGN_UPS_MS,
  );

  it(
    'cuts off a flood of sign-ups from one address, and only that address',
    async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push(await signUpFrom(t, '203.0.113.99'));
      const firstRefused = statuses.indexOf(429);
      // 40 fit; the sliding estimate may let one or two more through if a window boundary falls mid-flood
      expect(firstRefused).toBeGreaterThanOrEqual(40);
      expect(firstRefused).toBeLessThanOrEqual(43);
      expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
      expect(await signUpFrom(t, '203.0.113.100')).toBe(200);
    },
    MANY_SIGN_UPS_MS,
  );

  it(
    'counts every address of an IPv6 /64 as one',
    async () => {
      const statuses: number[] = [];
      for (let i = 1; i <= 45; i++)
        statuses.push(await signUpFrom(t, `2001:db8:42:1:${i.toString(16)}::${i.toString(16)}`));
      expect(statuses.indexOf(429)).toBeGreaterThanOrEqual(40);
      expect(statuses.slice(43)).toEqual(Array(2).fill(429));
      expect(await signUpFrom(t, '2001:db8:42:2::1')).toBe(200);
    },
    MANY_SIGN_UPS_MS,
  );

  it('counts one sign-up once in each of its windows, even where a 10-minute and an hourly window start together', async () => {
    expect(await signUpFrom(t, '192.0.2.77')).toBe(200);
    const rows: { hits: number }[] = await t.db.query(
      `SELECT hits FROM rate_limit_counter WHERE bucket LIKE 'sign-up:address/%:192.0.2.77'`,
    );
    // Three windows (10 minutes, an hour, a day), one row each, one hit each; at the top of an
    // hour the 10-minute and hourly windows used to share a row and count the hit twice.
    expect(rows).toEqual([{ hits: 1 }, { hits: 1 }, { hits: 1 }]);
  });
});

describe('a platform-wide sign-up budget', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A tenth of every number: 4 sign-ups per address in 10 minutes, 60 platform-wide an hour.
    t = await startTestApp({ RATE_LIMIT_FACTOR: '0.1', TRUST_PROXY: 'true', CODE_RESEND_SECONDS: '0' });
  });
  afterAll(() => t.close());

  it(
    'stops many addresses together once the budget is spent',
    async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 64; i++) statuses.push(await signUpFrom(t, `198.18.${Math.floor(i / 4)}.${i % 4}`));
      expectCutOffAfter(statuses, 60, 200);
    },
    MANY_SIGN_UPS_MS,
  );
});

describe('per-account limits on what people post', () => {
  let t: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1' });
    org = await buildOrganization(t.db);
    registerProblemTarget(t, new Set());
  });
  afterAll(() => t.close());

  it('stops one account uploading a burst of problem photos; another account is unaffected', async () => {
    const flooder = await personWithRoles(t, org, ['citizen'], 'پرکار');
    const other = await personWithRoles(t, org, ['citizen'], 'دیگری');
    const jpeg = await jpegWithGps(64, 64);
    const upload = (client: TestClient) =>
      client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, jpeg, { 'content-type': 'image/jpeg' });
    const statuses: number[] = [];
    for (let i = 0; i < 19; i++) statuses.push((await upload(flooder.client)).status);
    expectCutOffAfter(statuses, 15, 201);
    const refused = await upload(flooder.client);
    expect(refused.body.code).toBe('common.rate_limited');
    expect((await upload(other.client)).status).toBe(201);
  });

  it('stops one account filing a burst of problems; another account is unaffected', async () => {
    const { activityId } = await buildProblemCollection(t.db, org.id);
    const flooder = await personWithRoles(t, org, ['citizen'], 'پرکار');
    const other = await personWithRoles(t, org, ['citizen'], 'دیگری');
    const submit = (client: TestClient, i: number) =>
      client.post(
        `/api/orgs/${org.slug}/activities/${activityId}/problems`,
        problemBody(org, { title: `چاله شماره ${i} در خیابان` }),
      );
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await submit(flooder.client, i)).status);
    expectCutOffAfter(statuses, 5, 201);
    expect((await submit(other.client, 99)).status).toBe(201);
  });

  it('stops one account posting a burst of comments; another account is unaffected', async () => {
    const { id: problemId } = await buildProblem(t, org);
    const flooder = await personWithRoles(t, org, ['citizen'], 'پرکار');
    const other = await personWithRoles(t, org, ['citizen'], 'دیگری');
    const comment = (client: TestClient, i: number) =>
      client.post(`/api/orgs/${org.slug}/comments`, {
        targetType: 'problem',
        targetId: problemId,
        body: `نظر شماره ${i}`,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await comment(flooder.client, i)).status);
    expectCutOffAfter(statuses, 10, 201);
    expect((await comment(other.client, 99)).status).toBe(201);
  });

  it('stops one account uploading a burst of attachments; another account is unaffected', async () => {
    const planId = randomUUID();
    t.app.get(AttachmentsService).registerOwner('plan', { exists: async (_o: string, id: string) => id === planId });
    const flooder = await personWithRoles(t, org, ['planner'], 'برنامه‌ریز پرکار');
    const other = await personWithRoles(t, org, ['planner'], 'برنامه‌ریز دیگر');
    const upload = (client: TestClient, i: number) =>
      client.rawBytes(
        'POST',
        `/api/orgs/${org.slug}/attachments?ownerType=plan&ownerId=${planId}&filename=doc-${i}.pdf`,
        MINIMAL_PDF,
        {
          'content-type': 'application/pdf',
        },
      );
    const statuses: number[] = [];
    for (let i = 0; i < 34; i++) statuses.push((await upload(flooder.client, i)).status);
    expectCutOffAfter(statuses, 30, 201);
    expect((await upload(other.client, 99)).status).toBe(201);
  });

  it('stops one account proposing a burst of amendments; another account is unaffected', async () => {
    const { activityId } = await buildConsultation(t.db, org.id);
    const boss = await planner(t, org);
    const text = 'ترافیک خیابان چهارباغ در ساعات اوج شدید است.';
    const view = await publishEdition(boss.client, org.slug, activityId, 'گزارش', [{ kind: 'paragraph', text }]);
    const blockId = blocksOf(view).find((b: { text: string }) => b.text === text)!.id;
    const flooder = await personWithRoles(t, org, ['citizen'], 'پرکار');
    const other = await personWithRoles(t, org, ['citizen'], 'دیگری');
    const propose = (client: TestClient, i: number) =>
      client.post(`/api/orgs/${org.slug}/consultations/${activityId}/amendments`, {
        blockId,
        proposedText: `ترافیک سنگین ${i}`,
        reason: 'دقیق‌تر است',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await propose(flooder.client, i)).status);
    expectCutOffAfter(statuses, 10, 201);
    expect((await propose(other.client, 99)).status).toBe(201);
  });
});
