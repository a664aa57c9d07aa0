import { storeChunksByCopy } from '../../src/common/export/export-chunks';
import { buildOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { startTestApp, type TestApp } from '../support/test-app';

describe('storeChunksByCopy (an export file stored through one binary COPY)', () => {
  let app: TestApp;
  let exportId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const org = await buildOrganization(app.db);
    const plan = await buildPlan(app.db, org.id);
    const [planner] = await app.db.query(`INSERT INTO account (display_name, locale, mobile) VALUES ('برنامه‌ریز', 'fa', '+989120000777') RETURNING id`);
    [{ id: exportId }] = await app.db.query(
      `INSERT INTO demand_export (organization_id, plan_id, requested_by, format, locale, filter) VALUES ($1, $2, $3, 'csv', 'fa', $4) RETURNING id`,
      [org.id, plan.id, planner.id, JSON.stringify({ planId: plan.id })],
    );
  });
  afterAll(() => app.close());

  const stored = async () =>
    (await app.db.query(`SELECT seq, convert_from(data, 'UTF8') AS text FROM demand_export_chunk WHERE export_id = $1 ORDER BY seq`, [exportId])) as {
      seq: number;
      text: string;
    }[];

  it('stores two parts written side by side as chunks in their numbers, whole', async () => {
    const bytes = await storeChunksByCopy(app.db, 'demand_export_chunk', exportId, 10, async (chunks) => {
      const first = chunks.part(0);
      const second = chunks.part(1000);
      await Promise.all([
        (async () => {
          for (const piece of ['سلام، ', 'این بخش ', 'اول است.']) await first.write(Buffer.from(piece));
        })(),
        (async () => {
          for (const piece of ['second ', 'part']) await second.write(Buffer.from(piece));
        })(),
      ]);
      return first.bytes + second.bytes;
    });
    expect(bytes).toBe(Buffer.byteLength('سلام، این بخش اول است.second part'));
    const chunks = await stored();
    // Chunks of at least 10 bytes here: each piece closes one; what is left goes when the COPY ends.
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2, 1000]);
    expect(chunks.filter((c) => c.seq < 1000).map((c) => c.text).join('')).toBe('سلام، این بخش اول است.');
    expect(chunks.filter((c) => c.seq >= 1000).map((c) => c.text).join('')).toBe('second part');
  });

  it('stores nothing of a file whose writing failed half-way', async () => {
    await app.db.query(`DELETE FROM demand_export_chunk WHERE export_id = $1`, [exportId]);
    const failing = storeChunksByCopy(app.db, 'demand_export_chunk', exportId, 10, async (chunks) => {
      const part = chunks.part(0);
      for (let i = 0; i < 50; i++) await part.write(Buffer.from(`line ${i}\n`));
      throw new Error('the export failed');
    });
    await expect(failing).rejects.toThrow('the export failed');
    expect(await stored()).toEqual([]);
  });
});
