import { seedDemo } from '../../src/database/seed/demo-seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { countQueries } from '../support/query-counter';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildActivity, buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';

describe('the plan page', () => {
  let t: TestApp;
  let city: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  /** A plan with `stages` stages of `perStage` activities each. */
  async function planWith(stages: number, perStage: number): Promise<string> {
    const plan = await buildPlan(t.db, city.id);
    for (let i = 0; i < stages; i++) {
      const stage = await buildStage(t.db, city.id, plan.id, daysFromToday(i * 10), daysFromToday(i * 10 + 9));
      for (let j = 0; j < perStage; j++) await buildActivity(t.db, city.id, plan.id, stage.id);
    }
    return plan.id;
  }

  it('answers with a constant, small number of queries whatever the number of stages and activities', async () => {
    const small = await planWith(1, 4);
    const large = await planWith(10, 4);
    const client = new TestClient(t.url);
    await client.get(`/api/orgs/${city.slug}/plans/${small}`); // warm up (cookies, caches)

    let body: { stages: { activities: unknown[] }[] } = { stages: [] };
    const forSmall = await countQueries(() => client.get(`/api/orgs/${city.slug}/plans/${small}`));
    const forLarge = await countQueries(async () => {
      body = (await client.get(`/api/orgs/${city.slug}/plans/${large}`)).body;
    });
    expect(body.stages).toHaveLength(10);
    expect(body.stages.flatMap((s) => s.activities)).toHaveLength(40);
    expect(forLarge.length).toBe(forSmall.length);
    expect(forLarge.length).toBeLessThanOrEqual(14);
  });

  it('seeds the demo plan once, with its first phase open now', async () => {
    await seedDemo(t.databaseUrl);
    await seedDemo(t.databaseUrl);
    const client = new TestClient(t.url);
    const plans = (await client.get('/api/orgs/isfahan/plans')).body;
    expect(plans).toHaveLength(1);
    const page = (await client.get(`/api/orgs/isfahan/plans/${plans[0].id}`)).body;
    expect(page.title.fa).toBe('برنامه راهبردی-عملیاتی شهر اصفهان ۱۴۰۵');
    expect(page.stages.map((s: { status: string }) => s.status)).toEqual(['open', 'upcoming', 'upcoming']);
    expect(page.currentStageId).toBe(page.stages[0].id);
    expect(page.stages[0].activities.map((a: { type: string; isOpen: boolean }) => [a.type, a.isOpen])).toEqual([
      ['problem_collection', true],
      ['consultation', true],
    ]);
    expect(page.committees).toHaveLength(8);
    expect(page.committees.every((c: { secretary: unknown; themeIds: string[] }) => c.secretary && c.themeIds.length === 1)).toBe(true);
    expect(page.upstreamDocuments.map((d: { level: string }) => d.level)).toEqual(['national', 'provincial', 'local']);

    // The consultation has its report published, with a passage comment and a reply on it.
    const consultation = page.stages[0].activities.find((a: { type: string }) => a.type === 'consultation');
    const reading = (await client.get(`/api/orgs/isfahan/consultations/${consultation.id}`)).body;
    expect(reading.editions).toHaveLength(1);
    const blocks = reading.edition.sections.flatMap((s: { blocks: { commentCount: number }[] }) => s.blocks);
    expect(reading.edition.sections).toHaveLength(4);
    expect(blocks.reduce((sum: number, b: { commentCount: number }) => sum + b.commentCount, 0)).toBe(2);
  });
});
