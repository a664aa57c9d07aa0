import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { connectSocket, nextEvent, type TestSocket } from '../support/socket';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildProblem, commentCountOf, registerProblemTarget } from './comment-helpers';

type Person = { client: TestClient; accountId: string };

describe('comment reports and moderation', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let otherOrg: BuiltOrganization;
  let author: Person;
  let reporter: Person;
  let moderator: Person;
  let problemId: string;
  const sockets: TestSocket[] = [];

  const path = (slug = org.slug) => `/api/orgs/${slug}/comments`;
  const queuePath = (query = '', slug = org.slug) => `/api/orgs/${slug}/moderation/comments${query}`;
  const post = async (p: Person, body: string, extra: Record<string, unknown> = {}) => {
    const res = await p.client.post(path(), { targetType: 'problem', targetId: problemId, body, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const shown = async (client: TestClient, id: string) => {
    const page = await client.get(`${path()}?targetType=problem&targetId=${problemId}&limit=100`);
    const all = page.body.items.flatMap((c: { replies: unknown[] }) => [c, ...c.replies]);
    return all.find((c: { id: string }) => c.id === id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    otherOrg = await buildOrganization(t.db);
    registerProblemTarget(t, new Set());
    ({ id: problemId } = await buildProblem(t, org));
    author = await personWithRoles(t, org, ['citizen'], 'نویسنده');
    reporter = await personWithRoles(t, org, ['citizen'], 'گزارش‌دهنده');
    moderator = await personWithRoles(t, org, ['moderator'], 'ناظر');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  describe('reports', () => {
    it('takes one report per person and refuses a repeat', async () => {
      const comment = await post(author, 'تبلیغ فروش خانه');
      const first = await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'spam', note: 'تبلیغ است' });
      expect(first.status).toBe(204);
      const again = await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'offensive' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('comments.already_reported');
      expect((await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'because' })).status).toBe(400);
      const rows = await t.db.query(`SELECT reason, note FROM comment_report WHERE comment_id = $1`, [comment.id]);
      expect(rows).toEqual([{ reason: 'spam', note: 'تبلیغ است' }]);
    });

    it('shows moderators the reported comments, latest report first, with counts, reasons and notes', async () => {
      const mild = await post(author, 'کمی تند');
      const bad = await post(author, 'خیلی بد');
      const others = await Promise.all([0, 1].map(() => personWithRoles(t, org, ['citizen'])));
      await reporter.client.post(`${path()}/${mild.id}/report`, { reason: 'offensive' });
      await others[0].client.post(`${path()}/${bad.id}/report`, { reason: 'offensive', note: 'توهین' });
      await others[1].client.post(`${path()}/${bad.id}/report`, { reason: 'personal_data' });

      const queue = await moderator.client.get(queuePath());
      expect(queue.status).toBe(200);
      const [latest, previous] = queue.body.items;
      expect(latest).toMatchObject({
        id: bad.id,
        body: 'خیلی بد',
        targetType: 'problem',
        targetId: problemId,
        reportCount: 2,
        reportReasons: ['offensive', 'personal_data'],
        reasonCounts: { offensive: 1, personal_data: 1 },
        reportNotes: ['توهین'],
      });
      expect(previous).toMatchObject({ id: mild.id, reportCount: 1, reportReasons: ['offensive'] });

      // keyset pages
      const first = await moderator.client.get(queuePath('?limit=1'));
      expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([bad.id]);
      const second = await moderator.client.get(queuePath(`?limit=1&cursor=${first.body.nextCursor}`));
      expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([mild.id]);

      // newest: every comment, reported or not
      const newest = await moderator.client.get(queuePath('?filter=newest&limit=2'));
      expect(newest.body.items.map((c: { id: string }) => c.id)).toEqual([bad.id, mild.id]);
      expect(newest.body.nextCursor).not.toBeNull();
    });

    it('keeps the queue to moderators of that municipality', async () => {
      expect((await author.client.get(queuePath())).status).toBe(403);
      expect((await new TestClient(t.url).get(queuePath())).status).toBe(401);
      const elsewhere = await personWithRoles(t, otherOrg, ['moderator']);
      const theirs = await elsewhere.client.get(queuePath('?filter=newest', otherOrg.slug));
      expect(theirs.status).toBe(200);
      expect(theirs.body.items).toEqual([]);
    });
  });

  describe('dismissing reports', () => {
    const dismiss = (p: Person, id: string, body: Record<string, unknown> = {}) => p.client.post(`${path()}/${id}/dismiss-reports`, body);

    it('keeps the comment, takes it out of the reported queue and records who dismissed what in the audit log', async () => {
      const comment = await post(author, 'نقد تند ولی مجاز');
      const second = await personWithRoles(t, org, ['citizen']);
      await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'offensive' });
      await second.client.post(`${path()}/${comment.id}/report`, { reason: 'spam' });
      const reported = async () => (await moderator.client.get(queuePath('?limit=100'))).body.items.map((c: { id: string }) => c.id);
      expect(await reported()).toContain(comment.id);

      expect((await dismiss(author, comment.id)).status).toBe(403);
      expect((await dismiss(moderator, comment.id, { reason: 'x'.repeat(1001) })).status).toBe(400);
      expect(await reported()).toContain(comment.id);

      const res = await dismiss(moderator, comment.id, { reason: 'نقد است، نه توهین' });
      expect(res.status).toBe(204);
      expect(await reported()).not.toContain(comment.id);
      expect(await shown(new TestClient(t.url), comment.id)).toMatchObject({ isHidden: false, body: 'نقد تند ولی مجاز' });
      const audit = await t.db.query(
        `SELECT action, actor_id AS "actorId", before, after FROM audit_entry WHERE entity_type = 'comment' AND entity_id = $1`,
        [comment.id],
      );
      expect(audit).toEqual([
        {
          action: 'comment.reports_dismissed',
          actorId: moderator.accountId,
          before: { reportCount: 2, reasonCounts: { offensive: 1, spam: 1 } },
          after: { reportCount: 0, reason: 'نقد است، نه توهین' },
        },
      ]);

      // nothing left to dismiss; a new report brings it back to the queue
      const again = await dismiss(moderator, comment.id);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('comments.no_reports');
      const third = await personWithRoles(t, org, ['citizen']);
      await third.client.post(`${path()}/${comment.id}/report`, { reason: 'spam' });
      expect(await reported()).toContain(comment.id);
    });

    it('answers 404 for a comment of another municipality or no comment at all', async () => {
      const elsewhere = await personWithRoles(t, otherOrg, ['moderator']);
      const comment = await post(author, 'گزارش‌شده');
      await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'spam' });
      const foreign = await elsewhere.client.post(`${path(otherOrg.slug)}/${comment.id}/dismiss-reports`, {});
      expect(foreign.status).toBe(404);
      expect((await dismiss(moderator, 'not-a-uuid')).status).toBe(404);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM comment_report WHERE comment_id = $1`, [comment.id]);
      expect(n).toBe(1);
    });
  });

  describe('hide and restore', () => {
    it('hides with a reason: the public sees a notice, moderators the text; history, audit and counter follow', async () => {
      const comment = await post(author, 'شماره تلفن همسایه: ۰۹۱۲۱۲۳۴۵۶۷');
      const reply = await post(reporter, 'این درست نیست', { parentId: comment.id });
      const countBefore = await commentCountOf(t, problemId);
      const socket = await connectSocket(t.url);
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.emit('comments.watch', { targetType: 'problem', targetId: problemId }, () => resolve()));

      expect((await author.client.post(`${path()}/${comment.id}/hide`, { reason: 'داده شخصی' })).status).toBe(403);
      const noReason = await moderator.client.post(`${path()}/${comment.id}/hide`, {});
      expect(noReason.status).toBe(400);
      expect(noReason.body.fields).toHaveProperty('reason');

      const event = nextEvent(socket, 'comment.changed');
      const hidden = await moderator.client.post(`${path()}/${comment.id}/hide`, { reason: 'داده شخصی' });
      expect(hidden.status).toBe(200);
      expect(hidden.body).toMatchObject({ isHidden: true, hiddenReason: 'داده شخصی', body: 'شماره تلفن همسایه: ۰۹۱۲۱۲۳۴۵۶۷' });
      expect(await event).toMatchObject({ commentId: comment.id, change: 'hidden' });
      expect(await commentCountOf(t, problemId)).toBe(countBefore - 1);

      // the public: the comment keeps its place (its reply stays) but shows no text
      const publicView = await shown(new TestClient(t.url), comment.id);
      expect(publicView).toMatchObject({ isHidden: true, body: null, bodyHtml: null, hiddenReason: null });
      expect(publicView.replies.map((r: { id: string }) => r.id)).toEqual([reply.id]);
      expect(await shown(author.client, comment.id)).toMatchObject({ body: null, canEdit: false });
      // moderators still read it
      expect(await shown(moderator.client, comment.id)).toMatchObject({ isHidden: true, body: 'شماره تلفن همسایه: ۰۹۱۲۱۲۳۴۵۶۷', hiddenReason: 'داده شخصی' });

      // a hidden comment takes no votes, edits or replies, and cannot be hidden twice
      expect((await reporter.client.post(`${path()}/${comment.id}/vote`, { value: 1 })).body.code).toBe('comments.hidden');
      expect((await author.client.patch(`${path()}/${comment.id}`, { body: 'دوباره' })).body.code).toBe('comments.hidden');
      expect((await reporter.client.post(path(), { targetType: 'problem', targetId: problemId, parentId: comment.id, body: 'x' })).body.code).toBe(
        'comments.hidden',
      );
      expect((await moderator.client.post(`${path()}/${comment.id}/hide`, { reason: 'دوباره' })).body.code).toBe('comments.already_hidden');

      const restoredEvent = nextEvent(socket, 'comment.changed');
      const restored = await moderator.client.post(`${path()}/${comment.id}/restore`, { reason: 'شماره را نویسنده اصلاح کرد' });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ isHidden: false, hiddenReason: null });
      expect((await restoredEvent).change).toBe('restored');
      expect(await shown(new TestClient(t.url), comment.id)).toMatchObject({ isHidden: false, body: 'شماره تلفن همسایه: ۰۹۱۲۱۲۳۴۵۶۷' });
      expect(await commentCountOf(t, problemId)).toBe(countBefore);
      expect((await moderator.client.post(`${path()}/${comment.id}/restore`, { reason: 'دوباره' })).body.code).toBe('comments.not_hidden');

      const history = await t.db.query(
        `SELECT action, reason, moderator_id AS "moderatorId" FROM comment_moderation WHERE comment_id = $1 ORDER BY created_at`,
        [comment.id],
      );
      expect(history).toEqual([
        { action: 'hide', reason: 'داده شخصی', moderatorId: moderator.accountId },
        { action: 'restore', reason: 'شماره را نویسنده اصلاح کرد', moderatorId: moderator.accountId },
      ]);
      const audit = await t.db.query(
        `SELECT action, actor_id AS "actorId", before, after FROM audit_entry WHERE entity_type = 'comment' AND entity_id = $1 ORDER BY created_at`,
        [comment.id],
      );
      expect(audit).toEqual([
        {
          action: 'comment.hidden',
          actorId: moderator.accountId,
          before: { isHidden: false, hiddenReason: null },
          after: { isHidden: true, hiddenReason: 'داده شخصی', reason: 'داده شخصی' },
        },
        {
          action: 'comment.restored',
          actorId: moderator.accountId,
          before: { isHidden: true, hiddenReason: 'داده شخصی' },
          after: { isHidden: false, hiddenReason: null, reason: 'شماره را نویسنده اصلاح کرد' },
        },
      ]);
    });

    it('takes a hidden comment out of the reported queue', async () => {
      const comment = await post(author, 'هرزنامه');
      await reporter.client.post(`${path()}/${comment.id}/report`, { reason: 'spam' });
      const ids = async () => (await moderator.client.get(queuePath('?limit=100'))).body.items.map((c: { id: string }) => c.id);
      expect(await ids()).toContain(comment.id);
      await moderator.client.post(`${path()}/${comment.id}/hide`, { reason: 'هرزنامه' });
      expect(await ids()).not.toContain(comment.id);
    });

    it('lets an admin moderate too', async () => {
      const admin = await personWithRoles(t, org, ['admin'], 'مدیر سامانه');
      const comment = await post(author, 'نظر');
      expect((await admin.client.post(`${path()}/${comment.id}/hide`, { reason: 'آزمایش مدیر' })).status).toBe(200);
      expect((await admin.client.get(queuePath())).status).toBe(200);
    });
  });
});
