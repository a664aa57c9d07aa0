import { randomUUID } from 'node:crypto';
import type { TBoardAck, TBoardCommand, TBoardJoinAck, TBoardUpdate } from '@hamandishi/contracts';
import { JobsService } from '../../src/jobs/jobs.service';
import { OpinionService } from '../../src/modules/thinktank/opinion/opinion.service';
import { buildBoardSession, buildMembers, buildStatements, checkInToSession, inviteToSession } from '../factories/board.factory';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { grantRoles, newSignedInPerson } from '../identity/identity-helpers';
import { makeJobsDue } from '../support/jobs';
import { connectSocket, type TestSocket } from '../support/socket';
import type { TestClient } from '../support/test-client';
import { startTestApp, type TestApp } from '../support/test-app';

type Person = { client: TestClient; accountId: string; socket: TestSocket };

const cookieOf = (client: TestClient) => `hm_session=${client.cookies.get('hm_session')}`;

/** Collects every board update a socket receives, to wait for one that matches. */
function recorder(socket: TestSocket) {
  const seen: TBoardUpdate[] = [];
  const waiters: { match: (u: TBoardUpdate) => boolean; resolve: (u: TBoardUpdate) => void }[] = [];
  socket.on('board.update', (update) => {
    seen.push(update);
    for (const w of [...waiters]) {
      if (!w.match(update)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(update);
    }
  });
  return {
    seen,
    next(match: (u: TBoardUpdate) => boolean, ms = 5000): Promise<TBoardUpdate> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching board update')), ms);
        waiters.push({ match, resolve: (u) => (clearTimeout(timer), resolve(u)) });
      });
    },
  };
}

const join = (socket: TestSocket, sessionId: string) => socket.emitWithAck('board.join', { sessionId }) as Promise<TBoardJoinAck>;
const send = (socket: TestSocket, sessionId: string, command: TBoardCommand) =>
  socket.emitWithAck('board.command', { sessionId, command }) as Promise<TBoardAck>;

describe('think-tank live board', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  const sockets: TestSocket[] = [];

  async function person(roles: string[] = ['citizen']): Promise<Person> {
    const { client, accountId } = await newSignedInPerson(t.url);
    await grantRoles(t.db, org.id, accountId, roles);
    const socket = await connectSocket(t.url, cookieOf(client));
    sockets.push(socket);
    return { client, accountId, socket };
  }

  /** Participants are those invited who said yes (or who were checked in). */
  const invite = (sessionId: string, ...people: Person[]) => inviteToSession(t.db, org.id, sessionId, people.map((p) => p.accountId));

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('carries posts, up-votes, opinion votes, clusters and polls live between participants and the facilitator', async () => {
    const facilitator = await person();
    const ali = await person();
    const sara = await person();
    const session = await buildBoardSession(t.db, org.id, { facilitatorId: facilitator.accountId, boardStatus: 'not_started' });
    await invite(session.id, ali, sara);

    const joined = await join(facilitator.socket, session.id);
    expect(joined).toMatchObject({ ok: true, state: { role: 'facilitator', boardStatus: 'not_started', statements: [] } });
    expect(await join(ali.socket, session.id)).toMatchObject({ ok: true, state: { role: 'participant' } });
    expect(await join(sara.socket, session.id)).toMatchObject({ ok: true });
    const saraSees = recorder(sara.socket);
    const aliSees = recorder(ali.socket);
    const facilitatorSees = recorder(facilitator.socket);

    // Before the facilitator opens the board nothing can be posted.
    expect(await send(ali.socket, session.id, { type: 'post', id: randomUUID(), text: 'قبل از شروع' })).toEqual({ ok: false, code: 'board.not_open' });
    // A participant cannot open it.
    expect(await send(ali.socket, session.id, { type: 'status', status: 'open' })).toEqual({ ok: false, code: 'board.facilitator_only' });
    expect(await send(facilitator.socket, session.id, { type: 'status', status: 'open' })).toEqual({ ok: true });
    await saraSees.next((u) => u.kind === 'status' && u.boardStatus === 'open');

    const id = randomUUID();
    const posted = await send(ali.socket, session.id, { type: 'post', id, text: '  خطوط اتوبوس  شبانه  لازم است ' });
    expect(posted).toMatchObject({ ok: true, statement: { id, text: 'خطوط اتوبوس شبانه لازم است', upvoteCount: 0, authorId: ali.accountId } });
    await expect(saraSees.next((u) => u.kind === 'statement' && u.statement.id === id)).resolves.toMatchObject({ statement: { text: 'خطوط اتوبوس شبانه لازم است' } });
    await facilitatorSees.next((u) => u.kind === 'statement' && u.statement.id === id);

    expect(await send(sara.socket, session.id, { type: 'upvote', statementId: id, on: true })).toMatchObject({ ok: true, statement: { upvoteCount: 1 } });
    // Up-voting twice counts once.
    expect(await send(sara.socket, session.id, { type: 'upvote', statementId: id, on: true })).toMatchObject({ ok: true, statement: { upvoteCount: 1 } });
    await aliSees.next((u) => u.kind === 'statement' && u.statement.id === id && u.statement.upvoteCount === 1);
    expect(await send(sara.socket, session.id, { type: 'vote', statementId: id, vote: 'agree' })).toEqual({ ok: true });
    expect(await send(sara.socket, session.id, { type: 'vote', statementId: id, vote: 'maybe' } as never)).toMatchObject({
      ok: false,
      code: 'board.invalid_command',
      fields: { vote: expect.any(String) },
    });

    // The facilitator groups the statement: a cluster, then the statement moved into it.
    const created = await send(facilitator.socket, session.id, { type: 'cluster.create', label: 'حمل‌ونقل' });
    if (!created.ok || !created.cluster) throw new Error('cluster not created');
    await saraSees.next((u) => u.kind === 'cluster' && u.cluster.id === created.cluster!.id);
    expect(await send(facilitator.socket, session.id, { type: 'assign', statementId: id, clusterId: created.cluster.id })).toMatchObject({
      ok: true,
      statement: { clusterId: created.cluster.id },
    });
    await saraSees.next((u) => u.kind === 'statement' && u.statement.clusterId === created.cluster!.id);
    expect(await send(facilitator.socket, session.id, { type: 'assign', statementId: id, clusterId: randomUUID() })).toEqual({ ok: false, code: 'board.cluster_not_found' });
    expect(await send(facilitator.socket, session.id, { type: 'pin', statementId: id, on: true })).toMatchObject({ ok: true, statement: { isPinned: true } });

    // A quick poll with live counts and a timer.
    const poll = await send(facilitator.socket, session.id, { type: 'poll.start', question: 'اولویت اول؟', options: ['اتوبوس', 'مترو'], seconds: 60 });
    if (!poll.ok || !poll.poll) throw new Error('poll not started');
    expect(poll.poll).toMatchObject({ counts: [0, 0], isClosed: false });
    expect(await send(ali.socket, session.id, { type: 'poll.answer', pollId: poll.poll.id, option: 1 })).toMatchObject({ ok: true, poll: { counts: [0, 1] } });
    await saraSees.next((u) => u.kind === 'poll' && u.poll.counts[1] === 1);
    expect(await send(ali.socket, session.id, { type: 'poll.answer', pollId: poll.poll.id, option: 5 })).toEqual({ ok: false, code: 'board.poll_option_invalid' });
    await send(facilitator.socket, session.id, { type: 'poll.close', pollId: poll.poll.id });
    expect(await send(sara.socket, session.id, { type: 'poll.answer', pollId: poll.poll.id, option: 0 })).toEqual({ ok: false, code: 'board.poll_closed' });
    await aliSees.next((u) => u.kind === 'poll' && u.poll.isClosed);
  });

  it('keeps one statement when a post is retried with the same id, and refuses an id someone else used', async () => {
    const ali = await person();
    const sara = await person();
    const session = await buildBoardSession(t.db, org.id);
    await invite(session.id, ali, sara);
    await join(ali.socket, session.id);
    await join(sara.socket, session.id);
    const id = randomUUID();
    const first = await send(ali.socket, session.id, { type: 'post', id, text: 'پیاده‌راه کنار رودخانه' });
    const again = await send(ali.socket, session.id, { type: 'post', id, text: 'پیاده‌راه کنار رودخانه' });
    expect(first).toMatchObject({ ok: true, statement: { id } });
    expect(again).toMatchObject({ ok: true, duplicate: true, statement: { id, text: 'پیاده‌راه کنار رودخانه' } });
    // The same post twice at once (a reconnecting client and its retry) is still one statement.
    const twin = randomUUID();
    await Promise.all([1, 2].map(() => send(ali.socket, session.id, { type: 'post', id: twin, text: 'دوچرخه' })));
    expect(await send(sara.socket, session.id, { type: 'post', id, text: 'دزدیدن شناسه' })).toEqual({ ok: false, code: 'board.statement_id_taken' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM thinktank_statement WHERE session_id = $1`, [session.id]);
    expect(count).toBe(2);
  });

  it('lets in only the facilitator, staff, those invited who said yes and those checked in', async () => {
    const facilitator = await person();
    const planner = await person(['planner']);
    const yes = await person();
    const present = await person();
    const [uninvited, declined, waiting, pending] = [await person(), await person(), await person(), await person()];
    const session = await buildBoardSession(t.db, org.id, { facilitatorId: facilitator.accountId });
    await invite(session.id, yes);
    await inviteToSession(t.db, org.id, session.id, [declined.accountId], 'no');
    await inviteToSession(t.db, org.id, session.id, [waiting.accountId], 'waiting');
    await inviteToSession(t.db, org.id, session.id, [pending.accountId], 'pending');
    await checkInToSession(t.db, org.id, session.id, [present.accountId]);

    expect(await join(facilitator.socket, session.id)).toMatchObject({ ok: true, state: { role: 'facilitator' } });
    expect(await join(planner.socket, session.id)).toMatchObject({ ok: true, state: { role: 'facilitator' } });
    expect(await join(yes.socket, session.id)).toMatchObject({ ok: true, state: { role: 'participant' } });
    expect(await join(present.socket, session.id)).toMatchObject({ ok: true, state: { role: 'participant' } });
    // A member of the municipality who was not invited, or who declined, waits or has not answered: refused.
    for (const refused of [uninvited, declined, waiting, pending]) {
      expect(await join(refused.socket, session.id)).toEqual({ ok: false, code: 'board.forbidden' });
      expect(await send(refused.socket, session.id, { type: 'post', id: randomUUID(), text: 'بی‌دعوت' })).toEqual({ ok: false, code: 'board.forbidden' });
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM thinktank_statement WHERE session_id = $1`, [session.id]);
    expect(count).toBe(0);
    // Once checked in at the door, the one who had not answered takes part.
    await checkInToSession(t.db, org.id, session.id, [pending.accountId]);
    expect(await join(pending.socket, session.id)).toMatchObject({ ok: true, state: { role: 'participant' } });
  });

  it('gives a reconnecting client the full current state, its own votes included', async () => {
    const ali = await person();
    const sara = await person();
    const session = await buildBoardSession(t.db, org.id);
    await invite(session.id, ali, sara);
    await join(ali.socket, session.id);
    await join(sara.socket, session.id);
    const mine = randomUUID();
    await send(ali.socket, session.id, { type: 'post', id: mine, text: 'فضای سبز محله' });
    await send(ali.socket, session.id, { type: 'vote', statementId: mine, vote: 'disagree' });
    ali.socket.disconnect();
    // While Ali is away, Sara posts and up-votes.
    const hers = randomUUID();
    await send(sara.socket, session.id, { type: 'post', id: hers, text: 'پارکینگ طبقاتی' });
    await send(sara.socket, session.id, { type: 'upvote', statementId: mine, on: true });

    const back = await connectSocket(t.url, cookieOf(ali.client));
    sockets.push(back);
    const started = performance.now();
    const rejoined = await join(back, session.id);
    const elapsed = performance.now() - started;
    if (!rejoined.ok) throw new Error(rejoined.code);
    expect(rejoined.state.statements.map((s) => s.id)).toEqual([mine, hers]);
    expect(rejoined.state.statements[0].upvoteCount).toBe(1);
    expect(rejoined.state.myVotes).toEqual({ [mine]: 'disagree' });
    expect(rejoined.state.myUpvotes).toEqual([]);
    expect(elapsed).toBeLessThan(2000);
  });

  it('refuses flooding: at most six statements a minute per person, the seventh changes nothing', async () => {
    const ali = await person();
    const session = await buildBoardSession(t.db, org.id);
    await invite(session.id, ali);
    await join(ali.socket, session.id);
    for (let i = 0; i < 6; i++) expect(await send(ali.socket, session.id, { type: 'post', id: randomUUID(), text: `نظر ${i}` })).toMatchObject({ ok: true });
    expect(await send(ali.socket, session.id, { type: 'post', id: randomUUID(), text: 'نظر هفتم' })).toEqual({ ok: false, code: 'board.rate_limited' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM thinktank_statement WHERE session_id = $1`, [session.id]);
    expect(count).toBe(6);
    // A minute later, posting works again.
    await t.db.query(`UPDATE thinktank_statement SET created_at = created_at - interval '61 seconds' WHERE session_id = $1`, [session.id]);
    expect(await send(ali.socket, session.id, { type: 'post', id: randomUUID(), text: 'نظر هفتم' })).toMatchObject({ ok: true });
  });

  it('refuses posts and votes once the facilitator closed the board', async () => {
    const facilitator = await person(['planner']);
    const ali = await person();
    const session = await buildBoardSession(t.db, org.id);
    await invite(session.id, ali);
    expect((await join(facilitator.socket, session.id)) as { state: { role: string } }).toMatchObject({ state: { role: 'facilitator' } });
    await join(ali.socket, session.id);
    const id = randomUUID();
    await send(ali.socket, session.id, { type: 'post', id, text: 'ایستگاه دوچرخه' });
    expect(await send(facilitator.socket, session.id, { type: 'status', status: 'closed' })).toEqual({ ok: true });
    expect(await send(ali.socket, session.id, { type: 'post', id: randomUUID(), text: 'دیر رسیدم' })).toEqual({ ok: false, code: 'board.closed' });
    expect(await send(ali.socket, session.id, { type: 'vote', statementId: id, vote: 'agree' })).toEqual({ ok: false, code: 'board.closed' });
    expect(await send(ali.socket, session.id, { type: 'upvote', statementId: id, on: true })).toEqual({ ok: false, code: 'board.closed' });
    // A retry of a post that was stored before the close is still acknowledged: nothing is lost.
    expect(await send(ali.socket, session.id, { type: 'post', id, text: 'ایستگاه دوچرخه' })).toMatchObject({ ok: true, duplicate: true });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM thinktank_statement WHERE session_id = $1`, [session.id]);
    expect(count).toBe(1);
    const audit = await t.db.query(`SELECT action FROM audit_entry WHERE entity_id = $1`, [session.id]);
    expect(audit).toEqual([{ action: 'thinktank_board.closed' }]);
  });

  it('hides statements from participants and refuses votes on them', async () => {
    const facilitator = await person(['planner']);
    const ali = await person();
    const session = await buildBoardSession(t.db, org.id);
    await invite(session.id, ali);
    await join(facilitator.socket, session.id);
    await join(ali.socket, session.id);
    const aliSees = recorder(ali.socket);
    const id = randomUUID();
    await send(ali.socket, session.id, { type: 'post', id, text: 'متن توهین‌آمیز' });
    expect(await send(facilitator.socket, session.id, { type: 'hide', statementId: id, on: true })).toMatchObject({ ok: true, statement: { isHidden: true } });
    await aliSees.next((u) => u.kind === 'statement_removed' && u.statementId === id);
    expect(await send(ali.socket, session.id, { type: 'vote', statementId: id, vote: 'agree' })).toEqual({ ok: false, code: 'board.statement_hidden' });
    expect(await send(ali.socket, session.id, { type: 'upvote', statementId: id, on: true })).toEqual({ ok: false, code: 'board.statement_hidden' });
    expect(await send(ali.socket, session.id, { type: 'vote', statementId: randomUUID(), vote: 'agree' })).toEqual({ ok: false, code: 'board.statement_not_found' });
    const participantView = await join(ali.socket, session.id);
    const facilitatorView = await join(facilitator.socket, session.id);
    expect(participantView.ok && participantView.state.statements).toEqual([]);
    expect(facilitatorView.ok && facilitatorView.state.statements.map((s) => s.isHidden)).toEqual([true]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM thinktank_opinion_vote WHERE statement_id = $1`, [id]);
    expect(count).toBe(0);
  });

  it('lets only members of the municipality join, and never another municipality’s board', async () => {
    const other = await buildOrganization(t.db);
    const foreignSession = await buildBoardSession(t.db, other.id);
    const ali = await person();
    expect(await join(ali.socket, foreignSession.id)).toEqual({ ok: false, code: 'board.forbidden' });
    expect(await send(ali.socket, foreignSession.id, { type: 'post', id: randomUUID(), text: 'نفوذ' })).toEqual({ ok: false, code: 'board.forbidden' });
    expect(await join(ali.socket, randomUUID())).toEqual({ ok: false, code: 'board.session_not_found' });
    const anonymous = await connectSocket(t.url);
    sockets.push(anonymous);
    expect(await join(anonymous, foreignSession.id)).toEqual({ ok: false, code: 'identity.unauthenticated' });
    // Over HTTP, the other municipality's session is not found under this one's address.
    const res = await ali.client.get(`/api/orgs/${org.slug}/sessions/${foreignSession.id}/board`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('board.session_not_found');
  });

  it('suggests groups of similar statements from their Persian-normalised text', async () => {
    const facilitator = await person(['planner']);
    const session = await buildBoardSession(t.db, org.id);
    const [a, b, c] = await buildStatements(t.db, org.id, session.id, facilitator.accountId, [
      'افزایش خطوط اتوبوس شبانه',
      'افزايش خطوط اتوبوس در شب', // Arabic ي, as typed on some keyboards
      'کاشت درخت در پارک محله',
    ]);
    // The factory stores text as is; the key is what the service would store.
    await t.db.query(`UPDATE thinktank_statement SET text_key = replace(text, 'ي', 'ی') WHERE session_id = $1`, [session.id]);
    await join(facilitator.socket, session.id);
    const answer = await send(facilitator.socket, session.id, { type: 'suggest' });
    if (!answer.ok) throw new Error(answer.code);
    expect(answer.suggestions).toHaveLength(1);
    expect(answer.suggestions![0].statementIds.sort()).toEqual([a, b].sort());
    expect(answer.suggestions![0].statementIds).not.toContain(c);
    expect(answer.suggestions![0].label).toMatch(/اتوبوس|افزایش|خطوط/);
    // Accepting it makes a cluster with both statements.
    const made = await send(facilitator.socket, session.id, { type: 'cluster.create', label: answer.suggestions![0].label, statementIds: [a, b] });
    expect(made).toMatchObject({ ok: true });
    const grouped = await t.db.query(`SELECT count(*)::int AS n FROM thinktank_statement WHERE session_id = $1 AND cluster_id IS NOT NULL`, [session.id]);
    expect(grouped[0].n).toBe(2);
  });
});

describe('opinion groups of a session', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  it('recovers two planted groups and the planted consensus statements, computed by the job and pushed to the board', async () => {
    const facilitator = await newSignedInPerson(t.url);
    await grantRoles(t.db, org.id, facilitator.accountId, ['planner']);
    const session = await buildBoardSession(t.db, org.id, { facilitatorId: facilitator.accountId });
    const members = await buildMembers(t.db, org.id, 24);
    const statements = await buildStatements(
      t.db,
      org.id,
      session.id,
      members[0],
      Array.from({ length: 12 }, (_, i) => `گزاره ${i}`),
    );
    // Camp A (members 0–11) agrees with statements 0–4 and disagrees with 5–9; camp B the opposite;
    // everyone agrees with 10 and 11. A few votes are missing, deterministically.
    const votes: [string, string, number][] = [];
    members.forEach((member, p) => {
      const camp = p < 12 ? 1 : -1;
      statements.forEach((statement, s) => {
        if ((p * 7 + s * 3) % 11 === 0) return;
        votes.push([member, statement, s < 5 ? camp : s < 10 ? -camp : 1]);
      });
    });
    await t.db.query(
      `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote)
       SELECT $1, $2, v.statement_id, v.account_id, v.vote
       FROM unnest($3::uuid[], $4::uuid[], $5::smallint[]) AS v(account_id, statement_id, vote)`,
      [org.id, session.id, votes.map((v) => v[0]), votes.map((v) => v[1]), votes.map((v) => v[2])],
    );

    const socket = await connectSocket(t.url, cookieOf(facilitator.client));
    const joined = await join(socket, session.id);
    expect(joined.ok && joined.state.opinion).toEqual({ status: 'not_computed' });
    const pushed = new Promise<TBoardUpdate>((resolve) => socket.on('board.update', (u) => u.kind === 'opinion' && resolve(u)));

    await t.app.get(OpinionService).requestComputation(org.id, session.id);
    await makeJobsDue(t.db, 'thinktank.opinion', { sessionId: session.id });
    await t.app.get(JobsService).drain();

    const update = await pushed;
    if (update.kind !== 'opinion' || update.opinion.status !== 'ready') throw new Error('expected opinion groups');
    const opinion = update.opinion;
    expect(opinion.groups.map((g) => g.size).sort()).toEqual([12, 12]);
    const consensus = opinion.consensus.filter((c) => c.direction === 'agree').map((c) => c.statementId);
    expect(consensus.slice(0, 2).sort()).toEqual([statements[10], statements[11]].sort());
    for (const group of opinion.groups) {
      expect(group.representative.length).toBeGreaterThan(0);
      for (const r of group.representative) expect(statements.indexOf(r.statementId)).toBeLessThan(10);
    }
    // Who is in which group is stored: members of one camp share a label.
    const [row] = await t.db.query(`SELECT member_groups FROM thinktank_opinion_result WHERE session_id = $1`, [session.id]);
    const labelsA = new Set(members.slice(0, 12).map((m) => row.member_groups[m]));
    const labelsB = new Set(members.slice(12).map((m) => row.member_groups[m]));
    expect(labelsA.size).toBe(1);
    expect(labelsB.size).toBe(1);
    expect([...labelsA][0]).not.toBe([...labelsB][0]);

    // Recomputing keeps the labels.
    const again = await t.app.get(OpinionService).compute(org.id, session.id);
    if (again.status !== 'ready') throw new Error('expected opinion groups');
    const [after] = await t.db.query(`SELECT member_groups FROM thinktank_opinion_result WHERE session_id = $1`, [session.id]);
    expect(after.member_groups).toEqual(row.member_groups);
    socket.close();
  });

  it('says "not enough votes yet" for one participant or one statement', async () => {
    const session = await buildBoardSession(t.db, org.id);
    const [member, ...others] = await buildMembers(t.db, org.id, 5);
    const statements = await buildStatements(t.db, org.id, session.id, member, ['یک', 'دو', 'سه']);
    await t.db.query(
      `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote) SELECT $1, $2, unnest($3::uuid[]), $4, 1`,
      [org.id, session.id, statements, member],
    );
    expect(await t.app.get(OpinionService).compute(org.id, session.id)).toMatchObject({ status: 'not_enough_votes', participants: 1 });
    // Five people, one statement.
    const single = await buildBoardSession(t.db, org.id);
    const [only] = await buildStatements(t.db, org.id, single.id, member, ['تنها گزاره']);
    await t.db.query(
      `INSERT INTO thinktank_opinion_vote (organization_id, session_id, statement_id, account_id, vote) SELECT $1, $2, $3, unnest($4::uuid[]), 1`,
      [org.id, single.id, only, [member, ...others]],
    );
    expect(await t.app.get(OpinionService).compute(org.id, single.id)).toMatchObject({ status: 'not_enough_votes', statements: 1 });
  });
});
