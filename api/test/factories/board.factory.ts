import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { buildPlan, buildStage, daysFromToday } from './plan.factory';

/** A think-tank session of a new plan and stage, run by `facilitatorId`, its board `boardStatus`. */
export async function buildBoardSession(
  db: DataSource,
  organizationId: string,
  options: { facilitatorId?: string | null; boardStatus?: 'not_started' | 'open' | 'closed'; topic?: string } = {},
): Promise<{ id: string; planId: string; stageId: string }> {
  const plan = await buildPlan(db, organizationId);
  const stage = await buildStage(db, organizationId, plan.id, daysFromToday(-1), daysFromToday(30));
  const [row] = await db.query(
    `INSERT INTO thinktank_session (organization_id, plan_id, stage_id, topic, facilitator_id, starts_at, ends_at, board_status)
     VALUES ($1, $2, $3, $4, $5, now() - interval '10 minutes', now() + interval '2 hours', $6) RETURNING id`,
    [organizationId, plan.id, stage.id, options.topic ?? 'حمل‌ونقل عمومی', options.facilitatorId ?? null, options.boardStatus ?? 'open'],
  );
  return { id: row.id, planId: plan.id, stageId: stage.id };
}

/** `count` accounts that are members (citizens) of the municipality, made directly in the database. */
export async function buildMembers(db: DataSource, organizationId: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO account (email, display_name)
     SELECT 'member-' || $2 || '-' || i || '@example.org', 'عضو ' || i FROM generate_series(1, $1) i RETURNING id`,
    [count, randomUUID().slice(0, 8)],
  );
  await db.query(
    `INSERT INTO membership (organization_id, account_id, roles) SELECT $1, unnest($2::uuid[]), ARRAY['citizen']`,
    [organizationId, rows.map((r) => r.id)],
  );
  return rows.map((r) => r.id);
}

/** Statements on a board, made directly in the database (author: the first member). */
export async function buildStatements(db: DataSource, organizationId: string, sessionId: string, authorId: string, texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO thinktank_statement (id, organization_id, session_id, author_id, text, text_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $5, now() - make_interval(secs => $6))`,
      [id, organizationId, sessionId, authorId, text, texts.length - i],
    );
    ids.push(id);
  }
  return ids;
}

/**
 * Invites accounts to a session with an answer, made directly in the database (the board lets in
 * those who said yes or were checked in; `pending`, `no` and `waiting` stay out).
 */
export async function inviteToSession(
  db: DataSource,
  organizationId: string,
  sessionId: string,
  accountIds: string[],
  rsvp: 'yes' | 'no' | 'pending' | 'waiting' = 'yes',
): Promise<void> {
  await db.query(
    `INSERT INTO thinktank_invitation (organization_id, session_id, account_id, token_hash, expires_at, rsvp, rsvp_at, waiting_since)
     SELECT $1, s.id, a, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), s.ends_at, $4,
            CASE WHEN $4 <> 'pending' THEN now() END, CASE WHEN $4 = 'waiting' THEN now() END
       FROM thinktank_session s, unnest($3::uuid[]) a
      WHERE s.organization_id = $1 AND s.id = $2`,
    [organizationId, sessionId, accountIds, rsvp],
  );
}

/** Checks accounts in to a session (as the facilitator's list would), made directly in the database. */
export async function checkInToSession(db: DataSource, organizationId: string, sessionId: string, accountIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO thinktank_attendance (organization_id, session_id, account_id, checked_in_at, check_in_method)
     SELECT $1, $2, unnest($3::uuid[]), now(), 'list'`,
    [organizationId, sessionId, accountIds],
  );
}
