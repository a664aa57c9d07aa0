// Shared by the survey benchmarks: a fresh migrated database, the real app on it, a municipality
// and a 30-question survey of every question type (map answers included).
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { TSurveyDefinition, TSurveyQuestion } from '@hamandishi/contracts';
import { createApp } from '../src/bootstrap';
import { createLogger } from '../src/common/logging/logger';
import { AppConfig } from '../src/config/app-config';
import { loadEnv } from '../src/config/env';
import { runMigrations } from '../src/database/migrate';
import { buildOrganization } from '../test/factories/organization.factory';
import { buildOpenActivity } from '../test/factories/plan.factory';

export const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const t = (fa: string, en: string) => ({ fa, en });
const opts = (n: number, name: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i + 1}`, label: t(`${name} ${i + 1}`, `${name} ${i + 1}`) }));

/** 30 questions, every type at least twice where it makes sense. */
export function thirtyQuestions(): TSurveyDefinition {
  const qs: TSurveyQuestion[] = [];
  const add = (q: Omit<TSurveyQuestion, 'id' | 'title'> & Record<string, unknown>) =>
    qs.push({
      id: `q${qs.length + 1}`,
      title: t(`پرسش ${qs.length + 1}`, `Question ${qs.length + 1}`),
      ...q,
    } as TSurveyQuestion);
  for (let i = 0; i < 3; i++) add({ type: 'single_choice', options: opts(5, 'گزینه'), allowOther: true });
  for (let i = 0; i < 3; i++) add({ type: 'multiple_choice', options: opts(6, 'گزینه'), allowOther: true });
  for (let i = 0; i < 4; i++) add({ type: 'short_text' });
  add({ type: 'long_text' });
  for (let i = 0; i < 3; i++) add({ type: 'number', min: 0, max: 100 });
  for (let i = 0; i < 3; i++) add({ type: 'likert', points: 5 });
  for (let i = 0; i < 2; i++) add({ type: 'rating', max: 10 });
  for (let i = 0; i < 2; i++) add({ type: 'ranking', options: opts(4, 'اولویت') });
  for (let i = 0; i < 2; i++) add({ type: 'matrix_single', rows: opts(3, 'ردیف'), columns: opts(4, 'ستون') });
  add({ type: 'matrix_multiple', rows: opts(3, 'ردیف'), columns: opts(3, 'ستون') });
  for (let i = 0; i < 2; i++) add({ type: 'date' });
  for (let i = 0; i < 2; i++) add({ type: 'map_point' });
  for (let i = 0; i < 2; i++) add({ type: 'map_area' });
  return { sections: [{ id: 's1', questions: qs }] };
}

/** One random answer per question, valid for thirtyQuestions() in a box around Isfahan. */
export function randomAnswers(def: TSurveyDefinition, r = Math.random): Record<string, unknown> {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: Record<string, unknown> = {};
  for (const q of def.sections[0].questions) {
    const lat = 32.62 + r() * 0.06;
    const lng = 51.62 + r() * 0.1;
    switch (q.type) {
      case 'single_choice':
        out[q.id] = { choice: pick(q.options).id };
        break;
      case 'multiple_choice':
        out[q.id] = {
          choices: q.options
            .filter(() => r() < 0.4)
            .map((o) => o.id)
            .slice(0, 3)
            .concat(r() < 0.1 ? ['_other'] : []),
          other: 'سایر موارد',
        };
        if ((out[q.id] as { choices: string[] }).choices.length === 0) out[q.id] = { choices: ['o1'] };
        else if (!(out[q.id] as { choices: string[] }).choices.includes('_other'))
          delete (out[q.id] as { other?: string }).other;
        break;
      case 'short_text':
        out[q.id] = `روشنایی خیابان ${Math.floor(r() * 1000)} کافی نیست`;
        break;
      case 'long_text':
        out[q.id] = 'پیاده‌رو خراب است و شب‌ها تاریک، لطفاً رسیدگی کنید. '.repeat(3);
        break;
      case 'number':
        out[q.id] = Math.floor(r() * 100);
        break;
      case 'likert':
        out[q.id] = 1 + Math.floor(r() * 5);
        break;
      case 'rating':
        out[q.id] = 1 + Math.floor(r() * 10);
        break;
      case 'ranking':
        out[q.id] = q.options.map((o) => o.id).sort(() => r() - 0.5);
        break;
      case 'matrix_single':
        out[q.id] = Object.fromEntries(q.rows.map((row) => [row.id, pick(q.columns).id]));
        break;
      case 'matrix_multiple':
        out[q.id] = Object.fromEntries(q.rows.map((row) => [row.id, [pick(q.columns).id]]));
        break;
      case 'date':
        out[q.id] = `2025-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
        break;
      case 'map_point':
        out[q.id] = { lat, lng };
        break;
      case 'map_area':
        out[q.id] = [
          { lat, lng },
          { lat, lng: lng + 0.01 },
          { lat: lat + 0.01, lng: lng + 0.01 },
          { lat: lat + 0.01, lng },
          { lat, lng },
        ];
        break;
      default:
        break;
    }
  }
  return out;
}

/** A fresh database `name`, migrated, with the app started on it; dropped on close unless BENCH_KEEP_DB=1 (kept for inspection). */
export async function startBenchApp(name: string) {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  await runMigrations(databaseUrl);
  const config = new AppConfig(
    loadEnv({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_FACTOR: '1000000',
      COOKIE_SECURE: 'false',
      DATABASE_URL: databaseUrl,
      WEB_DIST: '/nonexistent',
    }),
    databaseUrl,
  );
  const app = await createApp(config, createLogger('warn'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const db = app.get(DataSource);
  return {
    app,
    db,
    databaseUrl,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (process.env.BENCH_KEEP_DB === '1') return;
      const a = new Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A municipality with an open survey activity whose survey has the 30 questions. */
export async function buildBenchSurvey(
  db: DataSource,
  settings: { anonymous: boolean; audience: Record<string, unknown> },
) {
  const org = await buildOrganization(db);
  const { activityId } = await buildOpenActivity(db, org.id, 'survey');
  const definition = thirtyQuestions();
  const [survey] = await db.query(
    `INSERT INTO survey (organization_id, activity_id, definition, audience, anonymous) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [org.id, activityId, JSON.stringify(definition), JSON.stringify(settings.audience), settings.anonymous],
  );
  return { org, activityId, surveyId: survey.id as string, definition };
}
