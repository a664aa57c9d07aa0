import { randomUUID } from 'node:crypto';
import { COMMENT_EDIT_MINUTES } from '@hamandishi/contracts';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { newSignedInPerson } from '../identity/identity-helpers';
import { personWithRoles } from '../plans/plan-helpers';
import { connectSocket, nextEvent, type TestSocket } from '../support/socket';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildProblem, commentCountOf, registerProblemTarget } from './comment-helpers';

type Person = { client: TestClient; accountId: string };

describe('comments', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let otherOrg: BuiltOrganization;
  let citizen: Person;
  let neighbour: Person;
  let planner: Person;
  let problemId: string;
  const closed = new Set<string>();
  const sockets: TestSocket[] = [];

  const path = (slug = org.slug) => `/api/orgs/${slug}/comments`;
  const listOf = (client: TestClient, targetId: string, extra = '', slug = org.slug) =>
    client.get(`${path(slug)}?targetType=problem&targetId=${targetId}${extra}`);
  const post = (p: Person, body: Record<string, unknown>, targetId = problemId) =>
    p.client.post(path(), { targetType: 'problem', targetId, ...body });

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    otherOrg = await buildOrganization(t.db);
    registerProblemTarget(t, closed);
    ({ id: problemId } = await buildProblem(t, org));
    citizen = await personWithRoles(t, org, ['citizen'], 'مریم');
    neighbour = await personWithRoles(t, org, ['citizen'], 'علی');
    planner = await personWithRoles(t, org, ['planner'], 'کارشناس شهرداری');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  describe('threads', () => {
    it('nests replies three levels deep and refuses a fourth', async () => {
      const { id: problem } = await buildProblem(t, org);
      const top = await post(citizen, { body: 'پیاده‌رو خراب است', alignment: 'agree' }, problem);
      expect(top.status).toBe(201);
      expect(top.body).toMatchObject({ depth: 0, parentId: null, author: { id: citizen.accountId, displayName: 'مریم' }, alignment: 'agree', canEdit: true });
      const reply = await post(planner, { body: 'پیگیری می‌کنیم', parentId: top.body.id }, problem);
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ depth: 1, parentId: top.body.id, authorCapacity: 'planner' });
      const third = await post(citizen, { body: 'ممنون', parentId: reply.body.id }, problem);
      expect(third.body.depth).toBe(2);

      const fourth = await post(neighbour, { body: 'من هم', parentId: third.body.id }, problem);
      expect(fourth.status).toBe(400);
      expect(fourth.body.code).toBe('comments.too_deep');

      const page = await listOf(new TestClient(t.url), problem);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ threadCount: 1, commentCount: 3 });
      expect(page.body.items).toHaveLength(1);
      const [thread] = page.body.items;
      expect(thread.id).toBe(top.body.id);
      expect(thread.replies.map((r: { id: string }) => r.id)).toEqual([reply.body.id]);
      expect(thread.replies[0].replies.map((r: { id: string }) => r.id)).toEqual([third.body.id]);
      expect(await commentCountOf(t, problem)).toBe(3);
    });

    it('pages top-level comments by keyset, oldest, newest or top first, each with its replies', async () => {
      const { id: problem } = await buildProblem(t, org);
      const ids: string[] = [];
      for (const body of ['اول', 'دوم', 'سوم']) ids.push((await post(citizen, { body }, problem)).body.id);
      await post(neighbour, { body: 'پاسخ به دوم', parentId: ids[1] }, problem);
      expect((await neighbour.client.post(`${path()}/${ids[2]}/vote`, { value: 1 })).status).toBe(200);

      const first = await listOf(citizen.client, problem, '&limit=2');
      expect(first.body.items.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
      expect(first.body.items[1].replies).toHaveLength(1);
      expect(first.body).toMatchObject({ threadCount: 3, commentCount: 4 });
      const second = await listOf(citizen.client, problem, `&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
      expect(second.body.nextCursor).toBeNull();

      const newest = await listOf(citizen.client, problem, '&order=newest&limit=2');
      expect(newest.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
      const newestNext = await listOf(citizen.client, problem, `&order=newest&limit=2&cursor=${newest.body.nextCursor}`);
      expect(newestNext.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);

      const top = await listOf(citizen.client, problem, '&order=top&limit=1');
      expect(top.body.items[0].id).toBe(ids[2]);
      const topNext = await listOf(citizen.client, problem, `&order=top&limit=5&cursor=${top.body.nextCursor}`);
      expect(topNext.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[1]]);

      // a cursor of another order or garbage is refused
      expect((await listOf(citizen.client, problem, `&order=newest&cursor=${first.body.nextCursor}`)).status).toBe(400);
      expect((await listOf(citizen.client, problem, '&cursor=nonsense')).status).toBe(400);
    });

    it('refuses a parent that belongs to another target', async () => {
      const { id: other } = await buildProblem(t, org);
      const elsewhere = await post(citizen, { body: 'جای دیگر' }, other);
      const res = await post(citizen, { body: 'پاسخ', parentId: elsewhere.body.id });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('comments.parent_not_found');
      const missing = await post(citizen, { body: 'پاسخ', parentId: randomUUID() });
      expect(missing.body.code).toBe('comments.parent_not_found');
    });

    it('answers 404 for a target that does not exist or is not registered', async () => {
      const res = await post(citizen, { body: 'سلام' }, randomUUID());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('comments.target_not_found');
      const unregistered = await citizen.client.post(path(), { targetType: 'project', targetId: problemId, body: 'سلام' });
      expect(unregistered.status).toBe(404);
      expect((await listOf(new TestClient(t.url), randomUUID())).status).toBe(404);
    });

    it('needs a signed-in member to post, but anyone may read', async () => {
      const anonymous = new TestClient(t.url);
      expect((await anonymous.post(path(), { targetType: 'problem', targetId: problemId, body: 'سلام' })).status).toBe(401);
      const stranger = await newSignedInPerson(t.url);
      const res = await stranger.client.post(path(), { targetType: 'problem', targetId: problemId, body: 'سلام' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('identity.not_a_member');
      await post(citizen, { body: 'خواندنی برای همه' });
      const page = await listOf(anonymous, problemId);
      expect(page.status).toBe(200);
      expect(page.body.items.every((c: { myVote: number; canEdit: boolean }) => c.myVote === 0 && !c.canEdit)).toBe(true);
    });

    it('refuses comments while the target is closed', async () => {
      const { id: problem } = await buildProblem(t, org);
      const before = await post(citizen, { body: 'قبل از بسته شدن' }, problem);
      closed.add(problem);
      const res = await post(citizen, { body: 'بعد از بسته شدن' }, problem);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('plans.activity_closed');
      expect((await citizen.client.patch(`${path()}/${before.body.id}`, { body: 'ویرایش' })).body.code).toBe('plans.activity_closed');
      expect(await commentCountOf(t, problem)).toBe(1);
    });
  });

  describe('text', () => {
    it('stores normalised Persian and shows only the safe markdown subset', async () => {
      const body = 'خيابان كثيف است <script>alert(1)</script> **مهم** [نقشه](https://map.ir/x) [بد](javascript:alert(1)) <img src=x onerror=alert(1)>';
      const res = await post(citizen, { body });
      expect(res.status).toBe(201);
      expect(res.body.body).toContain('خیابان کثیف');
      expect(res.body.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body.bodyHtml).toContain('<strong>مهم</strong>');
      expect(res.body.bodyHtml).toContain('<a href="https://map.ir/x" rel="nofollow ugc noopener" target="_blank">نقشه</a>');
      expect(res.body.bodyHtml).not.toMatch(/<script|<img|href="javascript/i);
      const [stored] = await t.db.query(`SELECT body FROM comment WHERE id = $1`, [res.body.id]);
      expect(stored.body).toBe(res.body.body);
    });

    it('rejects an empty or oversized body', async () => {
      expect((await post(citizen, { body: '   ' })).status).toBe(400);
      expect((await post(citizen, { body: 'ا'.repeat(5001) })).status).toBe(400);
    });
  });

  describe('editing', () => {
    it('lets the author edit within the window, and nobody else', async () => {
      const created = await post(citizen, { body: 'نسخه اول', alignment: 'neutral' });
      const edited = await citizen.client.patch(`${path()}/${created.body.id}`, { body: 'نسخه **دوم**' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ body: 'نسخه **دوم**', isEdited: true, alignment: 'neutral', canEdit: true });
      expect(edited.body.bodyHtml).toBe('<p>نسخه <strong>دوم</strong></p>');

      const other = await neighbour.client.patch(`${path()}/${created.body.id}`, { body: 'دستکاری' });
      expect(other.status).toBe(403);
      expect(other.body.code).toBe('comments.not_author');
    });

    it(`closes the window ${COMMENT_EDIT_MINUTES} minutes after posting`, async () => {
      const created = await post(citizen, { body: 'قدیمی' });
      await t.db.query(`UPDATE comment SET created_at = now() - make_interval(mins => $2) WHERE id = $1`, [created.body.id, COMMENT_EDIT_MINUTES + 1]);
      const res = await citizen.client.patch(`${path()}/${created.body.id}`, { body: 'دیر' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('comments.edit_window_closed');
      const page = await listOf(citizen.client, problemId, '&limit=100');
      expect(page.body.items.find((c: { id: string }) => c.id === created.body.id)).toMatchObject({ body: 'قدیمی', canEdit: false, isEdited: false });
    });
  });

  describe('votes', () => {
    it('counts exactly under concurrency: 20 people at once', async () => {
      const { body: comment } = await post(citizen, { body: 'رأی بدهید' });
      const voters = await Promise.all(Array.from({ length: 20 }, () => personWithRoles(t, org, ['citizen'], 'رأی‌دهنده')));
      const results = await Promise.all(
        voters.map((v, i) => v.client.post(`${path()}/${comment.id}/vote`, { value: i < 13 ? 1 : -1 })),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const [row] = await t.db.query(
        `SELECT upvotes, downvotes, (SELECT count(*)::int FROM comment_vote WHERE comment_id = $1) AS votes FROM comment WHERE id = $1`,
        [comment.id],
      );
      expect(row).toEqual({ upvotes: 13, downvotes: 7, votes: 20 });

      // everyone changes their mind at once: up becomes down, down is withdrawn
      await Promise.all(voters.map((v, i) => v.client.post(`${path()}/${comment.id}/vote`, { value: i < 13 ? -1 : 0 })));
      const [after] = await t.db.query(`SELECT upvotes, downvotes FROM comment WHERE id = $1`, [comment.id]);
      expect(after).toEqual({ upvotes: 0, downvotes: 13 });
    });

    it('keeps one vote per person, even sent twice at once, and shows it as myVote', async () => {
      const { body: comment } = await post(citizen, { body: 'یک رأی' });
      const twice = await Promise.all([0, 1, 2].map(() => neighbour.client.post(`${path()}/${comment.id}/vote`, { value: 1 })));
      expect(twice.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(twice.map((r) => r.body.myVote)).toEqual([1, 1, 1]);
      const [row] = await t.db.query(`SELECT upvotes, downvotes FROM comment WHERE id = $1`, [comment.id]);
      expect(row).toEqual({ upvotes: 1, downvotes: 0 });

      const page = await listOf(neighbour.client, problemId, '&limit=100');
      expect(page.body.items.find((c: { id: string }) => c.id === comment.id)).toMatchObject({ myVote: 1, upvotes: 1 });
      const down = await neighbour.client.post(`${path()}/${comment.id}/vote`, { value: -1 });
      expect(down.body).toMatchObject({ myVote: -1, upvotes: 0, downvotes: 1 });
      const withdrawn = await neighbour.client.post(`${path()}/${comment.id}/vote`, { value: 0 });
      expect(withdrawn.body).toMatchObject({ myVote: 0, upvotes: 0, downvotes: 0 });
      expect((await neighbour.client.post(`${path()}/${comment.id}/vote`, { value: 2 })).status).toBe(400);
    });
  });

  describe('official answer', () => {
    it('a planner marks an answer official; others may not', async () => {
      const question = await post(citizen, { body: 'کی درست می‌شود؟' });
      const answer = await post(planner, { body: 'تا پایان ماه', parentId: question.body.id });
      const refused = await citizen.client.post(`${path()}/${answer.body.id}/official`, {});
      expect(refused.status).toBe(403);
      const marked = await planner.client.post(`${path()}/${answer.body.id}/official`, {});
      expect(marked.status).toBe(200);
      expect(marked.body.isOfficial).toBe(true);
      const page = await listOf(new TestClient(t.url), problemId, '&limit=100');
      const thread = page.body.items.find((c: { id: string }) => c.id === question.body.id);
      expect(thread.replies[0]).toMatchObject({ id: answer.body.id, isOfficial: true, authorCapacity: 'planner' });
      const unmarked = await planner.client.post(`${path()}/${answer.body.id}/official`, { isOfficial: false });
      expect(unmarked.body.isOfficial).toBe(false);
      const audit = await t.db.query(`SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY created_at`, [answer.body.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['comment.marked_official', 'comment.unmarked_official']);
    });
  });

  describe('tenancy', () => {
    it("another municipality's comment is not found through another slug", async () => {
      const { body: comment } = await post(citizen, { body: 'مال این شهر' });
      const outsider = await personWithRoles(t, otherOrg, ['citizen', 'moderator', 'planner'], 'بیرونی');
      const slug = otherOrg.slug;
      for (const res of [
        await outsider.client.patch(`${path(slug)}/${comment.id}`, { body: 'x' }),
        await outsider.client.post(`${path(slug)}/${comment.id}/vote`, { value: 1 }),
        await outsider.client.post(`${path(slug)}/${comment.id}/report`, { reason: 'spam' }),
        await outsider.client.post(`${path(slug)}/${comment.id}/hide`, { reason: 'بی‌دلیل' }),
        await outsider.client.post(`${path(slug)}/${comment.id}/official`, {}),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('comments.not_found');
      }
      expect((await listOf(outsider.client, problemId, '', slug)).body.code).toBe('comments.target_not_found');
      expect((await outsider.client.post(path(slug), { targetType: 'problem', targetId: problemId, body: 'x' })).status).toBe(404);
      expect((await outsider.client.patch(`${path(slug)}/not-a-uuid`, { body: 'x' })).status).toBe(404);
      const [row] = await t.db.query(`SELECT upvotes, is_hidden FROM comment WHERE id = $1`, [comment.id]);
      expect(row).toEqual({ upvotes: 0, is_hidden: false });
    });
  });

  describe('blocked members', () => {
    it('cannot comment or vote', async () => {
      const troll = await personWithRoles(t, org, ['citizen'], 'مزاحم');
      const { body: comment } = await post(troll, { body: 'پیش از مسدود شدن' });
      await t.db.query(`INSERT INTO member_block (organization_id, account_id, reason) VALUES ($1, $2, 'توهین مکرر')`, [org.id, troll.accountId]);
      const res = await post(troll, { body: 'باز هم' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('moderation.blocked');
      expect((await troll.client.patch(`${path()}/${comment.id}`, { body: 'x' })).body.code).toBe('moderation.blocked');
      expect((await troll.client.post(`${path()}/${comment.id}/vote`, { value: 1 })).body.code).toBe('moderation.blocked');
    });
  });

  describe('live updates', () => {
    it('tells the watchers of a thread when a comment is posted, edited or voted', async () => {
      const { id: problem } = await buildProblem(t, org);
      const socket = await connectSocket(t.url);
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.emit('comments.watch', { targetType: 'problem', targetId: problem }, () => resolve()));
      const created = nextEvent(socket, 'comment.changed');
      const { body: comment } = await post(citizen, { body: 'زنده' }, problem);
      expect(await created).toEqual({ targetType: 'problem', targetId: problem, commentId: comment.id, change: 'created' });
      const edited = nextEvent(socket, 'comment.changed');
      await citizen.client.patch(`${path()}/${comment.id}`, { body: 'زنده‌تر' });
      expect((await edited).change).toBe('edited');
      const voted = nextEvent(socket, 'comment.changed');
      await neighbour.client.post(`${path()}/${comment.id}/vote`, { value: 1 });
      expect((await voted).change).toBe('voted');
    });
  });
});

describe('comment flood', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_FACTOR: '1' });
    registerProblemTarget(t, new Set());
  });
  afterAll(() => t.close());

  it('stops one person posting more than 10 comments a minute', async () => {
    const org = await buildOrganization(t.db);
    const { id: problemId } = await buildProblem(t, org);
    const person = await personWithRoles(t, org, ['citizen']);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await person.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: problemId, body: `نظر ${i}` })).status);
    }
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
  });
});
