import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TestClient } from '../support/test-client';

/** A fresh Iranian mobile number in the local notation people type: 0912xxxxxxx. */
export function newMobile(): string {
  return `0912${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
}

/** The same number in E.164, as stored. */
export function e164(mobile: string): string {
  return `+98${mobile.slice(1)}`;
}

/** The newest sign-in code sent to a mobile, read from the dev outbox like a developer would. */
export async function lastCode(client: TestClient, mobile: string): Promise<string> {
  const res = await client.get(`/api/dev/outbox?recipient=${encodeURIComponent(mobile)}`);
  if (res.status !== 200 || res.body.length === 0)
    throw new Error(`no message for ${mobile}: ${res.status} ${res.text}`);
  const match = /(\d{6})/.exec(res.body[0].body);
  if (!match) throw new Error(`no code in ${res.body[0].body}`);
  return match[1];
}

/** Requests a code and verifies it: a new number signs up, a known one signs in. */
export async function signInByMobile(
  client: TestClient,
  mobile: string,
  extra: { displayName?: string; organization?: string } = { displayName: 'شهروند آزمایشی' },
) {
  const requested = await client.post('/api/auth/code', { mobile });
  if (requested.status !== 200) throw new Error(`code request failed: ${requested.status} ${requested.text}`);
  const code = await lastCode(client, mobile);
  return client.post('/api/auth/code/verify', { mobile, code, ...extra });
}

/** A signed-in browser with a new account; returns its client and account id. */
export async function newSignedInPerson(
  baseUrl: string,
  options: { displayName?: string; organization?: string } = {},
) {
  const client = new TestClient(baseUrl);
  const mobile = newMobile();
  const res = await signInByMobile(client, mobile, {
    displayName: options.displayName ?? 'شهروند آزمایشی',
    organization: options.organization,
  });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  return { client, mobile, accountId: res.body.account.id as string };
}

/** Lets the resend wait pass without sleeping: the last code looks older. */
export async function ageCodes(db: DataSource, mobile: string, seconds: number): Promise<void> {
  await db.query(`UPDATE one_time_code SET created_at = created_at - make_interval(secs => $2) WHERE recipient = $1`, [
    e164(mobile),
    seconds,
  ]);
}

/** Gives an account roles in an organisation (as an earlier admin would have). */
export async function grantRoles(
  db: DataSource,
  organizationId: string,
  accountId: string,
  roles: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO membership (organization_id, account_id, roles) VALUES ($1, $2, $3)
     ON CONFLICT (organization_id, account_id) DO UPDATE SET roles = EXCLUDED.roles`,
    [organizationId, accountId, roles],
  );
}

/** Signs up with e-mail and password: the form, the code from the e-mail, then the code. */
export async function signUpByEmail(
  client: TestClient,
  input: { email: string; password: string; displayName: string; organization?: string },
) {
  const requested = await client.post('/api/auth/email/sign-up', input);
  if (requested.status !== 202) throw new Error(`sign-up failed: ${requested.status} ${requested.text}`);
  const code = await lastCode(client, input.email);
  return client.post('/api/auth/email/sign-up/verify', { email: input.email, code, organization: input.organization });
}

/** Lets sign-in lockouts and rate-limit windows pass without sleeping: every counter looks `seconds` older. */
export async function ageRateLimits(db: DataSource, seconds: number): Promise<void> {
  await db.query(`UPDATE rate_limit_counter SET window_start = window_start - make_interval(secs => $1)`, [seconds]);
}
