import type { TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { newSignedInPerson } from '../identity/identity-helpers';

/** The token of the newest invitation link sent to `recipient`, read from the dev outbox. */
export async function invitationTokenSentTo(client: TestClient, recipient: string): Promise<string> {
  const res = await client.get(`/api/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
  const message = (res.body as { body: string }[]).find((m) => /\/invitations\//.test(m.body));
  const match = message && /\/([a-z0-9-]+)\/invitations\/([A-Za-z0-9_-]{43})/.exec(message.body);
  if (!match) throw new Error(`no invitation sent to ${recipient}: ${res.text}`);
  return match[2];
}

/** A signed-in platform operator. */
export async function superadmin(t: TestApp) {
  const person = await newSignedInPerson(t.url, { displayName: 'گرداننده سامانه' });
  await t.db.query(`UPDATE account SET is_superadmin = true WHERE id = $1`, [person.accountId]);
  return person;
}

/** The audit actions recorded for an entity, oldest first. */
export async function auditActions(t: TestApp, organizationId: string, entityId?: string): Promise<string[]> {
  const rows: { action: string }[] = await t.db.query(
    `SELECT action FROM audit_entry WHERE organization_id = $1 AND ($2::uuid IS NULL OR entity_id = $2)
     ORDER BY created_at, id`,
    [organizationId, entityId ?? null],
  );
  return rows.map((r) => r.action);
}
