import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { SLUG } from './accounts';

const ROOT = path.resolve(__dirname, '../../..');

/** The e2e server's database: DATABASE_URL when set, else the embedded server's `hamandishi` database. */
function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.join(ROOT, '.data/postgres.json');
  if (!existsSync(file)) throw new Error('the embedded database is not running');
  const url = new URL((JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url);
  url.pathname = '/hamandishi';
  return url.toString();
}

async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The signed-in account of a page. */
export async function accountIdOf(page: Page): Promise<string> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { account: { id: string } | null };
  if (!session.account) throw new Error('not signed in');
  return session.account.id;
}

/**
 * A think-tank session of the demo municipality with its board not started, run by `facilitatorId`.
 * Made in the database: the sessions screens are another part of the issue.
 */
export async function createBoardSession(facilitatorId: string, topic: string): Promise<string> {
  return withDatabase(async (db) => {
    const { rows } = await db.query(
      `INSERT INTO thinktank_session (organization_id, plan_id, stage_id, topic, facilitator_id, starts_at, ends_at)
       SELECT o.id, s.plan_id, s.id, $2, $3, now() - interval '5 minutes', now() + interval '2 hours'
       FROM organization o JOIN stage s ON s.organization_id = o.id
       WHERE o.slug = $1 ORDER BY s.position LIMIT 1
       RETURNING id`,
      [SLUG, topic, facilitatorId],
    );
    if (!rows[0]) throw new Error('the demo municipality has no stage');
    return rows[0].id as string;
  });
}

/** Makes sure an account is a member of the demo municipality (a citizen who signed up there is already). */
export async function ensureMember(accountId: string): Promise<void> {
  await withDatabase((db) =>
    db.query(
      `INSERT INTO membership (organization_id, account_id) SELECT id, $2 FROM organization WHERE slug = $1
       ON CONFLICT (organization_id, account_id) DO NOTHING`,
      [SLUG, accountId],
    ),
  );
}

/**
 * Invites an account to a session with a yes (the board lets in those invited who said yes, or
 * who were checked in), made in the database: the invitation screens are tested elsewhere.
 */
export async function inviteWithYes(sessionId: string, accountId: string): Promise<void> {
  await withDatabase((db) =>
    db.query(
      `INSERT INTO thinktank_invitation (organization_id, session_id, account_id, token_hash, expires_at, rsvp, rsvp_at)
       SELECT s.organization_id, s.id, $2, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), s.ends_at, 'yes', now()
         FROM thinktank_session s WHERE s.id = $1
       ON CONFLICT (session_id, account_id) WHERE account_id IS NOT NULL DO UPDATE SET rsvp = 'yes', rsvp_at = now(), waiting_since = NULL`,
      [sessionId, accountId],
    ),
  );
}
