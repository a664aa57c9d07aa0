import { performance } from 'node:perf_hooks';
import { buildZip, contentTypesXml, RELS } from '../attachments/files';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildConsultation, DOCX_TYPE, planner } from './consultation-helpers';

// Issue 9's requirement: another request answers within 200 ms while a .docx is being imported.
// The server shares this process with the test and the machine with other work, so the 200 ms are
// counted on top of the slowest answer seen while nothing is imported (a few ms on an idle
// machine); a conversion on the request thread holds requests up for seconds, far past either.
const LATENCY_LIMIT_MS = 200;
const WORDS = [
  'شهر',
  'محله',
  'پیاده‌راه',
  'ترافیک',
  'مترو',
  'بوستان',
  'شهروندان',
  'پیشنهاد',
  'برنامه',
  'خیابان',
  'آب',
  'درخت',
];

/**
 * A long report as Word writes one: every word its own run with fonts, sizes and revision ids,
 * so `mib` MiB of XML hold a few hundred paragraphs (compresses about 10 to 1, like real files).
 * The conversion is what is heavy; the edition it makes is an ordinary one.
 */
function longReport(mib: number): Buffer {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const run = (text: string) =>
    `<w:r w:rsidRPr="${next().toString(16).padStart(8, '0')}"><w:rPr><w:rFonts w:ascii="B Nazanin" w:hAnsi="B Nazanin" w:cs="B Nazanin"/>` +
    `<w:sz w:val="28"/><w:szCs w:val="28"/><w:rtl/></w:rPr><w:t xml:space="preserve">${text} </w:t></w:r>`;
  const parts = [`<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr>${run('گزارش مرحلهٔ شناخت')}</w:p>`];
  for (let size = 0; size < mib * 1024 * 1024; size += parts[parts.length - 1].length * 1.1) {
    const words = Array.from({ length: 60 }, () => run(WORDS[next() % WORDS.length]));
    parts.push(
      `<w:p w:rsidR="${next().toString(16)}"><w:pPr><w:bidi/></w:pPr>${run(`بند ${parts.length}:`)}${words.join('')}</w:p>`,
    );
  }
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${parts.join('')}</w:body></w:document>`;
  return buildZip({ '[Content_Types].xml': contentTypesXml(), '_rels/.rels': RELS, 'word/document.xml': document });
}

/**
 * The issue's document: 45 MB of one repeated paragraph, a zip of a few hundred KB. Built as one
 * Buffer rather than JavaScript strings: this process also serves the requests being timed, and
 * collecting 45 MB of the test's own garbage would be measured as the server's latency.
 */
function bombReport(): Buffer {
  const paragraph = Buffer.from(
    '<w:p><w:r><w:t>' + 'این بند بارها و بارها تکرار شده است تا سند بزرگ شود. '.repeat(8) + '</w:t></w:r></w:p>',
  );
  const count = Math.ceil((45 * 1024 * 1024) / paragraph.length);
  const document = Buffer.concat([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>`),
    Buffer.alloc(count * paragraph.length, paragraph),
    Buffer.from('</w:body></w:document>'),
  ]);
  return buildZip({ '[Content_Types].xml': contentTypesXml(), '_rels/.rels': RELS, 'word/document.xml': document });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

describe('importing a .docx keeps the server responsive', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let boss: Awaited<ReturnType<typeof planner>>;
  // Built before anything is timed (see bombReport).
  let long: Buffer;
  let bomb: Buffer;
  let idleSlowest: number;

  beforeAll(async () => {
    long = longReport(10);
    bomb = bombReport();
    t = await startTestApp();
    org = await buildOrganization(t.db);
    boss = await planner(t, org);
    ({ slowest: idleSlowest } = await whileTiming(() => new Promise((r) => setTimeout(r, 2000))));
  });
  afterAll(() => t.close());

  /** Runs `work` while timing GET /api/health again and again; returns its result and the slowest answer. */
  async function whileTiming<T>(work: () => Promise<T>): Promise<{ result: T; slowest: number; samples: number }> {
    const visitor = new TestClient(t.url);
    await visitor.get('/api/health');
    let done = false;
    const latencies: number[] = [];
    // Timed from when the request was due, not when it was sent: this process is also the server,
    // so a blocked event loop delays the sending too, and that wait is what a visitor would see.
    const probe = (async () => {
      while (!done) {
        const due = performance.now() + 20;
        await new Promise((r) => setTimeout(r, 20));
        const res = await visitor.get('/api/health');
        latencies.push(performance.now() - due);
        expect(res.status).toBe(200);
      }
    })();
    const result = await work().finally(() => (done = true));
    await probe;
    return { result, slowest: Math.max(...latencies), samples: latencies.length };
  }

  const uploadDocx = (activityId: string, bytes: Buffer) =>
    boss.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=activity&ownerId=${activityId}&filename=report.docx`,
      bytes,
      { 'content-type': DOCX_TYPE },
    );
  const startImport = (activityId: string, attachmentId: string) =>
    boss.client.post(`/api/orgs/${org.slug}/consultations/${activityId}/editions/import`, { attachmentId });

  const editions = async (activityId: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM consultation_edition WHERE activity_id = $1`, [activityId]))[0].n;

  it('imports a long report in a worker while other requests answer within 200 ms', async () => {
    const { activityId } = await buildConsultation(t.db, org.id);
    const upload = await uploadDocx(activityId, long);
    const { result, slowest, samples } = await whileTiming(() => startImport(activityId, upload.body.id));
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ number: 1, status: 'draft', source: 'docx', title: 'گزارش مرحلهٔ شناخت' });
    expect(slowest).toBeLessThan(idleSlowest + LATENCY_LIMIT_MS);
    expect(samples).toBeGreaterThan(5);
  }, 120_000);

  it('refuses the 45 MB document with a translated error, stores no edition, and never holds up other requests', async () => {
    const { activityId } = await buildConsultation(t.db, org.id);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const upload = await uploadDocx(activityId, bomb);
    expect(upload.status).toBe(201);
    const { result, slowest } = await whileTiming(() => startImport(activityId, upload.body.id));
    expect(slowest).toBeLessThan(idleSlowest + LATENCY_LIMIT_MS);
    expect(result.status).toBe(413);
    expect(result.body.code).toBe('consultations.docx_too_large');
    expect(result.body.fields).toEqual({ attachmentId: 'invalid_value' });
    expect(await editions(activityId)).toBe(0);
  }, 120_000);

  it('lets one import run and two wait, and turns further ones away with a translated 429, storing nothing for them', async () => {
    const consultations = await Promise.all(Array.from({ length: 5 }, () => buildConsultation(t.db, org.id)));
    const uploads = await Promise.all(consultations.map(({ activityId }) => uploadDocx(activityId, long)));
    const results = await Promise.all(
      consultations.map(({ activityId }, i) => startImport(activityId, uploads[i].body.id)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(3);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(results.filter((r) => r.status === 429).every((r) => r.body.code === 'consultations.import_busy')).toBe(
      true,
    );
    expect(statuses).toContain(429);
    for (const [i, r] of results.entries()) {
      expect(await editions(consultations[i].activityId)).toBe(r.status === 201 ? 1 : 0);
    }
  }, 180_000);
});
