// The stakeholder registry at a large city's size: STORED registered stakeholders (default 5,000),
// then a dry run and an apply of an import file of ROWS rows (default 2,000; a fifth of them near
// duplicates of registered names, so every row goes through the pg_trgm suggestion query), a
// Persian search of the list, and the CSV export.
// Run: npx ts-node --transpile-only api/bench/stakeholders.bench.ts
//      (BENCH_STORED / BENCH_ROWS change the sizes; BENCH_ADMIN_URL the server)
import { loadavg } from 'node:os';
import { normalizeForSearch } from '@hamandishi/text';
import { OrganizationsService } from '../src/modules/organizations/organizations.service';
import { StakeholdersService } from '../src/modules/stakeholders/stakeholders.service';
import { buildOrganization } from '../test/factories/organization.factory';
import { buildPlan } from '../test/factories/plan.factory';
import { startBenchApp } from './survey-bench-setup';

const STORED = Number(process.env.BENCH_STORED ?? 5_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 2_000);
const WORDS = ['انجمن', 'سمن', 'کانون', 'مؤسسه', 'خانه', 'گروه', 'هیئت', 'شرکت', 'دانشکده', 'بنیاد'];
const TOPICS = ['محیط زیست', 'هوای پاک', 'زاینده‌رود', 'کودکان کار', 'میراث فرهنگی', 'دوچرخه', 'معلولان', 'سالمندان', 'نوآوری', 'پسماند'];
const name = (i: number) => `${WORDS[i % WORDS.length]} ${TOPICS[Math.floor(i / WORDS.length) % TOPICS.length]} ${i}`;
const ms = (from: number) => `${Math.round(performance.now() - from)} ms`;

async function main() {
  const bench = await startBenchApp('hm_bench_stakeholders');
  try {
    const org = await buildOrganization(bench.db);
    const plan = await buildPlan(bench.db, org.id);
    const [account] = await bench.db.query(`INSERT INTO account (display_name, mobile) VALUES ('برنامه‌ریز', '+989120000009') RETURNING id`);
    const actor = { accountId: account.id as string, sessionId: 'bench', isSuperadmin: true };
    const organization = await bench.app.get(OrganizationsService).getBySlug(org.slug);
    const service = bench.app.get(StakeholdersService);

    let started = performance.now();
    const names = Array.from({ length: STORED }, (_, i) => name(i));
    await bench.db.query(
      `INSERT INTO stakeholder (organization_id, form, kind, name, name_key) SELECT $1, 'organization', 'ngo', n, k FROM unnest($2::text[], $3::text[]) AS t(n, k)`,
      [org.id, names, names.map(normalizeForSearch)],
    );
    console.log(`stored ${STORED} stakeholders in ${ms(started)}`);

    // A fifth of the rows are registered names with a word changed (suggestions); the rest are new.
    const lines = ['name,kind,relation,influence,interest,mandatory'];
    for (let i = 0; i < ROWS; i++) {
      const n = i % 5 === 0 ? name(i).replace(/^\S+/, 'جمعیت') : `نهاد تازه ${TOPICS[i % TOPICS.length]} ${STORED + i}`;
      lines.push(`${n},ngo,relevant,${(i % 5) + 1},${((i + 2) % 5) + 1},${i % 3 === 0}`);
    }
    const file = Buffer.from(lines.join('\r\n'), 'utf8');

    started = performance.now();
    const dry = await service.import(organization, actor, file, true, plan.id);
    console.log(`dry run of ${ROWS} rows: ${ms(started)} (${dry.created} new, ${dry.suggestions.length} duplicate suggestions, ${dry.problems.length} problems)`);
    started = performance.now();
    const applied = await service.import(organization, actor, file, false, plan.id);
    console.log(`apply of ${ROWS} rows (one transaction, audited): ${ms(started)} (applied ${applied.applied})`);

    started = performance.now();
    const page = await service.list(organization, { q: 'زاينده رود', limit: 50, planId: plan.id });
    console.log(`search "زاينده رود" among ${STORED + ROWS}: ${ms(started)} (${page.items.length} on the first page)`);
    started = performance.now();
    const grid = await service.grid(organization, plan.id);
    console.log(`power/interest grid of ${grid.points.length} points: ${ms(started)}`);
    started = performance.now();
    const stream = await service.export(organization, actor, null, 'csv', plan.id);
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    console.log(`CSV export: ${ms(started)} (${(bytes / 1024).toFixed(0)} KiB)`);
    console.log(`load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  } finally {
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
