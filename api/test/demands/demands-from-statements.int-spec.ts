import { buildBoardSession, buildStatements } from '../factories/board.factory';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildStakeholder } from '../thinktank/thinktank-helpers';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

type Person = { client: TestClient; accountId: string };

describe('demands from think-tank statements', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: Person;
  let otherPlanner: Person;
  let expert: Person;
  let ngoMember: Person;

  const demandsOf = async (client: TestClient, slug: string, planId: string) =>
    client.get(`/api/orgs/${slug}/demands?planId=${planId}&sourceKinds=thinktank_statement`);

  beforeAll(async () => {
    app = await startTestApp();
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner']);
    otherPlanner = await personWithRoles(app, other, ['planner']);
    expert = await personWithRoles(app, org, ['expert'], 'کارشناس');
    ngoMember = await personWithRoles(app, org, ['ngo'], 'نماینده انجمن');
    await buildStakeholder(app, org.id, 'انجمن دوچرخه‌سواران', 'ngo', [ngoMember.accountId]);
  }, 60_000);
  afterAll(() => app.close());

  it('makes one demand per statement in the session’s plan and stage, with its author’s capacity, up-votes as weight, kept when hidden or deleted', async () => {
    const session = await buildBoardSession(app.db, org.id, { facilitatorId: planner.accountId, boardStatus: 'open' });
    const [byExpert] = await buildStatements(app.db, org.id, session.id, expert.accountId, ['مسیر دوچرخه تا دانشگاه لازم است']);
    const [byNgo] = await buildStatements(app.db, org.id, session.id, ngoMember.accountId, ['پارکینگ دوچرخه کنار ایستگاه مترو']);

    const list = await demandsOf(planner.client, org.slug, session.planId);
    expect(list.status).toBe(200);
    const byText = new Map(list.body.items.map((d: { text: string }) => [d.text, d]));
    expect(byText.get('مسیر دوچرخه تا دانشگاه لازم است')).toMatchObject({ sourceKind: 'thinktank_statement', capacity: 'expert' });
    expect(byText.get('پارکینگ دوچرخه کنار ایستگاه مترو')).toMatchObject({ sourceKind: 'thinktank_statement', capacity: 'ngo' });
    const [row] = await app.db.query(`SELECT stage_id AS "stageId", source_state AS "state" FROM demand WHERE source_id = $1`, [byExpert]);
    expect(row).toEqual({ stageId: session.stageId, state: 'live' });

    // Up-votes move the weight; hiding marks the demand; deleting keeps it, marked.
    await app.db.query(`UPDATE thinktank_statement SET upvote_count = 4 WHERE id = $1`, [byExpert]);
    await app.db.query(`UPDATE thinktank_statement SET is_hidden = true WHERE id = $1`, [byNgo]);
    const states = async () =>
      Object.fromEntries(
        (await app.db.query(`SELECT source_id AS id, source_state AS state, weight FROM demand WHERE source_id = ANY($1)`, [[byExpert, byNgo]])).map(
          (r: { id: string; state: string; weight: number }) => [r.id, { state: r.state, weight: r.weight }],
        ),
      );
    expect(await states()).toEqual({ [byExpert]: { state: 'live', weight: 4 }, [byNgo]: { state: 'hidden', weight: 0 } });
    await app.db.query(`DELETE FROM thinktank_statement WHERE id = $1`, [byExpert]);
    expect((await states())[byExpert]).toEqual({ state: 'deleted', weight: 4 });

    // Another municipality's planner sees none of them.
    const foreign = await demandsOf(otherPlanner.client, org.slug, session.planId);
    expect(foreign.status).toBeGreaterThanOrEqual(403);
    expect(JSON.stringify(foreign.body)).not.toContain('دوچرخه');
  });

  it('the catch-up brings back a statement whose demand went missing', async () => {
    const session = await buildBoardSession(app.db, org.id, { facilitatorId: planner.accountId, boardStatus: 'open' });
    const [id] = await buildStatements(app.db, org.id, session.id, expert.accountId, ['نیمکت بیشتر در پارک']);
    await app.db.query(`DELETE FROM demand WHERE source_id = $1`, [id]);
    await app.db.query(`SELECT demands_catch_up($1)`, [org.id]);
    const [row] = await app.db.query(`SELECT text, source_kind AS kind FROM demand WHERE source_id = $1`, [id]);
    expect(row).toEqual({ text: 'نیمکت بیشتر در پارک', kind: 'thinktank_statement' });
  });
});
