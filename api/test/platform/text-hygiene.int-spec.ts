import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { z } from 'zod';
import { isStorableText } from '@hamandishi/text';
import { ENDPOINT_METADATA, type EndpointSpec } from '../../src/common/http/endpoint.decorator';
import { DisplayNameDirectionControls1764700000000 } from '../../../migrations/1764700000000-DisplayNameDirectionControls';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan, thisJalaliYear } from '../factories/plan.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { buildConsultation, planner, publishEdition, blocksOf } from '../consultations/consultation-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

type Person = { client: TestClient; accountId: string };

// The two things PostgreSQL cannot store in text (it answered 500): NUL, and half of a UTF-16
// surrogate pair. JSON.parse accepts both as escapes, so they are sent as raw JSON escapes.
const BAD = [
  { name: 'NUL', json: 'a\\u0000b', url: 'a%00b' },
  { name: 'a lone high surrogate', json: 'a\\ud800b', url: 'a%ED%A0%80b' },
  { name: 'a lone low surrogate', json: 'a\\udc00b', url: 'a%ED%B0%80b' },
] as const;

/** The JSON text of `body` with the string `"@@"` replaced by the raw escape `bad`. */
const withBad = (body: unknown, bad: string) => JSON.stringify(body).replace('@@', bad);

describe('text hygiene: every text field refuses what PostgreSQL cannot store, before anything runs', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let admin: Person;
  let boss: Person;
  let moderator: Person;
  let citizen: Person;
  let planId: string;
  let problemId: string;
  let commentId: string;
  let consultationCommentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    admin = await personWithRoles(t, org, ['admin'], 'مدیر سامانه');
    boss = await planner(t, org);
    moderator = await personWithRoles(t, org, ['moderator'], 'ناظر');
    citizen = await personWithRoles(t, org, ['citizen'], 'مریم شهروند');
    ({ id: planId } = await buildPlan(t.db, org.id));

    const collection = await buildProblemCollection(t.db, org.id);
    ({ id: problemId } = await buildProblem(t.db, {
      ...collection,
      organizationId: org.id,
      themeId: org.themeIds[0],
      districtId: org.districtIds[0],
    }));
    const posted = await citizen.client.post(`/api/orgs/${org.slug}/comments`, {
      targetType: 'problem',
      targetId: problemId,
      body: 'این چاله خطرناک است.',
    });
    expect(posted.status).toBe(201);
    commentId = posted.body.id;

    const { activityId } = await buildConsultation(t.db, org.id);
    const view = await publishEdition(boss.client, org.slug, activityId, 'سند', [
      { kind: 'paragraph', text: 'بند نخست سند.' },
    ]);
    const onParagraph = await citizen.client.post(`/api/orgs/${org.slug}/comments`, {
      targetType: 'paragraph',
      targetId: blocksOf(view)[0].id,
      body: 'موافقم.',
    });
    expect(onParagraph.status).toBe(201);
    consultationCommentId = onParagraph.body.id;
  });
  afterAll(() => t.close());

  type Case = {
    operation: string;
    who: () => Person | TestClient;
    method: 'POST' | 'PATCH' | 'PUT';
    path: () => string;
    body: () => Record<string, unknown>;
    field: string;
    /** What the operation would change; it must read the same before and after. */
    state: () => Promise<unknown>;
  };
  const rows =
    (sql: string, params: unknown[] = []) =>
    () =>
      t.db.query(sql, params);
  const auditCount = () => rows(`SELECT count(*)::int AS n FROM audit_entry WHERE organization_id = $1`, [org.id])();

  const writes: Case[] = [
    {
      operation: 'edit one’s display name',
      who: () => citizen,
      method: 'PATCH',
      path: () => '/api/me',
      body: () => ({ displayName: '@@' }),
      field: 'displayName',
      state: () => rows(`SELECT display_name FROM account WHERE id = $1`, [citizen.accountId])(),
    },
    {
      operation: 'sign up with a display name',
      who: () => new TestClient(t.url),
      method: 'POST',
      path: () => '/api/auth/email/sign-up',
      body: () => ({ email: 'hygiene@example.com', password: 'a-long-password', displayName: '@@' }),
      field: 'displayName',
      state: rows(`SELECT count(*)::int AS n FROM account WHERE email = 'hygiene@example.com'`),
    },
    {
      operation: 'create a plan (title)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/plans`,
      body: () => {
        const y = thisJalaliYear();
        return {
          title: { fa: '@@' },
          kind: 'strategic_operational',
          strategicHorizon: { from: y - 1, to: y + 8 },
          operationalHorizon: { from: y - 1, to: y + 3 },
        };
      },
      field: 'title.fa',
      state: () => rows(`SELECT count(*)::int AS n FROM plan WHERE organization_id = $1`, [org.id])(),
    },
    {
      operation: 'edit a plan (English title)',
      who: () => boss,
      method: 'PATCH',
      path: () => `/api/orgs/${org.slug}/plans/${planId}`,
      body: () => ({ title: { fa: 'برنامه', en: '@@' } }),
      field: 'title.en',
      state: () => rows(`SELECT title FROM plan WHERE id = $1`, [planId])(),
    },
    {
      operation: 'add a stage (title)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/plans/${planId}/stages`,
      body: () => ({ title: { fa: '@@' }, startsOn: '2026-01-01', endsOn: '2026-02-01' }),
      field: 'title.fa',
      state: () => rows(`SELECT count(*)::int AS n FROM stage WHERE plan_id = $1`, [planId])(),
    },
    {
      operation: 'record a plan revision (summary)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/plans/${planId}/revisions`,
      body: () => ({ year: thisJalaliYear(), summary: '@@' }),
      field: 'summary',
      state: () => rows(`SELECT count(*)::int AS n FROM plan_revision WHERE plan_id = $1`, [planId])(),
    },
    {
      operation: 'change a plan’s status (note)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/plans/${planId}/status`,
      body: () => ({ status: 'council_review', note: '@@' }),
      field: 'note',
      state: () => rows(`SELECT status FROM plan WHERE id = $1`, [planId])(),
    },
    {
      operation: 'block a member (reason)',
      who: () => moderator,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/members/${citizen.accountId}/block`,
      body: () => ({ reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT count(*)::int AS n FROM member_block WHERE organization_id = $1`, [org.id])(),
    },
    {
      operation: 'hide a comment (reason)',
      who: () => moderator,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/comments/${commentId}/hide`,
      body: () => ({ reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT is_hidden, hidden_reason FROM comment WHERE id = $1`, [commentId])(),
    },
    {
      operation: 'restore a comment (reason)',
      who: () => moderator,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/comments/${commentId}/restore`,
      body: () => ({ reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT is_hidden, hidden_reason FROM comment WHERE id = $1`, [commentId])(),
    },
    {
      operation: 'record a comment’s outcome (reason)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/comments/${consultationCommentId}/outcome`,
      body: () => ({ outcome: 'incorporated', reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT outcome, outcome_reason FROM comment WHERE id = $1`, [consultationCommentId])(),
    },
    {
      operation: 'change a problem’s status (reason)',
      who: () => boss,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/problems/${problemId}/status`,
      body: () => ({ status: 'out_of_scope', reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT status, status_reason FROM problem WHERE id = $1`, [problemId])(),
    },
    {
      operation: 'hide a problem (reason)',
      who: () => moderator,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/problems/${problemId}/hide`,
      body: () => ({ reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT is_hidden FROM problem WHERE id = $1`, [problemId])(),
    },
    {
      operation: 'restore a problem (reason)',
      who: () => moderator,
      method: 'POST',
      path: () => `/api/orgs/${org.slug}/problems/${problemId}/restore`,
      body: () => ({ reason: '@@' }),
      field: 'reason',
      state: () => rows(`SELECT is_hidden FROM problem WHERE id = $1`, [problemId])(),
    },
  ];

  const clientOf = (who: Person | TestClient) => (who instanceof TestClient ? who : who.client);

  describe.each(BAD)('with $name in the text', (bad) => {
    it.each(writes.map((c) => [c.operation, c] as const))(
      '%s: 400 naming the field, nothing changed',
      async (_name, c) => {
        const before = await c.state();
        const audited = await auditCount();
        const res = await clientOf(c.who()).raw(c.method, c.path(), withBad(c.body(), bad.json));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('common.validation_failed');
        expect(res.body.fields).toMatchObject({ [c.field]: 'invalid_characters' });
        // The answer never echoes the bad text back.
        expect(res.text).not.toMatch(/\\u0000|\\ud[89ab]|\\udc/i);
        expect(await c.state()).toEqual(before);
        expect(await auditCount()).toEqual(audited);
      },
    );

    it('filters the audit log: 400 naming the filter', async () => {
      for (const name of ['entityType', 'cursor']) {
        const res = await admin.client.get(`/api/orgs/${org.slug}/audit?${name}=${bad.url}`);
        expect(res.status).toBe(400);
        expect(res.body.fields).toMatchObject({ [name]: 'invalid_characters' });
      }
    });

    it('filters the development outbox: 400 naming the filter', async () => {
      const res = await new TestClient(t.url).get(`/api/dev/outbox?recipient=${bad.url}`);
      expect(res.status).toBe(400);
      expect(res.body.fields).toMatchObject({ recipient: 'invalid_characters' });
    });

    it('searches problems and comments by query strings: 400, never 500', async () => {
      for (const path of [
        `/api/orgs/${org.slug}/problems?q=${bad.url}`,
        `/api/orgs/${org.slug}/problems/similar?title=${bad.url}`,
        `/api/orgs/${org.slug}/comments?targetType=problem&targetId=${problemId}&cursor=${bad.url}`,
      ]) {
        const res = await citizen.client.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
      }
    });

    it('takes route parameters that are not checked by a schema: 400, never 500', async () => {
      for (const [method, path] of [
        ['GET', `/api/orgs/${bad.url}`],
        ['GET', `/api/orgs/${bad.url}/plans`],
        ['GET', `/api/orgs/${org.slug}/problems/${bad.url}`],
        ['PUT', `/api/orgs/${org.slug}/follows/${bad.url}/${problemId}`],
        ['GET', `/api/orgs/${org.slug}/attachments/${bad.url}`],
      ]) {
        const res = await citizen.client.request(method, path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 400,
          code: 'common.validation_failed',
        });
      }
    });
  });

  describe('direction controls', () => {
    const RLO = '\u202e';
    it.each([
      ['U+202E (right-to-left override)', `مریم${RLO}gnp.exe`],
      ['U+2066 (left-to-right isolate)', `مریم\u2066x`],
      ['U+200F (right-to-left mark)', `مریم\u200f`],
    ])('refuses a display name carrying %s, and keeps the old one', async (_name, displayName) => {
      const [before] = await t.db.query(`SELECT display_name FROM account WHERE id = $1`, [citizen.accountId]);
      const res = await citizen.client.patch('/api/me', { displayName });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ displayName: 'invalid_characters' });
      const [after] = await t.db.query(`SELECT display_name FROM account WHERE id = $1`, [citizen.accountId]);
      expect(after).toEqual(before);
    });

    it('refuses a display name with an override at sign-up', async () => {
      const res = await new TestClient(t.url).post('/api/auth/email/sign-up', {
        email: 'rlo@example.com',
        password: 'a-long-password',
        displayName: `admin${RLO}nimda`,
      });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ displayName: 'invalid_characters' });
    });

    it('refuses an override in a plan title', async () => {
      const res = await boss.client.patch(`/api/orgs/${org.slug}/plans/${planId}`, { title: { fa: `برنامه${RLO}` } });
      expect(res.status).toBe(400);
      expect(res.body.fields).toEqual({ 'title.fa': 'invalid_characters' });
    });

    it('normalises a display name as the other text fields: Arabic ي/ك, tatweel and spaces; ZWNJ kept', async () => {
      const res = await citizen.client.patch('/api/me', { displayName: '  علي   كاظمی‌پور  ' });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('علی کاظمی‌پور');
    });

    it('strips direction controls from long free text rather than refusing it', async () => {
      const res = await boss.client.post(`/api/orgs/${org.slug}/plans/${planId}/revisions`, {
        year: thisJalaliYear(),
        summary: `بازنگری\u202b سالانه\u202c با\u200f تغییرات`,
      });
      expect(res.status).toBe(201);
      const [row] = await t.db.query(`SELECT summary FROM plan_revision WHERE plan_id = $1`, [planId]);
      expect(row.summary).toBe('بازنگری سالانه با تغییرات');
    });
  });

  describe('display names stored before the fix', () => {
    it('lose their direction controls in the migration; other names stay as they were', async () => {
      const account = async (email: string, displayName: string): Promise<string> => {
        const [row] = await t.db.query(`INSERT INTO account (email, display_name) VALUES ($1, $2) RETURNING id`, [
          email,
          displayName,
        ]);
        return row.id;
      };
      const disguised = await account('old1@example.com', 'admin\u202enimda\u2066x\u2069');
      const onlyControls = await account('old2@example.com', '\u202e\u202e');
      const plain = await account('old3@example.com', 'زهرا می‌خواهد');
      const runner = t.db.createQueryRunner();
      try {
        await new DisplayNameDirectionControls1764700000000().up(runner);
      } finally {
        await runner.release();
      }
      const nameOf = async (id: string) =>
        (await t.db.query(`SELECT display_name FROM account WHERE id = $1`, [id]))[0].display_name;
      expect(await nameOf(disguised)).toBe('adminnimdax');
      expect(await nameOf(onlyControls)).toBe('—');
      expect(await nameOf(plain)).toBe('زهرا می‌خواهد');
    });
  });

  describe('every request schema', () => {
    it('puts each of its text fields through the shared text hygiene', () => {
      const discovery = t.app.get(DiscoveryService);
      const scanner = t.app.get(MetadataScanner);
      const reflector = t.app.get(Reflector);
      const unguarded: string[] = [];
      for (const { instance, metatype } of discovery.getControllers()) {
        if (!instance || !metatype) continue;
        const prototype = Object.getPrototypeOf(instance);
        for (const name of scanner.getAllMethodNames(prototype)) {
          const spec = reflector.get<EndpointSpec | undefined>(ENDPOINT_METADATA, prototype[name]);
          for (const part of ['body', 'query'] as const) {
            const schema = spec?.[part];
            if (schema) unguarded.push(...unguardedStrings(schema, `${metatype.name}.${name} ${part}`));
          }
        }
      }
      expect(unguarded).toEqual([]);
    });
  });
});

type Def = { type: string; [key: string]: unknown };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Whether a schema takes a string on its way in (a string, or a pipe that starts with one). */
function takesString(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'string') return true;
  if (def.type === 'pipe') return takesString(def.in as z.ZodType);
  return false;
}

/**
 * The text fields of a schema that accept NUL or a lone surrogate: each string is tried with
 * both; it must refuse them with something other than a length error, or clean them out.
 */
function unguardedStrings(schema: z.ZodType, at: string): string[] {
  const def = defOf(schema);
  if (takesString(schema)) {
    for (const probe of ['ab\u0000cd', 'ab\ud800cd', 'ab\udc00cd']) {
      const result = schema.safeParse(probe.padEnd(8, 'x'));
      if (result.success) {
        if (typeof result.data === 'string' && !isStorableText(result.data)) return [at];
        continue;
      }
      if (result.error.issues.every((i) => i.code === 'too_small' || i.code === 'too_big')) return [at];
    }
    return [];
  }
  const walk = (inner: unknown, where: string) => unguardedStrings(inner as z.ZodType, where);
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => walk(v, `${at}.${k}`));
    case 'array':
      return walk(def.element, `${at}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return walk(def.innerType, at);
    case 'pipe':
      return [...walk(def.in, at), ...walk(def.out, at)];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o, i) => walk(o, `${at}|${i}`));
    case 'intersection':
      return [...walk(def.left, at), ...walk(def.right, at)];
    case 'record':
      return [...walk(def.keyType, `${at}{key}`), ...walk(def.valueType, `${at}{}`)];
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((o, i) => walk(o, `${at}[${i}]`));
    case 'lazy':
      return walk((def.getter as () => z.ZodType)(), at);
    default:
      return [];
  }
}
